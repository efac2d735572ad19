package rnn4j.kernel;

import java.util.Arrays;
import rnn4j.base.Check;

/**
 * Single-precision general matrix product {@code C = alpha·op(A)·op(B) + beta·C} on row-major arrays with offsets and
 * leading dimensions, as BLAS {@code sgemm} in row-major order. With {@code beta == 0}, C is overwritten (values in it,
 * even NaN, are ignored); with {@code alpha == 0} or {@code k == 0}, A and B are not read.
 *
 * <p>The method of Goto and van de Geijn, "Anatomy of high-performance matrix multiplication" (ACM TOMS 2008), as BLIS
 * structures it: {@code op(B)} is packed into panels of {@code NR} columns and {@link #KC} rows that stream
 * contiguously, {@code op(A)} into blocks of {@code MR} interleaved rows, and an {@code MR×NR} register-blocked FMA
 * microkernel on {@code FloatVector.SPECIES_PREFERRED} (8×32 on AVX-512: 16 accumulators, two loads of B and eight
 * broadcasts of A per step; 6×16 on AVX2) keeps a tile of C in registers for a whole {@code KC} chunk. Transposed
 * operands are transposed while packing, so all four modes run the same inner loop. Up to {@link #MC} rows, B is packed
 * a group of panels at a time just before use (each piece of B is used once); beyond, all of B is packed first. A row
 * vector ({@code m == 1}, batch-1 sampling) takes a GEMV path instead, as that case is bound by memory bandwidth. A
 * weight reused at every time step can be packed once with {@link #pack} and multiplied with {@link #gemm(boolean, int,
 * float, float[], int, int, PackedMatrix, float, float[], int, int)}; the result is bit-identical to the unpacked call.
 * Variants read the addend {@code beta·D} from another matrix D, or one row for all rows of C (a bias), so a layer's
 * bias costs neither a pass filling C with it nor the product's read of C.
 *
 * <p>Work is split over {@link Parallel} by blocks of C only (columns when there are few rows, rows otherwise), and
 * only when the product is big enough to pay for the hand-off. Every element of C is summed over k in the same order
 * (ascending k, one fused multiply-add chain per {@link #KC} chunk, chunks added in order) whatever the thread count,
 * so results are bit-identical for any number of threads. Without the Vector API a scalar path computes the same sums
 * in the same order, to the same bits. Work buffers are kept per thread ({@link Scratch}) and grow to the largest
 * product seen: an unpacked product with more than {@link #MC} rows keeps a k×n copy of B on the calling thread.
 */
public final class Gemm {
    private Gemm() {}

    /**
     * Rows of the microkernel tile. The tile holds 2·MR accumulators, two vectors of B and a broadcast of A in
     * registers: 19 of AVX-512's 32 with 8 rows. AVX2 has 16, where 8 rows spilled accumulators to the stack at every
     * step and ran at 0.55 of 6 rows (15 registers) in a probe on a Zen 3 core.
     */
    static final int MR = Simd.LANES >= 16 ? 8 : 6;
    /**
     * Rows of the short tile that ends a block of rows whose height leaves at most this many past its last full tile.
     * Computed as a full tile, such a remainder cost an MR-row kernel and then element-by-element stores: a recurrent
     * layer's 16-row block is 6 + 6 + 4 rows on AVX2, and a probe found 16 rows 7% slower than 18.
     */
    static final int SHORT_MR = 4;
    /** Columns of the microkernel tile: two vectors. */
    static final int NR = 2 * Simd.LANES;
    /** Depth of a packed chunk: a KC×NR panel of B (32 KB with AVX-512) stays in the 48 KB L1 cache. */
    static final int KC = 256;
    /** Most rows of A one task packs at once: an MC×KC block (512 KB) stays in L2. */
    static final int MC = 512;
    /** Fewest rows a parallel task takes when a product is split by rows. */
    private static final int MIN_ROW_BLOCK = 128;
    /** Most floats of a block's A packed at once (1 MB): with a C strip and B panels it stays in the 2 MB L2. */
    private static final long WHOLE_A_MAX = 1 << 18;
    /**
     * Rows of a C strip (NR columns) that all of a group's chunks finish before the next rows. A whole block's strip
     * (up to 512 rows, 2 cache lines each) did not stay in L2 between chunks: with C rows 4-8 KB apart (n = 1024 or
     * 2048) its lines fall in only 16-32 of L2's sets, more lines per set than L2 has ways, and every later chunk
     * reloaded the strip from L3 at the start of each tile. A whole number of tiles: 64 rows on AVX-512, 48 on AVX2.
     */
    private static final int STRIP_ROWS = 8 * MR;
    /**
     * Floats before the first element of packed B, in every buffer that holds it. A float[]'s data starts 16 bytes
     * into the object, so when the object starts on a 64-byte boundary the panels start on cache lines and no 64-byte
     * load of B straddles two of them. G1 starts arrays of half a region or more (humongous: 1 MB or more here) on a
     * region boundary, and the launcher's {@code -XX:ObjectAlignmentInBytes=64} starts every object on one. A probe
     * calling the microkernel on an L1-resident panel at each of 16 offsets found the aligned one 8-10% faster than
     * the 15 others; elsewhere the pad costs 48 bytes.
     */
    static final int PACKED_BASE = 12;
    /** Panels packed side by side, row by row. */
    private static final int PACK_GROUP = 8;

    /** The first chunk with beta == 0 overwrites C. */
    static final int OVERWRITE = 0;
    /** The first chunk with beta != 0 scales C. */
    static final int SCALE = 1;
    /** Later chunks add to C. */
    static final int ADD = 2;

    /** Below this much work a second thread costs more than it saves. */
    private static final double PARALLEL_MIN_FLOPS = 1 << 20;
    /** Below this many elements packing or a GEMV stays on one thread. */
    private static final long PARALLEL_MIN_ELEMENTS = 1 << 16;

    /**
     * {@code C(m×n) = alpha·op(A)·op(B) + beta·C}, where {@code op(A)} is {@code (m×k)} and {@code op(B)} is
     * {@code (k×n)}; {@code transA} means A is stored {@code (k×m)}, {@code transB} that B is stored {@code (n×k)}.
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float beta, float[] c, int cOff, int ldc) {
        gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, c, cOff, ldc);
    }

    /**
     * {@code C(m×n) = alpha·op(A)·op(B) + beta·D}: {@link #gemm(boolean, boolean, int, int, int, float, float[], int,
     * int, float[], int, int, float, float[], int, int)} with the addend read from D, rows {@code ldd} apart,
     * instead of from C; {@code ldd == 0} adds the same row of n values to every row of C, a bias. The result has the
     * bits of copying D into C and calling that method, without the copy's pass over C, nor the product's read of it.
     * D is C itself (same array, offset and leading dimension) or does not overlap C.
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float beta, float[] d, int dOff, int ldd, float[] c, int cOff, int ldc) {
        Check.argument(m >= 0 && n >= 0 && k >= 0, "Gemm.gemm: sizes must be >= 0, got m=%s n=%s k=%s", m, n, k);
        checkOperand("Gemm.gemm", "A", a, aOff, lda, transA ? k : m, transA ? m : k);
        checkOperand("Gemm.gemm", "B", b, bOff, ldb, transB ? n : k, transB ? k : n);
        Target out = target("Gemm.gemm", m, n, alpha, beta, d, dOff, ldd, c, cOff, ldc);
        if (settled(out, m, n, k)) {
            return;
        }
        boolean vector = Simd.enabled();
        if (m == 1) {
            float[] x = transA && lda != 1 ? gatherColumn(k, a, aOff, lda) : a;
            int xOff = x == a ? aOff : 0;
            if (transB) {
                gemvDot(vector, k, n, alpha, x, xOff, b, bOff, ldb, beta, c, cOff);
            } else {
                gemvRows(vector, k, n, alpha, x, xOff, b, bOff, ldb, beta, c, cOff);
            }
            return;
        }
        int nPadded = paddedColumns(n);
        if (m <= MC && !splitsRows(m, n)) {
            // One block of rows uses each piece of B once: each task packs its panels just before using them, into a
            // buffer that stays in L2, instead of writing all of B out and reading it back.
            multiply(vector, transA, m, n, k, a, aOff, lda, new Plain(transB, b, bOff, ldb), null, nPadded, out);
            return;
        }
        float[] packed = Scratch.get().packedB(packedSize("Gemm.gemm", k, nPadded));
        packB(transB, k, n, b, bOff, ldb, packed, nPadded);
        multiply(vector, transA, m, n, k, a, aOff, lda, null, packed, nPadded, out);
    }

    /**
     * Packs {@code op(B)} {@code (k×n)} once for repeated products; {@code transB} means B is stored {@code (n×k)}.
     * The packed copy does not follow later changes of {@code b}.
     */
    public static PackedMatrix pack(boolean transB, int k, int n, float[] b, int bOff, int ldb) {
        Check.argument(k >= 0 && n >= 0, "Gemm.pack: sizes must be >= 0, got k=%s n=%s", k, n);
        checkOperand("Gemm.pack", "B", b, bOff, ldb, transB ? n : k, transB ? k : n);
        int nPadded = paddedColumns(n);
        float[] data = new float[packedSize("Gemm.pack", k, nPadded)];
        packB(transB, k, n, b, bOff, ldb, data, nPadded);
        return new PackedMatrix(k, n, nPadded, data);
    }

    /**
     * {@code C(m×n) = alpha·op(A)·B + beta·C} with B packed by {@link #pack}: {@code op(A)} is {@code (m×k)} with
     * {@code k = b.k()}, {@code n = b.n()}; {@code transA} means A is stored {@code (k×m)}. Bit-identical to the
     * unpacked {@link #gemm(boolean, boolean, int, int, int, float, float[], int, int, float[], int, int, float,
     * float[], int, int)} on the same operands, except that for {@code m == 1} with a transposed unpacked B the two
     * sum in different orders.
     */
    public static void gemm(boolean transA, int m, float alpha, float[] a, int aOff, int lda, PackedMatrix b,
                            float beta, float[] c, int cOff, int ldc) {
        gemm(transA, m, alpha, a, aOff, lda, b, beta, c, cOff, ldc, c, cOff, ldc);
    }

    /**
     * {@code C(m×n) = alpha·op(A)·B + beta·D} with B packed: the addend read from D as in
     * {@link #gemm(boolean, boolean, int, int, int, float, float[], int, int, float[], int, int, float, float[], int,
     * int, float[], int, int)}.
     */
    public static void gemm(boolean transA, int m, float alpha, float[] a, int aOff, int lda, PackedMatrix b,
                            float beta, float[] d, int dOff, int ldd, float[] c, int cOff, int ldc) {
        Check.argument(b != null, "Gemm.gemm: packed B must not be null, got null");
        int k = b.k();
        int n = b.n();
        Check.argument(m >= 0, "Gemm.gemm: m must be >= 0, got %s", m);
        checkOperand("Gemm.gemm", "A", a, aOff, lda, transA ? k : m, transA ? m : k);
        Target out = target("Gemm.gemm", m, n, alpha, beta, d, dOff, ldd, c, cOff, ldc);
        if (settled(out, m, n, k)) {
            return;
        }
        boolean vector = Simd.enabled();
        if (m == 1) {
            float[] x = transA && lda != 1 ? gatherColumn(k, a, aOff, lda) : a;
            int xOff = x == a ? aOff : 0;
            gemvPacked(vector, k, n, alpha, x, xOff, b.data, b.nPadded(), beta, c, cOff);
            return;
        }
        multiply(vector, transA, m, n, k, a, aOff, lda, null, b.data, b.nPadded(), out);
    }

    // ---- checks and small helpers ----

    private static void checkOperand(String method, String name, float[] x, int off, int ld, int rows, int cols) {
        Check.argument(x != null, "%s: %s must not be null, got null", method, name);
        Check.argument(ld >= Math.max(1, cols),
                "%s: leading dimension of %s must be >= max(1, columns), got %s for a [%s, %s] matrix",
                method, name, ld, rows, cols);
        Check.argument(off >= 0, "%s: offset of %s must be >= 0, got %s", method, name, off);
        long end = rows == 0 || cols == 0 ? off : off + (long) (rows - 1) * ld + cols;
        Check.argument(end <= x.length,
                "%s: %s must hold a [%s, %s] matrix with leading dimension %s from offset %s, got length %s",
                method, name, rows, cols, ld, off, x.length);
    }

    /**
     * Settles what every product handles alike and returns whether nothing is left to compute: an empty C, or nothing
     * to multiply (C = beta·D). Before a batch-1 product, which updates C in place, D is copied into C.
     */
    private static boolean settled(Target out, int m, int n, int k) {
        if (m == 0 || n == 0) {
            return true;
        }
        boolean nothingToMultiply = k == 0 || out.alpha() == 0f;
        if (nothingToMultiply || m == 1) {
            out.addendIntoC(m, n);
        }
        if (nothingToMultiply) {
            scale(m, n, out.beta(), out.c(), out.cOff(), out.ldc());
        }
        return nothingToMultiply;
    }

    /** Checks C and D and bundles them; D is C itself when given as the same array, offset and stride. */
    private static Target target(String method, int m, int n, float alpha, float beta, float[] d, int dOff, int ldd,
                                 float[] c, int cOff, int ldc) {
        checkOperand(method, "C", c, cOff, ldc, m, n);
        if (ldd == 0) {
            checkOperand(method, "D", d, dOff, Math.max(1, n), Math.min(m, 1), n);   // one row for all
        } else {
            checkOperand(method, "D", d, dOff, ldd, m, n);
        }
        return new Target(c, cOff, ldc, alpha, beta, d, dOff, ldd);
    }

    /**
     * Where a product goes: {@code C = alpha·acc + beta·D}, D read by the first KC chunk only (later chunks add to C).
     * D is C itself (BLAS's update in place) or another matrix, rows {@code ldd} apart ({@code 0}: one row for all).
     */
    private record Target(float[] c, int cOff, int ldc, float alpha, float beta, float[] d, int dOff, int ldd) {
        int cAt(int row, int col) {
            return cOff + row * ldc + col;
        }

        int dAt(int row, int col) {
            return dOff + row * ldd + col;
        }

        /** C's element (row, col) from a tile's sum, by the store rule of the chunk's mode. */
        void store(int row, int col, float acc, int mode) {
            int ci = cAt(row, col);
            float old = switch (mode) {
                case OVERWRITE -> 0f;
                case SCALE -> d[dAt(row, col)];
                default -> c[ci];
            };
            c[ci] = apply(acc, old, alpha, beta, mode);
        }

        /** Copies D into C when they differ (and beta reads D), for the paths that update C in place. */
        void addendIntoC(int m, int n) {
            if (beta == 0f || d == c && dOff == cOff && ldd == ldc) {
                return;
            }
            for (int i = 0; i < m; i++) {
                System.arraycopy(d, dAt(i, 0), c, cAt(i, 0), n);
            }
        }
    }

    private static int paddedColumns(int n) {
        return (int) ((n + (long) NR - 1) / NR * NR);
    }

    private static int packedSize(String method, int k, int nPadded) {
        long size = PACKED_BASE + (long) k * nPadded;
        Check.argument(size <= Integer.MAX_VALUE - 16,
                "%s: packed B must fit in one array, got k=%s n=%s; split the product", method, k, nPadded);
        return (int) size;
    }

    private static float[] gatherColumn(int k, float[] a, int aOff, int lda) {
        float[] x = Scratch.get().row(k);
        for (int p = 0; p < k; p++) {
            x[p] = a[aOff + p * lda];
        }
        return x;
    }

    /** C = beta·C, with beta == 0 writing zeros over anything (NaN included). */
    private static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
        if (beta == 1f) {
            return;
        }
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (beta == 0f) {
                Arrays.fill(c, row, row + n, 0f);
            } else {
                for (int j = row; j < row + n; j++) {
                    c[j] *= beta;
                }
            }
        }
    }

    /**
     * The store rule shared by every path, so edges and interiors, scalar and vector round alike: one fused
     * multiply-add {@code acc·alpha + old·s} with {@code s} = 0 and old taken as 0 (overwrite: NaN in C ignored),
     * {@code s = beta} (first chunk) or {@code s = 1} (later chunks).
     */
    static float apply(float acc, float old, float alpha, float beta, int mode) {
        float scaled = switch (mode) {
            case OVERWRITE -> 0f;
            case SCALE -> old * beta;
            default -> old;
        };
        return Math.fma(acc, alpha, scaled);
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    private static void run(int tasks, java.util.function.IntConsumer body) {
        if (tasks == 1) {
            body.accept(0);
        } else {
            Parallel.forEach(tasks, body);
        }
    }

    // ---- packing ----

    /** Packs op(B) (k×n) into {@code dst} in the {@link PackedMatrix} layout, in parallel. */
    static void packB(boolean transB, int k, int n, float[] b, int bOff, int ldb, float[] dst, int nPadded) {
        int panels = nPadded / NR;
        int groups = ceilDiv(panels, PACK_GROUP);
        int units = groups * ceilDiv(k, KC);
        int threads = Parallel.threads();
        int tasks = threads > 1 && (long) k * n >= PARALLEL_MIN_ELEMENTS ? Math.min(units, 4 * threads) : 1;
        run(tasks, t -> {
            for (int u = units * t / tasks; u < units * (t + 1) / tasks; u++) {
                int pc = u / groups * KC;
                int kc = Math.min(KC, k - pc);
                int jp0 = u % groups * PACK_GROUP;
                packPanels(transB, kc, n, b, bOff, ldb, pc, jp0, Math.min(panels, jp0 + PACK_GROUP), dst,
                        PACKED_BASE + pc * nPadded + jp0 * NR * kc);
            }
        });
    }

    /**
     * Packs panels [jp0, jp1) of chunk pc (kc rows) of op(B) to {@code dst} from {@code base}, kc×NR each, in order.
     * A plain B goes row by row over the whole group: each step reads 1 KB of a row of B in sequence (the
     * prefetchers follow it) and writes 8 streams; panel by panel jumps a whole row of B per 128 bytes, and all
     * panels at once writes 64 streams 32 KB apart: both ran 2-9x slower.
     */
    private static void packPanels(boolean transB, int kc, int n, float[] b, int bOff, int ldb, int pc, int jp0,
                                   int jp1, float[] dst, int base) {
        if (transB) {
            for (int jp = jp0; jp < jp1; jp++) {
                packPanelTransposed(kc, n, b, bOff, ldb, pc, jp, dst, base + (jp - jp0) * NR * kc);
            }
            return;
        }
        for (int p = 0; p < kc; p++) {
            int src = bOff + (pc + p) * ldb;
            for (int jp = jp0; jp < jp1; jp++) {
                int d = base + (jp - jp0) * NR * kc + p * NR;
                int cols = Math.min(NR, n - jp * NR);
                System.arraycopy(b, src + jp * NR, dst, d, cols);
                if (cols < NR) {
                    Arrays.fill(dst, d + cols, d + NR, 0f);
                }
            }
        }
    }

    /** One kc×NR panel of op(B) = Bᵀ, B stored (n×k): each row of B becomes a column of the panel. */
    private static void packPanelTransposed(int kc, int n, float[] b, int bOff, int ldb, int pc, int jp,
                                            float[] dst, int base) {
        int j0 = jp * NR;
        int cols = Math.min(NR, n - j0);
        if (cols == NR && Simd.enabled()) {
            int[] rows = Scratch.get().rowOffsets(NR, ldb);
            GemmVector.gatherPanel(kc, b, bOff + j0 * ldb + pc, rows, dst, base);
            return;
        }
        for (int jj = 0; jj < cols; jj++) {
            int src = bOff + (j0 + jj) * ldb + pc;
            int d = base + jj;
            for (int p = 0; p < kc; p++) {
                dst[d + p * NR] = b[src + p];
            }
        }
        for (int p = 0; p < kc && cols < NR; p++) {
            Arrays.fill(dst, base + p * NR + cols, base + p * NR + NR, 0f);
        }
    }

    /** Packs rows [i0, i1) of op(A), columns [pc, pc + kc), into MR-row blocks (zero rows past i1). */
    private static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int i1, int pc, int kc,
                              float[] dst, int dstOff) {
        boolean vector = Simd.enabled() && Simd.LANES >= MR;
        if (transA) {
            // Each stored row of A is read once, front to back, and dealt out to the MR-row blocks; block by block,
            // every MR floats read came from another row and pulled in a fresh cache line that the next block would
            // need again after it had been evicted.
            int first = i0;
            if (vector) {
                int full = (i1 - i0) / MR;
                GemmVector.packTransposedBlocks(kc, full, a, aOff + pc * lda + i0, lda, dst, dstOff);
                first = i0 + full * MR;
            }
            for (int p = 0; p < kc && first < i1; p++) {
                int src = aOff + (pc + p) * lda;
                for (int r0 = first, d = dstOff + (first - i0) * kc + p * MR; r0 < i1; r0 += MR, d += kc * MR) {
                    int rows = Math.min(MR, i1 - r0);
                    System.arraycopy(a, src + r0, dst, d, rows);
                    if (rows < MR) {
                        Arrays.fill(dst, d + rows, d + MR, 0f);
                    }
                }
            }
            return;
        }
        // The gather deals L/8 columns of an 8-row block per vector; 6 rows do not divide the lanes.
        boolean gather = vector && MR == 8;
        int[] lanes = gather ? Scratch.get().blockOffsets(lda) : null;   // looked up once, not per block
        for (int r0 = i0, base = dstOff; r0 < i1; r0 += MR, base += kc * MR) {
            int rows = Math.min(MR, i1 - r0);
            if (gather && rows == MR) {
                GemmVector.gatherBlock(kc, a, aOff + r0 * lda + pc, lanes, dst, base);
                continue;
            }
            for (int r = 0; r < MR; r++) {
                int d = base + r;
                if (r < rows) {
                    int src = aOff + (r0 + r) * lda + pc;
                    for (int p = 0; p < kc; p++) {
                        dst[d + p * MR] = a[src + p];
                    }
                } else {
                    for (int p = 0; p < kc; p++) {
                        dst[d + p * MR] = 0f;
                    }
                }
            }
        }
    }

    // ---- the blocked product ----

    /** An unpacked B, packed panel group by panel group inside the tasks. */
    private record Plain(boolean transB, float[] b, int off, int ld) {}

    private static void multiply(boolean vector, boolean transA, int m, int n, int k,
                                 float[] a, int aOff, int lda, Plain plain, float[] bp, int nPadded, Target out) {
        int panels = nPadded / NR;
        int threads = Parallel.threads();
        boolean parallel = threads > 1 && 2.0 * m * n * k >= PARALLEL_MIN_FLOPS;
        int rowBlocks = ceilDiv(m, MC);
        int colSplits = 1;
        if (parallel) {
            // Few rows: split the columns, so each thread streams only its share of B. Many: split the rows, in a
            // multiple of the thread count of near-equal blocks.
            if (rowBlocks == 1 && !splitsRows(m, n)) {
                colSplits = Math.min(panels, 2 * threads);
            } else {
                // At least four blocks per thread, so a core slowed by a neighbour on the host delays a quarter of
                // its share rather than half of the product; but no block under MIN_ROW_BLOCK rows, which would
                // reload B panels for too little work.
                int balanced = Math.min(4 * threads, Math.max(1, m / MIN_ROW_BLOCK));
                rowBlocks = ceilDiv(Math.max(rowBlocks, balanced), threads) * threads;
            }
        }
        int mc = ceilDiv(ceilDiv(m, rowBlocks), MR) * MR;
        int blocks = ceilDiv(m, mc);
        int splits = colSplits;
        // Column tasks share all rows of A: pack A once for all of them (in parallel) instead of once per task.
        float[] sharedA = splits > 1 ? packAllA(transA, m, k, a, aOff, lda) : null;
        run(blocks * splits, t -> {
            int i0 = t / splits * mc;
            int s = t % splits;
            block(vector, transA, i0, Math.min(m, i0 + mc), panels * s / splits, panels * (s + 1) / splits, n, k,
                    a, aOff, lda, sharedA, plain, bp, nPadded, out);
        });
    }

    /**
     * Whether a product of at most {@link #MC} rows splits its rows over the team rather than its columns: when A is
     * the larger operand (more rows than columns, so m·k > k·n) and tall enough for a block per thread. That is a
     * weight gradient {@code dGᵀ·X}, (G·H × T·B)·(T·B × I): split by columns, every task streamed all of the large
     * packed A (13 MB for H = 128) to fill its narrow strip; split by rows, each packs and streams only its own rows
     * and B (the smaller one) is packed once. Same sums per element either way, so the same bits. 512×128×6400 with
     * A transposed, 2 threads, alternating runs: 44-50 GFLOP/s split by columns (no faster than one thread), 61-67
     * split by rows.
     */
    private static boolean splitsRows(int m, int n) {
        return m > n && m >= 2 * MIN_ROW_BLOCK && Parallel.threads() > 1;
    }

    /** All of op(A) (m×k) packed: chunk pc at {@code pc·roundUp(m, MR)}, MR-row blocks inside, as {@link #packA}. */
    private static float[] packAllA(boolean transA, int m, int k, float[] a, int aOff, int lda) {
        int mPadded = ceilDiv(m, MR) * MR;
        float[] dst = Scratch.get().sharedA(mPadded * k);
        int blocks = mPadded / MR;
        int units = ceilDiv(k, KC) * blocks;
        int threads = Parallel.threads();
        int tasks = threads > 1 && (long) m * k >= PARALLEL_MIN_ELEMENTS ? Math.min(units, 2 * threads) : 1;
        run(tasks, t -> {
            for (int u = units * t / tasks; u < units * (t + 1) / tasks; u++) {
                int pc = u / blocks * KC;
                int kc = Math.min(KC, k - pc);
                int r0 = u % blocks * MR;
                packA(transA, a, aOff, lda, r0, Math.min(m, r0 + MR), pc, kc, dst, pc * mPadded + r0 * kc);
            }
        });
        return dst;
    }

    /** Rows [i0, i1) times panels [p0, p1): one task, all of k. */
    private static void block(boolean vector, boolean transA, int i0, int i1, int p0, int p1, int n, int k,
                              float[] a, int aOff, int lda, float[] sharedA, Plain plain,
                              float[] packedB, int nPadded, Target out) {
        Scratch scratch = Scratch.get();
        int rowsPadded = ceilDiv(i1 - i0, MR) * MR;
        if (sharedA == null && plain == null) {
            // As many chunks of this block's A as fit in L2 together (at least one) are packed at once; then each
            // panel's C strip is finished over all of them before the next panel, so the strip is still cached when
            // the later chunks add to it. Chunk by chunk over all panels, every later chunk found the block's C
            // strips evicted (C is several MB) and waited on memory at the end of each tile. Same sums in the same
            // order: the same bits.
            int group = (int) Math.max(1, WHOLE_A_MAX / ((long) rowsPadded * KC)) * KC;
            float[] ap = scratch.packedA(rowsPadded * Math.min(k, group));
            for (int g0 = 0; g0 < k; g0 += group) {
                int g1 = Math.min(k, g0 + group);
                for (int pc = g0; pc < g1; pc += KC) {
                    packA(transA, a, aOff, lda, i0, i1, pc, Math.min(KC, k - pc), ap, rowsPadded * (pc - g0));
                }
                for (int jp = p0; jp < p1; jp++) {
                    for (int s0 = i0; s0 < i1; s0 += STRIP_ROWS) {
                        int s1 = Math.min(i1, s0 + STRIP_ROWS);
                        for (int pc = g0; pc < g1; pc += KC) {
                            int kc = Math.min(KC, k - pc);
                            tiles(vector, s0, s1, kc, ap, rowsPadded * (pc - g0) + (s0 - i0) * kc, packedB,
                                    PACKED_BASE + pc * nPadded + jp * NR * kc, jp, n, out, mode(pc, out.beta()),
                                    scratch);
                        }
                    }
                }
            }
            return;
        }
        float[] ap = sharedA != null ? sharedA : scratch.packedA(rowsPadded * KC);
        float[] bp = plain != null ? scratch.groupB(PACKED_BASE + KC * NR * PACK_GROUP) : packedB;
        int mPadded = ceilDiv(i1, MR) * MR; // only used with sharedA, where i0 == 0 and i1 == m
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            int aBase = 0;
            if (sharedA != null) {
                aBase = pc * mPadded + i0 * kc;
            } else {
                packA(transA, a, aOff, lda, i0, i1, pc, kc, ap, 0);
            }
            for (int jp = p0; jp < p1; jp++) {
                int bo;
                if (plain == null) {
                    bo = PACKED_BASE + pc * nPadded + jp * NR * kc;
                } else {
                    int group = (jp - p0) % PACK_GROUP;
                    if (group == 0) {
                        packPanels(plain.transB(), kc, n, plain.b(), plain.off(), plain.ld(), pc, jp,
                                Math.min(p1, jp + PACK_GROUP), bp, PACKED_BASE);
                    }
                    bo = PACKED_BASE + group * NR * kc;
                }
                tiles(vector, i0, i1, kc, ap, aBase, bp, bo, jp, n, out, mode(pc, out.beta()), scratch);
            }
        }
    }

    /** The store mode of chunk {@code pc}: the first overwrites or scales C, later ones add to it. */
    private static int mode(int pc, float beta) {
        return pc > 0 ? ADD : beta == 0f ? OVERWRITE : SCALE;
    }

    /** Rows [i0, i1) of panel jp for one chunk: packed A from {@code aBase}, the panel of B at {@code bo}. */
    private static void tiles(boolean vector, int i0, int i1, int kc, float[] ap, int aBase, float[] bp, int bo,
                              int jp, int n, Target out, int mode, Scratch scratch) {
        int cols = Math.min(NR, n - jp * NR);
        int col = jp * NR;
        for (int r0 = i0, ao = aBase; r0 < i1; r0 += MR, ao += kc * MR) {
            int rows = Math.min(MR, i1 - r0);
            int height = rows <= SHORT_MR ? SHORT_MR : MR;   // rows the kernel computes
            if (rows == height && cols == NR) {
                kernel(vector, height, kc, ap, ao, bp, bo, out, r0, col, mode);
            } else {
                float[] tile = scratch.tile(MR * NR);
                kernel(vector, height, kc, ap, ao, bp, bo, tile, 0, NR, 1f, 0f, ZEROS, 0, 0);
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < cols; j++) {
                        out.store(r0 + r, col + j, tile[r * NR + j], mode);
                    }
                }
            }
        }
    }

    /** Zeros read as "old C" when C is overwritten: one row of a tile, read with a row stride of 0. */
    private static final float[] ZEROS = new float[NR];

    /**
     * The tile of C at (row, col), {@code height} rows by NR columns, all inside C; the store mode becomes data (what
     * to read as old C, and its scale), not a branch in the microkernel.
     */
    private static void kernel(boolean vector, int height, int kc, float[] ap, int ao, float[] bp, int bo,
                               Target out, int row, int col, int mode) {
        int co = out.cAt(row, col);
        float[] c = out.c();
        int ldc = out.ldc();
        switch (mode) {
            case OVERWRITE -> kernel(vector, height, kc, ap, ao, bp, bo, c, co, ldc, out.alpha(), 0f, ZEROS, 0, 0);
            case SCALE -> kernel(vector, height, kc, ap, ao, bp, bo, c, co, ldc, out.alpha(), out.beta(), out.d(),
                    out.dAt(row, col), out.ldd());
            default -> kernel(vector, height, kc, ap, ao, bp, bo, c, co, ldc, out.alpha(), 1f, c, co, ldc);
        }
    }

    /**
     * The microkernel: {@code C = acc·alpha + old·scale} for the first {@code height} rows (MR or {@link #SHORT_MR})
     * of a packed MR-row block times NR columns, old rows {@code ldo} apart.
     */
    private static void kernel(boolean vector, int height, int kc, float[] ap, int ao, float[] bp, int bo, float[] c,
                               int co, int ldc, float alpha, float scale, float[] old, int oo, int ldo) {
        if (!vector) {
            GemmScalar.kernel(height, kc, ap, ao, bp, bo, c, co, ldc, alpha, scale, old, oo, ldo);
        } else if (height == MR) {
            GemmVector.kernel(kc, ap, ao, bp, bo, c, co, ldc, alpha, scale, old, oo, ldo);
        } else {
            GemmVector.kernel4(kc, ap, ao, bp, bo, c, co, ldc, alpha, scale, old, oo, ldo);
        }
    }

    // ---- m == 1: bandwidth-bound matrix-vector products ----

    /** Columns per GEMV task: an even share per thread, in whole panels. */
    private static int gemvWidth(int k, int n) {
        int threads = Parallel.threads();
        if (threads == 1 || (long) k * n < PARALLEL_MIN_ELEMENTS) {
            return paddedColumns(n);
        }
        return paddedColumns(ceilDiv(n, 2 * threads));
    }

    /** c = alpha·x·B + beta·c with B (k×n) row-major: rows of B stream past accumulators of the output. */
    private static void gemvRows(boolean vector, int k, int n, float alpha, float[] x, int xOff,
                                 float[] b, int bOff, int ldb, float beta, float[] c, int cOff) {
        int width = gemvWidth(k, n);
        int mode = beta == 0f ? OVERWRITE : SCALE;
        run(ceilDiv(n, width), t -> {
            int j0 = t * width;
            int w = Math.min(width, n - j0);
            float[] acc = Scratch.get().sums(w);
            Arrays.fill(acc, 0, w, 0f);
            for (int p = 0; p < k; p++) {
                if (vector) {
                    GemmVector.axpy(w, x[xOff + p], b, bOff + p * ldb + j0, acc);
                } else {
                    GemmScalar.axpy(w, x[xOff + p], b, bOff + p * ldb + j0, acc);
                }
            }
            for (int j = 0; j < w; j++) {
                int ci = cOff + j0 + j;
                c[ci] = apply(acc[j], mode == OVERWRITE ? 0f : c[ci], alpha, beta, mode);
            }
        });
    }

    /** c = alpha·x·Bᵀ + beta·c with B (n×k) row-major: one dot product per row of B. */
    private static void gemvDot(boolean vector, int k, int n, float alpha, float[] x, int xOff,
                                float[] b, int bOff, int ldb, float beta, float[] c, int cOff) {
        int width = gemvWidth(k, n);
        run(ceilDiv(n, width), t -> dotColumns(vector, t * width, Math.min(width, n - t * width), k, alpha, x, xOff, b,
                bOff, ldb, beta, c, cOff));
    }

    /** Columns {@code [j0, j0 + w)} of {@link #gemvDot}. */
    private static void dotColumns(boolean vector, int j0, int w, int k, float alpha, float[] x, int xOff,
                                   float[] b, int bOff, int ldb, float beta, float[] c, int cOff) {
        int mode = beta == 0f ? OVERWRITE : SCALE;
        float[] dots = Scratch.get().sums(w);
        if (vector) {
            GemmVector.dots(k, w, x, xOff, b, bOff + j0 * ldb, ldb, dots);
        } else {
            GemmScalar.dots(k, w, x, xOff, b, bOff + j0 * ldb, ldb, dots);
        }
        for (int j = 0; j < w; j++) {
            int ci = cOff + j0 + j;
            c[ci] = apply(dots[j], mode == OVERWRITE ? 0f : c[ci], alpha, beta, mode);
        }
    }

    /**
     * One batch-1 product {@code c(1×n) = x(1×k)·Bᵀ + beta·c} of {@link #gemvDots}, with B {@code (n×k)} row-major.
     */
    public record Dot(int k, float[] x, int xOff, float[] b, int bOff, float beta, float[] c, int cOff) {}

    /**
     * Several batch-1 products with the same n, one after the other, in a single pass over the thread team: a
     * recurrent step's {@code x·W_ihᵀ} and {@code h·W_hhᵀ} wake the team once instead of twice, and a slow core
     * delays one hand-off instead of two. Each output column is done by one task, products in the given order, so
     * they may add into the same output, and every result has the bits of the separate
     * {@link #gemm(boolean, boolean, int, int, int, float, float[], int, int, float[], int, int, float, float[], int,
     * int)} calls with {@code alpha = 1} and a transposed B.
     */
    public static void gemvDots(int n, Dot... products) {
        Check.argument(products != null, "Gemm.gemvDots: products must not be null, got null");
        Check.argument(n >= 0, "Gemm.gemvDots: n must be >= 0, got %s", n);
        long work = 0;
        for (Dot p : products) {
            Check.argument(p != null, "Gemm.gemvDots: products must not hold null, got %s", Arrays.toString(products));
            Check.argument(p.k() >= 0, "Gemm.gemvDots: k must be >= 0, got %s", p.k());
            int ld = Math.max(1, p.k());
            checkOperand("Gemm.gemvDots", "x", p.x(), p.xOff(), ld, 1, p.k());
            checkOperand("Gemm.gemvDots", "B", p.b(), p.bOff(), ld, n, p.k());
            checkOperand("Gemm.gemvDots", "C", p.c(), p.cOff(), n, 1, n);
            work += p.k();
        }
        if (n == 0) return;
        boolean vector = Simd.enabled();
        int width = gemvWidth((int) Math.min(work, Integer.MAX_VALUE), n);
        run(ceilDiv(n, width), t -> {
            int j0 = t * width;
            int w = Math.min(width, n - j0);
            for (Dot p : products) {
                if (p.k() == 0) {
                    scale(1, w, p.beta(), p.c(), p.cOff() + j0, n);
                } else {
                    dotColumns(vector, j0, w, p.k(), 1f, p.x(), p.xOff(), p.b(), p.bOff(), p.k(), p.beta(), p.c(),
                            p.cOff());
                }
            }
        });
    }

    /** c = alpha·x·B + beta·c with B packed: each panel streams once past two vector accumulators. */
    private static void gemvPacked(boolean vector, int k, int n, float alpha, float[] x, int xOff,
                                   float[] bp, int nPadded, float beta, float[] c, int cOff) {
        int width = gemvWidth(k, n);
        int mode = beta == 0f ? OVERWRITE : SCALE;
        run(ceilDiv(n, width), t -> {
            float[] acc = Scratch.get().tile(NR);
            int end = Math.min(nPadded, (t + 1) * width) / NR;
            for (int jp = t * width / NR; jp < end; jp++) {
                if (vector) {
                    GemmVector.panel(k, x, xOff, bp, nPadded, jp, acc);
                } else {
                    GemmScalar.panel(k, x, xOff, bp, nPadded, jp, acc);
                }
                int cols = Math.min(NR, n - jp * NR);
                for (int j = 0; j < cols; j++) {
                    int ci = cOff + jp * NR + j;
                    c[ci] = apply(acc[j], mode == OVERWRITE ? 0f : c[ci], alpha, beta, mode);
                }
            }
        });
    }
}

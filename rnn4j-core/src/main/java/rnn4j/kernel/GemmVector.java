package rnn4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API leaves of {@link Gemm}: the MR×(2·lanes) microkernel and the GEMV loops. Loaded only when the
 * Vector API is present; small methods, so each compiles on its own and a caller never de-optimises for them.
 */
final class GemmVector {
    private GemmVector() {}

    // A static final species: held anywhere else the JIT stops emitting vector code.
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int MR = Gemm.MR;
    /** Eight lanes: a row of an MR-row block of packed A (used only when L is 8 or more, so it is hardware). */
    private static final VectorSpecies<Float> S8 = FloatVector.SPECIES_256;

    /**
     * C tile (MR×2L at {@code co}) = {@code acc·alpha + old·scale}, old read at {@code oo} with rows {@code ldo}
     * apart, where acc = A block (kc×MR packed at {@code ao}) times B panel (kc rows of 2L at {@code bo}, packed
     * contiguously): 2·MR accumulators in registers, one FMA chain per element in ascending k. MR is 8 or 6
     * ({@link Gemm#MR}); rows 6 and 7 sit behind a constant, so C2 drops them, and their accumulators, when it is 6.
     *
     * <p>Written for C2: the panel stride is the constant 2L, so the loop's range checks are hoisted (a variable
     * stride left two compare-and-branch pairs per step), and the final stores are written out here rather than
     * called: this method is too big for C2 to inline a helper into, and a helper taking a {@code FloatVector} that
     * is not inlined boxes the vector on every call (15% of a large product's time went there).
     */
    static void kernel(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc,
                       float alpha, float scale, float[] old, int oo, int ldo) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            // Indices from p, not incremented offsets: lets C2 eliminate the range checks.
            int ai = ao + p * MR;
            int bi = bo + p * (2 * L);
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai + 0]);
            c00 = b0.fma(a, c00);
            c01 = b1.fma(a, c01);
            a = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = b0.fma(a, c10);
            c11 = b1.fma(a, c11);
            a = FloatVector.broadcast(S, ap[ai + 2]);
            c20 = b0.fma(a, c20);
            c21 = b1.fma(a, c21);
            a = FloatVector.broadcast(S, ap[ai + 3]);
            c30 = b0.fma(a, c30);
            c31 = b1.fma(a, c31);
            a = FloatVector.broadcast(S, ap[ai + 4]);
            c40 = b0.fma(a, c40);
            c41 = b1.fma(a, c41);
            a = FloatVector.broadcast(S, ap[ai + 5]);
            c50 = b0.fma(a, c50);
            c51 = b1.fma(a, c51);
            if (MR == 8) {
                a = FloatVector.broadcast(S, ap[ai + 6]);
                c60 = b0.fma(a, c60);
                c61 = b1.fma(a, c61);
                a = FloatVector.broadcast(S, ap[ai + 7]);
                c70 = b0.fma(a, c70);
                c71 = b1.fma(a, c71);
            }
        }
        // C = acc·alpha + old·scale lane by lane, the rounding of Gemm.apply. No branch on the store mode: a branch
        // whose profile lacked a mode trapped ("unstable_if") and de-optimised the whole kernel when that mode first
        // came mid-run; the caller points old at zeros (row stride 0) to overwrite C.
        FloatVector va = FloatVector.broadcast(S, alpha);
        FloatVector vs = FloatVector.broadcast(S, scale);
        c00.fma(va, FloatVector.fromArray(S, old, oo + 0 * ldo).mul(vs)).intoArray(c, co + 0 * ldc);
        c01.fma(va, FloatVector.fromArray(S, old, oo + 0 * ldo + L).mul(vs)).intoArray(c, co + 0 * ldc + L);
        c10.fma(va, FloatVector.fromArray(S, old, oo + 1 * ldo).mul(vs)).intoArray(c, co + 1 * ldc);
        c11.fma(va, FloatVector.fromArray(S, old, oo + 1 * ldo + L).mul(vs)).intoArray(c, co + 1 * ldc + L);
        c20.fma(va, FloatVector.fromArray(S, old, oo + 2 * ldo).mul(vs)).intoArray(c, co + 2 * ldc);
        c21.fma(va, FloatVector.fromArray(S, old, oo + 2 * ldo + L).mul(vs)).intoArray(c, co + 2 * ldc + L);
        c30.fma(va, FloatVector.fromArray(S, old, oo + 3 * ldo).mul(vs)).intoArray(c, co + 3 * ldc);
        c31.fma(va, FloatVector.fromArray(S, old, oo + 3 * ldo + L).mul(vs)).intoArray(c, co + 3 * ldc + L);
        c40.fma(va, FloatVector.fromArray(S, old, oo + 4 * ldo).mul(vs)).intoArray(c, co + 4 * ldc);
        c41.fma(va, FloatVector.fromArray(S, old, oo + 4 * ldo + L).mul(vs)).intoArray(c, co + 4 * ldc + L);
        c50.fma(va, FloatVector.fromArray(S, old, oo + 5 * ldo).mul(vs)).intoArray(c, co + 5 * ldc);
        c51.fma(va, FloatVector.fromArray(S, old, oo + 5 * ldo + L).mul(vs)).intoArray(c, co + 5 * ldc + L);
        if (MR == 8) {
            c60.fma(va, FloatVector.fromArray(S, old, oo + 6 * ldo).mul(vs)).intoArray(c, co + 6 * ldc);
            c61.fma(va, FloatVector.fromArray(S, old, oo + 6 * ldo + L).mul(vs)).intoArray(c, co + 6 * ldc + L);
            c70.fma(va, FloatVector.fromArray(S, old, oo + 7 * ldo).mul(vs)).intoArray(c, co + 7 * ldc);
            c71.fma(va, FloatVector.fromArray(S, old, oo + 7 * ldo + L).mul(vs)).intoArray(c, co + 7 * ldc + L);
        }
    }

    /**
     * {@link #kernel} for the first {@link Gemm#SHORT_MR} rows of a block only: the last tile of a block whose height
     * is not a multiple of MR (a 16-row block is 6 + 6 + 4 on AVX2), which the full kernel computed as MR rows, those
     * past the block's end wasted, before copying the rest out element by element. Same FMA chains, so the same bits.
     * The rows are written out rather than shared with {@link #kernel}: they must stay separate locals for C2 to keep
     * them in registers, and that method is past the size C2 inlines, so a shared body taking the row count as a
     * parameter would test it at every step.
     */
    static void kernel4(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc,
                        float alpha, float scale, float[] old, int oo, int ldo) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ai = ao + p * MR;
            int bi = bo + p * (2 * L);
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a0 = FloatVector.broadcast(S, ap[ai]);
            FloatVector a1 = FloatVector.broadcast(S, ap[ai + 1]);
            FloatVector a2 = FloatVector.broadcast(S, ap[ai + 2]);
            FloatVector a3 = FloatVector.broadcast(S, ap[ai + 3]);
            c00 = b0.fma(a0, c00);
            c01 = b1.fma(a0, c01);
            c10 = b0.fma(a1, c10);
            c11 = b1.fma(a1, c11);
            c20 = b0.fma(a2, c20);
            c21 = b1.fma(a2, c21);
            c30 = b0.fma(a3, c30);
            c31 = b1.fma(a3, c31);
        }
        FloatVector va = FloatVector.broadcast(S, alpha);
        FloatVector vs = FloatVector.broadcast(S, scale);
        c00.fma(va, FloatVector.fromArray(S, old, oo).mul(vs)).intoArray(c, co);
        c01.fma(va, FloatVector.fromArray(S, old, oo + L).mul(vs)).intoArray(c, co + L);
        c10.fma(va, FloatVector.fromArray(S, old, oo + ldo).mul(vs)).intoArray(c, co + ldc);
        c11.fma(va, FloatVector.fromArray(S, old, oo + ldo + L).mul(vs)).intoArray(c, co + ldc + L);
        c20.fma(va, FloatVector.fromArray(S, old, oo + 2 * ldo).mul(vs)).intoArray(c, co + 2 * ldc);
        c21.fma(va, FloatVector.fromArray(S, old, oo + 2 * ldo + L).mul(vs)).intoArray(c, co + 2 * ldc + L);
        c30.fma(va, FloatVector.fromArray(S, old, oo + 3 * ldo).mul(vs)).intoArray(c, co + 3 * ldc);
        c31.fma(va, FloatVector.fromArray(S, old, oo + 3 * ldo + L).mul(vs)).intoArray(c, co + 3 * ldc + L);
    }

    /**
     * Full MR-row blocks of a transposed A (stored k×m, rows {@code lda} apart) packed as {@link Gemm}'s packA does:
     * block q of chunk row p is the MR floats at {@code src + p·lda + MR·q}, stored at {@code d + q·MR·kc + p·MR}. One
     * 8-float move each (copied by {@code System.arraycopy}, its call cost made packing a third of a 512×128×6400
     * product). With 6 rows the move's last two floats land in the block's next row, which the next p overwrites, so
     * each block's last row (and a read that would pass the end of A) is copied float by float. Each stored row of A
     * is still read once, front to back.
     */
    static void packTransposedBlocks(int kc, int blocks, float[] a, int src, int lda, float[] dst, int d) {
        for (int p = 0; p < kc; p++) {
            boolean spillOverwritten = MR == 8 || p + 1 < kc;
            for (int q = 0; q < blocks; q++) {
                int from = src + p * lda + q * MR;
                int to = d + q * MR * kc + p * MR;
                if (spillOverwritten && from + 8 <= a.length) {
                    FloatVector.fromArray(S8, a, from).intoArray(dst, to);
                } else {
                    for (int r = 0; r < MR; r++) {
                        dst[to + r] = a[from + r];
                    }
                }
            }
        }
    }

    /**
     * One full 8-row block (MR = 8) of a row-major A packed as {@link Gemm}'s packA does: {@code dst[d + p·8 + r] =
     * a[src + r·lda + p]}. Each gather takes one element of every row for L/8 consecutive p ({@code lanes[l] =
     * (l mod 8)·lda + l / 8}), so the stores are whole vectors; element by element, the strided stores made packing
     * a quarter of a 16×128×512 product.
     */
    static void gatherBlock(int kc, float[] a, int src, int[] lanes, float[] dst, int d) {
        int step = L / 8;
        int p = 0;
        for (; p + step <= kc; p += step) {
            FloatVector.fromArray(S, a, src + p, lanes, 0).intoArray(dst, d + p * 8);
        }
        for (; p < kc; p++) {
            for (int r = 0; r < 8; r++) {
                dst[d + p * 8 + r] = a[src + lanes[r] + p];
            }
        }
    }

    /** acc[j] = fma(s, b[bo + j], acc[j]) for j in [0, w). */
    static void axpy(int w, float s, float[] b, int bo, float[] acc) {
        FloatVector vs = FloatVector.broadcast(S, s);
        int j = 0;
        for (int bound = S.loopBound(w); j < bound; j += L) {
            FloatVector.fromArray(S, b, bo + j).fma(vs, FloatVector.fromArray(S, acc, j)).intoArray(acc, j);
        }
        for (; j < w; j++) {
            acc[j] = Math.fma(s, b[bo + j], acc[j]);
        }
    }

    /**
     * out[j] = x·b[j] for w rows of b (each k long, ldb apart), one row after the other. Order per row: 4L lane-wise
     * chains over the first k - k mod 4L elements (chain q takes elements q·L to q·L + L - 1 of every 4L), added
     * lane-wise as (c0 + c1) + (c2 + c3), their lane sums added in ascending lane order, then the rest in ascending k
     * ({@link GemmScalar#dots} follows it exactly).
     *
     * <p>Batch-1 sampling (W3) is bound by these reads, 12 MB of weights per character. A row at a time reads b front
     * to back as one stream, which the hardware prefetchers follow: four rows at a time, which loaded each slice of x
     * once for four rows, read four streams 2-4 KB apart that restarted every four rows, and ran at 0.76-0.88 of one
     * row's speed (rotating 1, 2 and 4 rows in one JVM on a Zen 3 host, 1 and 2 threads). Four chains rather than two
     * keep more loads in flight: 1.00-1.15 of two chains' speed in the same kind of rotation; eight, 0.95-0.98.
     */
    static void dots(int k, int w, float[] x, int xo, float[] b, int bo, int ldb, float[] out) {
        int main = k - k % (4 * L);
        float[] t = Scratch.get().accumulators(L);
        for (int j = 0; j < w; j++) {
            int r0 = bo + j * ldb;
            FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S);
            FloatVector a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
            for (int p = 0; p < main; p += 4 * L) {
                a0 = FloatVector.fromArray(S, b, r0 + p).fma(FloatVector.fromArray(S, x, xo + p), a0);
                a1 = FloatVector.fromArray(S, b, r0 + p + L).fma(FloatVector.fromArray(S, x, xo + p + L), a1);
                a2 = FloatVector.fromArray(S, b, r0 + p + 2 * L).fma(FloatVector.fromArray(S, x, xo + p + 2 * L), a2);
                a3 = FloatVector.fromArray(S, b, r0 + p + 3 * L).fma(FloatVector.fromArray(S, x, xo + p + 3 * L), a3);
            }
            a0.add(a1).add(a2.add(a3)).intoArray(t, 0);
            out[j] = finish(t, k, main, x, xo, b, r0);
        }
    }

    /**
     * The lane sums stored in {@code t}, added in ascending order (never reduceLanes, whose order is unspecified),
     * then the tail. The caller stores the lanes: a vector passed to a method C2 might not inline is not intrinsified.
     */
    private static float finish(float[] t, int k, int main, float[] x, int xo, float[] b, int row) {
        float s = 0f;
        for (int l = 0; l < L; l++) {
            s += t[l];
        }
        for (int p = main; p < k; p++) {
            s = Math.fma(x[xo + p], b[row + p], s);
        }
        return s;
    }

    /** acc[0, 2L) = x·(packed panel jp), one FMA chain per column in ascending k. */
    static void panel(int k, float[] x, int xo, float[] bp, int nPadded, int jp, float[] acc) {
        FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
        for (int pc = 0; pc < k; pc += Gemm.KC) {
            int kc = Math.min(Gemm.KC, k - pc);
            int bo = Gemm.PACKED_BASE + pc * nPadded + jp * 2 * L * kc;
            for (int p = 0; p < kc; p++, bo += 2 * L) {
                FloatVector xs = FloatVector.broadcast(S, x[xo + pc + p]);
                s0 = FloatVector.fromArray(S, bp, bo).fma(xs, s0);
                s1 = FloatVector.fromArray(S, bp, bo + L).fma(xs, s1);
            }
        }
        s0.intoArray(acc, 0);
        s1.intoArray(acc, L);
    }

    /**
     * A full kc×2L panel of Bᵀ: row p of the panel gathers element p of 2L rows of B ({@code rows[i] = i·ldb}), two
     * AVX-512 gathers per row instead of 2L scalar moves.
     */
    static void gatherPanel(int kc, float[] b, int src, int[] rows, float[] dst, int base) {
        for (int p = 0; p < kc; p++) {
            int d = base + p * 2 * L;
            FloatVector.fromArray(S, b, src + p, rows, 0).intoArray(dst, d);
            FloatVector.fromArray(S, b, src + p, rows, L).intoArray(dst, d + L);
        }
    }
}

package rnn4j.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rnn4j.testing.Bits.assertBitsEqual;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GemmTest {
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(savedThreads);
        Simd.enable(true);
    }

    /** One product's operands, stored with offsets and leading dimensions larger than a row. */
    private record Problem(boolean transA, boolean transB, int m, int n, int k, float alpha, float beta,
                           float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {

        static Problem random(RandomGenerator rng, boolean transA, boolean transB, int m, int n, int k,
                              float alpha, float beta) {
            int aRows = transA ? k : m;
            int aCols = transA ? m : k;
            int bRows = transB ? n : k;
            int bCols = transB ? k : n;
            int lda = aCols + rng.nextInt(3);
            int ldb = bCols + rng.nextInt(3);
            int ldc = n + rng.nextInt(3);
            int aOff = rng.nextInt(4);
            int bOff = rng.nextInt(4);
            int cOff = rng.nextInt(4);
            return new Problem(transA, transB, m, n, k, alpha, beta,
                    fill(rng, aOff + aRows * lda), aOff, lda, fill(rng, bOff + bRows * ldb), bOff, ldb,
                    fill(rng, cOff + m * ldc), cOff, ldc);
        }

        float a(int i, int p) {
            return transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
        }

        float b(int p, int j) {
            return transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
        }

        float[] run() {
            float[] out = c.clone();
            Gemm.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, out, cOff, ldc);
            return out;
        }

        float[] runPacked() {
            float[] out = c.clone();
            PackedMatrix packed = Gemm.pack(transB, k, n, b, bOff, ldb);
            Gemm.gemm(transA, m, alpha, a, aOff, lda, packed, beta, out, cOff, ldc);
            return out;
        }

        /** Checks every element against a double-accumulated loop, within a bound relative to sum |a||b|. */
        void check(float[] out) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    double mag = 0;
                    for (int p = 0; p < k; p++) {
                        s += (double) a(i, p) * b(p, j);
                        mag += Math.abs((double) a(i, p) * b(p, j));
                    }
                    float old = c[cOff + i * ldc + j];
                    double expected = alpha * s + (beta == 0f ? 0 : beta * (double) old);
                    double scaled = beta == 0f ? 0 : Math.abs(beta * old);
                    double tolerance = 4e-7 * (k + 4) * (Math.abs(alpha) * mag + scaled) + 1e-30;
                    float got = out[cOff + i * ldc + j];
                    if (!(Math.abs(got - expected) <= tolerance)) {
                        throw new AssertionError(String.format("%s: C[%d, %d] = %s, expected %s (tolerance %s)",
                                this.describe(), i, j, got, expected, tolerance));
                    }
                }
            }
            // Outside the m×n window nothing may change (padding between rows, the offset, the tail).
            for (int idx = 0; idx < c.length; idx++) {
                int rel = idx - cOff;
                boolean inside = rel >= 0 && rel / ldc < m && rel % ldc < n;
                if (!inside) {
                    assertEquals(Float.floatToRawIntBits(c[idx]), Float.floatToRawIntBits(out[idx]),
                            describe() + ": element " + idx + " outside C changed");
                }
            }
        }

        String describe() {
            return String.format("gemm(transA=%s, transB=%s, m=%d, n=%d, k=%d, alpha=%s, beta=%s)",
                    transA, transB, m, n, k, alpha, beta);
        }
    }

    private static float[] fill(RandomGenerator rng, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return x;
    }

    private static final int[][] SHAPES = {
        {1, 1, 1}, {7, 13, 5}, {2, 3, 4}, {8, 32, 256}, {9, 33, 257}, {17, 31, 300}, {1, 70, 40},
        {1, 33, 513}, {65, 129, 257}, {3, 1, 2}, {64, 64, 64}, {16, 95, 520},
    };

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void gemm_matchesNaiveLoop_allShapesInTransposeMode(int mode) {
        RandomGenerator rng = new SplittableRandom(mode);
        for (int[] s : SHAPES) {
            Problem p = Problem.random(rng, (mode & 1) != 0, (mode & 2) != 0, s[0], s[1], s[2], 1f, 0f);
            p.check(p.run());
            p.check(p.runPacked());
        }
    }

    @Test
    void gemm_matchesNaiveLoop_alphaBetaVariants() {
        RandomGenerator rng = new SplittableRandom(7);
        float[][] alphaBeta = {{1f, 1f}, {0.5f, -2f}, {-1.5f, 0f}, {2f, 0.25f}};
        for (float[] ab : alphaBeta) {
            for (int mode = 0; mode < 4; mode++) {
                for (int[] s : new int[][] {{1, 40, 33}, {11, 45, 270}}) {
                    Problem p = Problem.random(rng, (mode & 1) != 0, (mode & 2) != 0, s[0], s[1], s[2], ab[0], ab[1]);
                    p.check(p.run());
                    p.check(p.runPacked());
                }
            }
        }
    }

    @Test
    void gemm_ignoresNaNInC_whenBetaIsZero() {
        RandomGenerator rng = new SplittableRandom(3);
        for (int[] s : new int[][] {{1, 37, 20}, {13, 37, 300}}) {
            for (boolean transB : new boolean[] {false, true}) {
                Problem p = Problem.random(rng, false, transB, s[0], s[1], s[2], 1f, 0f);
                Arrays.fill(p.c(), Float.NaN);
                float[] out = p.run();
                for (int i = 0; i < p.m(); i++) {
                    for (int j = 0; j < p.n(); j++) {
                        assertTrue(Float.isFinite(out[p.cOff() + i * p.ldc() + j]), p.describe());
                    }
                }
                p.check(out);
                p.check(p.runPacked());
            }
        }
    }

    @Test
    void gemm_scalesC_whenAlphaIsZeroOrKIsZero() {
        float[] c = {1f, 2f, Float.NaN, 4f};
        Gemm.gemm(false, false, 2, 2, 0, 1f, new float[0], 0, 1, new float[0], 0, 2, 3f, c, 0, 2);
        assertArrayEquals(new float[] {3f, 6f, Float.NaN, 12f}, c);
        Gemm.gemm(false, false, 2, 2, 1, 0f, new float[] {1, Float.NaN}, 0, 1, new float[] {1, 1}, 0, 2, 0f, c, 0, 2);
        assertArrayEquals(new float[4], c);
    }

    @Test
    void packedGemm_isBitIdenticalToUnpacked() {
        RandomGenerator rng = new SplittableRandom(11);
        for (int mode = 0; mode < 4; mode++) {
            for (int[] s : new int[][] {{64, 100, 600}, {9, 33, 257}, {1, 70, 300}}) {
                boolean transB = (mode & 2) != 0;
                if (s[0] == 1 && transB) {
                    continue; // documented: the unpacked GEMV with Bᵀ sums by dot products
                }
                Problem p = Problem.random(rng, (mode & 1) != 0, transB, s[0], s[1], s[2], 0.75f, 0.5f);
                assertBitsEqual(p.run(), p.runPacked(), p.describe() + " packed");
            }
        }
    }

    @Test
    void gemm_overSeveralGroupsOfChunks_matchesNaiveLoopAndIsBitIdenticalAtOneAndTwoThreads() {
        // 1,100 rows in blocks of ~368 (1 thread) or ~280 (2 threads): A's 1,100 columns are five KC chunks, packed
        // two or three at a time, so C strips are finished group by group.
        RandomGenerator rng = new SplittableRandom(11);
        for (int mode = 0; mode < 4; mode++) {
            Problem p = Problem.random(rng, (mode & 1) != 0, (mode & 2) != 0, 1100, 40, 1100, 1f, 0.5f);
            Parallel.setThreads(1);
            float[] one = p.run();
            p.check(one);
            Parallel.setThreads(2);
            assertBitsEqual(one, p.run(), p.describe() + " 1 vs 2 threads");
            assertBitsEqual(one, p.runPacked(), p.describe() + " packed, 2 threads");
        }
    }

    @Test
    void gemm_isBitIdenticalAtOneAndTwoThreads() {
        RandomGenerator rng = new SplittableRandom(5);
        // Big enough to split: rows (m > MC), columns (m small), rows of a tall narrow product (m <= MC, m > n: a
        // weight gradient) and the GEMV.
        int[][] shapes = {{600, 200, 300}, {64, 512, 300}, {100, 96, 700}, {300, 72, 700}, {1, 2048, 300}};
        for (int[] s : shapes) {
            for (int mode = 0; mode < 4; mode++) {
                Problem p = Problem.random(rng, (mode & 1) != 0, (mode & 2) != 0, s[0], s[1], s[2], 1f, 0.5f);
                Parallel.setThreads(1);
                float[] one = p.run();
                p.check(one);
                float[] onePacked = p.runPacked();
                Parallel.setThreads(2);
                assertBitsEqual(one, p.run(), p.describe() + " 1 vs 2 threads");
                assertBitsEqual(onePacked, p.runPacked(), p.describe() + " packed, 1 vs 2 threads");
                Parallel.setThreads(3);
                assertBitsEqual(one, p.run(), p.describe() + " 1 vs 3 threads");
            }
        }
    }

    @Test
    void scalarPath_givesTheSameBitsAsVectorPath() {
        RandomGenerator rng = new SplittableRandom(13);
        for (int mode = 0; mode < 4; mode++) {
            for (int[] s : new int[][] {{1, 70, 300}, {1, 1, 1}, {19, 45, 270}}) {
                Problem p = Problem.random(rng, (mode & 1) != 0, (mode & 2) != 0, s[0], s[1], s[2], 1.5f, 0.5f);
                Simd.enable(false);
                float[] scalar = p.run();
                float[] scalarPacked = p.runPacked();
                p.check(scalar);
                p.check(scalarPacked);
                Simd.enable(true);
                assertBitsEqual(scalar, p.run(), p.describe() + " scalar vs vector");
                assertBitsEqual(scalarPacked, p.runPacked(), p.describe() + " packed scalar vs vector");
            }
        }
    }

    /**
     * The addend from D: a separate matrix, or one row for all (a bias), gives the bits of copying D into C and
     * updating C in place, unpacked and packed, vector and scalar, at 1 and 2 threads; C's padding is untouched.
     */
    @Test
    void gemmWithAddend_givesTheBitsOfCopyingItIntoC() {
        RandomGenerator rng = new SplittableRandom(17);
        int[][] shapes = {{1, 70, 40}, {9, 33, 257}, {64, 512, 300}, {600, 200, 300}, {5, 3, 1}};
        for (int[] s : shapes) {
            for (int mode = 0; mode < 4; mode++) {
                for (boolean row : new boolean[] {false, true}) {
                    for (boolean vector : new boolean[] {true, false}) {
                        for (int threads : new int[] {1, 2}) {
                            Problem p = Problem.random(rng, (mode & 1) != 0, (mode & 2) != 0, s[0], s[1], s[2],
                                    0.75f, row ? 1f : 0.5f);
                            Simd.enable(vector);
                            Parallel.setThreads(threads);
                            checkAddend(rng, p, row);
                        }
                    }
                }
            }
        }
    }

    private static void checkAddend(RandomGenerator rng, Problem p, boolean row) {
        int ldd = row ? 0 : p.n() + 1;
        int dOff = 2;
        float[] d = fill(rng, dOff + (row ? 1 : p.m()) * Math.max(ldd, 1) + p.n());
        float[] expected = p.c().clone();
        for (int i = 0; i < p.m(); i++) {
            System.arraycopy(d, dOff + i * ldd, expected, p.cOff() + i * p.ldc(), p.n());
        }
        float[] copied = expected.clone();
        Gemm.gemm(p.transA(), p.transB(), p.m(), p.n(), p.k(), p.alpha(), p.a(), p.aOff(), p.lda(), p.b(), p.bOff(),
                p.ldb(), p.beta(), expected, p.cOff(), p.ldc());
        float[] got = p.c().clone();
        Gemm.gemm(p.transA(), p.transB(), p.m(), p.n(), p.k(), p.alpha(), p.a(), p.aOff(), p.lda(), p.b(), p.bOff(),
                p.ldb(), p.beta(), d, dOff, ldd, got, p.cOff(), p.ldc());
        String what = p.describe() + (row ? " with a bias row" : " with D") + ", vector " + Simd.enabled()
                + ", threads " + Parallel.threads();
        assertBitsEqual(expected, got, what);
        float[] packed = p.c().clone();
        Gemm.gemm(p.transA(), p.m(), p.alpha(), p.a(), p.aOff(), p.lda(),
                Gemm.pack(p.transB(), p.k(), p.n(), p.b(), p.bOff(), p.ldb()), p.beta(), d, dOff, ldd, packed,
                p.cOff(), p.ldc());
        float[] packedCopied = copied.clone();
        Gemm.gemm(p.transA(), p.m(), p.alpha(), p.a(), p.aOff(), p.lda(),
                Gemm.pack(p.transB(), p.k(), p.n(), p.b(), p.bOff(), p.ldb()), p.beta(), packedCopied, p.cOff(),
                p.ldc());
        assertBitsEqual(packedCopied, packed, what + ", packed");
    }

    @Test
    void gemmWithAddend_ignoresNaNInD_whenBetaIsZero_scalesItWhenAlphaIsZero_andNamesAShortD() {
        float[] a = {1, 2};
        float[] b = {3, 4};
        float[] c = new float[1];
        Gemm.gemm(false, false, 1, 1, 2, 1f, a, 0, 2, b, 0, 1, 0f, new float[] {Float.NaN}, 0, 0, c, 0, 1);
        assertEquals(11f, c[0]);
        float[] rows = new float[4];
        Gemm.gemm(false, false, 2, 2, 1, 0f, a, 0, 1, b, 0, 2, 0.5f, new float[] {1, 2}, 0, 0, rows, 0, 2);
        assertArrayEquals(new float[] {0.5f, 1f, 0.5f, 1f}, rows);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.gemm(false, false, 2, 3, 1, 1f, new float[2], 0, 1, new float[3], 0, 3, 1f, new float[2],
                        0, 0, new float[6], 0, 3));
        assertEquals("Gemm.gemm: D must hold a [1, 3] matrix with leading dimension 3 from offset 0, got length 2",
                e.getMessage());
    }

    @Test
    void packedMatrix_reportsItsShape() {
        PackedMatrix packed = Gemm.pack(true, 3, 5, new float[15], 0, 3);
        assertEquals(3, packed.k());
        assertEquals(5, packed.n());
    }

    @Test
    void gemm_rejectsTooShortOperand_withShapeInMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.gemm(false, false, 2, 3, 4, 1f, new float[7], 0, 4, new float[12], 0, 3, 0f,
                        new float[6], 0, 3));
        assertEquals("Gemm.gemm: A must hold a [2, 4] matrix with leading dimension 4 from offset 0, got length 7",
                e.getMessage());
        IllegalArgumentException ld = assertThrows(IllegalArgumentException.class,
                () -> Gemm.pack(false, 2, 3, new float[6], 0, 2));
        assertEquals("Gemm.pack: leading dimension of B must be >= max(1, columns), got 2 for a [2, 3] matrix",
                ld.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Gemm.gemm(false, -1, 1f, new float[1], 0, 1, Gemm.pack(false, 1, 1, new float[1], 0, 1), 0f,
                        new float[1], 0, 1));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void gemvDots_matchesTheProductsOneAfterTheOther(int threads) {
        Parallel.setThreads(threads);
        RandomGenerator rng = new SplittableRandom(11);
        // n·(k1 + k2) past the parallel threshold, n not a whole number of panels; the second product adds into the
        // first one's output, the third overwrites its own (beta 0 ignores the NaN in it), the fourth has k = 0
        int n = 203, k1 = 190, k2 = 150;
        float[] x1 = fill(rng, k1 + 3), b1 = fill(rng, n * k1 + 5), x2 = fill(rng, k2), b2 = fill(rng, n * k2);
        float[] shared = fill(rng, n + 2), own = fill(rng, n), empty = fill(rng, n);
        own[7] = Float.NaN;
        float[] sharedWant = shared.clone(), ownWant = own.clone(), emptyWant = empty.clone();
        Gemm.gemm(false, true, 1, n, k1, 1f, x1, 3, k1, b1, 5, k1, 1f, sharedWant, 2, n);
        Gemm.gemm(false, true, 1, n, k2, 1f, x2, 0, k2, b2, 0, k2, 1f, sharedWant, 2, n);
        Gemm.gemm(false, true, 1, n, k2, 1f, x2, 0, k2, b2, 0, k2, 0f, ownWant, 0, n);
        Gemm.gemm(false, true, 1, n, 0, 1f, x2, 0, 1, b2, 0, 1, 0.5f, emptyWant, 0, n);

        Gemm.gemvDots(n, new Gemm.Dot(k1, x1, 3, b1, 5, 1f, shared, 2), new Gemm.Dot(k2, x2, 0, b2, 0, 1f, shared, 2),
                new Gemm.Dot(k2, x2, 0, b2, 0, 0f, own, 0), new Gemm.Dot(0, x2, 0, b2, 0, 0.5f, empty, 0));

        assertBitsEqual(sharedWant, shared, "gemvDots, shared output, " + threads + " thread(s)");
        assertBitsEqual(ownWant, own, "gemvDots, own output");
        assertBitsEqual(emptyWant, empty, "gemvDots, k = 0");
    }

    @Test
    void gemvDots_namesAnOperandTooShort() {
        float[] x = new float[4], b = new float[4 * 10 - 1], c = new float[10];
        var e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.gemvDots(10, new Gemm.Dot(4, x, 0, b, 0, 0f, c, 0)));
        assertTrue(e.getMessage().startsWith("Gemm.gemvDots: B"), e.getMessage());
    }
}

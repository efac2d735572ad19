package rnn4j.kernel;

/**
 * Scalar twins of {@link GemmVector}, for JVMs without the Vector API: the same sums in the same order with the same
 * fused multiply-adds, so both paths give the same bits. Row arrays are indexed with one index ({@code acc[j]},
 * {@code row[j]}) so the JIT can still vectorise them.
 */
final class GemmScalar {
    private GemmScalar() {}

    /** The first {@code rows} rows of {@link GemmVector#kernel} (or {@link GemmVector#kernel4}). */
    static void kernel(int rows, int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc,
                       float alpha, float scale, float[] old, int oo, int ldo) {
        int nr = Gemm.NR;
        int mr = Gemm.MR;
        float[] acc = Scratch.get().accumulators(nr);
        for (int r = 0; r < rows; r++) {
            java.util.Arrays.fill(acc, 0, nr, 0f);
            for (int p = 0, b = bo; p < kc; p++, b += nr) {
                float a = ap[ao + p * mr + r];
                for (int j = 0; j < nr; j++) {
                    acc[j] = Math.fma(a, bp[b + j], acc[j]);
                }
            }
            int ci = co + r * ldc;
            int oi = oo + r * ldo;
            for (int j = 0; j < nr; j++) {
                c[ci + j] = Math.fma(acc[j], alpha, old[oi + j] * scale);
            }
        }
    }

    static void axpy(int w, float s, float[] b, int bo, float[] acc) {
        for (int j = 0; j < w; j++) {
            acc[j] = Math.fma(s, b[bo + j], acc[j]);
        }
    }

    /** The order of {@link GemmVector#dots}, written out with 4·lanes scalar chains. */
    static void dots(int k, int w, float[] x, int xo, float[] b, int bo, int ldb, float[] out) {
        int lanes = Simd.LANES;
        int main = k - k % (4 * lanes);
        float[] chains = Scratch.get().accumulators(4 * lanes);
        for (int j = 0; j < w; j++) {
            int row = bo + j * ldb;
            java.util.Arrays.fill(chains, 0, 4 * lanes, 0f);
            for (int p = 0; p < main; p += 4 * lanes) {
                for (int q = 0; q < 4 * lanes; q++) {
                    chains[q] = Math.fma(b[row + p + q], x[xo + p + q], chains[q]);
                }
            }
            float s = 0f;
            for (int l = 0; l < lanes; l++) {
                s += (chains[l] + chains[lanes + l]) + (chains[2 * lanes + l] + chains[3 * lanes + l]);
            }
            for (int p = main; p < k; p++) {
                s = Math.fma(x[xo + p], b[row + p], s);
            }
            out[j] = s;
        }
    }

    static void panel(int k, float[] x, int xo, float[] bp, int nPadded, int jp, float[] acc) {
        int nr = Gemm.NR;
        java.util.Arrays.fill(acc, 0, nr, 0f);
        for (int pc = 0; pc < k; pc += Gemm.KC) {
            int kc = Math.min(Gemm.KC, k - pc);
            for (int p = 0, b = Gemm.PACKED_BASE + pc * nPadded + jp * nr * kc; p < kc; p++, b += nr) {
                float s = x[xo + pc + p];
                for (int j = 0; j < nr; j++) {
                    acc[j] = Math.fma(s, bp[b + j], acc[j]);
                }
            }
        }
    }
}

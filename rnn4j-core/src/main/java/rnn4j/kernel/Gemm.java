package rnn4j.kernel;

import rnn4j.base.Check;

/**
 * Single-precision general matrix product {@code C = alpha·op(A)·op(B) + beta·C} on row-major arrays with offsets and
 * leading dimensions, as BLAS {@code sgemm} in row-major order. With {@code beta == 0}, C is overwritten (values in it,
 * even NaN, are ignored).
 *
 * <p>PLACEHOLDER IMPLEMENTATION: a straightforward loop with the final API, replaced by the packed, register-blocked
 * Vector API kernel.
 */
public final class Gemm {
    private Gemm() {}

    /**
     * {@code C(m×n) = alpha·op(A)·op(B) + beta·C}, where {@code op(A)} is {@code (m×k)} and {@code op(B)} is
     * {@code (k×n)}; {@code transA} means A is stored {@code (k×m)}, {@code transB} that B is stored {@code (n×k)}.
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float beta, float[] c, int cOff, int ldc) {
        Check.argument(m >= 0 && n >= 0 && k >= 0, "Gemm.gemm: sizes must be >= 0, got m=%s n=%s k=%s", m, n, k);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += av * bv;
                }
                int ci = cOff + i * ldc + j;
                c[ci] = (float) (alpha * s + (beta == 0f ? 0f : beta * c[ci]));
            }
        }
    }
}

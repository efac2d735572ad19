package rnn4j.kernel;

import java.util.SplittableRandom;

/**
 * Entry point of the child JVM in {@link SimdTest} that is held to 256-bit vectors ({@code -XX:UseAVX=2}), so the
 * 6-row microkernel and its packing run on any x86 host, AVX-512 ones included. Prints the tile and "ok", or the
 * first product that disagrees with a double-precision loop or whose vector and scalar paths differ in any bit.
 */
public final class NarrowVectorMain {
    private NarrowVectorMain() {}

    public static void main(String[] args) {
        SplittableRandom rng = new SplittableRandom(6);
        // Rows past a tile edge, more rows than one block (MC), k over two chunks (KC), columns past a panel edge.
        int[][] shapes = {{13, 17, 9}, {64, 512, 128}, {Gemm.MC + 88, 40, Gemm.KC + 44}};
        for (int[] shape : shapes) {
            for (int mode = 0; mode < 4; mode++) {
                String failure = check(rng, (mode & 1) != 0, (mode & 2) != 0, shape[0], shape[1], shape[2]);
                if (failure != null) {
                    System.out.println(failure);
                    return;
                }
            }
        }
        System.out.println("lanes=" + Simd.LANES + " mr=" + Gemm.MR + " ok");
    }

    private static String check(SplittableRandom rng, boolean transA, boolean transB, int m, int n, int k) {
        float[] a = random(rng, m * k);
        float[] b = random(rng, k * n);
        float[] c0 = random(rng, m * n);
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        float[] vector = c0.clone();
        Gemm.gemm(transA, transB, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0.5f, vector, 0, n);
        float[] packed = c0.clone();
        Gemm.gemm(transA, m, 1f, a, 0, lda, Gemm.pack(transB, k, n, b, 0, ldb), 0.5f, packed, 0, n);
        float[] scalar = c0.clone();
        Simd.enable(false);
        Gemm.gemm(transA, transB, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0.5f, scalar, 0, n);
        Simd.enable(true);
        String product = "gemm(transA=" + transA + ", transB=" + transB + ", " + m + "x" + k + "x" + n + ")";
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0.5 * c0[i * n + j];
                for (int p = 0; p < k; p++) {
                    double left = transA ? a[p * lda + i] : a[i * lda + p];
                    sum += left * (transB ? b[j * ldb + p] : b[p * ldb + j]);
                }
                int at = i * n + j;
                if (Math.abs(vector[at] - sum) > 1e-4 * k) {
                    return product + ": C[" + i + ", " + j + "] = " + vector[at] + ", expected " + sum;
                }
                if (Float.floatToRawIntBits(vector[at]) != Float.floatToRawIntBits(scalar[at])
                        || Float.floatToRawIntBits(vector[at]) != Float.floatToRawIntBits(packed[at])) {
                    return product + ": C[" + i + ", " + j + "] vector " + vector[at] + ", packed " + packed[at]
                            + ", scalar " + scalar[at];
                }
            }
        }
        return null;
    }

    private static float[] random(SplittableRandom rng, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return x;
    }
}

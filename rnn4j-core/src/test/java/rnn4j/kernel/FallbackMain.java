package rnn4j.kernel;

/** Entry point of the child JVM in {@link SimdTest}: runs kernels in a JVM started without the Vector API. */
public final class FallbackMain {
    private FallbackMain() {}

    public static void main(String[] args) {
        float[] c = new float[2];
        // (1×3)·(3×2): [1 2 3]·[[1 0] [0 1] [1 1]] = [4 5]
        Gemm.gemm(false, false, 1, 2, 3, 1f, new float[] {1, 2, 3}, 0, 3, new float[] {1, 0, 0, 1, 1, 1}, 0, 2, 0f,
                c, 0, 2);
        float[] big = new float[9 * 33];
        float[] ones = new float[9 * 40];
        java.util.Arrays.fill(ones, 1f);
        Gemm.gemm(false, true, 9, 33, 40, 1f, ones, 0, 40, new float[33 * 40], 0, 40, 0f, big, 0, 33);
        float[] t = {0f};
        VectorMath.tanh(t, 0, t, 0, 1);
        System.out.println("path=" + Kernels.describe().split(",")[0] + " c=" + c[0] + "," + c[1] + " tanh0=" + t[0]
                + " zeros=" + (big[0] == 0f && big[big.length - 1] == 0f));
    }
}

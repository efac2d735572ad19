package rnn4j.kernel;

/** What the kernels run on: whether the Vector API is in use and how wide its float vectors are. */
public final class Kernels {
    private Kernels() {}

    /** True when {@code jdk.incubator.vector} is available, so kernels take their SIMD paths. */
    public static boolean vectorAvailable() {
        return Simd.AVAILABLE;
    }

    /** Float lanes of the preferred vector species (16 with AVX-512, 8 with AVX2). */
    public static int floatLanes() {
        return Simd.LANES;
    }
}

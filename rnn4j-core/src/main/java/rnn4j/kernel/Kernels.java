package rnn4j.kernel;

/**
 * Start-up services of the kernels: {@link #warmUp()} and a description of the path in use.
 *
 * <p>Warm-up matters with the Vector API: until C2 compiles a kernel, every vector operation runs as a boxed object
 * (hundreds of times slower), and a path first met in the middle of a run de-optimised its caller and stayed 10–30×
 * slow for seconds (DESIGN.md §4, rule 3).
 */
public final class Kernels {
    private Kernels() {}

    private static volatile boolean warm;

    /**
     * Runs every GEMM path (four transpose modes, packed, GEMV, edges, the thread team) and every elementwise kernel
     * on tiny shapes, so the JIT compiles them before real work; at most about 0.4 s, once per JVM.
     */
    public static synchronized void warmUp() {
        if (warm) {
            return;
        }
        // Tiny shapes, many calls: C2 compiles after about 15,000 invocations plus loop iterations, and until then
        // every vector operation is slow, so short loops reach the threshold at the least cost. m and n cross one
        // tile edge each, so both the full-tile and the edge path run; k = 40 runs the GEMV dot products' vector
        // loop and tail; now and then a product deeper than one KC chunk runs the accumulating store, so that no
        // branch is first taken mid-run (which would de-optimise the kernel).
        int m = Gemm.MR + 1;
        int n = Gemm.NR + 1;
        int k = 40;
        int deep = Gemm.KC + 8;
        float[] a = ramp(m * deep);
        float[] b = ramp(deep * n);
        float[] c = new float[m * n];
        float[] x = ramp(4 * Simd.LANES + 3);
        float[] y = new float[x.length];
        PackedMatrix packed = Gemm.pack(false, k, n, b, 0, n);
        PackedMatrix packedDeep = Gemm.pack(true, deep, Gemm.NR, b, 0, deep);
        long deadline = System.nanoTime() + 400_000_000L; // cheap by contract, even on a loaded machine
        for (int iteration = 0; iteration < 250 && System.nanoTime() < deadline; iteration++) {
            for (int mode = 0; mode < 4; mode++) {
                boolean transA = (mode & 1) != 0;
                boolean transB = (mode & 2) != 0;
                Gemm.gemm(transA, transB, m, n, k, 1f, a, 0, transA ? m : k, b, 0, transB ? k : n,
                        iteration & 1, c, 0, n);
                Gemm.gemm(transA, transB, 1, n, k, 1f, a, 0, transA ? 1 : k, b, 0, transB ? k : n, 0f, c, 0, n);
            }
            Gemm.gemm(false, m, 1f, a, 0, k, packed, 0f, c, 0, n);
            Gemm.gemm(false, 1, 1f, a, 0, k, packed, 0f, c, 0, n);
            if (Simd.enabled()) {
                // The microkernels on their own, many times over: they are the methods that must reach C2 early.
                GemmVector.kernel(8, a, 0, b, 0, c, 0, n, 1f, iteration & 1, c, 0, n);
                GemmVector.kernel4(8, a, 0, b, 0, c, 0, n, 1f, iteration & 1, c, 0, n);
            }
            VectorMath.tanh(x, 0, y, 0, x.length);
            VectorMath.sigmoid(x, 0, y, 0, x.length);
            VectorMath.exp(x, 0, y, 0, x.length);
            VectorMath.add(x, 0, y, 0, y, 0, x.length);
            VectorMath.mul(x, 0, y, 0, y, 0, x.length);
            VectorMath.axpy(0.5f, x, 0, y, 0, x.length);
            VectorMath.scale(0.5f, x, 0, y, 0, x.length);
        }
        Gemm.gemm(false, Gemm.MR, 1f, a, 0, deep, packedDeep, 0.5f, c, 0, n);
        Gemm.gemm(false, 1, 1f, a, 0, deep, packedDeep, 0f, c, 0, n);
        Parallel.forEach(Parallel.threads(), t -> { });
        RecurrentGates.warmUp(); // library users get the fused step kernels warm too, not only the CLI
        warm = true;
    }

    /** True when {@code jdk.incubator.vector} is available, so kernels take their SIMD paths. */
    public static boolean vectorAvailable() {
        return Simd.AVAILABLE;
    }

    /** Float lanes of the preferred vector species (16 with AVX-512, 8 with AVX2). */
    public static int floatLanes() {
        return Simd.LANES;
    }

    /** One line naming the path in use, e.g. {@code "Vector API, 16 float lanes, 2 threads"}. */
    public static String describe() {
        return (Simd.enabled() ? "Vector API, " + Simd.LANES + " float lanes" : "scalar (no jdk.incubator.vector)")
                + ", " + Parallel.threads() + " threads";
    }

    private static float[] ramp(int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (i % 17) * 0.0625f - 0.5f;
        }
        return v;
    }
}

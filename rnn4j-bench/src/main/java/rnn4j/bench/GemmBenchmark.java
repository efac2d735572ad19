package rnn4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.bytedeco.openblas.presets.openblas_nolapack;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import rnn4j.kernel.Gemm;
import rnn4j.kernel.Kernels;
import rnn4j.kernel.PackedMatrix;
import rnn4j.kernel.Parallel;

/**
 * Workload W5 of BENCHMARKS.md: {@code C = op(A)·op(B)} for (M×K)·(K×N) with rnn4j's {@link Gemm} (plain, and with
 * B packed once as a recurrent layer does) against OpenBLAS {@code cblas_sgemm} in the same run, at 1 and 2 threads.
 *
 * <p>A shape is {@code MxKxN}, optionally followed by {@code :nt} (B stored transposed, {@code x·Wᵀ} of a linear
 * layer) or {@code :tn} (A stored transposed, a weight gradient {@code dYᵀ·X}). GFLOP/s = 2·M·N·K / time; the
 * runner {@code gemm.sh} prints the table.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseParallelGC", "-Xmx6g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GemmBenchmark {
    @Param({"64x1024x2048", "6400x512x2048", "2048x2048x2048", "64x256x512", "1x1024x2048", "64x1024x2048:nt",
        "6400x512x2048:tn"})
    public String shape;

    @Param({"1", "2"})
    public int threads;

    @Param({"rnn4j", "rnn4j-packed", "openblas"})
    public String impl;

    private int m;
    private int n;
    private int k;
    private boolean transA;
    private boolean transB;
    private float[] a;
    private float[] b;
    private float[] c;
    private PackedMatrix packed;
    private FloatPointer pa;
    private FloatPointer pb;
    private FloatPointer pc;

    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = shape.split(":");
        String[] dims = parts[0].split("x");
        m = Integer.parseInt(dims[0]);
        k = Integer.parseInt(dims[1]);
        n = Integer.parseInt(dims[2]);
        transA = parts.length > 1 && parts[1].charAt(0) == 't';
        transB = parts.length > 1 && parts[1].charAt(1) == 't';
        SplittableRandom rng = new SplittableRandom(1);
        a = random(rng, m * k);
        b = random(rng, k * n);
        c = new float[m * n];
        switch (impl) {
            case "rnn4j", "rnn4j-packed" -> {
                Parallel.setThreads(threads);
                Kernels.warmUp();
                if (impl.equals("rnn4j-packed")) {
                    packed = Gemm.pack(transB, k, n, b, 0, transB ? k : n);
                }
                System.err.println("rnn4j kernels: " + Kernels.describe());
            }
            case "openblas" -> {
                openblas_nolapack.blas_set_num_threads(threads);
                pa = new FloatPointer(a);
                pb = new FloatPointer(b);
                pc = new FloatPointer(c);
                System.err.println("OpenBLAS threads: " + openblas_nolapack.blas_get_num_threads()
                        + ", build: " + openblas.OPENBLAS_CHAR_CORENAME
                        + ", OPENBLAS_CORETYPE=" + System.getenv("OPENBLAS_CORETYPE"));
            }
            default -> throw new IllegalArgumentException("GemmBenchmark: impl must be rnn4j, rnn4j-packed or "
                    + "openblas, got " + impl);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (FloatPointer p : new FloatPointer[] {pa, pb, pc}) {
            if (p != null) {
                p.close();
            }
        }
    }

    @Benchmark
    public Object gemm() {
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        switch (impl) {
            case "rnn4j" -> Gemm.gemm(transA, transB, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n);
            case "rnn4j-packed" -> Gemm.gemm(transA, m, 1f, a, 0, lda, packed, 0f, c, 0, n);
            default -> openblas.cblas_sgemm(openblas.CblasRowMajor, op(transA), op(transB), m, n, k, 1f, pa, lda, pb,
                    ldb, 0f, pc, n);
        }
        return impl.equals("openblas") ? pc : c;
    }

    private static int op(boolean transposed) {
        return transposed ? openblas.CblasTrans : openblas.CblasNoTrans;
    }

    private static float[] random(SplittableRandom rng, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) rng.nextDouble(-1, 1);
        }
        return x;
    }
}

package rnn4j.bench;

import java.util.concurrent.TimeUnit;
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
import rnn4j.kernel.Parallel;

/**
 * Workload W5 of BENCHMARKS.md: {@code C = op(A)·op(B)} for (M×K)·(K×N) with rnn4j's {@link Gemm} (plain, and with
 * B packed once as a recurrent layer does) against OpenBLAS {@code cblas_sgemm} in the same run, at 1 and 2 threads.
 * Shapes as {@link GemmProblem} reads them. GFLOP/s = 2·M·N·K / time; the runner {@code gemm.sh} prints the table.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseParallelGC", "-Xmx6g",
    "-XX:ObjectAlignmentInBytes=64"})   // as the rnn4j launcher: packed B on cache lines (Gemm.PACKED_BASE)
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

    private GemmProblem problem;

    @Setup(Level.Trial)
    public void setUp() {
        problem = new GemmProblem(shape);
        switch (impl) {
            case "rnn4j", "rnn4j-packed" -> {
                Parallel.setThreads(threads);
                Kernels.warmUp();
                System.err.println("rnn4j kernels: " + Kernels.describe());
            }
            case "openblas" -> {
                openblas_nolapack.blas_set_num_threads(threads);
                System.err.println("OpenBLAS threads: " + openblas_nolapack.blas_get_num_threads()
                        + ", build: " + openblas.OPENBLAS_CHAR_CORENAME
                        + ", OPENBLAS_CORETYPE=" + System.getenv("OPENBLAS_CORETYPE"));
            }
            default -> throw new IllegalArgumentException("GemmBenchmark: impl must be rnn4j, rnn4j-packed or "
                    + "openblas, got " + impl);
        }
        gemm(); // packs B (rnn4j-packed) or copies the operands to native memory (openblas) before timing
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        problem.close();
    }

    @Benchmark
    public Object gemm() {
        return switch (impl) {
            case "rnn4j" -> problem.rnn4j();
            case "rnn4j-packed" -> problem.rnn4jPacked();
            default -> problem.openBlas();
        };
    }
}

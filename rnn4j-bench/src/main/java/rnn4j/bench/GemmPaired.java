package rnn4j.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.bytedeco.openblas.presets.openblas_nolapack;
import rnn4j.kernel.Kernels;
import rnn4j.kernel.Parallel;

/**
 * W5 with the host's drift taken out: rnn4j's and OpenBLAS's product of one shape alternate call by call in one JVM,
 * who goes first alternating too, and each call is timed on its own. The fraction is the median over the pairs of
 * OpenBLAS's time over rnn4j's, with its quartiles. JMH runs one implementation after the other for about 8 s each,
 * and this host's speed drifts by 20-30% within a minute, which that reads as a difference between them.
 *
 * <p>Usage: {@code GemmPaired SHAPE THREADS [SECONDS] [plain|packed]} (default 10 s, plain); prints one line
 * {@code paired shape=... threads=... impl=... pairs=... rnn4j_gflops=... openblas_gflops=... fraction=... q1=...
 * q3=...}, GFLOP/s being the medians of the single calls. The runner {@code gemm-paired.sh} goes over the W5 shapes.
 */
public final class GemmPaired {
    private GemmPaired() {}

    public static void main(String[] args) {
        if (args.length < 2 || args.length > 4) {
            System.err.println("usage: GemmPaired SHAPE THREADS [SECONDS] [plain|packed]");
            System.exit(2);
        }
        int threads = Integer.parseInt(args[1]);
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 10;
        boolean packed = args.length > 3 && args[3].equals("packed");
        Parallel.setThreads(threads);
        openblas_nolapack.blas_set_num_threads(threads);
        Kernels.warmUp();
        try (GemmProblem p = new GemmProblem(args[0])) {
            Runnable ours = packed ? p::rnn4jPacked : p::rnn4j;
            Runnable theirs = p::openBlas;
            for (int i = 0; i < 3; i++) {   // warm-up: the JIT, the packed copy, OpenBLAS's buffers
                ours.run();
                theirs.run();
            }
            long budget = (long) (seconds * 1e9);
            List<Double> fractions = new ArrayList<>();
            List<Double> oursGflops = new ArrayList<>();
            List<Double> theirsGflops = new ArrayList<>();
            long start = System.nanoTime();
            for (int pair = 0; pair < 20 || System.nanoTime() - start < budget && pair < 100_000; pair++) {
                boolean oursFirst = pair % 2 == 0;
                long first = time(oursFirst ? ours : theirs);
                long second = time(oursFirst ? theirs : ours);
                long oursNanos = oursFirst ? first : second;
                long theirsNanos = oursFirst ? second : first;
                fractions.add((double) theirsNanos / oursNanos);
                oursGflops.add(p.flops() / oursNanos);
                theirsGflops.add(p.flops() / theirsNanos);
            }
            System.out.printf(Locale.ROOT, "paired shape=%s threads=%d impl=%s pairs=%d rnn4j_gflops=%.1f "
                            + "openblas_gflops=%.1f fraction=%.3f q1=%.3f q3=%.3f%n", p.shape, threads,
                    packed ? "packed" : "plain", fractions.size(), quantile(oursGflops, 0.5),
                    quantile(theirsGflops, 0.5), quantile(fractions, 0.5), quantile(fractions, 0.25),
                    quantile(fractions, 0.75));
        }
    }

    private static long time(Runnable product) {
        long t0 = System.nanoTime();
        product.run();
        return System.nanoTime() - t0;
    }

    private static double quantile(List<Double> values, double q) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) Math.round(q * (sorted.size() - 1)));
    }
}

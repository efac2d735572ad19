package rnn4j.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.bytedeco.openblas.presets.openblas_nolapack;
import rnn4j.kernel.Kernels;
import rnn4j.kernel.Parallel;

/**
 * W5 with the host's drift taken out: rnn4j's and OpenBLAS's products of one shape alternate in blocks of about a
 * second, who goes first alternating too. A block's figure is the median time of its calls after a settling time, and
 * the fraction is the median over the pairs of blocks of OpenBLAS's time over rnn4j's, with its quartiles. JMH runs one
 * implementation after the other for about 8 s each, and this host's speed drifts by 20-30% within a minute, which
 * that reads as a difference between them. Blocks, not single calls: both libraries' threads spin for a while after
 * a call, so at 2 threads calls alternated one by one ran each against the other's spinning threads on the two cores;
 * the settling time lets them park.
 *
 * <p>Usage: {@code GemmPaired SHAPE THREADS [PAIRS] [plain|packed]} (default 10 pairs, plain); prints one line
 * {@code paired shape=... threads=... impl=... pairs=... rnn4j_gflops=... openblas_gflops=... fraction=... q1=...
 * q3=...}, GFLOP/s being the medians over the blocks. The runner {@code gemm.sh --paired} goes over the W5 shapes.
 */
public final class GemmPaired {
    /** Time of each block in which calls are timed. */
    private static final long MEASURE_NANOS = 1_000_000_000L;
    /** Time at the start of each block in which calls are not timed: the other library's threads park meanwhile. */
    private static final long SETTLE_NANOS = 300_000_000L;

    private GemmPaired() {}

    public static void main(String[] args) {
        if (args.length < 2 || args.length > 4) {
            System.err.println("usage: GemmPaired SHAPE THREADS [PAIRS] [plain|packed]");
            System.exit(2);
        }
        int threads = Integer.parseInt(args[1]);
        int pairs = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        boolean packed = args.length > 3 && args[3].equals("packed");
        Parallel.setThreads(threads);
        openblas_nolapack.blas_set_num_threads(threads);
        Kernels.warmUp();
        try (GemmProblem p = new GemmProblem(args[0])) {
            Runnable ours = packed ? p::rnn4jPacked : p::rnn4j;
            Runnable theirs = p::openBlas;
            block(ours);   // warm-up: the JIT, the packed copy, OpenBLAS's buffers and threads
            block(theirs);
            List<Double> fractions = new ArrayList<>();
            List<Double> oursGflops = new ArrayList<>();
            List<Double> theirsGflops = new ArrayList<>();
            for (int pair = 0; pair < pairs; pair++) {
                boolean oursFirst = pair % 2 == 0;
                double first = block(oursFirst ? ours : theirs);
                double second = block(oursFirst ? theirs : ours);
                double oursNanos = oursFirst ? first : second;
                double theirsNanos = oursFirst ? second : first;
                fractions.add(theirsNanos / oursNanos);
                oursGflops.add(p.flops() / oursNanos);
                theirsGflops.add(p.flops() / theirsNanos);
            }
            System.out.printf(Locale.ROOT, "paired shape=%s threads=%d impl=%s pairs=%d rnn4j_gflops=%.1f "
                            + "openblas_gflops=%.1f fraction=%.3f q1=%.3f q3=%.3f%n", p.shape, threads,
                    packed ? "packed" : "plain", pairs, quantile(oursGflops, 0.5), quantile(theirsGflops, 0.5),
                    quantile(fractions, 0.5), quantile(fractions, 0.25), quantile(fractions, 0.75));
        }
    }

    /** Runs the product for a settling time, then times it call by call; returns the median nanoseconds per call. */
    private static double block(Runnable product) {
        long start = System.nanoTime();
        while (System.nanoTime() - start < SETTLE_NANOS) {
            product.run();
        }
        List<Double> times = new ArrayList<>();
        long measureStart = System.nanoTime();
        while (times.size() < 3 || System.nanoTime() - measureStart < MEASURE_NANOS) {
            long t0 = System.nanoTime();
            product.run();
            times.add((double) (System.nanoTime() - t0));
        }
        return quantile(times, 0.5);
    }

    private static double quantile(List<Double> values, double q) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) Math.round(q * (sorted.size() - 1)));
    }
}

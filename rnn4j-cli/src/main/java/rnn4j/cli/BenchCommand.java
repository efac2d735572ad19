package rnn4j.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import rnn4j.data.Datasets;
import rnn4j.data.TextStream;
import rnn4j.data.Tokens;
import rnn4j.data.Vocabulary;
import rnn4j.decode.LmGenerator;
import rnn4j.decode.Sampler;
import rnn4j.kernel.Gemm;
import rnn4j.kernel.Kernels;
import rnn4j.kernel.PackedMatrix;
import rnn4j.models.Lm;
import rnn4j.optim.Adam;
import rnn4j.train.LmTrainer;

/**
 * {@code rnn4j bench}: the workloads of BENCHMARKS.md, one parseable line per figure
 * ({@code bench <workload> key=value ...}). Medians over measured repetitions after a warm-up.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure speed on the standard workloads.",
        subcommands = {BenchCommand.Train.class, BenchCommand.Sample.class, BenchLayerCommand.class,
            BenchTranslateCommand.class, BenchClassifyCommand.class, BenchCommand.GemmBench.class})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Model flags shared by the language-model workloads (W1–W3). */
    static final class ModelFlags {
        @Option(names = "--cell", defaultValue = "lstm", description = "Cell (default: ${DEFAULT-VALUE}).")
        String cell;

        @Option(names = "--hidden", defaultValue = "512", description = "Hidden size (default: ${DEFAULT-VALUE}).")
        int hidden;

        @Option(names = "--layers", defaultValue = "2", description = "Layers (default: ${DEFAULT-VALUE}).")
        int layers;

        void validate() {
            Usage.require(hidden >= 1 && layers >= 1, "--hidden and --layers must be >= 1, got %s and %s", hidden,
                    layers);
            Usage.cell(cell, "--cell");
        }

        /** The W1–W3 model: Embedding(V, H) → layers × cell(H, H) → Linear(H, V), no dropout. */
        Lm model(int vocab) {
            return new Lm(new Lm.Config(vocab, hidden, hidden, layers, cell, 0f, "chars"), new SplittableRandom(1));
        }
    }

    /** tinyshakespeare's ids from the mirror, else random text over 65 symbols of the same length. */
    static int[] corpus(PrintWriter err) {
        var mirror = Datasets.mirror();
        if (mirror.isPresent() && java.nio.file.Files.exists(mirror.get().resolve("tinyshakespeare/input.txt"))) {
            String text = DataArgument.text("tinyshakespeare", Datasets.Split.TRAIN, "--data");
            List<String> tokens = Tokens.CHARS.split(text);
            return Vocabulary.of(tokens).encode(tokens, "tinyshakespeare");
        }
        err.println("bench: tinyshakespeare not found (RNN4J_DATA_DIR unset); using random text over 65 symbols");
        return new SplittableRandom(7).ints(1_115_394, 0, 65).toArray();
    }

    /**
     * Compiles every kernel path before anything is timed (Main does it too; this covers in-process runs): a vector
     * path first met mid-run de-optimises its caller and stays slow for seconds (DESIGN.md §4 rule 3).
     */
    static void warmUpKernels() {
        Kernels.warmUp();
    }

    /** The median seconds of {@code steps} runs of {@code step} after {@code warmup} unmeasured ones. */
    static double medianSeconds(int warmup, int steps, Runnable step) {
        double[] seconds = new double[steps];
        for (int i = -warmup; i < steps; i++) {
            long t0 = System.nanoTime();
            step.run();
            if (i >= 0) seconds[i] = (System.nanoTime() - t0) / 1e9;
        }
        return median(seconds);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    @Command(name = "train", mixinStandardHelpOptions = true, description = "W1/W2: character LM training speed "
            + "(Adam 2e-3, clip 5, truncated BPTT).")
    static final class Train implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ModelFlags model;

        @Option(names = "--batch", defaultValue = "64", description = "Streams (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--seq", defaultValue = "100", description = "BPTT length (default: ${DEFAULT-VALUE}).")
        int seq;

        @Option(names = "--warmup", defaultValue = "20", description = "Unmeasured steps (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--steps", defaultValue = "30", description = "Measured steps (default: ${DEFAULT-VALUE}).")
        int steps;

        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            model.validate();
            Usage.require(batch >= 1 && seq >= 1 && warmup >= 0 && steps >= 1, "--batch, --seq and --steps must be "
                    + ">= 1 and --warmup >= 0");
            common.applyThreads();
            warmUpKernels();
            int[] ids = corpus(spec.commandLine().getErr());
            Lm lm = model.model(65);
            LmTrainer trainer = new LmTrainer(lm, new Adam(lm.parameters(), 2e-3), null,
                    new TextStream(ids, batch, seq), 5);
            double step = medianSeconds(warmup, steps, trainer::step);
            int h = model.hidden;
            // BENCHMARKS.md's count: 2·4H·(I+H) FLOP per token and layer forward, ×3 with backward (I = H here).
            double flops = 3.0 * model.layers * 2 * 4 * h * (2.0 * h) * batch * seq;
            spec.commandLine().getOut().printf(java.util.Locale.ROOT, "bench train cell=%s hidden=%d layers=%d "
                            + "batch=%d seq=%d threads=%d chars_per_s=%.0f gflops=%.1f step_s=%.4f%n", model.cell, h,
                    model.layers, batch, seq, rnn4j.kernel.Parallel.threads(), batch * seq / step, flops / step / 1e9,
                    step);
            return 0;
        }
    }

    @Command(name = "sample", mixinStandardHelpOptions = true, description = "W3: batch-1 sampling speed.")
    static final class Sample implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ModelFlags model;

        @Option(names = "--length", defaultValue = "2000", description = "Characters (default: ${DEFAULT-VALUE}).")
        int length;

        @Option(names = "--warmup", defaultValue = "200", description = "Unmeasured characters (default: "
                + "${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--repeats", defaultValue = "3", description = "Measured runs; the median is printed "
                + "(default: ${DEFAULT-VALUE}).")
        int repeats;

        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            model.validate();
            Usage.require(length >= 1 && warmup >= 0 && repeats >= 1, "--length and --repeats must be >= 1");
            common.applyThreads();
            warmUpKernels();
            Lm lm = model.model(65);
            lm.eval();
            LmGenerator gen = new LmGenerator(lm, Sampler.plain(), new SplittableRandom(3));
            gen.generate(new int[] {0}, warmup, id -> true);
            double[] rates = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                gen.generate(new int[] {0}, length, id -> true);
                rates[r] = length / ((System.nanoTime() - t0) / 1e9);
            }
            spec.commandLine().getOut().printf(java.util.Locale.ROOT, "bench sample cell=%s hidden=%d layers=%d "
                            + "length=%d threads=%d chars_per_s=%.0f%n", model.cell, model.hidden, model.layers,
                    length, rnn4j.kernel.Parallel.threads(), median(rates));
            return 0;
        }
    }

    @Command(name = "gemm", mixinStandardHelpOptions = true, description = "Matrix product speed, C = A·B, (M×K)·(K×N)"
            + "; the JMH benchmark in rnn4j-bench compares it with OpenBLAS.")
    static final class GemmBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "-m", defaultValue = "64", description = "Rows of A and C (default: ${DEFAULT-VALUE}).")
        int m;

        @Option(names = "-k", defaultValue = "1024", description = "Inner size (default: ${DEFAULT-VALUE}).")
        int k;

        @Option(names = "-n", defaultValue = "2048", description = "Columns of B and C (default: ${DEFAULT-VALUE}).")
        int n;

        @Option(names = "--packed", description = "Pack B once and reuse it, as a recurrent layer does.")
        boolean packed;

        @Option(names = "--repeats", defaultValue = "50", description = "Measured products (default: "
                + "${DEFAULT-VALUE}).")
        int repeats;

        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            Usage.require(m >= 1 && k >= 1 && n >= 1 && repeats >= 1, "-m, -k, -n and --repeats must be >= 1");
            common.applyThreads();
            SplittableRandom rng = new SplittableRandom(5);
            float[] a = new float[m * k];
            float[] b = new float[k * n];
            float[] c = new float[m * n];
            for (int i = 0; i < a.length; i++) a[i] = (float) rng.nextDouble(-1, 1);
            for (int i = 0; i < b.length; i++) b[i] = (float) rng.nextDouble(-1, 1);
            PackedMatrix pb = packed ? Gemm.pack(false, k, n, b, 0, n) : null;
            double[] seconds = new double[repeats];
            for (int r = -Math.max(5, repeats / 5); r < repeats; r++) {
                long t0 = System.nanoTime();
                if (packed) {
                    Gemm.gemm(false, m, 1f, a, 0, k, pb, 0f, c, 0, n);
                } else {
                    Gemm.gemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
                }
                if (r >= 0) seconds[r] = (System.nanoTime() - t0) / 1e9;
            }
            spec.commandLine().getOut().printf(java.util.Locale.ROOT, "bench gemm m=%d k=%d n=%d packed=%s threads=%d "
                            + "gflops=%.1f%n", m, k, n, packed, rnn4j.kernel.Parallel.threads(),
                    2.0 * m * n * k / median(seconds) / 1e9);
            return 0;
        }
    }
}

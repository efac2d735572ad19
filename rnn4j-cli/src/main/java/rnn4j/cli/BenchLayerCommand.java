package rnn4j.cli;

import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import rnn4j.kernel.Gemm;
import rnn4j.kernel.Kernels;
import rnn4j.kernel.PackedMatrix;
import rnn4j.kernel.Parallel;
import rnn4j.nn.recurrent.CellType;
import rnn4j.nn.recurrent.RecurrentConfig;
import rnn4j.nn.recurrent.RecurrentLayer;
import rnn4j.tensor.Grad;
import rnn4j.tensor.MathOps;
import rnn4j.tensor.Tensor;

/**
 * {@code rnn4j bench layer}: one recurrent layer over a whole sequence, forward and forward+backward, in GFLOP/s and
 * as a fraction of the GEMM speed on the per-step shape {@code (B×H)·(H×G·H)} measured in the same process, which is
 * the ceiling a fused layer can approach (issue 3's benchmark).
 */
@Command(name = "layer", mixinStandardHelpOptions = true, description = "One recurrent layer, forward and "
        + "forward+backward, against the GEMM speed of its step shape measured in the same run.")
final class BenchLayerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--cell", defaultValue = "lstm", description = "lstm, gru, rnn_tanh or rnn_relu (default: "
            + "${DEFAULT-VALUE}).")
    String cell;

    @Option(names = "--hidden", defaultValue = "512", description = "H (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--input", description = "I, the width of each input step (default: H).")
    Integer input;

    @Option(names = "--batch", defaultValue = "64", description = "B (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seq", defaultValue = "100", description = "T (default: ${DEFAULT-VALUE}).")
    int seq;

    @Option(names = "--repeats", defaultValue = "10", description = "Measured passes; medians are printed "
            + "(default: ${DEFAULT-VALUE}).")
    int repeats;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        int inputSize = input == null ? hidden : input;
        Usage.require(hidden >= 1 && inputSize >= 1 && batch >= 1 && seq >= 1 && repeats >= 1,
                "--hidden, --input, --batch, --seq and --repeats must be >= 1");
        CellType type = Usage.cell(cell, "--cell");
        common.applyThreads();
        Kernels.warmUp();
        SplittableRandom rng = new SplittableRandom(1);
        RecurrentLayer layer = RecurrentLayer.of(type, new RecurrentConfig(inputSize, hidden, 1, true, true, 0f, false,
                false), rng, rng);
        Tensor x = Tensor.normal(rng, 0, 1, batch, seq, inputSize).requiresGrad(true);
        Tensor r = Tensor.normal(rng, 0, 1, batch, seq, hidden);
        int gates = type.gates() * hidden;
        double forwardFlop = 2.0 * gates * ((double) inputSize + hidden) * batch * seq; // 2·G·H·(I+H) per token
        StepGemm step = new StepGemm(batch, hidden, gates);
        int warmup = Math.max(2, repeats / 3);
        double[] forward = new double[repeats];
        double[] train = new double[repeats];
        double[] gemm = new double[repeats];
        double[] forwardFraction = new double[repeats];
        double[] trainFraction = new double[repeats];
        // The step GEMM is timed right after each pass, and each pass is compared with its own neighbour: on a
        // shared machine the speed drifts by 2x within a minute, which separate phases would read as a fraction.
        for (int i = -warmup; i < repeats; i++) {
            long t0 = System.nanoTime();
            Grad.disabled(() -> layer.forward(x));
            long t1 = System.nanoTime();
            MathOps.sum(MathOps.mul(layer.forward(x).output(), r)).backward();
            long t2 = System.nanoTime();
            layer.zeroGrad();
            x.zeroGrad();
            double stepGflops = step.gflops(seq);
            if (i >= 0) {
                forward[i] = forwardFlop / ((t1 - t0) / 1e9) / 1e9;
                train[i] = 3 * forwardFlop / ((t2 - t1) / 1e9) / 1e9;
                gemm[i] = stepGflops;
                forwardFraction[i] = forward[i] / stepGflops;
                trainFraction[i] = train[i] / stepGflops;
            }
        }
        spec.commandLine().getOut().printf(java.util.Locale.ROOT, "bench layer cell=%s input=%d hidden=%d batch=%d "
                        + "seq=%d threads=%d forward_gflops=%.1f train_gflops=%.1f step_gemm_gflops=%.1f "
                        + "forward_fraction=%.2f train_fraction=%.2f%n", cell, inputSize, hidden, batch, seq,
                Parallel.threads(),
                BenchCommand.median(forward), BenchCommand.median(train), BenchCommand.median(gemm),
                BenchCommand.median(forwardFraction), BenchCommand.median(trainFraction));
        return 0;
    }

    /** The layer's per-step product {@code (B×H)·(H×G·H)} with the weight packed once, as a layer's step does it. */
    private static final class StepGemm {
        private final int m;
        private final int k;
        private final int n;
        private final float[] a;
        private final float[] c;
        private final PackedMatrix packed;

        StepGemm(int m, int k, int n) {
            this.m = m;
            this.k = k;
            this.n = n;
            SplittableRandom rng = new SplittableRandom(2);
            a = new float[m * k];
            float[] b = new float[k * n];
            c = new float[m * n];
            for (int i = 0; i < a.length; i++) a[i] = (float) rng.nextDouble(-1, 1);
            for (int i = 0; i < b.length; i++) b[i] = (float) rng.nextDouble(-1, 1);
            packed = Gemm.pack(false, k, n, b, 0, n);
        }

        /** GFLOP/s over {@code calls} back-to-back products: as many as a layer pass makes. */
        double gflops(int calls) {
            long t0 = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                Gemm.gemm(false, m, 1f, a, 0, k, packed, 0f, c, 0, n);
            }
            return 2.0 * m * n * k * calls / ((System.nanoTime() - t0) / 1e9) / 1e9;
        }
    }
}

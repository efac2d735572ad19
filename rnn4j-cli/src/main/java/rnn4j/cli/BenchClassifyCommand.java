package rnn4j.cli;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import rnn4j.kernel.Parallel;
import rnn4j.models.SequenceClassifier;
import rnn4j.optim.Adam;
import rnn4j.tensor.Tensor;
import rnn4j.train.ClassifierTrainer;

/**
 * {@code rnn4j bench classify}: training speed of a sequence classifier over feature vectors, in examples per second.
 * The defaults are sequential MNIST over rows (28 steps of 28 pixels, LSTM 128, last state → 10 classes, batch 128,
 * Adam, clip 1), on random pixels so that no data loading is timed; {@code examples/peers/libtorch} runs the same
 * model in libtorch for the side-by-side figure.
 */
@Command(name = "classify", mixinStandardHelpOptions = true, description = "Sequence classifier training speed "
        + "(sequential MNIST shape by default), in examples/s.")
final class BenchClassifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--cell", defaultValue = "lstm", description = "Cell (default: ${DEFAULT-VALUE}).")
    String cell;

    @Option(names = "--hidden", defaultValue = "128", description = "H (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--layers", defaultValue = "1", description = "Layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--seq", defaultValue = "28", description = "Steps per example (default: ${DEFAULT-VALUE}; "
            + "784 for pixels).")
    int seq;

    @Option(names = "--input", defaultValue = "28", description = "Features per step (default: ${DEFAULT-VALUE}; 1 "
            + "for pixels).")
    int input;

    @Option(names = "--classes", defaultValue = "10", description = "Classes (default: ${DEFAULT-VALUE}).")
    int classes;

    @Option(names = "--batch", defaultValue = "128", description = "Examples per step (default: ${DEFAULT-VALUE}).")
    int batch;

    // A step takes ~50 ms: 20 steps end before the JIT has compiled the hot loops, and would time the compiler.
    @Option(names = "--warmup", defaultValue = "100", description = "Unmeasured steps (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--steps", defaultValue = "30", description = "Measured steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Usage.require(hidden >= 1 && layers >= 1 && seq >= 1 && input >= 1 && batch >= 1 && steps >= 1
                && warmup >= 0 && classes >= 2, "--hidden, --layers, --seq, --input, --batch and --steps must be >= 1, "
                + "--classes >= 2 and --warmup >= 0");
        Usage.cell(cell, "--cell");
        common.applyThreads();
        BenchCommand.warmUpKernels();
        SequenceClassifier model = new SequenceClassifier(new SequenceClassifier.Config(0, input, 0, hidden, layers,
                classes, cell, false, 0f, "last"), new SplittableRandom(1));
        ClassifierTrainer trainer = new ClassifierTrainer(model, new Adam(model.parameters(), 1e-3), 1.0);
        SplittableRandom rng = new SplittableRandom(2);
        Tensor features = Tensor.uniform(rng, 0f, 1f, batch, seq, input); // pixel intensities
        int[] labels = rng.ints(batch, 0, classes).toArray();
        ClassifierTrainer.Batch b = ClassifierTrainer.Batch.of(features, null, labels);
        double step = BenchCommand.medianSeconds(warmup, steps, () -> trainer.step(b));
        spec.commandLine().getOut().printf(Locale.ROOT, "bench classify cell=%s hidden=%d layers=%d seq=%d input=%d "
                        + "batch=%d threads=%d examples_per_s=%.0f step_s=%.4f%n", cell, hidden, layers, seq, input,
                batch, Parallel.threads(), batch / step, step);
        return 0;
    }
}

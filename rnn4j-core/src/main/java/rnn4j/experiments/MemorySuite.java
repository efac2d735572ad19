package rnn4j.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import rnn4j.models.SequenceClassifier;
import rnn4j.models.SequenceRegressor;
import rnn4j.nn.Linear;
import rnn4j.nn.Module;
import rnn4j.nn.recurrent.CellType;
import rnn4j.nn.recurrent.RecurrentConfig;
import rnn4j.nn.recurrent.RecurrentLayer;
import rnn4j.optim.Adam;
import rnn4j.optim.GradClip;
import rnn4j.tensor.Grad;
import rnn4j.tensor.LossOps;
import rnn4j.tensor.MathOps;
import rnn4j.tensor.Tensor;

/**
 * Which cells learn to remember across {@code T} steps: trains one fresh model per (task, cell, T) on the
 * {@link MemoryTasks} and scores it on fresh data. The measured form of the lesson that a vanilla RNN forgets what
 * an LSTM or GRU keeps (Bengio et al. 1994; Hochreiter &amp; Schmidhuber 1997).
 */
public final class MemorySuite {
    private MemorySuite() {}

    /** The tasks. */
    public enum Task { ADDING, RECALL, COPY }

    /**
     * The settings of a suite run.
     *
     * @param hidden hidden size of every model
     * @param batch  examples per step
     * @param steps  Adam steps per model
     * @param lr     learning rate
     * @param clip   global gradient-norm clip (0 = off)
     * @param seed   seed of weights and data
     */
    public record Settings(int hidden, int batch, int steps, double lr, double clip, long seed) {}

    /**
     * One trained model's score on 512 fresh examples.
     *
     * @param score  test MSE (adding; baseline 0.167) or accuracy (recall, and copy over its copied steps; chance 1/8)
     * @param solved MSE below 0.05, or accuracy above 0.9
     */
    public record Result(Task task, String cell, int length, double score, boolean solved) {}

    /** Symbols of the recall task. */
    public static final int SYMBOLS = 8;

    /** Runs every combination, reporting each result to {@code progress} as it finishes. */
    public static List<Result> run(List<Task> tasks, List<String> cells, List<Integer> lengths, Settings s,
                                   Consumer<Result> progress) {
        List<Result> out = new ArrayList<>();
        for (Task task : tasks) {
            for (int length : lengths) {
                for (String cell : cells) {
                    Result r = switch (task) {
                        case ADDING -> adding(cell, length, s);
                        case RECALL -> recall(cell, length, s);
                        case COPY -> copy(cell, length, s);
                    };
                    out.add(r);
                    progress.accept(r);
                }
            }
        }
        return out;
    }

    /** {@code s.steps()} Adam steps on fresh batches, each loss made by {@code nextLoss}, clipped as set. */
    private static void train(Module model, Settings s, Supplier<Tensor> nextLoss) {
        Adam adam = new Adam(model.parameters(), s.lr());
        for (int step = 0; step < s.steps(); step++) {
            nextLoss.get().backward();
            if (s.clip() > 0) GradClip.clipGradNorm(model.parameters(), s.clip());
            adam.step();
            adam.zeroGrad();
        }
    }

    static Result adding(String cell, int length, Settings s) {
        SplittableRandom rng = new SplittableRandom(s.seed());
        var model = new SequenceRegressor(new SequenceRegressor.Config(2, s.hidden(), 1, 1, 1, false, cell, 0f), rng);
        train(model, s, () -> {
            MemoryTasks.Batch b = MemoryTasks.adding(s.batch(), length, rng);
            return LossOps.mse(model.forward(b.x()), b.y());
        });
        MemoryTasks.Batch test = MemoryTasks.adding(512, length, new SplittableRandom(s.seed() + 1));
        double mse = Grad.eval(() -> LossOps.mse(model.forward(test.x()), test.y())).item();
        return new Result(Task.ADDING, cell, length, mse, mse < 0.05);
    }

    static Result recall(String cell, int length, Settings s) {
        SplittableRandom rng = new SplittableRandom(s.seed());
        var model = new SequenceClassifier(new SequenceClassifier.Config(0, SYMBOLS, 0, s.hidden(), 1, SYMBOLS, cell,
                false, 0f, "last"), rng);
        train(model, s, () -> {
            MemoryTasks.Batch b = MemoryTasks.recall(s.batch(), length, SYMBOLS, rng);
            return LossOps.crossEntropy(model.forward(b.x(), null), b.labels());
        });
        MemoryTasks.Batch test = MemoryTasks.recall(512, length, SYMBOLS, new SplittableRandom(s.seed() + 1));
        model.eval();
        int[] pred = MathOps.argmax(Grad.eval(() -> model.forward(test.x(), null)), 1);
        int right = 0;
        for (int i = 0; i < pred.length; i++) if (pred[i] == test.labels()[i]) right++;
        double acc = right / (double) pred.length;
        return new Result(Task.RECALL, cell, length, acc, acc > 0.9);
    }

    static Result copy(String cell, int length, Settings s) {
        SplittableRandom rng = new SplittableRandom(s.seed());
        var model = new StepClassifier(cell, SYMBOLS + 2, s.hidden(), rng);
        train(model, s, () -> {
            MemoryTasks.Batch b = MemoryTasks.copy(s.batch(), length, SYMBOLS, rng);
            return LossOps.crossEntropy(model.forward(b.x()), b.labels()); // mean over all B·T steps
        });
        MemoryTasks.Batch test = MemoryTasks.copy(512, length, SYMBOLS, new SplittableRandom(s.seed() + 1));
        int[] pred = MathOps.argmax(Grad.eval(() -> model.forward(test.x())), 2); // (B, T)
        int steps = MemoryTasks.copySteps(length);
        int right = 0;
        for (int b = 0; b < 512; b++) {
            for (int t = steps - MemoryTasks.COPY_SYMBOLS; t < steps; t++) {
                if (pred[b * steps + t] == test.labels()[b * steps + t]) right++;
            }
        }
        double acc = right / (512.0 * MemoryTasks.COPY_SYMBOLS);
        return new Result(Task.COPY, cell, length, acc, acc > 0.9);
    }

    /** One recurrent layer and a class for every step: the many-to-many model of the copy task. */
    private static final class StepClassifier extends Module {
        private final RecurrentLayer rnn;
        private final Linear head;

        StepClassifier(String cell, int classes, int hidden, RandomGenerator rng) {
            RecurrentConfig config = new RecurrentConfig(classes, hidden, 1, true, true, 0f, false, false);
            this.rnn = child("rnn", RecurrentLayer.of(CellType.parse(cell), config, rng, rng));
            this.head = child("head", new Linear(hidden, classes, rng));
        }

        /** Scores {@code (B, T, classes)} for inputs {@code (B, T, classes)}. */
        Tensor forward(Tensor x) {
            return head.forward(rnn.forward(x).output());
        }
    }
}

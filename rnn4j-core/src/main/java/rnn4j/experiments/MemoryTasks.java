package rnn4j.experiments;

import java.util.random.RandomGenerator;
import rnn4j.base.Check;
import rnn4j.tensor.Tensor;

/**
 * Generated tasks whose answer depends on inputs far back in the sequence, the classic probes of long-term memory:
 * the adding problem (Hochreiter &amp; Schmidhuber 1997, exp. 4; Le et al. 2015), first-symbol recall (a
 * many-to-one reduction of the copy-memory task: the answer is the symbol seen at step 0, after {@code T − 1}
 * distractors) and the copy-memory task itself (Hochreiter &amp; Schmidhuber 1997; Arjovsky et al. 2016), many to
 * many: one label per step.
 */
public final class MemoryTasks {
    private MemoryTasks() {}

    /**
     * A batch of inputs {@code (B, T, F)} with regression targets {@code (B, 1, 1)}, or class labels: one per row,
     * or one per step ({@code B·T}, row-major) for the copy task.
     */
    public record Batch(Tensor x, Tensor y, int[] labels) {}

    /**
     * The adding problem: channel 0 holds values from {@code U(0, 1)}, channel 1 marks one step in the first half
     * and one in the second; the target is the sum of the two marked values. Predicting the mean (1.0) scores an
     * MSE of 1/6 ≈ 0.167, the bar a model must clearly beat.
     */
    public static Batch adding(int batch, int length, RandomGenerator rng) {
        Check.argument(batch >= 1 && length >= 2, "MemoryTasks.adding: batch must be >= 1 and length >= 2, got %s "
                + "and %s", batch, length);
        float[] x = new float[batch * length * 2];
        float[] y = new float[batch];
        for (int b = 0; b < batch; b++) {
            int first = rng.nextInt(length / 2);
            int second = length / 2 + rng.nextInt(length - length / 2);
            for (int t = 0; t < length; t++) {
                float v = rng.nextFloat();
                x[(b * length + t) * 2] = v;
                if (t == first || t == second) {
                    x[(b * length + t) * 2 + 1] = 1f;
                    y[b] += v;
                }
            }
        }
        return new Batch(Tensor.of(x, batch, length, 2), Tensor.of(y, batch, 1, 1), null);
    }

    /**
     * First-symbol recall over {@code symbols} one-hot symbols: the label is the symbol at step 0; every later step
     * is a random distractor. Chance accuracy is {@code 1/symbols}.
     */
    public static Batch recall(int batch, int length, int symbols, RandomGenerator rng) {
        Check.argument(batch >= 1 && length >= 1 && symbols >= 2, "MemoryTasks.recall: batch, length must be >= 1 "
                + "and symbols >= 2, got %s, %s, %s", batch, length, symbols);
        float[] x = new float[batch * length * symbols];
        int[] labels = new int[batch];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < length; t++) {
                int s = rng.nextInt(symbols);
                if (t == 0) labels[b] = s;
                x[(b * length + t) * symbols + s] = 1f;
            }
        }
        return new Batch(Tensor.of(x, batch, length, symbols), null, labels);
    }

    /** Symbols the copy task asks to remember, written before the wait. */
    public static final int COPY_SYMBOLS = 10;

    /**
     * The copy-memory task over {@code symbols} symbols: {@value #COPY_SYMBOLS} random symbols, {@code length − 1}
     * blanks, a delimiter, then {@value #COPY_SYMBOLS} blanks during which the model must output the symbols in order;
     * the label of every earlier step is blank. Inputs are one-hot over {@code symbols + 2} classes (0 = blank,
     * {@code 1..symbols}, {@code symbols + 1} = delimiter) and so are the labels; each row is
     * {@code length + 2·}{@value #COPY_SYMBOLS} steps long. A model that outputs blanks and then guesses scores
     * chance, {@code 1/symbols}, on the copied steps.
     */
    public static Batch copy(int batch, int length, int symbols, RandomGenerator rng) {
        Check.argument(batch >= 1 && length >= 1 && symbols >= 2, "MemoryTasks.copy: batch, length must be >= 1 and "
                + "symbols >= 2, got %s, %s, %s", batch, length, symbols);
        int steps = copySteps(length);
        int classes = symbols + 2;
        int delimiter = symbols + 1;
        float[] x = new float[batch * steps * classes];
        int[] labels = new int[batch * steps];
        for (int b = 0; b < batch; b++) {
            int row = b * steps;
            for (int t = 0; t < steps; t++) {
                int input = 0;
                if (t < COPY_SYMBOLS) {
                    input = 1 + rng.nextInt(symbols);
                    labels[row + steps - COPY_SYMBOLS + t] = input;
                } else if (t == COPY_SYMBOLS + length - 1) {
                    input = delimiter;
                }
                x[(row + t) * classes + input] = 1f;
            }
        }
        return new Batch(Tensor.of(x, batch, steps, classes), null, labels);
    }

    /** Steps of a copy-task row with a wait of {@code length}. */
    public static int copySteps(int length) {
        return length + 2 * COPY_SYMBOLS;
    }
}

package rnn4j.nn.recurrent;

import java.util.random.RandomGenerator;

/** One GRU step, PyTorch's {@code nn.GRUCell}; the state holds {@code h} only. See {@link StepCell}. */
public final class GruCell extends StepCell {
    /** A GRU cell with biases. */
    public GruCell(int inputSize, int hiddenSize, RandomGenerator rng) {
        this(inputSize, hiddenSize, true, rng);
    }

    /** A GRU cell, with or without biases. */
    public GruCell(int inputSize, int hiddenSize, boolean bias, RandomGenerator rng) {
        super(CellType.GRU, inputSize, hiddenSize, bias, rng);
    }
}

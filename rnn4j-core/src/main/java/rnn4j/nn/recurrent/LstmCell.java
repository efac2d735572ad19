package rnn4j.nn.recurrent;

import java.util.random.RandomGenerator;

/** One LSTM step, PyTorch's {@code nn.LSTMCell}; the state holds {@code h} and {@code c}. See {@link StepCell}. */
public final class LstmCell extends StepCell {
    /** An LSTM cell with biases. */
    public LstmCell(int inputSize, int hiddenSize, RandomGenerator rng) {
        this(inputSize, hiddenSize, true, rng);
    }

    /** An LSTM cell, with or without biases. */
    public LstmCell(int inputSize, int hiddenSize, boolean bias, RandomGenerator rng) {
        super(CellType.LSTM, inputSize, hiddenSize, bias, rng);
    }
}

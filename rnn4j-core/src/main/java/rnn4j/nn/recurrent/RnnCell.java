package rnn4j.nn.recurrent;

import java.util.random.RandomGenerator;
import rnn4j.base.Check;

/**
 * One Elman RNN step, PyTorch's {@code nn.RNNCell}: {@code h' = act(W_ih x + b_ih + W_hh h + b_hh)}, {@code act} tanh
 * or relu. See {@link StepCell}.
 */
public final class RnnCell extends StepCell {
    /** An Elman cell with biases; {@code cell} is {@link CellType#RNN_TANH} or {@link CellType#RNN_RELU}. */
    public RnnCell(CellType cell, int inputSize, int hiddenSize, RandomGenerator rng) {
        super(checked(cell), inputSize, hiddenSize, true, rng);
    }

    private static CellType checked(CellType cell) {
        Check.argument(cell == CellType.RNN_TANH || cell == CellType.RNN_RELU,
                "RnnCell: cell must be rnn_tanh or rnn_relu, got %s; use LstmCell or GruCell for gated cells", cell);
        return cell;
    }
}

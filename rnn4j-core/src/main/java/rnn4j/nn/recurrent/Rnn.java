package rnn4j.nn.recurrent;

import java.util.random.RandomGenerator;
import rnn4j.base.Check;

/**
 * The Elman RNN over whole sequences, PyTorch's {@code nn.RNN}: {@code h' = act(W_ih x + b_ih + W_hh h + b_hh)} with
 * {@code act = tanh} or {@code relu}. See {@link RecurrentLayer}.
 */
public final class Rnn extends RecurrentLayer {
    /** An Elman RNN stack; {@code cell} is {@link CellType#RNN_TANH} or {@link CellType#RNN_RELU}. */
    public Rnn(CellType cell, RecurrentConfig config, RandomGenerator rng) {
        this(cell, config, rng, rng);
    }

    /** As {@link #Rnn(CellType, RecurrentConfig, RandomGenerator)}, with dropout masks from {@code dropoutRng}. */
    public Rnn(CellType cell, RecurrentConfig config, RandomGenerator rng, RandomGenerator dropoutRng) {
        super(checked(cell), config, rng, dropoutRng);
    }

    private static CellType checked(CellType cell) {
        Check.argument(cell == CellType.RNN_TANH || cell == CellType.RNN_RELU,
                "Rnn: cell must be rnn_tanh or rnn_relu, got %s; use Lstm or Gru for gated cells", cell);
        return cell;
    }
}

package rnn4j.nn.recurrent;

import java.util.random.RandomGenerator;

/**
 * Gated recurrent units over whole sequences, PyTorch's {@code nn.GRU} (Cho et al. 2014): gates {@code r, z, n},
 * {@code n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))}, {@code h' = (1 − z) ⊙ n + z ⊙ h}. See {@link RecurrentLayer}.
 */
public final class Gru extends RecurrentLayer {
    /** A GRU stack with the given settings, initialised from {@code rng}. */
    public Gru(RecurrentConfig config, RandomGenerator rng) {
        this(config, rng, rng);
    }

    /** As {@link #Gru(RecurrentConfig, RandomGenerator)}, with dropout masks drawn from {@code dropoutRng}. */
    public Gru(RecurrentConfig config, RandomGenerator rng, RandomGenerator dropoutRng) {
        super(CellType.GRU, config, rng, dropoutRng);
    }
}

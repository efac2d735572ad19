package rnn4j.nn.recurrent;

import java.util.random.RandomGenerator;

/**
 * Long short-term memory over whole sequences, PyTorch's {@code nn.LSTM} (Hochreiter and Schmidhuber 1997): gates
 * {@code i, f, g, o}, {@code c' = f ⊙ c + i ⊙ g}, {@code h' = o ⊙ tanh(c')}. See {@link RecurrentLayer}.
 */
public final class Lstm extends RecurrentLayer {
    /** An LSTM stack with the given settings, initialised from {@code rng}. */
    public Lstm(RecurrentConfig config, RandomGenerator rng) {
        this(config, rng, rng);
    }

    /** As {@link #Lstm(RecurrentConfig, RandomGenerator)}, with dropout masks drawn from {@code dropoutRng}. */
    public Lstm(RecurrentConfig config, RandomGenerator rng, RandomGenerator dropoutRng) {
        super(CellType.LSTM, config, rng, dropoutRng);
    }
}

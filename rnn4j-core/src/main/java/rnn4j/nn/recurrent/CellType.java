package rnn4j.nn.recurrent;

import java.util.Arrays;
import java.util.Locale;
import rnn4j.tensor.RecurrentOps;
import rnn4j.tensor.Tensor;

/**
 * The recurrent cells of PyTorch, by the names its {@code nn.RNN(nonlinearity=…)}, {@code nn.LSTM} and
 * {@code nn.GRU} imply: {@code rnn_tanh}, {@code rnn_relu}, {@code lstm}, {@code gru}.
 */
public enum CellType {
    RNN_TANH(1), RNN_RELU(1), LSTM(4), GRU(3);

    private final int gates;

    CellType(int gates) {
        this.gates = gates;
    }

    /** Gate blocks stacked in the weight rows: 1, 4 (i, f, g, o) or 3 (r, z, n). */
    public int gates() {
        return gates;
    }

    /** True for LSTM, the only cell with a separate cell state {@code c}. */
    public boolean hasCellState() {
        return this == LSTM;
    }

    /** The name used in configs and on the command line ({@code lstm}, {@code rnn_tanh}, ...). */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The cell of a config or option name; an unknown name lists the valid ones. */
    public static CellType parse(String name) {
        for (CellType c : values()) {
            if (c.optionName().equals(name)) return c;
        }
        throw new IllegalArgumentException("CellType.parse: cell must be one of "
                + Arrays.stream(values()).map(CellType::optionName).toList() + ", got '" + name + "'");
    }

    /** One fused layer call of this cell (see {@link RecurrentOps}); {@code c0} is ignored but by LSTM. */
    RecurrentOps.Sequence run(Tensor x, Tensor h0, Tensor c0, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh,
                              int[] lengths, boolean reverse) {
        return switch (this) {
            case RNN_TANH -> RecurrentOps.rnn(x, h0, wIh, wHh, bIh, bHh, lengths, reverse, false);
            case RNN_RELU -> RecurrentOps.rnn(x, h0, wIh, wHh, bIh, bHh, lengths, reverse, true);
            case LSTM -> RecurrentOps.lstm(x, h0, c0, wIh, wHh, bIh, bHh, lengths, reverse);
            case GRU -> RecurrentOps.gru(x, h0, wIh, wHh, bIh, bHh, lengths, reverse);
        };
    }
}

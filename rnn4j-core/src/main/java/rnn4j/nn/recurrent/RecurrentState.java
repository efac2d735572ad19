package rnn4j.nn.recurrent;

import rnn4j.tensor.Tensor;

/**
 * The state a recurrent layer carries between calls: {@code h} and, for LSTM, {@code c}, each
 * {@code (numLayers·numDirections, B, H)} ordered as PyTorch's {@code h_n} (index = layer·directions + direction).
 *
 * @param h the hidden states
 * @param c the cell states (LSTM), {@code null} for RNN and GRU
 */
public record RecurrentState(Tensor h, Tensor c) {
    /**
     * The same values cut from the graph: the state to carry into the next segment in truncated BPTT, so the next
     * backward stops here.
     */
    public RecurrentState detach() {
        return new RecurrentState(h.detach(), c == null ? null : c.detach());
    }
}

package rnn4j.tensor;

/** The kinds of recurrent cell the fused sequence op runs, with their gate count {@code G}. */
enum RecurrentCell {
    RNN_TANH(1),
    RNN_RELU(1),
    LSTM(4),
    GRU(3);

    final int gates;

    RecurrentCell(int gates) {
        this.gates = gates;
    }
}

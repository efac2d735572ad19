package rnn4j.cli;

import picocli.CommandLine.Option;

/** The architecture flags of {@code rnn4j train}, defaulting to the recommended character-model recipe. */
final class LmModelOptions {
    @Option(names = "--cell", paramLabel = "CELL", description = "lstm, gru, rnn_tanh or rnn_relu "
            + "(default: ${DEFAULT-VALUE}).", defaultValue = "lstm")
    String cell;

    @Option(names = "--layers", paramLabel = "N", description = "Stacked recurrent layers (default: ${DEFAULT-VALUE}).",
            defaultValue = "2")
    int layers;

    @Option(names = "--hidden", paramLabel = "N", description = "Hidden state size (default: ${DEFAULT-VALUE}).",
            defaultValue = "512")
    int hidden;

    @Option(names = "--embed", paramLabel = "N", description = "Embedding size (default: ${DEFAULT-VALUE}).",
            defaultValue = "128")
    int embed;

    @Option(names = "--dropout", paramLabel = "P", description = "Dropout on embeddings, between layers and before "
            + "the head, in [0, 1) (default: ${DEFAULT-VALUE}).", defaultValue = "0.1")
    float dropout;

    @Option(names = "--init-range", paramLabel = "A", description = "Draw every weight and bias from U(-A, A) instead "
            + "of PyTorch's per-layer defaults, as Zaremba et al. (0.1) and PyTorch's word_language_model example do; "
            + "0 = the defaults (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    double initRange;
}

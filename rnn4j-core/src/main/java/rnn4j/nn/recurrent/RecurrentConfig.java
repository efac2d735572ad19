package rnn4j.nn.recurrent;

import rnn4j.base.Check;

/**
 * The settings of a sequence layer ({@link Rnn}, {@link Lstm}, {@link Gru}), named as PyTorch's constructor arguments.
 *
 * @param inputSize     features of each input step {@code I}
 * @param hiddenSize    features of the hidden state {@code H}
 * @param numLayers     stacked layers; layer k > 0 reads layer k−1's outputs
 * @param bias          whether the layers have {@code bias_ih}/{@code bias_hh}
 * @param batchFirst    inputs and outputs are {@code (B, T, F)} when true, {@code (T, B, F)} when false
 * @param dropout       dropout probability on the outputs of every layer but the last (training only)
 * @param bidirectional a second, reversed direction per layer; outputs concatenated {@code [forward, reverse]}
 * @param residual      add a layer's input to its output when both have the same width (layers k ≥ 1), as in
 *                      Wu et al. 2016 (GNMT); not in PyTorch, so such a model's state dict still loads there but
 *                      computes without the skip connections
 */
public record RecurrentConfig(int inputSize, int hiddenSize, int numLayers, boolean bias, boolean batchFirst,
                              float dropout, boolean bidirectional, boolean residual) {
    public RecurrentConfig {
        Check.argument(inputSize >= 1, "RecurrentConfig: inputSize must be >= 1, got %s", inputSize);
        Check.argument(hiddenSize >= 1, "RecurrentConfig: hiddenSize must be >= 1, got %s", hiddenSize);
        Check.argument(numLayers >= 1, "RecurrentConfig: numLayers must be >= 1, got %s", numLayers);
        Check.argument(dropout >= 0 && dropout < 1, "RecurrentConfig: dropout must be in [0, 1), got %s", dropout);
    }

    /** PyTorch's defaults for the given sizes: bias, batch-first (the house layout), no dropout, one direction. */
    public static RecurrentConfig of(int inputSize, int hiddenSize, int numLayers) {
        return new RecurrentConfig(inputSize, hiddenSize, numLayers, true, true, 0f, false, false);
    }

    /** 2 when bidirectional, else 1. */
    public int directions() {
        return bidirectional ? 2 : 1;
    }

    /** The width of each output step, {@code directions·H}. */
    public int outputSize() {
        return directions() * hiddenSize;
    }

    /** This config with {@code batchFirst} set as given. */
    public RecurrentConfig withBatchFirst(boolean value) {
        return new RecurrentConfig(inputSize, hiddenSize, numLayers, bias, value, dropout, bidirectional, residual);
    }

    /** This config with {@code bidirectional} set as given. */
    public RecurrentConfig withBidirectional(boolean value) {
        return new RecurrentConfig(inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, value, residual);
    }

    /** This config with the given dropout between layers. */
    public RecurrentConfig withDropout(float value) {
        return new RecurrentConfig(inputSize, hiddenSize, numLayers, bias, batchFirst, value, bidirectional, residual);
    }

    /** This config with residual connections set as given. */
    public RecurrentConfig withResidual(boolean value) {
        return new RecurrentConfig(inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, value);
    }
}

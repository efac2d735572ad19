package rnn4j.decode;

/**
 * A decoded output: its tokens (without {@code <sos>} and {@code <eos>}), the attention weights of each output step
 * over the source ({@code attention[t][i]}, one row per token plus one for {@code <eos>} when it was produced; empty
 * rows for models without attention), its total log-probability and the score it was ranked by (the
 * log-probability, length-normalised in beam search).
 */
public record Hypothesis(int[] tokens, float[][] attention, double logProb, double score) {}

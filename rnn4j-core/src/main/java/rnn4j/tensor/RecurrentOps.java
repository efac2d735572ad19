package rnn4j.tensor;

import rnn4j.base.Check;

/**
 * Fused whole-sequence recurrent layers (one layer, one direction): Elman RNN, LSTM and GRU, each one autodiff node
 * per call, the way cuDNN and oneDNN run them.
 *
 * <p>Equations and gate order are PyTorch's ({@code torch.nn.RNN/LSTM/GRU}), for time step {@code t}:
 * <pre>
 *   RNN   h' = act(W_ih x + b_ih + W_hh h + b_hh)                  act = tanh or relu
 *   LSTM  [i, f, g, o] = W_ih x + b_ih + W_hh h + b_hh              rows of W in that order
 *         i, f, o = σ(·), g = tanh(·), c' = f ⊙ c + i ⊙ g, h' = o ⊙ tanh(c')
 *   GRU   r = σ(W_ir x + b_ir + W_hr h + b_hr), z = σ(W_iz x + b_iz + W_hz h + b_hz)
 *         n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h' = (1 − z) ⊙ n + z ⊙ h
 * </pre>
 *
 * <p>Shapes, time-major ({@code G} = 1, 4, 3 gates): {@code x (T, B, I)}, {@code h0, c0 (B, H)} or {@code null} for
 * zeros, {@code wIh (G·H, I)}, {@code wHh (G·H, H)}, {@code bIh, bHh (G·H)} or {@code null} for none; results
 * {@code output (T, B, H)}, {@code hN, cN (B, H)}. With {@code wIh} null, {@code x (T, B, G·H)} is the input
 * projection already, {@code b + x·W_ihᵀ} with the bias {@link #inputBias} describes; {@code bIh} must then be null,
 * and so must {@code bHh} but for GRU, and the gradient of x is that of the gate pre-activations. Batch-first
 * callers transpose once; a bidirectional layer calls the op twice, the second time with {@code reverse}, and
 * concatenates the outputs.
 *
 * <p>{@code lengths} (or {@code null} for all {@code T}) gives each batch row's valid length, with PyTorch's
 * packed-sequence semantics: outputs past a row's end are zero, its final state is the state at its last valid step,
 * nothing flows through the padding, and in reverse the row starts at step {@code length − 1}. Lengths need not be
 * sorted; masking is done per row inside the fused step kernels.
 *
 * <p>Forward: per step the products {@code x_t·W_ihᵀ} and {@code h·W_hhᵀ} (weights packed once per call) and one fused
 * kernel ({@link rnn4j.kernel.RecurrentGates}). Backward: per step (in reverse) one fused kernel and one GEMM
 * {@code dG·W_hh}; then {@code dx} and {@code [dW_ih | dW_hh]} from one GEMM each over all steps and the biases from
 * one column sum. The batch is split into blocks of rows, each running the whole time loop on one thread of the
 * kernel team (rows never interact, so there is no per-step hand-off); results do not depend on the thread count.
 * Workspaces are sized once per call; nothing is allocated inside the time loop.
 */
public final class RecurrentOps {
    private RecurrentOps() {}

    /**
     * The results of one recurrent layer call, all differentiable through the same fused node.
     *
     * @param output {@code (T, B, H)} the hidden state at every step (zero past a row's length)
     * @param hN     {@code (B, H)} the final hidden state
     * @param cN     {@code (B, H)} the final cell state (LSTM), {@code null} for RNN and GRU
     */
    public record Sequence(Tensor output, Tensor hN, Tensor cN) {}

    /**
     * Elman RNN layer ({@code torch.nn.RNN} with one layer, one direction): {@code h' = act(W_ih x + b_ih + W_hh h +
     * b_hh)}, {@code act = relu} when {@code relu}, else {@code tanh}. Shapes in the class comment, {@code G = 1}.
     */
    public static Sequence rnn(Tensor x, Tensor h0, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh, int[] lengths,
                               boolean reverse, boolean relu) {
        RecurrentCell cell = relu ? RecurrentCell.RNN_RELU : RecurrentCell.RNN_TANH;
        return RecurrentSequence.run(cell, "RecurrentOps.rnn", x, h0, null, wIh, wHh, bIh, bHh, lengths, reverse);
    }

    /**
     * LSTM layer ({@code torch.nn.LSTM} with one layer, one direction), gates {@code i, f, g, o}. Shapes in the class
     * comment, {@code G = 4}.
     */
    public static Sequence lstm(Tensor x, Tensor h0, Tensor c0, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh,
                                int[] lengths, boolean reverse) {
        return RecurrentSequence.run(RecurrentCell.LSTM, "RecurrentOps.lstm", x, h0, c0, wIh, wHh, bIh, bHh, lengths,
                reverse);
    }

    /**
     * GRU layer ({@code torch.nn.GRU} with one layer, one direction), gates {@code r, z, n}, {@code b_hn} inside the
     * reset product. Shapes in the class comment, {@code G = 3}.
     */
    public static Sequence gru(Tensor x, Tensor h0, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh, int[] lengths,
                               boolean reverse) {
        return RecurrentSequence.run(RecurrentCell.GRU, "RecurrentOps.gru", x, h0, null, wIh, wHh, bIh, bHh, lengths,
                reverse);
    }

    /**
     * The bias a layer adds before the input projection, {@code (G·H)}: {@code b_ih + b_hh} for RNN and LSTM (they only
     * ever appear summed), {@code b_ih} alone for GRU (whose {@code b_hn} sits inside the reset product); null when
     * there is none. A step-by-step runner uses it to get the bits of the fused layer.
     */
    public static float[] inputBias(boolean gru, Tensor bIh, Tensor bHh, int gateWidth) {
        if (bIh == null && (bHh == null || gru)) return null;
        float[] bias = new float[gateWidth];
        if (bIh != null) addInto(bias, bIh);
        if (bHh != null && !gru) addInto(bias, bHh);
        return bias;
    }

    private static void addInto(float[] acc, Tensor v) {
        float[] d = v.data();
        int off = v.offset();
        for (int j = 0; j < acc.length; j++) acc[j] += d[off + j];
    }

    static void checkLengths(String op, int[] lengths, int batch, int steps) {
        if (lengths == null) {
            return;
        }
        Check.argument(lengths.length == batch, "%s: lengths must have one entry per batch row (%s), got %s", op,
                batch, lengths.length);
        for (int b = 0; b < batch; b++) {
            Check.argument(lengths[b] >= 0 && lengths[b] <= steps,
                    "%s: lengths must be in [0, %s] (the sequence length), got %s at batch row %s", op, steps,
                    lengths[b], b);
        }
    }
}

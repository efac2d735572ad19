package rnn4j.models;

import rnn4j.nn.recurrent.RecurrentLayer;
import rnn4j.tensor.MathOps;
import rnn4j.tensor.ShapeOps;
import rnn4j.tensor.Tensor;

/** The poolings of {@link SequenceClassifier} over each row's valid steps; padding never reaches the result. */
final class SequenceClassifierPooling {
    private SequenceClassifierPooling() {}

    /**
     * One vector per row from a recurrent stack's output {@code (B, T, D·H)} (zero past each row's end) and final
     * states {@code (L·D, B, H)}.
     */
    static Tensor pool(SequenceClassifier.Pooling pooling, RecurrentLayer.Output r, int[] lengths, int numLayers,
                       boolean bidirectional) {
        Tensor y = r.output(); // (B, T, D·H)
        int batch = y.dim(0);
        int length = y.dim(1);
        return switch (pooling) {
            case LAST -> last(r.state().h(), numLayers, bidirectional);
            case MEAN -> {
                // Padded outputs are exactly zero, so the plain sum over T is the sum over the valid steps.
                float[] inverse = new float[batch];
                for (int b = 0; b < batch; b++) inverse[b] = 1f / lengths[b];
                yield MathOps.mul(MathOps.sum(y, 1, false), Tensor.of(inverse, batch, 1)); // (B, D·H)
            }
            case MAX -> {
                // Zero is a valid output value, so padding must be hidden explicitly rather than trusted to lose.
                float[] pad = new float[batch * length];
                for (int b = 0; b < batch; b++) {
                    for (int t = lengths[b]; t < length; t++) pad[b * length + t] = 1f;
                }
                Tensor masked = MathOps.maskedFill(y, Tensor.of(pad, batch, length, 1), Float.NEGATIVE_INFINITY);
                yield MathOps.max(masked, 1, false); // (B, D·H)
            }
        };
    }

    /** The last layer's final states: forward at each row's last valid step, then reverse at step 0 if any. */
    static Tensor last(Tensor h, int numLayers, boolean bidirectional) {
        int d = bidirectional ? 2 : 1;
        Tensor forward = ShapeOps.select(h, 0, (numLayers - 1) * d); // (B, H)
        return bidirectional ? ShapeOps.concat(1, forward, ShapeOps.select(h, 0, (numLayers - 1) * d + 1)) : forward;
    }
}

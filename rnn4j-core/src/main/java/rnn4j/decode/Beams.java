package rnn4j.decode;

import rnn4j.tensor.Tensor;

/** Small helpers shared by the searches. */
final class Beams {
    private Beams() {}

    /** Row {@code b} of attention weights {@code (B, S)}, cut to the source's length (empty without attention). */
    static float[] row(Tensor weights, int b, int length) {
        if (weights == null) return new float[0];
        float[] out = new float[length];
        System.arraycopy(weights.data(), weights.offset() + b * weights.dim(1), out, 0, length);
        return out;
    }
}

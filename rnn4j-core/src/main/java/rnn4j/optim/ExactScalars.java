package rnn4j.optim;

import rnn4j.tensor.Tensor;

/**
 * 64-bit counters and doubles stored exactly in float32 tensors, so optimizer and schedule state survives a
 * safetensors round trip bit for bit.
 *
 * <p>A float32 holds integers exactly only up to 2^24 and cannot hold a double, so the 64 bits are split into four
 * 16-bit chunks, most significant first, each stored as a whole-number float in {@code [0, 65535]}: a tensor of shape
 * {@code [4]}. Doubles go through their raw IEEE bits, so infinities (the initial "best" of a plateau schedule) and
 * every learning rate come back identical.
 */
public final class ExactScalars {
    private static final int CHUNKS = 4;

    private ExactScalars() {}

    /** The four-chunk tensor of {@code value}. */
    public static Tensor ofLong(long value) {
        float[] chunks = new float[CHUNKS];
        for (int i = 0; i < CHUNKS; i++) {
            chunks[i] = (float) ((value >>> (16 * (CHUNKS - 1 - i))) & 0xFFFF);
        }
        return Tensor.of(chunks, CHUNKS);
    }

    /** The four-chunk tensor of {@code value}'s raw bits. */
    public static Tensor ofDouble(double value) {
        return ofLong(Double.doubleToRawLongBits(value));
    }

    /** True when {@code t} is a shape-[4] tensor of whole numbers in {@code [0, 65535]}, as the encoders write. */
    public static boolean isEncoded(Tensor t) {
        if (t == null || !t.shape().sameAs(CHUNKS)) return false;
        for (int i = 0; i < CHUNKS; i++) {
            float c = t.data()[t.offset() + i];
            if (!(c >= 0 && c <= 0xFFFF && c == Math.rint(c))) return false;
        }
        return true;
    }

    /** Decodes {@link #ofLong}; throws {@link IllegalArgumentException} when {@code t} is not such a tensor. */
    public static long toLong(Tensor t) {
        if (!isEncoded(t)) {
            throw new IllegalArgumentException("ExactScalars.toLong: tensor must have shape [4] with whole chunks in "
                    + "[0, 65535], got " + (t == null ? "null" : t.toString()));
        }
        long v = 0;
        for (int i = 0; i < CHUNKS; i++) v = (v << 16) | (long) t.data()[t.offset() + i];
        return v;
    }

    /** Decodes {@link #ofDouble}. */
    public static double toDouble(Tensor t) {
        return Double.longBitsToDouble(toLong(t));
    }
}

package rnn4j.io;

import java.nio.ByteBuffer;

/**
 * The safetensors element types rnn4j reads, each widened or narrowed to float32 the way {@code tensor.float()} does
 * in PyTorch (round to nearest even).
 *
 * <p>One-byte types (U8, I8, BOOL, F8) are left out on purpose: converting them would make the floats four times
 * larger than the bytes in the file, and no recurrent checkpoint needs them.
 */
enum Dtype {
    F32(4),
    F16(2),
    BF16(2),
    F64(8),
    I64(8),
    I32(4),
    I16(2);

    /** Bytes per element in the file. */
    final int bytes;

    Dtype(int bytes) {
        this.bytes = bytes;
    }

    /** The dtype named {@code text} exactly (safetensors names are upper case), or null when unsupported. */
    static Dtype named(String text) {
        for (Dtype dtype : values()) {
            if (dtype.name().equals(text)) {
                return dtype;
            }
        }
        return null;
    }

    /** Decodes {@code n} elements from {@code src} (little-endian, positioned) into {@code dst[offset ..]}. */
    void decode(ByteBuffer src, float[] dst, int offset, int n) {
        switch (this) {
            case F32 -> {
                src.asFloatBuffer().get(dst, offset, n);
                src.position(src.position() + n * Float.BYTES);
            }
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    dst[offset + i] = Float.float16ToFloat(src.getShort());
                }
            }
            case BF16 -> {
                // bfloat16 is the upper half of a float32, so widening is exact.
                for (int i = 0; i < n; i++) {
                    dst[offset + i] = Float.intBitsToFloat((src.getShort() & 0xFFFF) << 16);
                }
            }
            case F64 -> {
                for (int i = 0; i < n; i++) {
                    dst[offset + i] = (float) src.getDouble();
                }
            }
            case I64 -> {
                for (int i = 0; i < n; i++) {
                    dst[offset + i] = (float) src.getLong();
                }
            }
            case I32 -> {
                for (int i = 0; i < n; i++) {
                    dst[offset + i] = (float) src.getInt();
                }
            }
            case I16 -> {
                for (int i = 0; i < n; i++) {
                    dst[offset + i] = src.getShort();
                }
            }
        }
    }

    /** The supported names, for messages. */
    static String supported() {
        StringBuilder names = new StringBuilder();
        for (Dtype dtype : values()) {
            names.append(names.isEmpty() ? "" : ", ").append(dtype.name());
        }
        return names.toString();
    }
}

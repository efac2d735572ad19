package rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rnn4j.io.RawFiles.entry;

import org.junit.jupiter.api.Test;
import rnn4j.tensor.Tensor;

/** Each dtype is decoded from a hand-built file whose bit patterns have known float32 values. */
class DtypeTest {
    private static Tensor readOne(String dtype, int count, byte[] data) {
        String header = "{" + entry("t", dtype, "[" + count + "]", 0, data.length) + "}";
        Tensor t = SafeTensors.read(RawFiles.file(header, data), "hand-built").tensor("t");
        assertTrue(t.shape().sameAs(count));
        return t;
    }

    @Test
    void decode_f16_includingSubnormalInfinityAndRounding() {
        // 0x3C00 = 1, 0xC000 = -2, 0x7C00 = +inf, 0x0001 = 2^-24 (smallest subnormal), 0x3555 = 0.333251953125
        Tensor t = readOne("F16", 5, RawFiles.shorts(0x3C00, 0xC000, 0x7C00, 0x0001, 0x3555));
        assertArrayEquals(new float[] {1f, -2f, Float.POSITIVE_INFINITY, 0x1p-24f, 0.333251953125f}, t.toArray());
    }

    @Test
    void decode_bf16_isTheUpperHalfOfFloat32() {
        // 0x3F80 = 1, 0xC040 = -3, 0x3EAB = 0.333984375, 0xFF80 = -inf
        Tensor t = readOne("BF16", 4, RawFiles.shorts(0x3F80, 0xC040, 0x3EAB, 0xFF80));
        assertArrayEquals(new float[] {1f, -3f, 0.333984375f, Float.NEGATIVE_INFINITY}, t.toArray());
    }

    @Test
    void decode_f64_roundsToNearestEvenFloat() {
        // 1 + 2^-24 lies halfway between two floats and rounds to the even one, 1.
        Tensor t = readOne("F64", 3, RawFiles.doubles(0.1, 1e300, -1.0000000596046448));
        assertArrayEquals(new float[] {0.1f, Float.POSITIVE_INFINITY, -1f}, t.toArray());
    }

    @Test
    void decode_integers_convertToFloat() {
        // 2^24 + 1 is not a float; it rounds (tie to even) to 2^24.
        assertArrayEquals(new float[] {-7f, 16777216f}, readOne("I64", 2, RawFiles.longs(-7, (1L << 24) + 1))
                .toArray());
        assertArrayEquals(new float[] {Integer.MIN_VALUE, 3f}, readOne("I32", 2, RawFiles.ints(Integer.MIN_VALUE, 3))
                .toArray());
        assertArrayEquals(new float[] {-32768f, 32767f}, readOne("I16", 2, RawFiles.shorts(0x8000, 0x7FFF))
                .toArray());
    }

    @Test
    void decode_f32_littleEndian() {
        assertArrayEquals(new float[] {1.5f, -0.25f}, readOne("F32", 2, RawFiles.floats(1.5f, -0.25f)).toArray());
    }

    @Test
    void decode_largeTensor_spansSeveralChunks() {
        // 600k F16 values = 1.2 MB, more than one 1 MiB transfer chunk.
        int n = 600_000;
        int[] words = new int[n];
        for (int i = 0; i < n; i++) {
            words[i] = i % 2 == 0 ? 0x3C00 : 0xBC00; // +1, -1
        }
        float[] values = readOne("F16", n, RawFiles.shorts(words)).toArray();
        for (int i = 0; i < n; i++) {
            if (values[i] != (i % 2 == 0 ? 1f : -1f)) {
                throw new AssertionError("value " + i + " = " + values[i]);
            }
        }
    }
}

package rnn4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import rnn4j.tensor.Tensor;

class ExactScalarsTest {

    @Test
    void longs_roundTripExactlyBeyondFloatPrecision() {
        for (long v : new long[] {0, 1, (1L << 24) + 1, Long.MAX_VALUE, -1, Long.MIN_VALUE}) {
            assertEquals(v, ExactScalars.toLong(ExactScalars.ofLong(v)));
        }
    }

    @Test
    void doubles_roundTripBitForBit() {
        for (double v : new double[] {0.1, 1.0 / 3, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.MIN_VALUE, Double.NaN}) {
            assertEquals(Double.doubleToRawLongBits(v),
                    Double.doubleToRawLongBits(ExactScalars.toDouble(ExactScalars.ofDouble(v))));
        }
    }

    @Test
    void toLong_rejectsForeignTensors() {
        assertFalse(ExactScalars.isEncoded(Tensor.vector(0, 0, 0.5f, 0)));
        assertFalse(ExactScalars.isEncoded(Tensor.vector(0, 0, 65536, 0)));
        assertFalse(ExactScalars.isEncoded(Tensor.scalar(3)));
        assertThrows(IllegalArgumentException.class, () -> ExactScalars.toLong(Tensor.scalar(3)));
    }
}

package rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rnn4j.tensor.GradCheck;
import rnn4j.tensor.MathOps;
import rnn4j.tensor.Tensor;

class EmbeddingTest {

    @Test
    void forward_picksRowsInIdsShape() {
        Embedding e = new Embedding(5, 2, new SplittableRandom(1));
        e.weight().copyInPlace(Tensor.of(new float[] {0, 1, 10, 11, 20, 21, 30, 31, 40, 41}, 5, 2));
        Tensor y = e.forward(new int[] {4, 0, 2, 2}, 2, 2);
        assertArrayEquals(new int[] {2, 2, 2}, y.shape().dims());
        assertArrayEquals(new float[] {40, 41, 0, 1, 20, 21, 20, 21}, y.toArray(), 0f);
    }

    @Test
    void init_isStandardNormal() {
        float[] w = new Embedding(1000, 20, new SplittableRandom(2)).weight().data();
        double s = 0;
        double s2 = 0;
        for (float v : w) {
            s += v;
            s2 += v * v;
        }
        assertEquals(0, s / w.length, 0.02); // standard error 1/√20000 ≈ 0.007
        assertEquals(1, s2 / w.length, 0.03);
    }

    @Test
    void gradients_matchFiniteDifferences() {
        Embedding e = new Embedding(4, 3, new SplittableRandom(3));
        GradCheck.check(in -> e.forward(new int[] {1, 3, 1, 0, 2, 1}, 3, 2), e.weight().value());
    }

    @Test
    void paddingIdx_rowStartsZeroAndGetsNoGradient() {
        Embedding e = new Embedding(4, 3, -1, new SplittableRandom(4));
        assertEquals(OptionalInt.of(3), e.paddingIdx());
        assertArrayEquals(new float[3], Arrays.copyOfRange(e.weight().data(), 9, 12), 0f);
        MathOps.sum(e.forward(new int[] {3, 1, 3, 1})).backward();
        float[] g = e.weight().gradData();
        // Row 3 is read twice but, as in PyTorch, receives nothing; row 1 sums its two uses.
        assertArrayEquals(new float[] {0, 0, 0, 2, 2, 2, 0, 0, 0, 0, 0, 0}, g, 0f);
    }

    @Test
    void forward_rejectsIdOutOfRange() {
        Embedding e = new Embedding(4, 3, new SplittableRandom(5));
        assertThrows(IndexOutOfBoundsException.class, () -> e.forward(new int[] {0, 4}));
    }

    @Test
    void constructor_rejectsPaddingOutOfRange() {
        var ex = assertThrows(IllegalArgumentException.class, () -> new Embedding(4, 3, 4, new SplittableRandom(5)));
        assertEquals("Embedding: paddingIdx must be in [-4, 4), got 4", ex.getMessage());
    }

    @Test
    void toString_namesSizesAndPadding() {
        assertEquals("Embedding(4, 3, paddingIdx=0)", new Embedding(4, 3, 0, new SplittableRandom(6)).toString());
    }
}

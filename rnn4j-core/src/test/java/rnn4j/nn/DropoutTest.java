package rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rnn4j.tensor.Grad;
import rnn4j.tensor.Tensor;

class DropoutTest {

    @Test
    void training_dropsAboutPAndScalesTheRest() {
        Dropout d = new Dropout(0.25f, new SplittableRandom(1));
        float[] y = d.forward(Tensor.ones(10000)).toArray();
        int zeros = 0;
        for (float v : y) {
            if (v == 0f) zeros++;
            else assertEquals(1f / 0.75f, v, 1e-6f);
        }
        assertEquals(2500, zeros, 200); // binomial standard deviation ≈ 43
    }

    @Test
    void eval_isIdentity() {
        Dropout d = new Dropout(0.5f, new SplittableRandom(2));
        Tensor x = Tensor.ones(100);
        d.eval();
        assertSame(x, d.forward(x));
    }

    @Test
    void gradEval_isIdentityEvenInTrainingMode() {
        Dropout d = new Dropout(0.5f, new SplittableRandom(3));
        Tensor x = Tensor.ones(100);
        assertTrue(d.isTraining());
        assertSame(x, Grad.eval(() -> d.forward(x)));
    }

    @Test
    void constructor_rejectsPOfOne() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Dropout(1f, new SplittableRandom(4)));
        assertEquals("Dropout: p must be in [0, 1), got 1.0", e.getMessage());
    }
}

package rnn4j.tensor;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rnn4j.tensor.TestTensors.randn;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class GradCheckTest {

    /** {@code y = x³} with a backward rule that is right, or off by the factor {@code wrong}. */
    private static Tensor cube(Tensor x, float wrong) {
        float[] y = new float[x.size()];
        for (int i = 0; i < y.length; i++) y[i] = (float) Math.pow(x.get(i), 3);
        return Tensor.result("cube", y, x.shape(), g -> {
            float[] gx = new float[g.length];
            for (int i = 0; i < g.length; i++) gx[i] = g[i] * 3 * x.get(i) * x.get(i) * wrong;
            return new float[][] {gx};
        }, x);
    }

    @Test
    void check_correctBackward_passesAndClearsGradients() {
        Tensor x = randn(100, 5);
        assertDoesNotThrow(() -> GradCheck.check(in -> cube(in[0], 1f), x));
        assertNull(x.gradData());
    }

    @Test
    void check_wrongBackward_failsNamingTheElement() {
        Tensor x = randn(101, 5);
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> GradCheck.check(in -> cube(in[0], 1.1f), x));
        assertTrue(e.getMessage().startsWith("GradCheck: input 0 [5] element "), e.getMessage());
    }

    @Test
    void check_missingGradientForAUsedInput_fails() {
        Tensor a = randn(102, 3);
        Tensor b = randn(103, 3);
        // a backward that forgets its second input
        assertThrows(AssertionFailedError.class, () -> GradCheck.check(in -> {
            Tensor p = MathOps.mul(in[0], in[1]);
            return Tensor.result("forgetful", p.toArray(), p.shape(), g -> {
                float[] ga = new float[g.length];
                for (int i = 0; i < g.length; i++) ga[i] = g[i] * in[1].get(i); // right for a, nothing for b
                return new float[][] {ga, null};
            }, in[0], in[1]);
        }, a, b));
    }

    @Test
    void withTolerance_tightEnoughToCatchSmallErrors() {
        Tensor x = randn(104, 5);
        assertThrows(AssertionFailedError.class,
                () -> GradCheck.withTolerance(1e-3, 1e-4, 1e-3).verify(in -> cube(in[0], 1.01f), x));
    }
}

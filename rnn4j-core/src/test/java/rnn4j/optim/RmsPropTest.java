package rnn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static rnn4j.optim.Fixture.QUADRATIC;

import org.junit.jupiter.api.Test;

/**
 * Three steps of RMSprop against {@code optimizer_reference.py} (torch.optim.RMSprop, ε outside the square root).
 */
class RmsPropTest {
    private static final float TOL = 1e-6f;

    @Test
    void threeSteps_defaults() {
        // rmsprop(quad, 0.01)
        float[] w = Fixture.run(ps -> new RmsProp(ps, 0.01), QUADRATIC, 3);
        assertArrayEquals(new float[] {0.290433226f, -0.779982282f, 1.775349443f}, w, TOL);
    }

    @Test
    void threeSteps_centeredWithMomentumAndWeightDecay() {
        // rmsprop(quad, 0.01, alpha=0.9, wd=0.1, momentum=0.9, centered=True)
        var config = new RmsProp.Config(0.01, 0.9, 1e-8, 0.1, 0.9, true);
        float[] w = Fixture.run(ps -> new RmsProp(ps, config), QUADRATIC, 3);
        assertArrayEquals(new float[] {0.342634145f, -0.840596472f, 1.839645014f}, w, TOL);
    }

    @Test
    void config_rejectsAlphaAboveOne() {
        var e = assertThrows(IllegalArgumentException.class, () -> new RmsProp.Config(0.01, 1.5, 1e-8, 0, 0, false));
        assertEquals("RmsProp.Config: alpha must be in [0, 1], got 1.5", e.getMessage());
    }

    @Test
    void defaults_matchPyTorch() {
        assertEquals(new RmsProp.Config(1e-2, 0.99, 1e-8, 0, 0, false), RmsProp.defaults());
    }
}

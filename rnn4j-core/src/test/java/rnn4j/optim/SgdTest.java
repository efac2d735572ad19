package rnn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static rnn4j.optim.Fixture.QUADRATIC;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Three steps of SGD on loss = sum(C·w²) from W0 against float64 values of
 * {@code src/test/resources/rnn4j/optim/optimizer_reference.py} (torch.optim.SGD's documented algorithm).
 */
class SgdTest {
    private static final float TOL = 1e-6f;

    @Test
    void threeSteps_plain() {
        // w ← w − 0.1·2Cw, three times: w0·(1 − 0.2C)³
        float[] w = Fixture.run(ps -> new Sgd(ps, 0.1), QUADRATIC, 3);
        assertArrayEquals(new float[] {0.256000000f, -0.729000000f, 0.432000000f}, w, TOL);
    }

    @Test
    void threeSteps_momentumWithDampening() {
        // sgd(quad, 0.1, momentum=0.9, dampening=0.3): the first buffer is the gradient itself, undamped
        float[] w = Fixture.run(ps -> new Sgd(ps, new Sgd.Config(0.1, 0.9, 0.3, 0, false)), QUADRATIC, 3);
        assertArrayEquals(new float[] {0.087040000f, -0.557010000f, -0.846720000f}, w, TOL);
    }

    @Test
    void threeSteps_nesterovWithWeightDecay() {
        // sgd(quad, 0.1, momentum=0.9, wd=0.05, nesterov=True)
        float[] w = Fixture.run(ps -> new Sgd(ps, new Sgd.Config(0.1, 0.9, 0, 0.05, true)), QUADRATIC, 3);
        assertArrayEquals(new float[] {-0.062326221f, -0.300250550f, -0.868459055f}, w, TOL);
    }

    @Test
    void config_rejectsNesterovWithoutMomentum() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Sgd.Config(0.1, 0, 0, 0, true));
        assertEquals("Sgd.Config: nesterov must have momentum > 0 and dampening 0, got momentum 0.0, dampening 0.0",
                e.getMessage());
    }

    @Test
    void config_rejectsNegativeLr() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Sgd(List.of(Fixture.parameter(1f)), -0.1));
        assertEquals("Sgd.Config: lr must be finite and >= 0, got -0.1", e.getMessage());
    }

    @Test
    void defaults_matchPyTorch() {
        assertEquals(new Sgd.Config(1e-3, 0, 0, 0, false), Sgd.defaults());
    }
}

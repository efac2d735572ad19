package rnn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rnn4j.optim.Fixture.SEQUENCE;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Three steps of AdamW against {@code optimizer_reference.py} (torch.optim.AdamW: w ← w·(1 − η·λ) before Adam's
 * update, the gradient untouched).
 */
class AdamWTest {
    private static final float TOL = 1e-6f;

    @Test
    void threeSteps_decoupledDecay() {
        // adam(fixed, 0.1, wd=0.5, decoupled=True)
        float[] w = Fixture.run(ps -> new AdamW(ps, AdamW.defaults().withLr(0.1).withWeightDecay(0.5)), SEQUENCE, 3);
        assertArrayEquals(new float[] {0.245278306f, -0.658223905f, 1.478847182f}, w, TOL);
    }

    @Test
    void decoupledDecay_differsFromAdamL2() {
        var config = Adam.defaults().withLr(0.1).withWeightDecay(0.5);
        float[] decoupled = Fixture.run(ps -> new AdamW(ps, config), SEQUENCE, 3);
        float[] coupled = Fixture.run(ps -> new Adam(ps, config), SEQUENCE, 3);
        assertTrue(Math.abs(decoupled[2] - coupled[2]) > 0.2f, "AdamW and Adam with L2 must differ");
    }

    @Test
    void defaults_haveWeightDecayOneHundredth() {
        assertEquals(new Adam.Config(1e-3, 0.9, 0.999, 1e-8, 0.01, false), AdamW.defaults());
        assertEquals(0.01, new AdamW(List.of(Fixture.parameter(1f)), 0.1).config().weightDecay());
    }
}

package rnn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static rnn4j.optim.Fixture.QUADRATIC;

import org.junit.jupiter.api.Test;

/** Three steps of Adagrad against {@code optimizer_reference.py} (torch.optim.Adagrad). */
class AdagradTest {
    private static final float TOL = 1e-6f;

    @Test
    void threeSteps_defaults() {
        // adagrad(quad, 0.1)
        float[] w = Fixture.run(ps -> new Adagrad(ps, 0.1), QUADRATIC, 3);
        assertArrayEquals(new float[] {0.290899177f, -0.780456181f, 1.775821515f}, w, TOL);
    }

    @Test
    void threeSteps_lrDecayWeightDecayInitialAccumulator() {
        // adagrad(quad, 0.1, lr_decay=0.5, wd=0.1, init=0.1): step t uses η / (1 + (t − 1)·0.5)
        var config = new Adagrad.Config(0.1, 0.5, 0.1, 0.1, 1e-10);
        float[] w = Fixture.run(ps -> new Adagrad(ps, config), QUADRATIC, 3);
        assertArrayEquals(new float[] {0.339330340f, -0.833699721f, 1.826290510f}, w, TOL);
    }

    @Test
    void config_rejectsNegativeLrDecay() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Adagrad.Config(0.1, -1, 0, 0, 1e-10));
        assertEquals("Adagrad.Config: lrDecay must be finite and >= 0, got -1.0", e.getMessage());
    }

    @Test
    void defaults_matchPyTorch() {
        assertEquals(new Adagrad.Config(1e-2, 0, 0, 0, 1e-10), Adagrad.defaults());
    }
}

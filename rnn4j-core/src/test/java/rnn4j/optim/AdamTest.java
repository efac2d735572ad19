package rnn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rnn4j.optim.Fixture.QUADRATIC;
import static rnn4j.optim.Fixture.SEQUENCE;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rnn4j.nn.Linear;
import rnn4j.tensor.MathOps;
import rnn4j.tensor.Tensor;

/**
 * Three steps of Adam against float64 values of {@code src/test/resources/rnn4j/optim/optimizer_reference.py}
 * (torch.optim.Adam's documented algorithm: m/(1−β₁ᵗ) / (√(v/(1−β₂ᵗ)) + ε)).
 */
class AdamTest {
    private static final float TOL = 1e-6f;

    @Test
    void threeSteps_defaultsOnQuadratic() {
        // adam(quad, 0.1)
        float[] w = Fixture.run(ps -> new Adam(ps, 0.1), QUADRATIC, 3);
        assertArrayEquals(new float[] {0.204871253f, -0.701586275f, 1.700623392f}, w, TOL);
    }

    @Test
    void threeSteps_fixedSequence() {
        // adam(fixed, 0.1)
        float[] w = Fixture.run(ps -> new Adam(ps, 0.1), SEQUENCE, 3);
        assertArrayEquals(new float[] {0.303136753f, -0.787938693f, 1.750126556f}, w, TOL);
    }

    @Test
    void threeSteps_weightDecayAddedToGradient() {
        // adam(fixed, 0.1, wd=0.5): g ← g + 0.5·w before the moments
        float[] w = Fixture.run(ps -> new Adam(ps, Adam.defaults().withLr(0.1).withWeightDecay(0.5)), SEQUENCE, 3);
        assertArrayEquals(new float[] {0.272222878f, -0.754528237f, 1.722619715f}, w, TOL);
    }

    @Test
    void threeSteps_amsgradKeepsMaximum() {
        // adam(fixed, 0.1, b1=0.8, b2=0.9, amsgrad=True) against the same run without AMSGrad
        var config = new Adam.Config(0.1, 0.8, 0.9, 1e-8, 0, true);
        float[] w = Fixture.run(ps -> new Adam(ps, config), SEQUENCE, 3);
        assertArrayEquals(new float[] {0.316723917f, -0.802085946f, 1.753634370f}, w, TOL);
        float[] plain = Fixture.run(ps -> new Adam(ps, new Adam.Config(0.1, 0.8, 0.9, 1e-8, 0, false)), SEQUENCE, 3);
        assertArrayEquals(new float[] {0.313396115f, -0.794627633f, 1.750354469f}, plain, TOL);
    }

    @Test
    void training_fitsLinearRegressionWithLinearLayer() {
        var rng = new SplittableRandom(7);
        var model = new Linear(3, 1, rng);
        var x = Tensor.normal(rng, 0, 1, 64, 3);
        float[] y = new float[64];
        for (int i = 0; i < 64; i++) y[i] = x.get(i, 0) - 2 * x.get(i, 1) + 3 * x.get(i, 2) + 0.5f;
        var target = Tensor.of(y, 64, 1);
        Adam adam = new Adam(model.parameters(), 0.1);
        float loss = Float.NaN;
        for (int step = 0; step < 300; step++) {
            adam.zeroGrad();
            var diff = MathOps.sub(model.forward(x), target);
            var mse = MathOps.mean(MathOps.mul(diff, diff));
            mse.backward();
            adam.step();
            loss = mse.item();
        }
        assertTrue(loss < 1e-4, "final loss " + loss);
        assertArrayEquals(new float[] {1, -2, 3}, model.weight().data(), 1e-2f);
        assertEquals(0.5f, model.bias().data()[0], 1e-2f);
    }

    @Test
    void config_rejectsBetaOfOne() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Adam.Config(1e-3, 0.9, 1.0, 1e-8, 0, false));
        assertEquals("Adam.Config: beta2 must be in [0, 1), got 1.0", e.getMessage());
    }

    @Test
    void config_rejectsNegativeLr() {
        var e = assertThrows(IllegalArgumentException.class, () -> Adam.defaults().withLr(-1));
        assertEquals("Adam.Config: lr must be finite and >= 0, got -1.0", e.getMessage());
    }

    @Test
    void defaults_matchPyTorch() {
        assertEquals(new Adam.Config(1e-3, 0.9, 0.999, 1e-8, 0, false), Adam.defaults());
    }
}

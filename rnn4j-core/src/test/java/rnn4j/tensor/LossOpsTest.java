package rnn4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rnn4j.tensor.TestTensors.randn;
import static rnn4j.tensor.TestTensors.uniform;

import org.junit.jupiter.api.Test;
import rnn4j.tensor.LossOps.CrossEntropyOptions;
import rnn4j.tensor.LossOps.Reduction;

class LossOpsTest {

    private static final CrossEntropyOptions DEFAULTS = CrossEntropyOptions.defaults();

    @Test
    @GradChecked("LossOps.crossEntropy")
    void crossEntropyGradients_meanSumIgnoreAndMask() {
        Tensor logits = randn(70, 2, 3, 4); // (B, T, C)
        int[] targets = {0, 3, 2, 1, 1, 3};
        float[] mask = {1, 1, 0, 0.5f, 2, 1};
        GradCheck.check(in -> LossOps.crossEntropy(in[0], targets), logits);
        GradCheck.check(in -> LossOps.crossEntropy(in[0], targets, DEFAULTS.withReduction(Reduction.SUM)), logits);
        int[] withIgnored = {0, -100, 2, 1, -100, 3};
        GradCheck.check(in -> LossOps.crossEntropy(in[0], withIgnored), logits);
        int[] customIgnore = {0, 3, 2, 1, 1, 3};
        GradCheck.check(in -> LossOps.crossEntropy(in[0], customIgnore, DEFAULTS.withIgnoreIndex(3)), logits);
        GradCheck.check(in -> LossOps.crossEntropy(in[0], targets, DEFAULTS.withMask(mask)), logits);
        GradCheck.check(in -> LossOps.crossEntropy(in[0], withIgnored,
                DEFAULTS.withMask(mask).withReduction(Reduction.SUM)), logits);
    }

    /** Reference: the unfused composition -Σ w·logSoftmax(x)[t] / Σ w. */
    private static double reference(Tensor logits, int[] targets, float[] w) {
        Tensor lp = MathOps.logSoftmax(logits.detach(), -1);
        int c = logits.dim(-1);
        double s = 0;
        double total = 0;
        for (int i = 0; i < targets.length; i++) {
            if (w[i] == 0) continue;
            s -= w[i] * lp.data()[i * c + targets[i]];
            total += w[i];
        }
        return s / total;
    }

    @Test
    void crossEntropy_equalsUnfusedLogSoftmaxComposition() {
        Tensor logits = randn(71, 5, 7).detach();
        int[] targets = {6, 0, 3, 3, 1};
        assertEquals(reference(logits, targets, new float[] {1, 1, 1, 1, 1}),
                LossOps.crossEntropy(logits, targets).item(), 1e-6);
        int[] ignored = {6, -100, 3, -100, 1};
        assertEquals(reference(logits, ignored, new float[] {1, 0, 1, 0, 1}),
                LossOps.crossEntropy(logits, ignored).item(), 1e-6);
        float[] mask = {1, 0, 0.5f, 1, 0};
        assertEquals(reference(logits, targets, mask),
                LossOps.crossEntropy(logits, targets, DEFAULTS.withMask(mask)).item(), 1e-6);
    }

    @Test
    void crossEntropy_uniformLogits_giveLogC() {
        Tensor logits = Tensor.zeros(4, 10);
        assertEquals(Math.log(10), LossOps.crossEntropy(logits, new int[] {0, 9, 3, 5}).item(), 1e-6);
        assertEquals(4 * Math.log(10), LossOps.crossEntropy(logits, new int[] {0, 9, 3, 5},
                DEFAULTS.withReduction(Reduction.SUM)).item(), 1e-5);
    }

    @Test
    void crossEntropy_hugeLogits_stayFinite() {
        Tensor logits = Tensor.of(new float[] {1e4f, -1e4f, 0f, -1e4f, 1e4f, 1e4f}, 2, 3).requiresGrad(true);
        Tensor loss = LossOps.crossEntropy(logits, new int[] {1, 2});
        assertEquals((2e4 + Math.log(2)) / 2, loss.item(), 1e-2);
        loss.backward();
        for (float g : logits.gradData()) assertTrue(Float.isFinite(g));
        assertEquals(-0.5f, logits.gradData()[1], 1e-6f);
    }

    @Test
    void crossEntropy_allIgnored_isZeroWithZeroGradient() {
        Tensor logits = randn(72, 2, 3);
        Tensor loss = LossOps.crossEntropy(logits, new int[] {-100, -100});
        assertEquals(0f, loss.item());
        loss.backward();
        assertArrayEquals(new float[6], logits.gradData());
    }

    @Test
    void crossEntropy_targetOutOfRange_namesTargetAndPosition() {
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> LossOps.crossEntropy(Tensor.zeros(3, 4), new int[] {0, 4, 1}));
        assertEquals("LossOps.crossEntropy: targets must be in [0, 4) (C, the last axis of logits [3, 4]) or the "
                + "ignore index -100, got 4 at position 1", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> LossOps.crossEntropy(Tensor.zeros(3, 4),
                new int[] {0, -1, 1}));
    }

    @Test
    void crossEntropy_wrongTargetCount_namesShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LossOps.crossEntropy(Tensor.zeros(2, 3, 4), new int[] {0, 1}));
        assertEquals("LossOps.crossEntropy: targets must hold one class per prediction (6 for logits [2, 3, 4]), "
                + "got 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LossOps.crossEntropy(Tensor.zeros(2, 4),
                new int[] {0, 1}, DEFAULTS.withMask(new float[] {1, -1})));
        assertEquals("LossOps.crossEntropy: mask weights must be finite and >= 0, got -1.0 at position 1",
                e.getMessage());
    }

    @Test
    @GradChecked("LossOps.mse")
    void mseGradients_bothInputs() {
        Tensor p = randn(73, 3, 4);
        Tensor t = randn(74, 3, 4);
        GradCheck.check(in -> LossOps.mse(in[0], in[1]), p, t);
        GradCheck.check(in -> LossOps.mse(in[0], in[1], Reduction.SUM), p, t);
    }

    @Test
    void mse_values() {
        Tensor p = Tensor.vector(1, 2, 3);
        Tensor t = Tensor.vector(1, 0, 6);
        assertEquals(13f / 3f, LossOps.mse(p, t).item(), 1e-6f);
        assertEquals(13f, LossOps.mse(p, t, Reduction.SUM).item());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LossOps.mse(Tensor.zeros(3), Tensor.zeros(3, 1)));
        assertEquals("LossOps.mse: target shape must equal pred shape [3], got [3, 1]", e.getMessage());
    }

    @Test
    @GradChecked("LossOps.bceWithLogits")
    void bceWithLogitsGradients_bothInputs() {
        Tensor x = randn(75, 3, 4);
        Tensor y = uniform(76, 0f, 1f, 3, 4);
        GradCheck.check(in -> LossOps.bceWithLogits(in[0], in[1]), x, y);
        GradCheck.check(in -> LossOps.bceWithLogits(in[0], in[1], Reduction.SUM), x, y);
    }

    @Test
    void bceWithLogits_matchesNaiveFormAndStaysFiniteAtExtremes() {
        Tensor x = Tensor.vector(-2f, 0.5f, 3f);
        Tensor y = Tensor.vector(0f, 1f, 0.25f);
        double expect = 0;
        for (int i = 0; i < 3; i++) {
            double s = 1 / (1 + Math.exp(-x.get(i)));
            expect -= y.get(i) * Math.log(s) + (1 - y.get(i)) * Math.log(1 - s);
        }
        assertEquals(expect / 3, LossOps.bceWithLogits(x, y).item(), 1e-6);
        float extreme = LossOps.bceWithLogits(Tensor.vector(1e4f, -1e4f), Tensor.vector(0f, 1f)).item();
        assertEquals(1e4f, extreme, 1e-2f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LossOps.bceWithLogits(Tensor.zeros(2), Tensor.zeros(3)));
        assertEquals("LossOps.bceWithLogits: targets shape must equal logits shape [2], got [3]", e.getMessage());
    }
}

package rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rnn4j.tensor.Shape;
import rnn4j.tensor.Tensor;

/** Bounds and moments of seeded draws: U(−b, b) has mean 0 and variance b²/3; N(μ, σ²) mean μ, variance σ². */
class InitTest {

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) s += x;
        return s / v.length;
    }

    private static double variance(float[] v) {
        double m = mean(v);
        double s = 0;
        for (float x : v) s += (x - m) * (x - m);
        return s / v.length;
    }

    private static double maxAbs(float[] v) {
        double m = 0;
        for (float x : v) m = Math.max(m, Math.abs(x));
        return m;
    }

    @Test
    void kaimingUniform_linearSlopeGivesOneOverRootFanIn() {
        Tensor w = Init.kaimingUniform(Tensor.zeros(200, 100), Init.LINEAR_NEGATIVE_SLOPE, new SplittableRandom(1));
        double bound = 1 / Math.sqrt(100);
        float[] v = w.toArray();
        assertTrue(maxAbs(v) <= (float) bound, "max |w| " + maxAbs(v));
        assertTrue(maxAbs(v) > 0.99 * bound, "draws must reach near the bound, max |w| " + maxAbs(v));
        // 20,000 draws: the standard error of the mean is b/√(3·20000) ≈ 4e-4
        assertEquals(0, mean(v), 2e-3);
        assertEquals(bound * bound / 3, variance(v), 0.03 * bound * bound / 3);
    }

    @Test
    void kaimingUniform_reluGain() {
        // a = 0: gain √2, bound √2·√(3/fanIn) = √(6/fanIn); fan-in of (4, 5, 3) is 5·3
        Tensor w = Init.kaimingUniform(Tensor.zeros(40, 5, 3), 0, new SplittableRandom(2));
        double bound = Math.sqrt(6.0 / 15);
        assertTrue(maxAbs(w.toArray()) <= (float) bound);
        assertEquals(bound * bound / 3, variance(w.toArray()), 0.1 * bound * bound / 3);
    }

    @Test
    void normal_hasRequestedMoments() {
        float[] v = Init.normal(Tensor.zeros(20000), 0.5, 2.0, new SplittableRandom(3)).toArray();
        assertEquals(0.5, mean(v), 0.05); // standard error 2/√20000 ≈ 0.014
        assertEquals(4.0, variance(v), 0.15);
    }

    @Test
    void xavierUniform_usesBothFans() {
        Tensor w = Init.xavierUniform(Tensor.zeros(30, 20), 1.0, new SplittableRandom(4));
        double bound = Math.sqrt(6.0 / 50);
        assertTrue(maxAbs(w.toArray()) <= (float) bound);
        assertTrue(maxAbs(w.toArray()) > 0.95 * bound);
    }

    @Test
    void xavierNormal_hasGlorotVariance() {
        Tensor w = Init.xavierNormal(Tensor.zeros(100, 100), 1.0, new SplittableRandom(5));
        assertEquals(2.0 / 200, variance(w.toArray()), 0.05 * 2.0 / 200);
    }

    @Test
    void constants_fillOnlyTheView() {
        float[] big = new float[4];
        Init.ones(Tensor.wrap(big, 1, Shape.of(2)));
        assertArrayEquals(new float[] {0, 1, 1, 0}, big, 0f);
        assertArrayEquals(new float[] {0, 0}, Init.zeros(Tensor.ones(2)).toArray(), 0f);
        assertArrayEquals(new float[] {3, 3}, Init.constant(Tensor.zeros(2), 3f).toArray(), 0f);
    }

    @Test
    void sameSeed_sameBits() {
        float[] a = Init.uniform(Tensor.zeros(50), 0.3, new SplittableRandom(9)).toArray();
        float[] b = Init.uniform(Tensor.zeros(50), 0.3, new SplittableRandom(9)).toArray();
        assertArrayEquals(a, b, 0f);
    }

    @Test
    void fanIn_needsRankTwo() {
        var e = assertThrows(IllegalArgumentException.class, () -> Init.fanIn(Tensor.zeros(3)));
        assertEquals("Init.fanIn: tensor must have rank >= 2, got shape [3]", e.getMessage());
    }
}

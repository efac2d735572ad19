package rnn4j.tensor;

import java.util.SplittableRandom;

/** Seeded random inputs for op tests; every tensor requires grad unless stated. */
final class TestTensors {
    private TestTensors() {}

    /** Standard normal values, requiring grad. */
    static Tensor randn(long seed, int... shape) {
        return Tensor.normal(new SplittableRandom(seed), 0f, 1f, shape).requiresGrad(true);
    }

    /** Uniform values in {@code [low, high)}, requiring grad. */
    static Tensor uniform(long seed, float low, float high, int... shape) {
        return Tensor.uniform(new SplittableRandom(seed), low, high, shape).requiresGrad(true);
    }

    /** Values in {@code ±[0.2, 1.2)}: kinked functions (relu, abs) are checked away from 0. */
    static Tensor awayFromZero(long seed, int... shape) {
        SplittableRandom rng = new SplittableRandom(seed);
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = (float) ((0.2 + rng.nextDouble()) * (rng.nextBoolean() ? 1 : -1));
        return t.requiresGrad(true);
    }

    /** Distinct values (a shuffled ramp), so max/min have no ties within a finite-difference step. */
    static Tensor distinct(long seed, int... shape) {
        SplittableRandom rng = new SplittableRandom(seed);
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = i * 0.1f - d.length * 0.05f;
        for (int i = d.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            float tmp = d[i];
            d[i] = d[j];
            d[j] = tmp;
        }
        return t.requiresGrad(true);
    }

    /** A copy of the values, without grad. */
    static Tensor constant(Tensor t) {
        return t.copy();
    }
}

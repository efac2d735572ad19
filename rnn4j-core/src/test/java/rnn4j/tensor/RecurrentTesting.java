package rnn4j.tensor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Test-scope helpers for the recurrent op tests: the few differentiable ops a multi-layer composition needs
 * (weighted sum, last-axis concatenation, first-axis selection), a generic call of one cell kind, and a central
 * finite-difference gradient checker. Stand-ins until the shared tensor ops and {@code GradCheck} land.
 */
final class RecurrentTesting {
    private RecurrentTesting() {}

    /** The inputs of one recurrent layer call; null entries are absent. */
    record Layer(Tensor x, Tensor h0, Tensor c0, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh) {
        List<Tensor> leaves() {
            List<Tensor> out = new ArrayList<>();
            for (Tensor t : new Tensor[] {x, h0, c0, wIh, wHh, bIh, bHh}) if (t != null) out.add(t);
            return out;
        }
    }

    static RecurrentOps.Sequence call(RecurrentCell cell, Layer l, int[] lengths, boolean reverse) {
        return switch (cell) {
            case LSTM -> RecurrentOps.lstm(l.x, l.h0, l.c0, l.wIh, l.wHh, l.bIh, l.bHh, lengths, reverse);
            case GRU -> RecurrentOps.gru(l.x, l.h0, l.wIh, l.wHh, l.bIh, l.bHh, lengths, reverse);
            case RNN_TANH -> RecurrentOps.rnn(l.x, l.h0, l.wIh, l.wHh, l.bIh, l.bHh, lengths, reverse, false);
            case RNN_RELU -> RecurrentOps.rnn(l.x, l.h0, l.wIh, l.wHh, l.bIh, l.bHh, lengths, reverse, true);
        };
    }

    /** A random layer with PyTorch's init scale, requiring grad everywhere. */
    static Layer randomLayer(RandomGenerator rng, RecurrentCell cell, int steps, int batch, int input, int hidden,
                             boolean withState, boolean withBias) {
        int gw = cell.gates * hidden;
        float k = (float) (1 / Math.sqrt(hidden));
        Tensor x = Tensor.normal(rng, 0, 1, steps, batch, input).requiresGrad(true);
        Tensor h0 = withState ? Tensor.normal(rng, 0, 0.5f, batch, hidden).requiresGrad(true) : null;
        Tensor c0 = withState && cell == RecurrentCell.LSTM
                ? Tensor.normal(rng, 0, 0.5f, batch, hidden).requiresGrad(true) : null;
        Tensor wIh = Tensor.uniform(rng, -k, k, gw, input).requiresGrad(true);
        Tensor wHh = Tensor.uniform(rng, -k, k, gw, hidden).requiresGrad(true);
        Tensor bIh = withBias ? Tensor.uniform(rng, -k, k, gw).requiresGrad(true) : null;
        Tensor bHh = withBias ? Tensor.uniform(rng, -k, k, gw).requiresGrad(true) : null;
        return new Layer(x, h0, c0, wIh, wHh, bIh, bHh);
    }

    /** The outputs of a call, in a fixed order: output, hN, then cN if any. */
    static List<Tensor> results(RecurrentOps.Sequence s) {
        List<Tensor> out = new ArrayList<>(List.of(s.output(), s.hN()));
        if (s.cN() != null) out.add(s.cN());
        return out;
    }

    static float[] randomArray(RandomGenerator rng, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) rng.nextGaussian();
        return a;
    }

    /** {@code Σ_k sum(ts[k] ⊙ weights[k])}, a scalar, differentiable in every {@code ts[k]}. */
    static Tensor weightedSum(List<Tensor> ts, List<float[]> weights) {
        float value = (float) weightedSumValue(ts, weights);
        return Tensor.result("test.weightedSum", new float[] {value}, Shape.scalar(), g -> {
            float[][] grads = new float[ts.size()][];
            for (int k = 0; k < ts.size(); k++) {
                float[] w = weights.get(k);
                float[] gk = new float[w.length];
                for (int i = 0; i < w.length; i++) gk[i] = g[0] * w[i];
                grads[k] = gk;
            }
            return grads;
        }, ts.toArray(new Tensor[0]));
    }

    static double weightedSumValue(List<Tensor> ts, List<float[]> weights) {
        double s = 0;
        for (int k = 0; k < ts.size(); k++) {
            Tensor t = ts.get(k);
            float[] w = weights.get(k);
            for (int i = 0; i < w.length; i++) s += (double) t.data()[t.offset() + i] * w[i];
        }
        return s;
    }

    /** Concatenation of two {@code (T, B, ·)} tensors along the last axis. */
    static Tensor concatLast(Tensor a, Tensor b) {
        int rows = a.size() / a.dim(-1), na = a.dim(-1), nb = b.dim(-1);
        float[] out = new float[rows * (na + nb)];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(a.data(), a.offset() + r * na, out, r * (na + nb), na);
            System.arraycopy(b.data(), b.offset() + r * nb, out, r * (na + nb) + na, nb);
        }
        return Tensor.result("test.concatLast", out, a.shape().with(-1, na + nb), g -> {
            float[] ga = new float[rows * na], gb = new float[rows * nb];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(g, r * (na + nb), ga, r * na, na);
                System.arraycopy(g, r * (na + nb) + na, gb, r * nb, nb);
            }
            return new float[][] {ga, gb};
        }, a, b);
    }

    /** {@code t[index]} along the first axis. */
    static Tensor select(Tensor t, int index) {
        Shape shape = t.shape().without(0);
        int n = shape.size();
        float[] out = new float[n];
        System.arraycopy(t.data(), t.offset() + index * n, out, 0, n);
        return Tensor.result("test.select", out, shape, g -> {
            float[] full = new float[t.size()];
            System.arraycopy(g, 0, full, index * n, n);
            return new float[][] {full};
        }, t);
    }

    /**
     * Checks the gradient of {@code loss = Σ sum(outputs ⊙ weights)} in every element of every leaf against central
     * differences (float32 perturbation of size {@code eps}, loss in double).
     */
    static void gradCheck(Supplier<List<Tensor>> outputs, List<float[]> weights, List<Tensor> leaves, double eps,
                          double tolerance) {
        for (Tensor leaf : leaves) leaf.zeroGrad();
        weightedSum(outputs.get(), weights).backward();
        for (int k = 0; k < leaves.size(); k++) {
            Tensor leaf = leaves.get(k);
            float[] analytic = leaf.gradData();
            float[] data = leaf.data();
            for (int i = 0; i < leaf.size(); i++) {
                int at = leaf.offset() + i;
                float saved = data[at];
                float up = (float) (saved + eps), down = (float) (saved - eps);
                data[at] = up;
                double plus = Grad.disabled(() -> weightedSumValue(outputs.get(), weights));
                data[at] = down;
                double minus = Grad.disabled(() -> weightedSumValue(outputs.get(), weights));
                data[at] = saved;
                double numeric = (plus - minus) / ((double) up - down);
                double a = analytic == null ? 0 : analytic[i];
                double err = Math.abs(a - numeric);
                assertTrue(err <= tolerance * (1 + Math.abs(numeric)), "leaf " + k + " " + leaf.shape()
                        + " element " + i + ": analytic " + a + " numeric " + numeric);
            }
        }
    }

    /** Asserts {@code |expected − actual| <= tolerance · max(1, max|expected|)} element-wise. */
    /**
     * Checks the gradient of {@code loss = Σ sum(outputs ⊙ weights)} along one random direction through all leaves
     * at once, against a central difference: two extra passes whatever the size, for layers too wide to check
     * element by element.
     */
    static void directionalGradCheck(Supplier<List<Tensor>> outputs, List<float[]> weights, List<Tensor> leaves,
                                     RandomGenerator rng, double eps, double tolerance) {
        for (Tensor leaf : leaves) leaf.zeroGrad();
        weightedSum(outputs.get(), weights).backward();
        double analytic = 0;
        List<float[]> saved = new ArrayList<>();
        List<float[]> directions = new ArrayList<>();
        for (Tensor leaf : leaves) {
            float[] v = randomArray(rng, leaf.size());
            float[] g = leaf.gradData();
            for (int i = 0; i < v.length; i++) analytic += (double) g[i] * v[i];
            directions.add(v);
            saved.add(Arrays.copyOfRange(leaf.data(), leaf.offset(), leaf.offset() + leaf.size()));
        }
        double[] values = new double[2];
        for (int side = 0; side < 2; side++) {
            double step = side == 0 ? eps : -eps;
            for (int k = 0; k < leaves.size(); k++) {
                Tensor leaf = leaves.get(k);
                float[] v = directions.get(k), base = saved.get(k);
                for (int i = 0; i < v.length; i++) leaf.data()[leaf.offset() + i] = (float) (base[i] + step * v[i]);
            }
            values[side] = Grad.disabled(() -> weightedSumValue(outputs.get(), weights));
        }
        for (int k = 0; k < leaves.size(); k++) {
            Tensor leaf = leaves.get(k);
            System.arraycopy(saved.get(k), 0, leaf.data(), leaf.offset(), leaf.size());
        }
        double numeric = (values[0] - values[1]) / (2 * eps);
        assertTrue(Math.abs(analytic - numeric) <= tolerance * (1 + Math.abs(numeric)),
                "directional derivative: analytic " + analytic + " numeric " + numeric);
    }

    static void assertClose(float[] expected, float[] actual, double tolerance, String what) {
        assertTrue(expected.length == actual.length, what + ": length " + actual.length + " != " + expected.length);
        double scale = 1;
        for (float v : expected) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs((double) expected[i] - actual[i]);
            if (!(err <= tolerance * scale)) {
                throw new AssertionError(what + ": element " + i + " expected " + expected[i] + " got " + actual[i]
                        + " (error " + err + ", allowed " + tolerance * scale + ")");
            }
        }
    }
}

package rnn4j.tensor;

import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Assertions;

/**
 * Finite-difference gradient check for any differentiable function of tensors, for ops and layers alike.
 *
 * <p>The scalar loss is {@code L = Σ f(inputs) ⊙ R} with a fixed random {@code R} (so every output element and every
 * path through the function is weighted differently), accumulated in double. The analytic gradient comes from
 * {@code f(inputs).backward(R)}; the numeric one from central differences
 * {@code (L(x + ε) - L(x - ε)) / (x₊ - x₋)}, taken in float32 on each element of each input that
 * {@link Tensor#requiresGrad() requires grad} (others are constants). An element passes when
 * {@code |analytic - numeric| <= atol + rtol · max(|analytic|, |numeric|)}.
 *
 * <p>{@code f} must be deterministic: create any {@code RandomGenerator} inside it from a fixed seed. Keep inputs
 * small (a few dozen elements) and away from kinks (relu at 0, ties of max) by at least {@code ε}.
 *
 * <pre>{@code
 * Tensor x = Tensor.normal(rng, 0, 1, 3, 4).requiresGrad(true);
 * GradCheck.check(in -> MathOps.tanh(in[0]), x);
 * }</pre>
 */
public final class GradCheck {
    /** ε = 1e-3 keeps truncation error ~1e-7·f''' while float32 round-off stays ~1e-4 for sums of ~100 terms. */
    private static final GradCheck DEFAULT = new GradCheck(1e-3, 5e-3, 1e-2, 1234L);

    private final double eps;
    private final double atol;
    private final double rtol;
    private final long seed;

    private GradCheck(double eps, double atol, double rtol, long seed) {
        this.eps = eps;
        this.atol = atol;
        this.rtol = rtol;
        this.seed = seed;
    }

    /** A checker with the given step and tolerances (for ops with large outputs or stiff curvature). */
    public static GradCheck withTolerance(double eps, double atol, double rtol) {
        return new GradCheck(eps, atol, rtol, DEFAULT.seed);
    }

    /** Checks {@code f} at {@code inputs} with the default step and tolerances; fails the test on a mismatch. */
    public static void check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        DEFAULT.verify(f, inputs);
    }

    /** Checks {@code f} at {@code inputs}; fails the test naming the input, element, analytic and numeric values. */
    public void verify(Function<Tensor[], Tensor> f, Tensor... inputs) {
        boolean any = false;
        for (Tensor in : inputs) any |= in.requiresGrad();
        Assertions.assertTrue(any, "GradCheck: at least one input must require grad");
        for (Tensor in : inputs) in.zeroGrad();

        Tensor out = f.apply(inputs);
        Assertions.assertTrue(out.requiresGrad(), "GradCheck: the output must be recorded (require grad)");
        SplittableRandom rng = new SplittableRandom(seed);
        float[] r = new float[out.size()];
        for (int i = 0; i < r.length; i++) r[i] = (float) (rng.nextDouble() * 2 - 1);
        out.backward(Tensor.of(r, out.shape().dims()));

        for (int k = 0; k < inputs.length; k++) {
            Tensor in = inputs[k];
            if (!in.requiresGrad()) continue;
            // No gradient means the output does not depend on this input: the numeric one must then be 0.
            float[] analytic = in.gradData() == null ? new float[in.size()] : in.gradData();
            Assertions.assertEquals(in.size(), analytic.length,
                    "GradCheck: gradient of input " + k + " must have the input's size");
            float[] data = in.data();
            for (int i = 0; i < in.size(); i++) {
                int p = in.offset() + i;
                float saved = data[p];
                float plus = (float) (saved + eps);
                float minus = (float) (saved - eps);
                data[p] = plus;
                double lp = loss(f, inputs, r);
                data[p] = minus;
                double lm = loss(f, inputs, r);
                data[p] = saved;
                double numeric = (lp - lm) / ((double) plus - minus);
                double a = analytic[i];
                double tol = atol + rtol * Math.max(Math.abs(a), Math.abs(numeric));
                if (!(Math.abs(a - numeric) <= tol)) {
                    Assertions.fail(String.format("GradCheck: input %d %s element %d: analytic %.6g, numeric %.6g "
                            + "(|diff| %.3g > tolerance %.3g)", k, in.shape(), i, a, numeric,
                            Math.abs(a - numeric), tol));
                }
            }
        }
        for (Tensor in : inputs) in.zeroGrad();
    }

    private static double loss(Function<Tensor[], Tensor> f, Tensor[] inputs, float[] r) {
        Tensor out = Grad.disabled(() -> f.apply(inputs));
        float[] d = out.data();
        int o = out.offset();
        double s = 0;
        for (int i = 0; i < r.length; i++) s += (double) d[o + i] * r[i];
        return s;
    }
}

package rnn4j.optim;

import java.util.List;
import rnn4j.base.Check;
import rnn4j.kernel.Parallel;
import rnn4j.nn.Parameter;

/**
 * Gradient clipping, as {@code torch.nn.utils.clip_grad_norm_} and {@code clip_grad_value_}: the standard remedy for
 * exploding gradients in recurrent networks.
 *
 * <p>Parameters without a gradient are skipped. Norms accumulate in double over all gradients together.
 * Source: Pascanu, Mikolov and Bengio 2013, "On the difficulty of training recurrent neural networks".
 */
public final class GradClip {
    private GradClip() {}

    /**
     * Scales all gradients together so that their global L2 norm is at most {@code maxNorm}; returns the norm before
     * clipping. The coefficient is {@code min(1, maxNorm / (norm + 1e-6))} and is applied to every gradient, exactly as
     * PyTorch does. A non-finite norm makes the gradients non-finite too; callers check the returned norm.
     */
    public static float clipGradNorm(List<Parameter> parameters, double maxNorm) {
        return clipGradNorm(parameters, maxNorm, 2.0);
    }

    /**
     * As {@link #clipGradNorm(List, double)} with the p-norm {@code normType} ({@code > 0}, or
     * {@link Double#POSITIVE_INFINITY} for the largest absolute value).
     */
    public static float clipGradNorm(List<Parameter> parameters, double maxNorm, double normType) {
        Check.argument(parameters != null, "GradClip.clipGradNorm: parameters must not be null, got null");
        Check.argument(maxNorm >= 0 && !Double.isNaN(maxNorm), "GradClip.clipGradNorm: maxNorm must be >= 0, got %s",
                maxNorm);
        Check.argument(normType > 0, "GradClip.clipGradNorm: normType must be > 0 (or infinity), got %s", normType);
        float norm = (float) totalNorm(parameters, normType);
        // In float32 as PyTorch computes it on the norm tensor; the 1e-6 keeps a zero norm from dividing by zero.
        float coefficient = Math.min((float) maxNorm / (norm + 1e-6f), 1f);
        for (Parameter p : parameters) {
            float[] g = p.gradData();
            if (g == null) continue;
            Parallel.forChunks(g.length, (from, to) -> {
                for (int i = from; i < to; i++) g[i] *= coefficient;
            });
        }
        return norm;
    }

    /**
     * The global p-norm of all gradients, as if concatenated into one vector (0 when none has a gradient). Each
     * gradient is summed in fixed chunks ({@link Parallel#forChunks}) whose partial sums are added in order, so the
     * result does not depend on the thread count.
     */
    public static double totalNorm(List<Parameter> parameters, double normType) {
        boolean infinity = normType == Double.POSITIVE_INFINITY;
        double acc = 0;
        for (Parameter p : parameters) {
            float[] g = p.gradData();
            if (g == null) continue;
            double[] partial = new double[(g.length + Parallel.CHUNK - 1) / Parallel.CHUNK];
            Parallel.forChunks(g.length, (from, to) -> partial[from / Parallel.CHUNK] = norm(g, from, to, normType));
            for (double v : partial) acc = infinity ? Math.max(acc, v) : acc + v;
        }
        if (infinity) return acc;
        return normType == 2.0 ? Math.sqrt(acc) : Math.pow(acc, 1.0 / normType);
    }

    /** Σ|g|^p over {@code [from, to)}, or the largest |g| for p = ∞. */
    private static double norm(float[] g, int from, int to, double normType) {
        double acc = 0;
        for (int i = from; i < to; i++) {
            double a = Math.abs(g[i]);
            if (normType == Double.POSITIVE_INFINITY) {
                // Math.max propagates NaN, so a NaN gradient is reported, not hidden.
                acc = Math.max(acc, a);
            } else if (normType == 2.0) {
                acc += a * a;
            } else {
                acc += Math.pow(a, normType);
            }
        }
        return acc;
    }

    /** Clamps every gradient value into {@code [-clipValue, clipValue]} in place. */
    public static void clipGradValue(List<Parameter> parameters, double clipValue) {
        Check.argument(parameters != null, "GradClip.clipGradValue: parameters must not be null, got null");
        Check.argument(clipValue >= 0, "GradClip.clipGradValue: clipValue must be >= 0, got %s", clipValue);
        float v = (float) clipValue;
        for (Parameter p : parameters) {
            float[] g = p.gradData();
            if (g == null) continue;
            for (int i = 0; i < g.length; i++) {
                // Written with comparisons so that NaN stays NaN, as torch.clamp keeps it.
                if (g[i] > v) g[i] = v;
                else if (g[i] < -v) g[i] = -v;
            }
        }
    }
}

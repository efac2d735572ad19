package rnn4j.optim;

import java.util.ArrayList;
import java.util.List;
import rnn4j.base.Check;
import rnn4j.nn.Parameter;

/**
 * RMSprop, exactly as {@code torch.optim.RMSprop}: divide the gradient by a running root mean square, optionally
 * centred (subtracting the squared running mean) and with momentum.
 *
 * <pre>
 *   g ← ∇ + λ·w
 *   v ← α·v + (1 − α)·g²
 *   ḡ ← ḡ + (1 − α)·(g − ḡ)        (centred only)
 *   d ← √(v − ḡ²) + ε  if centred, else √v + ε   (ε outside the root, as PyTorch)
 *   b ← μ·b + g / d,  w ← w − η·b  with momentum μ > 0, else  w ← w − η·g / d
 * </pre>
 *
 * <p>State per parameter: {@code step}, {@code square_avg}, {@code momentum_buffer} (μ > 0), {@code grad_avg}
 * (centred). Source: Hinton, Srivastava and Swersky 2012, Neural Networks for Machine Learning, lecture 6e; Graves
 * 2013, "Generating Sequences With Recurrent Neural Networks" (centred form).
 */
public final class RmsProp extends Optimizer {
    /**
     * RMSprop settings; PyTorch's defaults are {@link RmsProp#defaults()}.
     *
     * @param lr learning rate η, >= 0
     * @param alpha smoothing constant α in [0, 1]
     * @param eps ε added to the root, >= 0
     * @param weightDecay L2 penalty λ, >= 0
     * @param momentum momentum factor μ, >= 0
     * @param centered normalise by the estimated variance instead of the raw second moment
     */
    public record Config(double lr, double alpha, double eps, double weightDecay, double momentum,
                         boolean centered) {
        public Config {
            Check.argument(lr >= 0 && Double.isFinite(lr), "RmsProp.Config: lr must be finite and >= 0, got %s", lr);
            Check.argument(alpha >= 0 && alpha <= 1, "RmsProp.Config: alpha must be in [0, 1], got %s", alpha);
            Check.argument(eps >= 0 && Double.isFinite(eps), "RmsProp.Config: eps must be finite and >= 0, got %s",
                    eps);
            Check.argument(weightDecay >= 0 && Double.isFinite(weightDecay),
                    "RmsProp.Config: weightDecay must be finite and >= 0, got %s", weightDecay);
            Check.argument(momentum >= 0 && Double.isFinite(momentum),
                    "RmsProp.Config: momentum must be finite and >= 0, got %s", momentum);
        }

        /** These settings with another learning rate. */
        public Config withLr(double newLr) {
            return new Config(newLr, alpha, eps, weightDecay, momentum, centered);
        }
    }

    private static final String SQUARE_AVG = "square_avg";
    private static final String MOMENTUM_BUFFER = "momentum_buffer";
    private static final String GRAD_AVG = "grad_avg";

    private final Config config;

    /** PyTorch's defaults: lr 1e-2, alpha 0.99, eps 1e-8, no weight decay, no momentum, not centred. */
    public static Config defaults() {
        return new Config(1e-2, 0.99, 1e-8, 0, 0, false);
    }

    /** RMSprop with PyTorch's defaults and learning rate {@code lr}. */
    public RmsProp(List<Parameter> parameters, double lr) {
        this(parameters, defaults().withLr(lr));
    }

    /** RMSprop with the given settings. */
    public RmsProp(List<Parameter> parameters, Config config) {
        super(parameters, config.lr());
        this.config = config;
    }

    /** The settings given at construction (the current learning rate is {@link #lr()}). */
    public Config config() {
        return config;
    }

    @Override
    protected List<String> stateNames() {
        List<String> names = new ArrayList<>(List.of(STEP, SQUARE_AVG));
        if (config.momentum() > 0) names.add(MOMENTUM_BUFFER);
        if (config.centered()) names.add(GRAD_AVG);
        return names;
    }

    @Override
    protected void update(float[] w, float[] g, State state) {
        state.nextStep();
        float[] v = state.buffer(SQUARE_AVG, w.length);
        float[] b = config.momentum() > 0 ? state.buffer(MOMENTUM_BUFFER, w.length) : null;
        float[] gAvg = config.centered() ? state.buffer(GRAD_AVG, w.length) : null;
        float lr = (float) lr();
        float alpha = (float) config.alpha();
        float oneMinusAlpha = (float) (1 - config.alpha());
        float eps = (float) config.eps();
        float wd = (float) config.weightDecay();
        float mu = (float) config.momentum();
        boolean decay = config.weightDecay() != 0;
        for (int i = 0; i < w.length; i++) {
            float gi = decay ? g[i] + wd * w[i] : g[i];
            v[i] = v[i] * alpha + oneMinusAlpha * gi * gi;
            float d;
            if (gAvg != null) {
                gAvg[i] = Lerp.lerp(gAvg[i], gi, oneMinusAlpha);
                d = (float) Math.sqrt(v[i] + -gAvg[i] * gAvg[i]) + eps;
            } else {
                d = (float) Math.sqrt(v[i]) + eps;
            }
            if (b != null) {
                b[i] = b[i] * mu + gi / d;
                w[i] = w[i] - lr * b[i];
            } else {
                w[i] = w[i] + -lr * gi / d;
            }
        }
    }
}

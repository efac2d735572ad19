package rnn4j.optim;

import java.util.List;
import rnn4j.base.Check;
import rnn4j.nn.Parameter;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight decay, exactly as
 * {@code torch.optim.SGD}.
 *
 * <pre>
 *   g ← ∇ + λ·w                                  (weight decay)
 *   b ← g on the first step, else μ·b + (1 − τ)·g  (momentum μ, dampening τ)
 *   g ← g + μ·b if Nesterov, else b
 *   w ← w − η·g
 * </pre>
 *
 * <p>State per parameter: {@code momentum_buffer} when μ ≠ 0. Source: Sutskever et al. 2013, "On the importance of
 * initialization and momentum in deep learning".
 */
public final class Sgd extends Optimizer {
    /**
     * SGD settings; PyTorch's defaults are {@link Sgd#defaults()}.
     *
     * @param lr learning rate η, >= 0
     * @param momentum momentum factor μ, >= 0
     * @param dampening dampening τ of the momentum
     * @param weightDecay L2 penalty λ, >= 0
     * @param nesterov Nesterov momentum; needs μ > 0 and τ = 0
     */
    public record Config(double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
        public Config {
            Check.argument(lr >= 0 && Double.isFinite(lr), "Sgd.Config: lr must be finite and >= 0, got %s", lr);
            Check.argument(momentum >= 0 && Double.isFinite(momentum),
                    "Sgd.Config: momentum must be finite and >= 0, got %s", momentum);
            Check.argument(Double.isFinite(dampening), "Sgd.Config: dampening must be finite, got %s", dampening);
            Check.argument(weightDecay >= 0 && Double.isFinite(weightDecay),
                    "Sgd.Config: weightDecay must be finite and >= 0, got %s", weightDecay);
            Check.argument(!nesterov || (momentum > 0 && dampening == 0),
                    "Sgd.Config: nesterov must have momentum > 0 and dampening 0, got momentum %s, dampening %s",
                    momentum, dampening);
        }

        /** These settings with another learning rate. */
        public Config withLr(double newLr) {
            return new Config(newLr, momentum, dampening, weightDecay, nesterov);
        }
    }

    private static final String MOMENTUM_BUFFER = "momentum_buffer";

    private final Config config;

    /** PyTorch's defaults: lr 1e-3, no momentum, no dampening, no weight decay, no Nesterov. */
    public static Config defaults() {
        return new Config(1e-3, 0, 0, 0, false);
    }

    /** Plain SGD (no momentum) with learning rate {@code lr}. */
    public Sgd(List<Parameter> parameters, double lr) {
        this(parameters, defaults().withLr(lr));
    }

    /** SGD with the given settings. */
    public Sgd(List<Parameter> parameters, Config config) {
        super(parameters, config.lr());
        this.config = config;
    }

    /** The settings given at construction (the current learning rate is {@link #lr()}). */
    public Config config() {
        return config;
    }

    @Override
    protected List<String> stateNames() {
        return config.momentum() != 0 ? List.of(MOMENTUM_BUFFER) : List.of();
    }

    @Override
    protected void update(float[] w, float[] g, State state) {
        // Scalars rounded to float once, as PyTorch passes Python floats to float32 tensor ops.
        float lr = (float) lr();
        float wd = (float) config.weightDecay();
        float mu = (float) config.momentum();
        float keep = (float) (1 - config.dampening());
        boolean decay = config.weightDecay() != 0;
        boolean momentum = config.momentum() != 0;
        boolean firstStep = momentum && !state.has(MOMENTUM_BUFFER);
        float[] b = momentum ? state.buffer(MOMENTUM_BUFFER, w.length) : null;
        for (int i = 0; i < w.length; i++) {
            float gi = decay ? g[i] + wd * w[i] : g[i];
            if (momentum) {
                // PyTorch's first buffer is the gradient itself, undamped.
                b[i] = firstStep ? gi : b[i] * mu + keep * gi;
                gi = config.nesterov() ? gi + mu * b[i] : b[i];
            }
            w[i] = w[i] - lr * gi;
        }
    }
}

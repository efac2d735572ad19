package rnn4j.optim;

import java.util.List;
import rnn4j.base.Check;
import rnn4j.nn.Parameter;

/**
 * Adagrad, exactly as {@code torch.optim.Adagrad}: per-value step sizes shrinking with the accumulated squared
 * gradient, with an optional learning-rate decay over steps.
 *
 * <pre>
 *   g ← ∇ + λ·w
 *   η̃ ← η / (1 + (t − 1)·δ)        (lr decay δ, step t from 1)
 *   s ← s + g²                      (s starts at the initial accumulator value)
 *   w ← w − η̃·g / (√s + ε)
 * </pre>
 *
 * <p>State per parameter: {@code step}, {@code sum}. Source: Duchi, Hazan and Singer 2011, "Adaptive Subgradient
 * Methods for Online Learning and Stochastic Optimization".
 */
public final class Adagrad extends Optimizer {
    /**
     * Adagrad settings; PyTorch's defaults are {@link Adagrad#defaults()}.
     *
     * @param lr learning rate η, >= 0
     * @param lrDecay learning-rate decay δ, >= 0
     * @param weightDecay L2 penalty λ, >= 0
     * @param initialAccumulatorValue starting value of the squared-gradient sum, >= 0
     * @param eps ε added to the root, >= 0
     */
    public record Config(double lr, double lrDecay, double weightDecay, double initialAccumulatorValue, double eps) {
        public Config {
            Check.argument(lr >= 0 && Double.isFinite(lr), "Adagrad.Config: lr must be finite and >= 0, got %s", lr);
            Check.argument(lrDecay >= 0 && Double.isFinite(lrDecay),
                    "Adagrad.Config: lrDecay must be finite and >= 0, got %s", lrDecay);
            Check.argument(weightDecay >= 0 && Double.isFinite(weightDecay),
                    "Adagrad.Config: weightDecay must be finite and >= 0, got %s", weightDecay);
            Check.argument(initialAccumulatorValue >= 0 && Double.isFinite(initialAccumulatorValue),
                    "Adagrad.Config: initialAccumulatorValue must be finite and >= 0, got %s",
                    initialAccumulatorValue);
            Check.argument(eps >= 0 && Double.isFinite(eps), "Adagrad.Config: eps must be finite and >= 0, got %s",
                    eps);
        }

        /** These settings with another learning rate. */
        public Config withLr(double newLr) {
            return new Config(newLr, lrDecay, weightDecay, initialAccumulatorValue, eps);
        }
    }

    private static final String SUM = "sum";

    private final Config config;

    /** PyTorch's defaults: lr 1e-2, no lr decay, no weight decay, accumulator 0, eps 1e-10. */
    public static Config defaults() {
        return new Config(1e-2, 0, 0, 0, 1e-10);
    }

    /** Adagrad with PyTorch's defaults and learning rate {@code lr}. */
    public Adagrad(List<Parameter> parameters, double lr) {
        this(parameters, defaults().withLr(lr));
    }

    /** Adagrad with the given settings. */
    public Adagrad(List<Parameter> parameters, Config config) {
        super(parameters, config.lr());
        this.config = config;
    }

    /** The settings given at construction (the current learning rate is {@link #lr()}). */
    public Config config() {
        return config;
    }

    @Override
    protected List<String> stateNames() {
        return List.of(STEP, SUM);
    }

    @Override
    protected void update(float[] w, float[] g, State state) {
        long t = state.nextStep();
        float[] s = state.buffer(SUM, w.length, (float) config.initialAccumulatorValue());
        float clr = (float) (lr() / (1 + (t - 1) * config.lrDecay()));
        float eps = (float) config.eps();
        float wd = (float) config.weightDecay();
        boolean decay = config.weightDecay() != 0;
        for (int i = 0; i < w.length; i++) {
            float gi = decay ? g[i] + wd * w[i] : g[i];
            s[i] = s[i] + gi * gi;
            float std = (float) Math.sqrt(s[i]) + eps;
            w[i] = w[i] + -clr * gi / std;
        }
    }
}

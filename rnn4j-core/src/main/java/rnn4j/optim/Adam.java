package rnn4j.optim;

import java.util.List;
import rnn4j.base.Check;
import rnn4j.kernel.Parallel;
import rnn4j.nn.Parameter;

/**
 * Adam, exactly as {@code torch.optim.Adam}: bias-corrected first and second moment estimates, with L2 weight decay
 * added to the gradient and the optional AMSGrad maximum.
 *
 * <pre>
 *   g ← ∇ + λ·w                        (weight decay; {@link AdamW} decays w directly instead)
 *   m ← m + (1 − β₁)·(g − m)           (PyTorch's lerp)
 *   v ← β₂·v + (1 − β₂)·g²
 *   v̂ ← max(v̂, v) with AMSGrad, else v
 *   w ← w − (η / (1 − β₁ᵗ))·m / (√v̂ / √(1 − β₂ᵗ) + ε)
 * </pre>
 *
 * <p>State per parameter: {@code step}, {@code exp_avg}, {@code exp_avg_sq}, and {@code max_exp_avg_sq} with AMSGrad.
 * Sources: Kingma and Ba 2015, "Adam: A Method for Stochastic Optimization"; Reddi et al. 2018, "On the Convergence of
 * Adam and Beyond" (AMSGrad).
 */
public class Adam extends Optimizer {
    /**
     * Adam and AdamW settings; PyTorch's defaults are {@link Adam#defaults()} and {@link AdamW#defaults()}.
     *
     * @param lr learning rate η, >= 0
     * @param beta1 first-moment decay β₁ in [0, 1)
     * @param beta2 second-moment decay β₂ in [0, 1)
     * @param eps ε added to the denominator, >= 0
     * @param weightDecay weight decay λ, >= 0
     * @param amsgrad keep the running maximum of the second moment
     */
    public record Config(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        public Config {
            Check.argument(lr >= 0 && Double.isFinite(lr), "Adam.Config: lr must be finite and >= 0, got %s", lr);
            Check.argument(beta1 >= 0 && beta1 < 1, "Adam.Config: beta1 must be in [0, 1), got %s", beta1);
            Check.argument(beta2 >= 0 && beta2 < 1, "Adam.Config: beta2 must be in [0, 1), got %s", beta2);
            Check.argument(eps >= 0 && Double.isFinite(eps), "Adam.Config: eps must be finite and >= 0, got %s", eps);
            Check.argument(weightDecay >= 0 && Double.isFinite(weightDecay),
                    "Adam.Config: weightDecay must be finite and >= 0, got %s", weightDecay);
        }

        /** These settings with another learning rate. */
        public Config withLr(double newLr) {
            return new Config(newLr, beta1, beta2, eps, weightDecay, amsgrad);
        }

        /** These settings with another weight decay. */
        public Config withWeightDecay(double newWeightDecay) {
            return new Config(lr, beta1, beta2, eps, newWeightDecay, amsgrad);
        }
    }

    private static final String EXP_AVG = "exp_avg";
    private static final String EXP_AVG_SQ = "exp_avg_sq";
    private static final String MAX_EXP_AVG_SQ = "max_exp_avg_sq";

    private final Config config;
    private final boolean decoupledWeightDecay;

    /** PyTorch's Adam defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, no weight decay, no AMSGrad. */
    public static Config defaults() {
        return new Config(1e-3, 0.9, 0.999, 1e-8, 0, false);
    }

    /** Adam with PyTorch's defaults and learning rate {@code lr}. */
    public Adam(List<Parameter> parameters, double lr) {
        this(parameters, defaults().withLr(lr));
    }

    /** Adam with the given settings. */
    public Adam(List<Parameter> parameters, Config config) {
        this(parameters, config, false);
    }

    Adam(List<Parameter> parameters, Config config, boolean decoupledWeightDecay) {
        super(parameters, config.lr());
        this.config = config;
        this.decoupledWeightDecay = decoupledWeightDecay;
    }

    /** The settings given at construction (the current learning rate is {@link #lr()}). */
    public final Config config() {
        return config;
    }

    @Override
    protected final List<String> stateNames() {
        return config.amsgrad() ? List.of(STEP, EXP_AVG, EXP_AVG_SQ, MAX_EXP_AVG_SQ)
                : List.of(STEP, EXP_AVG, EXP_AVG_SQ);
    }

    @Override
    protected final void update(float[] w, float[] g, State state) {
        long t = state.nextStep();
        float[] m = state.buffer(EXP_AVG, w.length);
        float[] v = state.buffer(EXP_AVG_SQ, w.length);
        float[] vMax = config.amsgrad() ? state.buffer(MAX_EXP_AVG_SQ, w.length) : null;
        double lr = lr();
        // Bias corrections in double, as PyTorch computes them in Python: in float, 1 − 0.999ᵗ loses ~1e-5.
        double biasCorrection1 = 1 - Math.pow(config.beta1(), t);
        double biasCorrection2 = 1 - Math.pow(config.beta2(), t);
        float stepSize = (float) (lr / biasCorrection1);
        float bc2Sqrt = (float) Math.sqrt(biasCorrection2);
        float eps = (float) config.eps();
        float beta2 = (float) config.beta2();
        float oneMinusBeta2 = (float) (1 - config.beta2());
        float lerpWeight = (float) (1 - config.beta1());
        float wd = (float) config.weightDecay();
        float shrink = (float) (1 - lr * config.weightDecay());
        boolean coupled = !decoupledWeightDecay && config.weightDecay() != 0;
        boolean decoupled = decoupledWeightDecay && config.weightDecay() != 0;
        // Elementwise, so any split gives the same bits; a 6,000-word output layer has millions of elements.
        Parallel.forChunks(w.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                if (decoupled) w[i] *= shrink;
                float gi = coupled ? g[i] + wd * w[i] : g[i];
                m[i] = Lerp.lerp(m[i], gi, lerpWeight);
                v[i] = v[i] * beta2 + oneMinusBeta2 * gi * gi;
                float second = v[i];
                if (vMax != null) {
                    vMax[i] = Math.max(vMax[i], v[i]);
                    second = vMax[i];
                }
                float denom = (float) Math.sqrt(second) / bc2Sqrt + eps;
                w[i] = w[i] + -stepSize * m[i] / denom;
            }
        });
    }
}

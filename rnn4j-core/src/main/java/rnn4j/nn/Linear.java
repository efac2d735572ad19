package rnn4j.nn;

import java.util.random.RandomGenerator;
import rnn4j.base.Check;
import rnn4j.tensor.LinalgOps;
import rnn4j.tensor.Tensor;

/**
 * An affine map {@code y = x·Wᵀ + b} over the last axis, as {@code torch.nn.Linear}.
 *
 * <p>Shapes: {@code x (..., in)}, {@code weight (out, in)}, {@code bias (out)}, {@code y (..., out)}. Initialisation is
 * PyTorch's: weight and bias from {@code U(−1/√in, 1/√in)} (Kaiming-uniform with {@code a = √5}).
 */
public final class Linear extends Module implements Layer {
    private final int inFeatures;
    private final int outFeatures;
    private final Parameter weight;
    private final Parameter bias;

    /** A layer from {@code inFeatures} to {@code outFeatures}, with a bias when {@code bias} is true. */
    public Linear(int inFeatures, int outFeatures, boolean bias, RandomGenerator rng) {
        Check.argument(inFeatures >= 1 && outFeatures >= 1,
                "Linear: inFeatures and outFeatures must be >= 1, got %s and %s", inFeatures, outFeatures);
        Check.argument(rng != null, "Linear: rng must not be null, got null");
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weight = parameter("weight",
                Init.kaimingUniform(Tensor.zeros(outFeatures, inFeatures), Init.LINEAR_NEGATIVE_SLOPE, rng));
        this.bias = bias ? parameter("bias", Init.uniform(Tensor.zeros(outFeatures), 1 / Math.sqrt(inFeatures), rng))
                : null;
    }

    /** A layer with a bias. */
    public Linear(int inFeatures, int outFeatures, RandomGenerator rng) {
        this(inFeatures, outFeatures, true, rng);
    }

    /** {@code (..., in) → (..., out)}. */
    @Override
    public Tensor forward(Tensor x) {
        return LinalgOps.linear(x, weight.value(), bias == null ? null : bias.value());
    }

    /** The weight, {@code (out, in)}. */
    public Parameter weight() {
        return weight;
    }

    /** The bias, {@code (out)}, or {@code null} when built without one. */
    public Parameter bias() {
        return bias;
    }

    public int inFeatures() {
        return inFeatures;
    }

    public int outFeatures() {
        return outFeatures;
    }

    @Override
    protected String extraRepr() {
        return "inFeatures=" + inFeatures + ", outFeatures=" + outFeatures + ", bias=" + (bias != null);
    }
}

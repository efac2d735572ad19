package rnn4j.nn;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import rnn4j.base.Check;
import rnn4j.tensor.Tensor;

/**
 * PyTorch's weight initialisations ({@code torch.nn.init}), filling a tensor in place from an explicit generator.
 *
 * <p>Each method overwrites the tensor's values (bypassing autodiff) and returns the tensor. Fan-in and fan-out follow
 * PyTorch: for a weight of shape {@code (out, in, k...)}, {@code fanIn = in·∏k} and {@code fanOut = out·∏k}. The
 * draws come from the given generator, so they are reproducible from its seed, though not PyTorch's own numbers.
 *
 * <p>Sources: He et al. 2015, "Delving Deep into Rectifiers" (Kaiming); Glorot and Bengio 2010, "Understanding the
 * difficulty of training deep feedforward neural networks" (Xavier).
 */
public final class Init {
    /** The negative slope PyTorch's {@code Linear} and {@code ConvNd} pass to Kaiming-uniform: √5. */
    public static final double LINEAR_NEGATIVE_SLOPE = Math.sqrt(5.0);

    private Init() {}

    /** Fills with draws from {@code U(-bound, bound)}. */
    public static Tensor uniform(Tensor t, double bound, RandomGenerator rng) {
        Check.argument(bound >= 0 && Double.isFinite(bound), "Init.uniform: bound must be finite and >= 0, got %s",
                bound);
        return uniform(t, -bound, bound, rng);
    }

    /** Fills with draws from {@code U(low, high)}. */
    public static Tensor uniform(Tensor t, double low, double high, RandomGenerator rng) {
        Check.argument(low <= high && Double.isFinite(low) && Double.isFinite(high),
                "Init.uniform: bounds must be finite with low <= high, got %s and %s", low, high);
        float[] d = t.data();
        for (int i = t.offset(), end = t.offset() + t.size(); i < end; i++) {
            // Computed in double and rounded once, so low and high keep their full precision.
            d[i] = (float) (low + (high - low) * rng.nextDouble());
        }
        return t;
    }

    /** Fills with draws from {@code N(mean, std²)}. */
    public static Tensor normal(Tensor t, double mean, double std, RandomGenerator rng) {
        Check.argument(std >= 0 && Double.isFinite(std) && Double.isFinite(mean),
                "Init.normal: std must be finite and >= 0 (and mean finite), got mean %s, std %s", mean, std);
        float[] d = t.data();
        for (int i = t.offset(), end = t.offset() + t.size(); i < end; i++) {
            d[i] = (float) (mean + std * rng.nextGaussian());
        }
        return t;
    }

    /** Fills with {@code value}. */
    public static Tensor constant(Tensor t, float value) {
        Arrays.fill(t.data(), t.offset(), t.offset() + t.size(), value);
        return t;
    }

    /** Fills with zeros. */
    public static Tensor zeros(Tensor t) {
        return constant(t, 0f);
    }

    /** Fills with ones. */
    public static Tensor ones(Tensor t) {
        return constant(t, 1f);
    }

    /** PyTorch's fan-in of a weight: {@code shape[1]·∏shape[2..]}; needs rank >= 2. */
    public static int fanIn(Tensor t) {
        Check.argument(t.rank() >= 2, "Init.fanIn: tensor must have rank >= 2, got shape %s", t.shape());
        return t.dim(1) * receptiveField(t);
    }

    /** PyTorch's fan-out of a weight: {@code shape[0]·∏shape[2..]}; needs rank >= 2. */
    public static int fanOut(Tensor t) {
        Check.argument(t.rank() >= 2, "Init.fanOut: tensor must have rank >= 2, got shape %s", t.shape());
        return t.dim(0) * receptiveField(t);
    }

    private static int receptiveField(Tensor t) {
        int n = 1;
        for (int i = 2; i < t.rank(); i++) n *= t.dim(i);
        return n;
    }

    /**
     * Kaiming-uniform in fan-in mode for a leaky ReLU of slope {@code a}: {@code U(-b, b)} with
     * {@code b = gain·√(3 / fanIn)} and {@code gain = √(2 / (1 + a²))}. With {@code a = √5}
     * ({@link #LINEAR_NEGATIVE_SLOPE}) this is {@code U(-1/√fanIn, 1/√fanIn)}, PyTorch's default {@code Linear} weight.
     */
    public static Tensor kaimingUniform(Tensor t, double a, RandomGenerator rng) {
        int fanIn = fanIn(t);
        Check.argument(fanIn > 0, "Init.kaimingUniform: fan-in must be > 0, got shape %s", t.shape());
        double gain = Math.sqrt(2.0 / (1.0 + a * a));
        return uniform(t, gain * Math.sqrt(3.0 / fanIn), rng);
    }

    /**
     * Xavier (Glorot) uniform: {@code U(-b, b)} with {@code b = gain·√(6 / (fanIn + fanOut))}.
     */
    public static Tensor xavierUniform(Tensor t, double gain, RandomGenerator rng) {
        int fans = fanIn(t) + fanOut(t);
        Check.argument(fans > 0, "Init.xavierUniform: fanIn + fanOut must be > 0, got shape %s", t.shape());
        return uniform(t, gain * Math.sqrt(6.0 / fans), rng);
    }

    /** Xavier (Glorot) normal: {@code N(0, σ²)} with {@code σ = gain·√(2 / (fanIn + fanOut))}. */
    public static Tensor xavierNormal(Tensor t, double gain, RandomGenerator rng) {
        int fans = fanIn(t) + fanOut(t);
        Check.argument(fans > 0, "Init.xavierNormal: fanIn + fanOut must be > 0, got shape %s", t.shape());
        return normal(t, 0.0, gain * Math.sqrt(2.0 / fans), rng);
    }
}

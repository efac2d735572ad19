package rnn4j.nn;

import rnn4j.base.Check;
import rnn4j.tensor.MathOps;
import rnn4j.tensor.Tensor;

/**
 * Layer normalisation over the last axis, as {@code torch.nn.LayerNorm(normalizedShape)} with an integer shape:
 * {@code y = (x − mean) / √(var + eps) ⊙ weight + bias}, with the biased variance of each row.
 *
 * <p>Shapes: {@code x (..., F)} → {@code (..., F)}; {@code weight (F)} starts at ones and {@code bias (F)} at zeros.
 * Source: Ba, Kiros and Hinton 2016, "Layer Normalization".
 */
public final class LayerNorm extends Module implements Layer {
    private final int normalizedShape;
    private final float eps;
    private final Parameter weight;
    private final Parameter bias;

    /** Normalises rows of {@code normalizedShape} values with PyTorch's eps 1e-5 and a learned scale and shift. */
    public LayerNorm(int normalizedShape) {
        this(normalizedShape, 1e-5f, true);
    }

    /** Normalises rows of {@code normalizedShape} values with the given eps and a learned scale and shift. */
    public LayerNorm(int normalizedShape, float eps) {
        this(normalizedShape, eps, true);
    }

    /** As PyTorch's {@code LayerNorm(normalizedShape, eps, elementwise_affine)}. */
    public LayerNorm(int normalizedShape, float eps, boolean elementwiseAffine) {
        Check.argument(normalizedShape >= 1, "LayerNorm: normalizedShape must be >= 1, got %s", normalizedShape);
        Check.argument(eps >= 0f && Float.isFinite(eps), "LayerNorm: eps must be finite and >= 0, got %s", eps);
        this.normalizedShape = normalizedShape;
        this.eps = eps;
        this.weight = elementwiseAffine ? parameter("weight", Tensor.ones(normalizedShape)) : null;
        this.bias = elementwiseAffine ? parameter("bias", Tensor.zeros(normalizedShape)) : null;
    }

    /** {@code (..., F) → (..., F)}. */
    @Override
    public Tensor forward(Tensor x) {
        Check.argument(x.rank() >= 1 && x.dim(-1) == normalizedShape,
                "LayerNorm.forward: x must end in an axis of %s, got shape %s", normalizedShape, x.shape());
        return MathOps.layerNorm(x, weight == null ? null : weight.value(), bias == null ? null : bias.value(), eps);
    }

    /** The scale, {@code (F)}, or {@code null} without an affine part. */
    public Parameter weight() {
        return weight;
    }

    /** The shift, {@code (F)}, or {@code null} without an affine part. */
    public Parameter bias() {
        return bias;
    }

    @Override
    protected String extraRepr() {
        return normalizedShape + ", eps=" + eps + ", elementwiseAffine=" + (weight != null);
    }
}

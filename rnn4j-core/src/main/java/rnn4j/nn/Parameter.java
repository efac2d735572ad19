package rnn4j.nn;

import rnn4j.base.Check;
import rnn4j.tensor.Shape;
import rnn4j.tensor.Tensor;

/**
 * A trainable tensor owned by a {@link Module}: one leaf that requires a gradient, whose array never changes identity.
 *
 * <p>Loading a state dict and every optimizer step write into the same {@code float[]} ({@link #copyInPlace}), so the
 * references that optimizers and fused kernels hold stay valid for the whole life of the model, as with PyTorch's
 * {@code nn.Parameter} under {@code load_state_dict}. The values always start at offset 0 of {@link #data()}.
 */
public final class Parameter {
    private final Tensor value;

    /**
     * A parameter over the values of {@code initial}: shared when {@code initial} is a plain leaf over a whole array
     * from offset 0 (a freshly initialised tensor), copied otherwise, so that a view into a bigger array, a recorded
     * result or another parameter's tensor never aliases the new parameter.
     */
    public Parameter(Tensor initial) {
        Check.argument(initial != null, "Parameter: the initial tensor must not be null, got null");
        boolean ownsArray = initial.isLeaf() && !initial.requiresGrad() && initial.offset() == 0
                && initial.data().length == initial.size();
        float[] values = ownsArray ? initial.data() : initial.toArray();
        this.value = Tensor.wrap(values, 0, initial.shape()).requiresGrad(true);
    }

    /** The leaf tensor to use in operations; it requires a gradient unless frozen. */
    public Tensor value() {
        return value;
    }

    /** The values, row-major from offset 0; optimizers update them in place. */
    public float[] data() {
        return value.data();
    }

    /** The accumulated gradient as a tensor sharing the gradient array, or {@code null} before any backward. */
    public Tensor grad() {
        return value.grad();
    }

    /** The accumulated gradient array (offset 0), or {@code null} before any backward; for optimizers. */
    public float[] gradData() {
        return value.gradData();
    }

    /** The shape. */
    public Shape shape() {
        return value.shape();
    }

    /** Number of values. */
    public int size() {
        return value.size();
    }

    /** True unless frozen with {@code requiresGrad(false)}. */
    public boolean requiresGrad() {
        return value.requiresGrad();
    }

    /** Freezes ({@code false}) or unfreezes the parameter, as PyTorch's {@code requires_grad_}; returns this. */
    public Parameter requiresGrad(boolean wanted) {
        value.requiresGrad(wanted);
        return this;
    }

    /** Drops the gradient, as {@code zero_grad(set_to_none=True)}. */
    public void zeroGrad() {
        value.zeroGrad();
    }

    /** Overwrites the values with those of {@code source}, keeping this parameter's array. */
    public void copyInPlace(Tensor source) {
        Check.argument(source != null && source.shape().equals(shape()),
                "Parameter.copyInPlace: source shape must equal the parameter's %s, got %s", shape(),
                source == null ? null : source.shape());
        System.arraycopy(source.data(), source.offset(), data(), 0, size());
    }

    @Override
    public String toString() {
        return "Parameter" + shape() + (requiresGrad() ? "" : " (frozen)");
    }
}

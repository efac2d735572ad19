package rnn4j.tensor;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import rnn4j.base.Check;

/**
 * A float32 tensor: a {@link Shape}, a row-major contiguous slice of a {@code float[]} (from {@link #offset()}), a
 * lazily allocated gradient, and the recorded operation that produced it (none for leaves).
 *
 * <p>float32 everywhere: twice the SIMD width and half the memory traffic of double. Reductions and losses accumulate
 * in double internally. Operations are static methods of the op families ({@code MathOps}, {@code LinalgOps},
 * {@code ShapeOps}, {@code IndexOps}, {@code LossOps}); each records a {@link Backward} rule only when a gradient is
 * wanted ({@link Grad#isEnabled()} and some input {@link #requiresGrad()}).
 */
public final class Tensor {
    /** One recorded operation: its name (for messages), its inputs and its backward rule. */
    record Node(String op, Tensor[] inputs, Backward backward) {}

    private final Shape shape;
    private final float[] data;
    private final int offset;
    private final Node node;
    private boolean requiresGrad;
    private float[] grad;

    private Tensor(Shape shape, float[] data, int offset, Node node, boolean requiresGrad) {
        this.shape = shape;
        this.data = data;
        this.offset = offset;
        this.node = node;
        this.requiresGrad = requiresGrad;
    }

    // ---------------------------------------------------------------- creation

    /** A tensor over {@code data} (not copied) with the given shape. */
    public static Tensor of(float[] data, int... shape) {
        return wrap(data, 0, Shape.of(shape));
    }

    /** A tensor over {@code data[offset .. offset + shape.size())} (not copied): a view. */
    public static Tensor wrap(float[] data, int offset, Shape shape) {
        Check.argument(offset >= 0 && (long) offset + shape.size() <= data.length,
                "Tensor.wrap: shape %s from offset %s must fit in %s values", shape, offset, data.length);
        return new Tensor(shape, data, offset, null, false);
    }

    /** A scalar (rank-0) tensor. */
    public static Tensor scalar(float value) {
        return new Tensor(Shape.scalar(), new float[] {value}, 0, null, false);
    }

    /** A 1-D tensor holding a copy of {@code values}. */
    public static Tensor vector(float... values) {
        return of(values.clone(), values.length);
    }

    /** Zeros of the given shape. */
    public static Tensor zeros(int... shape) {
        Shape s = Shape.of(shape);
        return new Tensor(s, new float[s.size()], 0, null, false);
    }

    /** Ones of the given shape. */
    public static Tensor ones(int... shape) {
        return full(1f, shape);
    }

    /** A tensor filled with {@code value}. */
    public static Tensor full(float value, int... shape) {
        Tensor t = zeros(shape);
        Arrays.fill(t.data, value);
        return t;
    }

    /** {@code 0, 1, ..., n-1} as a 1-D tensor. */
    public static Tensor arange(int n) {
        Check.argument(n >= 0, "Tensor.arange: n must be >= 0, got %s", n);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = i;
        return of(v, n);
    }

    /** Values drawn uniformly from {@code [low, high)} with the given generator. */
    public static Tensor uniform(RandomGenerator rng, float low, float high, int... shape) {
        Check.argument(low <= high, "Tensor.uniform: low must be <= high, got %s and %s", low, high);
        Tensor t = zeros(shape);
        for (int i = 0; i < t.data.length; i++) t.data[i] = low + (high - low) * rng.nextFloat();
        return t;
    }

    /** Values drawn from {@code N(mean, std²)} with the given generator. */
    public static Tensor normal(RandomGenerator rng, float mean, float std, int... shape) {
        Check.argument(std >= 0, "Tensor.normal: std must be >= 0, got %s", std);
        Tensor t = zeros(shape);
        for (int i = 0; i < t.data.length; i++) t.data[i] = (float) (mean + std * rng.nextGaussian());
        return t;
    }

    /**
     * The result of an operation: records {@code backward} when recording is on and some input requires a gradient,
     * otherwise returns a plain tensor. This is how every differentiable op (including ones outside this package)
     * attaches its backward rule next to its forward.
     */
    public static Tensor result(String op, float[] data, Shape shape, Backward backward, Tensor... inputs) {
        return resultView(op, data, 0, shape, backward, inputs);
    }

    /** As {@link #result}, for an output that views {@code data} from {@code offset} (slices along the first axis). */
    public static Tensor resultView(String op, float[] data, int offset, Shape shape, Backward backward,
                                    Tensor... inputs) {
        Check.state(offset + shape.size() <= data.length, "%s: output shape %s must fit in %s values", op, shape,
                data.length - offset);
        if (Grad.isEnabled()) {
            for (Tensor in : inputs) {
                if (in.requiresGrad) {
                    return new Tensor(shape, data, offset, new Node(op, inputs.clone(), backward), true);
                }
            }
        }
        return new Tensor(shape, data, offset, null, false);
    }

    // ---------------------------------------------------------------- accessors

    /** The shape. */
    public Shape shape() {
        return shape;
    }

    /** Number of elements. */
    public int size() {
        return shape.size();
    }

    /** Number of axes. */
    public int rank() {
        return shape.rank();
    }

    /** Length of an axis (negative counts from the end). */
    public int dim(int axis) {
        return shape.dim(axis);
    }

    /**
     * The backing array, shared, not copied: the elements are {@code data()[offset() .. offset() + size())}. For
     * kernels and optimizers; writing into it bypasses autodiff.
     */
    public float[] data() {
        return data;
    }

    /** Where this tensor's elements start in {@link #data()}. */
    public int offset() {
        return offset;
    }

    /** A copy of the elements, row-major. */
    public float[] toArray() {
        return Arrays.copyOfRange(data, offset, offset + size());
    }

    /** The single value of a one-element tensor. */
    public float item() {
        Check.state(size() == 1, "Tensor.item: the tensor must hold one value, got shape %s", shape);
        return data[offset];
    }

    /** The element at the given indices (one per axis). */
    public float get(int... index) {
        return data[offset + flatIndex(index)];
    }

    /** Sets the element at the given indices; bypasses autodiff (for building inputs). */
    public void setInPlace(float value, int... index) {
        data[offset + flatIndex(index)] = value;
    }

    private int flatIndex(int[] index) {
        Check.argument(index.length == shape.rank(), "Tensor.get: need one index per axis of %s, got %s", shape,
                index);
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            int d = shape.dim(i);
            Check.index(index[i], d, "Tensor.get: index %s of axis %s must be in [0, %s), got %s", i, i, d, index[i]);
            flat = flat * d + index[i];
        }
        return flat;
    }

    // ---------------------------------------------------------------- autodiff

    /** True for a leaf marked with {@link #requiresGrad(boolean)} and for results recorded from one. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Marks a leaf as wanting a gradient (parameters, or inputs whose gradient you want); returns this. */
    public Tensor requiresGrad(boolean wanted) {
        Check.state(node == null, "Tensor.requiresGrad: only leaves can be marked, got the result of %s; use "
                + "detach() first", node == null ? "" : node.op());
        this.requiresGrad = wanted;
        return this;
    }

    /** True when this tensor was produced by a recorded operation. */
    public boolean isLeaf() {
        return node == null;
    }

    Node node() {
        return node;
    }

    /** The accumulated gradient of a leaf as a tensor (sharing the gradient array), or {@code null} before backward. */
    public Tensor grad() {
        return grad == null ? null : new Tensor(shape, grad, 0, null, false);
    }

    /** The accumulated gradient array (offset 0, row-major), or {@code null}; for optimizers. */
    public float[] gradData() {
        return grad;
    }

    /** Drops the gradient (PyTorch's {@code set_to_none}); the next backward starts from zero. */
    public void zeroGrad() {
        grad = null;
    }

    void accumulateGrad(float[] g) {
        if (grad == null) {
            grad = g.clone();
        } else {
            for (int i = 0; i < grad.length; i++) grad[i] += g[i];
        }
    }

    /** Back-propagates from this scalar (one-element) tensor, as {@code loss.backward()}. */
    public void backward() {
        Check.state(size() == 1, "Tensor.backward: the tensor must be a scalar (one value) to start backward, got "
                + "shape %s; pass a gradient of that shape instead", shape);
        Autograd.backward(this, new float[] {1f});
    }

    /** Back-propagates from this tensor with the given gradient of the loss with respect to it. */
    public void backward(Tensor gradient) {
        Check.argument(gradient.shape.equals(shape), "Tensor.backward: gradient shape must equal the tensor's %s, "
                + "got %s", shape, gradient.shape);
        Autograd.backward(this, gradient.toArray());
    }

    /** The same values as a leaf with no graph and no gradient (sharing the data), as {@code detach()}. */
    public Tensor detach() {
        return new Tensor(shape, data, offset, null, false);
    }

    /** A leaf holding a copy of the values. */
    public Tensor copy() {
        return new Tensor(shape, toArray(), 0, null, false);
    }

    @Override
    public String toString() {
        int shown = Math.min(size(), 8);
        StringBuilder sb = new StringBuilder("Tensor").append(shape).append(' ').append('[');
        for (int i = 0; i < shown; i++) {
            if (i > 0) sb.append(", ");
            sb.append(data[offset + i]);
        }
        if (shown < size()) sb.append(", ...");
        sb.append(']');
        if (node != null) sb.append(" (").append(node.op()).append(')');
        return sb.toString();
    }
}

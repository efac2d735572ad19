package rnn4j.tensor;

import rnn4j.base.Check;

/**
 * Reshaping, reordering, joining and slicing, each differentiable.
 *
 * <p>Operations that keep the row-major order of the elements return a VIEW sharing the input's data (no copy):
 * {@link #reshape}, {@link #squeeze}, {@link #unsqueeze}, and {@link #narrow} / {@link #select} / {@link #split} /
 * {@link #chunk} along the first axis (or any axis whose preceding axes all have length 1). Writing into the data of a
 * view writes into its source. Everything else copies.
 */
public final class ShapeOps {
    private ShapeOps() {}

    // =============================================================== views over the same order

    /**
     * The same elements with a new shape (a view); one dimension may be {@code -1}, inferred from the others.
     */
    public static Tensor reshape(Tensor x, int... shape) {
        int[] dims = shape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == -1) {
                Check.argument(infer < 0, "ShapeOps.reshape: shape must have at most one -1, got %s", shape);
                infer = i;
            } else {
                Check.argument(dims[i] >= 0, "ShapeOps.reshape: dimensions must be >= 0 or -1, got %s", shape);
                known *= dims[i];
            }
        }
        if (infer >= 0) {
            Check.argument(known > 0 && x.size() % known == 0,
                    "ShapeOps.reshape: shape %s must fit the %s elements of %s", shape, x.size(), x.shape());
            dims[infer] = (int) (x.size() / known);
        }
        Check.argument(Shape.of(dims).size() == x.size(),
                "ShapeOps.reshape: new shape must have the same element count as %s (%s), got %s", x.shape(),
                x.size(), shape);
        return view("ShapeOps.reshape", x, Shape.of(dims));
    }

    /** Removes {@code axis}, which must have length 1 (a view). */
    public static Tensor squeeze(Tensor x, int axis) {
        int ax = Axes.resolve("ShapeOps.squeeze", x.shape(), axis);
        Check.argument(x.dim(ax) == 1, "ShapeOps.squeeze: axis %s must have length 1, got shape %s", axis,
                x.shape());
        return view("ShapeOps.squeeze", x, x.shape().without(ax));
    }

    /** Inserts an axis of length 1 before {@code axis} ({@code 0..rank}; negative counts from the end, a view). */
    public static Tensor unsqueeze(Tensor x, int axis) {
        int r = x.rank();
        Check.argument(axis >= -r - 1 && axis <= r, "ShapeOps.unsqueeze: axis must be in [%s, %s] for shape %s, "
                + "got %s", -r - 1, r, x.shape(), axis);
        int ax = axis < 0 ? axis + r + 1 : axis;
        int[] d = x.shape().dims();
        int[] out = new int[r + 1];
        System.arraycopy(d, 0, out, 0, ax);
        out[ax] = 1;
        System.arraycopy(d, ax, out, ax + 1, r - ax);
        return view("ShapeOps.unsqueeze", x, Shape.of(out));
    }

    private static Tensor view(String op, Tensor x, Shape shape) {
        // Same elements in the same order: the gradient passes unchanged.
        return Tensor.resultView(op, x.data(), x.offset(), shape, g -> new float[][] {g}, x);
    }

    // =============================================================== reordering

    /** Swaps two axes (a copy), as {@code torch.transpose}. */
    public static Tensor transpose(Tensor x, int axis0, int axis1) {
        int a = Axes.resolve("ShapeOps.transpose", x.shape(), axis0);
        int b = Axes.resolve("ShapeOps.transpose", x.shape(), axis1);
        int[] perm = new int[x.rank()];
        for (int i = 0; i < perm.length; i++) perm[i] = i;
        perm[a] = b;
        perm[b] = a;
        return permute(x, perm);
    }

    /** Reorders the axes (a copy): result axis {@code i} is input axis {@code axes[i]}, as {@code torch.permute}. */
    public static Tensor permute(Tensor x, int... axes) {
        Shape s = x.shape();
        int r = s.rank();
        Check.argument(axes.length == r, "ShapeOps.permute: axes must list each of the %s axes of %s once, got %s",
                r, s, axes);
        int[] perm = new int[r];
        boolean[] used = new boolean[r];
        for (int i = 0; i < r; i++) {
            Check.argument(axes[i] >= -r && axes[i] < r && !used[axes[i] < 0 ? axes[i] + r : axes[i]],
                    "ShapeOps.permute: axes must list each of the %s axes of %s once, got %s", r, s, axes);
            perm[i] = axes[i] < 0 ? axes[i] + r : axes[i];
            used[perm[i]] = true;
        }
        int[] inv = new int[r];
        for (int i = 0; i < r; i++) inv[perm[i]] = i;
        int[] dims = s.dims();
        int[] outDims = new int[r];
        for (int i = 0; i < r; i++) outDims[i] = dims[perm[i]];
        Shape ys = Shape.of(outDims);
        float[] y = new float[s.size()];
        permuteCopy(x.data(), x.offset(), s, perm, y);
        return Tensor.result("ShapeOps.permute", y, ys, g -> {
            float[] gx = new float[g.length];
            permuteCopy(g, 0, ys, inv, gx);
            return new float[][] {gx};
        }, x);
    }

    /** {@code y[i_0..i_r] = x[...]} with result axis {@code i} taken from source axis {@code perm[i]}. */
    private static void permuteCopy(float[] x, int xo, Shape s, int[] perm, float[] y) {
        int r = perm.length;
        int[] srcStrides = s.strides();
        int[] dims = new int[r];
        int[] stride = new int[r];
        for (int i = 0; i < r; i++) {
            dims[i] = s.dim(perm[i]);
            stride[i] = srcStrides[perm[i]];
        }
        // An unmoved last axis is contiguous on both sides: copy it in runs (batch-first <-> time-major moves rows of
        // features), stepping the counter over the outer axes only.
        boolean runs = r > 0 && perm[r - 1] == r - 1;
        int run = runs ? dims[r - 1] : 1;
        int outer = runs ? r - 1 : r;
        int[] counter = new int[r];
        int pos = xo;
        for (int i = 0; i < y.length; i += run) {
            if (runs) {
                System.arraycopy(x, pos, y, i, run);
            } else {
                y[i] = x[pos];
            }
            for (int ax = outer - 1; ax >= 0; ax--) {
                if (++counter[ax] < dims[ax]) {
                    pos += stride[ax];
                    break;
                }
                pos -= stride[ax] * (dims[ax] - 1);
                counter[ax] = 0;
            }
        }
    }

    /**
     * Broadcasts {@code x} to {@code shape} (a copy; numpy rules, so length-1 and missing leading axes repeat), as
     * {@code torch.expand}; backward sums over the repeated axes.
     */
    public static Tensor expand(Tensor x, int... shape) {
        Shape ys = Shape.of(shape);
        Check.argument(Broadcast.broadcastsTo(x.shape(), ys),
                "ShapeOps.expand: shape %s must broadcast to the target, got %s", x.shape(), ys);
        Broadcast.Plan p = Broadcast.plan("ShapeOps.expand", x.shape(), ys);
        float[] y = Broadcast.expand(x.data(), x.offset(), p, p.a());
        return Tensor.result("ShapeOps.expand", y, ys, g -> new float[][] {Broadcast.sumTo(g, p, p.a())}, x);
    }

    // =============================================================== slicing

    /**
     * Entries {@code [start, start + length)} along {@code axis}, as {@code torch.narrow}: a view when every axis
     * before {@code axis} has length 1 (always for the first axis), otherwise a copy.
     */
    public static Tensor narrow(Tensor x, int axis, int start, int length) {
        Shape s = x.shape();
        int ax = Axes.resolve("ShapeOps.narrow", s, axis);
        int n = s.dim(ax);
        Check.argument(start >= 0 && length >= 0 && start + length <= n,
                "ShapeOps.narrow: range [%s, %s) must lie in [0, %s) (axis %s of %s)", start, start + length, n,
                axis, s);
        return slice("ShapeOps.narrow", x, ax, start, length, s.with(ax, length));
    }

    /**
     * Entry {@code index} along {@code axis} with that axis removed, as {@code torch.select}; a view when every axis
     * before it has length 1 (always for the first axis: the time step {@code t} of a time-major tensor).
     */
    public static Tensor select(Tensor x, int axis, int index) {
        Shape s = x.shape();
        int ax = Axes.resolve("ShapeOps.select", s, axis);
        Check.index(index, s.dim(ax), "ShapeOps.select: index must be in [0, %s) (axis %s of %s), got %s",
                s.dim(ax), axis, s, index);
        return slice("ShapeOps.select", x, ax, index, 1, s.without(ax));
    }

    private static Tensor slice(String op, Tensor x, int ax, int start, int length, Shape ys) {
        Shape s = x.shape();
        int outer = s.outer(ax);
        int n = s.dim(ax);
        int inner = s.inner(ax);
        int block = length * inner;
        if (outer <= 1) {
            int from = start * inner;
            return Tensor.resultView(op, x.data(), x.offset() + from, ys, g -> {
                float[] gx = new float[s.size()];
                System.arraycopy(g, 0, gx, from, block);
                return new float[][] {gx};
            }, x);
        }
        float[] y = new float[outer * block];
        for (int o = 0; o < outer; o++) {
            System.arraycopy(x.data(), x.offset() + (o * n + start) * inner, y, o * block, block);
        }
        return Tensor.result(op, y, ys, g -> {
            float[] gx = new float[s.size()];
            for (int o = 0; o < outer; o++) System.arraycopy(g, o * block, gx, (o * n + start) * inner, block);
            return new float[][] {gx};
        }, x);
    }

    /** Splits along {@code axis} into pieces of the given lengths, which must sum to the axis length (via narrow). */
    public static Tensor[] split(Tensor x, int axis, int... sizes) {
        int n = x.dim(Axes.resolve("ShapeOps.split", x.shape(), axis));
        int total = 0;
        for (int size : sizes) {
            Check.argument(size >= 0, "ShapeOps.split: sizes must be >= 0, got %s", sizes);
            total += size;
        }
        Check.argument(total == n, "ShapeOps.split: sizes must sum to %s (axis %s of %s), got %s", n, axis,
                x.shape(), sizes);
        Tensor[] parts = new Tensor[sizes.length];
        int start = 0;
        for (int i = 0; i < sizes.length; i++) {
            parts[i] = narrow(x, axis, start, sizes[i]);
            start += sizes[i];
        }
        return parts;
    }

    /**
     * Splits along {@code axis} into {@code chunks} pieces of {@code ceil(n / chunks)} entries (the last may be
     * shorter, and fewer pieces may result), as {@code torch.chunk}.
     */
    public static Tensor[] chunk(Tensor x, int chunks, int axis) {
        Check.argument(chunks > 0, "ShapeOps.chunk: chunks must be > 0, got %s", chunks);
        int n = x.dim(Axes.resolve("ShapeOps.chunk", x.shape(), axis));
        int step = Math.max(1, (n + chunks - 1) / chunks);
        int count = n == 0 ? 1 : (n + step - 1) / step;
        int[] sizes = new int[count];
        for (int i = 0; i < count; i++) sizes[i] = Math.min(step, n - i * step);
        return split(x, axis, sizes);
    }

    // =============================================================== joining

    /** Joins tensors along an existing {@code axis}; all other axes must match, as {@code torch.cat}. */
    public static Tensor concat(int axis, Tensor... tensors) {
        Check.argument(tensors.length > 0, "ShapeOps.concat: tensors must not be empty, got 0 tensors");
        Shape first = tensors[0].shape();
        int ax = Axes.resolve("ShapeOps.concat", first, axis);
        int total = 0;
        for (Tensor t : tensors) {
            Check.argument(t.rank() == first.rank() && t.shape().with(ax, 0).equals(first.with(ax, 0)),
                    "ShapeOps.concat: shapes must match except along axis %s, got %s and %s", axis, first,
                    t.shape());
            total += t.dim(ax);
        }
        Shape ys = first.with(ax, total);
        int outer = first.outer(ax);
        int inner = first.inner(ax);
        int outBlock = total * inner;
        float[] y = new float[ys.size()];
        int[] at = new int[tensors.length]; // where each input's block starts within an outer slice of y
        for (int k = 0, pos = 0; k < tensors.length; k++) {
            at[k] = pos;
            pos += tensors[k].dim(ax) * inner;
        }
        for (int k = 0; k < tensors.length; k++) {
            Tensor t = tensors[k];
            int block = t.dim(ax) * inner;
            for (int o = 0; o < outer; o++) {
                System.arraycopy(t.data(), t.offset() + o * block, y, o * outBlock + at[k], block);
            }
        }
        Tensor[] inputs = tensors.clone();
        return Tensor.result("ShapeOps.concat", y, ys, g -> {
            float[][] grads = new float[inputs.length][];
            for (int k = 0; k < inputs.length; k++) {
                if (!inputs[k].requiresGrad()) continue;
                int block = inputs[k].dim(ax) * inner;
                float[] gk = new float[inputs[k].size()];
                for (int o = 0; o < outer; o++) System.arraycopy(g, o * outBlock + at[k], gk, o * block, block);
                grads[k] = gk;
            }
            return grads;
        }, inputs);
    }

    /** Joins equally shaped tensors along a new {@code axis} ({@code 0..rank}), as {@code torch.stack}. */
    public static Tensor stack(int axis, Tensor... tensors) {
        Check.argument(tensors.length > 0, "ShapeOps.stack: tensors must not be empty, got 0 tensors");
        Shape first = tensors[0].shape();
        Tensor[] expanded = new Tensor[tensors.length];
        for (int k = 0; k < tensors.length; k++) {
            Check.argument(tensors[k].shape().equals(first), "ShapeOps.stack: shapes must all be equal, got %s and %s",
                    first, tensors[k].shape());
            expanded[k] = unsqueeze(tensors[k], axis);
        }
        return concat(axis < 0 ? axis + first.rank() + 1 : axis, expanded);
    }

}

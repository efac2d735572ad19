package rnn4j.tensor;

import java.util.Arrays;
import rnn4j.base.Check;

/**
 * The immutable dimensions of a tensor, row-major. A rank-0 shape {@code []} is a scalar of size 1.
 *
 * <p>Axis arguments may be negative and count from the end, as in PyTorch ({@code -1} is the last axis).
 */
public final class Shape {
    /** Refuse shapes whose element count does not fit a Java array; every tensor is one {@code float[]}. */
    private static final long MAX_SIZE = Integer.MAX_VALUE - 8;

    private final int[] dims;
    private final int size;

    private Shape(int[] dims) {
        long n = 1;
        for (int d : dims) {
            Check.argument(d >= 0, "Shape: dimensions must be >= 0, got %s", dims);
            n *= d;
            Check.argument(n <= MAX_SIZE, "Shape: element count must fit in one array (< 2^31), got %s", dims);
        }
        this.dims = dims;
        this.size = (int) n;
    }

    /** A shape with the given dimensions (copied). */
    public static Shape of(int... dims) {
        return new Shape(dims.clone());
    }

    /** The scalar shape {@code []}. */
    public static Shape scalar() {
        return new Shape(new int[0]);
    }

    /** Number of axes. */
    public int rank() {
        return dims.length;
    }

    /** Number of elements, the product of the dimensions. */
    public int size() {
        return size;
    }

    /** Length of an axis; negative axes count from the end. */
    public int dim(int axis) {
        return dims[axis(axis)];
    }

    /** A copy of the dimensions. */
    public int[] dims() {
        return dims.clone();
    }

    /** Resolves a possibly negative axis to {@code 0..rank-1}, or throws naming the shape. */
    public int axis(int axis) {
        int r = dims.length;
        Check.argument(axis >= -r && axis < r, "Shape.axis: axis must be in [%s, %s) for shape %s, got %s",
                -r, r, dims, axis);
        return axis < 0 ? axis + r : axis;
    }

    /** Product of the dimensions before {@code axis} (the "outer" count of a reduction). */
    public int outer(int axis) {
        int n = 1;
        for (int i = 0; i < axis; i++) n *= dims[i];
        return n;
    }

    /** Product of the dimensions after {@code axis} (the "inner" stride of a reduction). */
    public int inner(int axis) {
        int n = 1;
        for (int i = axis + 1; i < dims.length; i++) n *= dims[i];
        return n;
    }

    /** Row-major strides, in elements. */
    public int[] strides() {
        int[] s = new int[dims.length];
        int stride = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = stride;
            stride *= dims[i];
        }
        return s;
    }

    /** This shape with one axis replaced by {@code length}. */
    public Shape with(int axis, int length) {
        int[] d = dims.clone();
        d[axis(axis)] = length;
        return new Shape(d);
    }

    /** This shape without one axis. */
    public Shape without(int axis) {
        int a = axis(axis);
        int[] d = new int[dims.length - 1];
        for (int i = 0, j = 0; i < dims.length; i++) if (i != a) d[j++] = dims[i];
        return new Shape(d);
    }

    /** True when both shapes have the same dimensions. */
    public boolean sameAs(int... other) {
        return Arrays.equals(dims, other);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Printed as {@code [2, 5]}, the form every error message uses. */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}

package rnn4j.tensor;

import rnn4j.base.Check;

/**
 * numpy broadcasting: the result shape of two operands, the position in an operand of each result element, and the
 * reduction of a result-shaped gradient back to an operand's shape (the sum over the broadcast axes).
 *
 * <p>Shapes align at their last axis; along each axis the lengths must be equal or one of them 1 (or missing).
 */
final class Broadcast {
    private Broadcast() {}

    /** The broadcast shape of {@code a} and {@code b}; {@code op} names the operation in the error message. */
    static Shape shape(String op, Shape a, Shape b) {
        if (a.equals(b)) return a;
        int rank = Math.max(a.rank(), b.rank());
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.rank() ? 1 : a.dim(i - (rank - a.rank()));
            int db = i < rank - b.rank() ? 1 : b.dim(i - (rank - b.rank()));
            Check.argument(da == db || da == 1 || db == 1,
                    "%s: shapes must broadcast (equal or 1 along each axis from the last), got %s and %s", op, a, b);
            dims[i] = da == 1 ? db : da;
        }
        return Shape.of(dims);
    }

    /** True when {@code in} broadcasts to {@code out}. */
    static boolean broadcastsTo(Shape in, Shape out) {
        if (in.rank() > out.rank()) return false;
        int lead = out.rank() - in.rank();
        for (int i = 0; i < in.rank(); i++) {
            if (in.dim(i) != 1 && in.dim(i) != out.dim(i + lead)) return false;
        }
        return true;
    }

    /**
     * For each element of {@code out} (row-major), the flat index of the element of {@code in} it reads; {@code null}
     * when the shapes are equal (the identity map), so callers take their contiguous fast path.
     */
    static int[] indexMap(Shape in, Shape out) {
        if (in.equals(out)) return null;
        int rank = out.rank();
        int lead = rank - in.rank();
        int[] inStrides = in.strides();
        int[] stride = new int[rank]; // stride in `in` of each out axis, 0 along broadcast axes
        for (int i = lead; i < rank; i++) stride[i] = in.dim(i - lead) == 1 ? 0 : inStrides[i - lead];
        int[] dims = out.dims();
        int[] counter = new int[rank];
        int[] map = new int[out.size()];
        int pos = 0;
        for (int i = 0; i < map.length; i++) {
            map[i] = pos;
            for (int ax = rank - 1; ax >= 0; ax--) {
                if (++counter[ax] < dims[ax]) {
                    pos += stride[ax];
                    break;
                }
                pos -= stride[ax] * (dims[ax] - 1);
                counter[ax] = 0;
            }
        }
        return map;
    }

    /**
     * Sums a result-shaped gradient into an operand of {@code inSize} elements through {@code map} (from
     * {@link #indexMap}); returns {@code g} itself for the identity map. Sums in double: a broadcast bias collects
     * one term per row.
     */
    static float[] sumTo(float[] g, int[] map, int inSize) {
        if (map == null) return g;
        double[] acc = new double[inSize];
        for (int i = 0; i < g.length; i++) acc[map[i]] += g[i];
        float[] out = new float[inSize];
        for (int i = 0; i < inSize; i++) out[i] = (float) acc[i];
        return out;
    }
}

package rnn4j.tensor;

import java.util.Arrays;
import rnn4j.base.Check;

/**
 * numpy broadcasting of two operands as a loop plan: the result shape, and for each operand where each result row
 * starts and whether it advances or repeats along the row.
 *
 * <p>Shapes align at their last axis; along each axis the lengths must be equal or one of them 1 (or missing). Adjacent
 * axes that both operands walk contiguously are merged first, so {@code (B, T, H) + (H)} runs as {@code B·T} rows of
 * {@code H}, and {@code (N, H) + (N, 1)} as {@code N} rows where the second operand repeats one value. The plan holds
 * one base offset per row, not per element.
 */
final class Broadcast {
    private Broadcast() {}

    /**
     * How one operand is read: result row {@code r}, element {@code i} reads flat index {@code base[r] + i·step};
     * {@code step} is 1 (walks) or 0 (repeats).
     */
    record Side(int[] base, int step, int size) {}

    /**
     * The loop over the result: {@code rows × inner} elements, row-major. {@code same} marks equal shapes, where both
     * operands are read contiguously like the result and callers take their flat fast path.
     */
    record Plan(Shape out, int rows, int inner, Side a, Side b, boolean same) {}

    /** The plan for {@code a ⊕ b}; {@code op} names the operation in the error message. */
    static Plan plan(String op, Shape a, Shape b) {
        if (a.equals(b)) {
            int n = a.size();
            Side s = new Side(new int[] {0}, 1, n);
            return new Plan(a, n == 0 ? 0 : 1, n, s, s, true);
        }
        int rank = Math.max(a.rank(), b.rank());
        int[] dims = new int[rank];
        int[] as = new int[rank];
        int[] bs = new int[rank];
        int[] aStrides = a.strides();
        int[] bStrides = b.strides();
        for (int i = 0; i < rank; i++) {
            int ia = i - (rank - a.rank());
            int ib = i - (rank - b.rank());
            int da = ia < 0 ? 1 : a.dim(ia);
            int db = ib < 0 ? 1 : b.dim(ib);
            Check.argument(da == db || da == 1 || db == 1,
                    "%s: shapes must broadcast (equal or 1 along each axis from the last), got %s and %s", op, a, b);
            dims[i] = da == 1 ? db : da;
            as[i] = da == 1 ? 0 : aStrides[ia];
            bs[i] = db == 1 ? 0 : bStrides[ib];
        }
        Shape out = Shape.of(dims);
        // Merge axis i into i+1 where both operands step over it as one longer run; drop length-1 axes.
        int[] md = new int[rank];
        int[] ma = new int[rank];
        int[] mb = new int[rank];
        int m = 0;
        for (int i = 0; i < rank; i++) {
            if (dims[i] == 1) continue;
            if (m > 0 && ma[m - 1] == as[i] * dims[i] && mb[m - 1] == bs[i] * dims[i]) {
                md[m - 1] *= dims[i];
                ma[m - 1] = as[i];
                mb[m - 1] = bs[i];
            } else {
                md[m] = dims[i];
                ma[m] = as[i];
                mb[m] = bs[i];
                m++;
            }
        }
        if (m == 0) { // every axis has length 1
            md[0] = 1;
            m = 1;
        }
        int inner = md[m - 1];
        int rows = inner == 0 ? 0 : out.size() / inner;
        int[] aBase = new int[Math.max(rows, 1)];
        int[] bBase = new int[Math.max(rows, 1)];
        int[] counter = new int[m];
        int pa = 0;
        int pb = 0;
        for (int r = 0; r < rows; r++) {
            aBase[r] = pa;
            bBase[r] = pb;
            for (int ax = m - 2; ax >= 0; ax--) { // odometer over the outer (merged) axes
                if (++counter[ax] < md[ax]) {
                    pa += ma[ax];
                    pb += mb[ax];
                    break;
                }
                pa -= ma[ax] * (md[ax] - 1);
                pb -= mb[ax] * (md[ax] - 1);
                counter[ax] = 0;
            }
        }
        Side sa = new Side(aBase, ma[m - 1] == 0 ? 0 : 1, a.size());
        Side sb = new Side(bBase, mb[m - 1] == 0 ? 0 : 1, b.size());
        return new Plan(out, rows, inner, sa, sb, false);
    }

    /** True when {@code in} broadcasts to {@code out} (with {@code out} unchanged). */
    static boolean broadcastsTo(Shape in, Shape out) {
        if (in.rank() > out.rank()) return false;
        int lead = out.rank() - in.rank();
        for (int i = 0; i < in.rank(); i++) {
            if (in.dim(i) != 1 && in.dim(i) != out.dim(i + lead)) return false;
        }
        return true;
    }

    /** The values of one operand laid out as the result (row-major, offset 0). */
    static float[] expand(float[] src, int off, Plan p, Side s) {
        float[] y = new float[p.out().size()];
        if (p.same()) {
            System.arraycopy(src, off, y, 0, y.length);
            return y;
        }
        for (int r = 0; r < p.rows(); r++) {
            int from = off + s.base()[r];
            int to = r * p.inner();
            if (s.step() == 1) {
                System.arraycopy(src, from, y, to, p.inner());
            } else {
                Arrays.fill(y, to, to + p.inner(), src[from]);
            }
        }
        return y;
    }

    /**
     * Sums a result-shaped gradient into one operand's shape (the sum over its broadcast axes); returns {@code g}
     * itself when no axis was broadcast. Sums in double: a broadcast bias collects one term per row.
     */
    static float[] sumTo(float[] g, Plan p, Side s) {
        if (p.same() || s.size() == g.length) return g; // no repeated element: the layouts coincide
        double[] acc = new double[s.size()];
        int inner = p.inner();
        for (int r = 0; r < p.rows(); r++) {
            int base = s.base()[r];
            int row = r * inner;
            if (s.step() == 1) {
                for (int i = 0; i < inner; i++) acc[base + i] += g[row + i];
            } else {
                double sum = 0;
                for (int i = 0; i < inner; i++) sum += g[row + i];
                acc[base] += sum;
            }
        }
        return MathOps.toFloat(acc);
    }
}

package rnn4j.tensor;

import java.util.Arrays;
import rnn4j.base.Check;
import rnn4j.kernel.Parallel;
import rnn4j.kernel.VectorMath;

/**
 * Lookups by integer index: embedding rows, selections along an axis and gathers, whose backward rules scatter-add
 * the gradient into the rows read (never a dense one-hot product). Indices are plain {@code int[]}: they carry no
 * gradient. An index out of range throws {@link IndexOutOfBoundsException} naming the index, its position and the
 * valid range.
 */
public final class IndexOps {
    private IndexOps() {}

    /**
     * The rows of {@code weight} named by {@code ids}, as {@code torch.nn.functional.embedding}.
     *
     * @param weight   {@code (V, D)}
     * @param ids      token ids in {@code [0, V)}, row-major over {@code idsShape}
     * @param idsShape the shape of the ids ({@code (B, T)} for a batch of sequences); empty means {@code (ids.length)}
     * @return {@code (idsShape..., D)}
     */
    public static Tensor embedding(Tensor weight, int[] ids, int... idsShape) {
        Check.argument(weight.rank() == 2, "IndexOps.embedding: weight must be (V, D), got shape %s",
                weight.shape());
        int[] shape = idsShape.length == 0 ? new int[] {ids.length} : idsShape;
        Check.argument(Shape.of(shape).size() == ids.length,
                "IndexOps.embedding: ids shape %s must hold ids.length = %s values, got %s", shape, ids.length,
                Shape.of(shape).size());
        int v = weight.dim(0);
        int d = weight.dim(1);
        for (int p = 0; p < ids.length; p++) {
            int id = ids[p];
            if (id < 0 || id >= v) {
                Check.index(id, v, "IndexOps.embedding: ids must be in [0, %s) (V, the rows of weight %s), got %s "
                        + "at position %s", v, weight.shape(), id, p);
            }
        }
        int[] ys = Arrays.copyOf(shape, shape.length + 1);
        ys[shape.length] = d;
        float[] y = new float[ids.length * d];
        float[] w = weight.data();
        int wo = weight.offset();
        Parallel.forRows(ids.length, d, (p0, p1) -> {
            for (int p = p0; p < p1; p++) System.arraycopy(w, wo + ids[p] * d, y, p * d, d);
        });
        int[] idsCopy = ids.clone(); // the caller may reuse its id buffer before backward
        return Tensor.result("IndexOps.embedding", y, Shape.of(ys), g -> {
            float[] gw = new float[weight.size()];
            // Split by columns, not positions: two tasks never add into the same element, and each element still
            // gets its additions in ascending position order.
            Parallel.forColumns(idsCopy.length, d, (c0, c1) -> {
                for (int p = 0; p < idsCopy.length; p++) addRow(g, p * d + c0, gw, idsCopy[p] * d + c0, c1 - c0);
            });
            return new float[][] {gw};
        }, weight);
    }

    /**
     * The entries {@code index[j]} along {@code axis}, as {@code torch.index_select}: the result has
     * {@code index.length} entries along that axis; backward scatter-adds.
     */
    public static Tensor indexSelect(Tensor x, int axis, int[] index) {
        Shape s = x.shape();
        int ax = Axes.resolve("IndexOps.indexSelect", s, axis);
        int outer = s.outer(ax);
        int n = s.dim(ax);
        int inner = s.inner(ax);
        for (int j = 0; j < index.length; j++) {
            if (index[j] < 0 || index[j] >= n) {
                Check.index(index[j], n, "IndexOps.indexSelect: index must be in [0, %s) (axis %s of %s), got %s "
                        + "at position %s", n, axis, s, index[j], j);
            }
        }
        int k = index.length;
        int[] idx = index.clone();
        Shape ys = s.with(ax, k);
        float[] y = new float[ys.size()];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < k; j++) {
                System.arraycopy(x.data(), x.offset() + (o * n + idx[j]) * inner, y, (o * k + j) * inner, inner);
            }
        }
        return Tensor.result("IndexOps.indexSelect", y, ys, g -> {
            float[] gx = new float[s.size()];
            for (int o = 0; o < outer; o++) {
                for (int j = 0; j < k; j++) addRow(g, (o * k + j) * inner, gx, (o * n + idx[j]) * inner, inner);
            }
            return new float[][] {gx};
        }, x);
    }

    /**
     * {@code y[o, j, i] = x[o, index[o, j, i], i]} along {@code axis}, as {@code torch.gather}, where {@code index}
     * is row-major with the shape of {@code x} except {@code k} entries along {@code axis} ({@code k} is
     * {@code index.length} divided by the other axes' product). The result has the index's shape; backward
     * scatter-adds.
     */
    public static Tensor gather(Tensor x, int axis, int[] index) {
        Shape s = x.shape();
        int ax = Axes.resolve("IndexOps.gather", s, axis);
        int outer = s.outer(ax);
        int n = s.dim(ax);
        int inner = s.inner(ax);
        int rest = outer * inner;
        Check.argument(rest > 0 && index.length % rest == 0,
                "IndexOps.gather: index length must be a multiple of %s (the axes of %s other than %s), got %s",
                rest, s, axis, index.length);
        int k = index.length / rest;
        int[] idx = index.clone();
        for (int p = 0; p < idx.length; p++) {
            if (idx[p] < 0 || idx[p] >= n) {
                Check.index(idx[p], n, "IndexOps.gather: index must be in [0, %s) (axis %s of %s), got %s at "
                        + "position %s", n, axis, s, idx[p], p);
            }
        }
        Shape ys = s.with(ax, k);
        float[] y = new float[ys.size()];
        float[] xd = x.data();
        int xo = x.offset();
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < k; j++) {
                int p = (o * k + j) * inner;
                for (int i = 0; i < inner; i++) y[p + i] = xd[xo + (o * n + idx[p + i]) * inner + i];
            }
        }
        return Tensor.result("IndexOps.gather", y, ys, g -> {
            float[] gx = new float[s.size()];
            for (int o = 0; o < outer; o++) {
                for (int j = 0; j < k; j++) {
                    int p = (o * k + j) * inner;
                    for (int i = 0; i < inner; i++) gx[(o * n + idx[p + i]) * inner + i] += g[p + i];
                }
            }
            return new float[][] {gx};
        }, x);
    }

    /**
     * {@code dst[dO, dO + len) += src[so, so + len)} in SIMD lanes. As a plain loop it was 5% of a W1 training step
     * (the embedding's scatter-add of 6400 gate-gradient rows); through the vector kernel, 2%.
     */
    private static void addRow(float[] src, int so, float[] dst, int dO, int len) {
        VectorMath.add(dst, dO, src, so, dst, dO, len);
    }
}

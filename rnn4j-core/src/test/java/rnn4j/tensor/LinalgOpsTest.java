package rnn4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rnn4j.tensor.TestTensors.randn;

import org.junit.jupiter.api.Test;

class LinalgOpsTest {

    /** Reference product on explicitly indexed values, in double. */
    private static float[] naive(Tensor a, boolean ta, Tensor b, boolean tb) {
        int m = ta ? a.dim(-1) : a.dim(-2);
        int k = ta ? a.dim(-2) : a.dim(-1);
        int n = tb ? b.dim(-2) : b.dim(-1);
        int batch = a.rank() == 3 ? a.dim(0) : b.rank() == 3 ? b.dim(0) : 1;
        float[] y = new float[batch * m * n];
        for (int s = 0; s < batch; s++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double acc = 0;
                    for (int p = 0; p < k; p++) {
                        float av = a.rank() == 3 ? (ta ? a.get(s, p, i) : a.get(s, i, p))
                                : (ta ? a.get(p, i) : a.get(i, p));
                        float bv = b.rank() == 3 ? (tb ? b.get(s, j, p) : b.get(s, p, j))
                                : (tb ? b.get(j, p) : b.get(p, j));
                        acc += av * bv;
                    }
                    y[(s * m + i) * n + j] = (float) acc;
                }
            }
        }
        return y;
    }

    private static int[] stored(int batch, int rows, int cols, boolean trans) {
        int r = trans ? cols : rows;
        int c = trans ? rows : cols;
        return batch == 0 ? new int[] {r, c} : new int[] {batch, r, c};
    }

    @Test
    @GradChecked("LinalgOps.matmul")
    void matmulGradients_everyTransposeAndBatchLayout() {
        int m = 3;
        int k = 4;
        int n = 2;
        int[][] batches = {{0, 0}, {2, 2}, {2, 0}, {0, 2}}; // 2-D·2-D, 3-D·3-D, 3-D·2-D, 2-D·3-D
        long seed = 20;
        for (int[] bt : batches) {
            for (int flags = 0; flags < 4; flags++) {
                boolean ta = (flags & 1) != 0;
                boolean tb = (flags & 2) != 0;
                Tensor a = randn(seed++, stored(bt[0], m, k, ta));
                Tensor b = randn(seed++, stored(bt[1], k, n, tb));
                Tensor y = LinalgOps.matmul(a, ta, b, tb);
                assertArrayEquals(naive(a, ta, b, tb), y.toArray(), 1e-5f, "values, " + a.shape() + b.shape());
                GradCheck.check(in -> LinalgOps.matmul(in[0], ta, in[1], tb), a, b);
            }
        }
    }

    @Test
    void matmul_shapes() {
        assertTrue(LinalgOps.matmul(Tensor.zeros(2, 3), Tensor.zeros(3, 5)).shape().sameAs(2, 5));
        assertTrue(LinalgOps.matmul(Tensor.zeros(4, 2, 3), Tensor.zeros(4, 3, 5)).shape().sameAs(4, 2, 5));
        assertTrue(LinalgOps.matmul(Tensor.zeros(4, 2, 3), Tensor.zeros(3, 5)).shape().sameAs(4, 2, 5));
        assertTrue(LinalgOps.matmul(Tensor.zeros(2, 3), Tensor.zeros(4, 3, 5)).shape().sameAs(4, 2, 5));
        assertTrue(LinalgOps.matmul(Tensor.zeros(3, 2), true, Tensor.zeros(5, 3), true).shape().sameAs(2, 5));
    }

    @Test
    void matmul_valuesOfASmallProduct() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = Tensor.of(new float[] {1, 0, 0, 1, 1, 1}, 3, 2);
        assertArrayEquals(new float[] {4, 5, 10, 11}, LinalgOps.matmul(a, b).toArray());
    }

    @Test
    void matmul_viewInputs_readFromTheirOffset() {
        Tensor big = randn(40, 3, 2, 3).detach();
        Tensor a = ShapeOps.select(big, 0, 2); // a view at offset 12
        Tensor b = randn(41, 3, 4).detach();
        assertArrayEquals(naive(a.copy(), false, b, false), LinalgOps.matmul(a, b).toArray(), 1e-5f);
    }

    @Test
    void matmul_innerMismatch_exactMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinalgOps.matmul(Tensor.zeros(2, 3), Tensor.zeros(4, 5)));
        assertEquals("matmul: inner dimensions must match, got [2, 3] and [4, 5]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LinalgOps.matmul(Tensor.zeros(2, 3), false, Tensor.zeros(4, 5), true));
        assertEquals("matmul: inner dimensions must match, got [2, 3] and [4, 5]; with transA=false, transB=true",
                e.getMessage());
    }

    @Test
    void matmul_batchOrRankMismatch_namesShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinalgOps.matmul(Tensor.zeros(2, 2, 3), Tensor.zeros(3, 3, 5)));
        assertEquals("matmul: batch sizes must match, got [2, 2, 3] and [3, 3, 5]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LinalgOps.matmul(Tensor.zeros(3), Tensor.zeros(3, 5)));
        assertEquals("matmul: operands must be 2-D or 3-D, got [3] and [3, 5]", e.getMessage());
    }

    @Test
    @GradChecked("LinalgOps.linear")
    void linearGradients_withAndWithoutBias() {
        Tensor x = randn(50, 2, 3, 4);
        Tensor w = randn(51, 5, 4);
        Tensor b = randn(52, 5);
        GradCheck.check(in -> LinalgOps.linear(in[0], in[1], in[2]), x, w, b);
        GradCheck.check(in -> LinalgOps.linear(in[0], in[1], null), x, w);
        GradCheck.check(in -> LinalgOps.linear(in[0], in[1], in[2]), randn(53, 4), w, b);
    }

    @Test
    void linear_equalsMatmulWithTransposedWeightPlusBias() {
        Tensor x = randn(54, 3, 4).detach();
        Tensor w = randn(55, 5, 4).detach();
        Tensor b = randn(56, 5).detach();
        Tensor y = LinalgOps.linear(x, w, b);
        assertTrue(y.shape().sameAs(3, 5));
        float[] expect = MathOps.add(LinalgOps.matmul(x, false, w, true), b).toArray();
        assertArrayEquals(expect, y.toArray(), 1e-5f);
    }

    @Test
    void linear_wrongInputWidth_namesShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinalgOps.linear(Tensor.zeros(2, 3), Tensor.zeros(5, 4), null));
        assertEquals("LinalgOps.linear: the last axis of x must equal in (weight.dim(1)), got x [2, 3] and weight "
                + "[5, 4]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LinalgOps.linear(Tensor.zeros(2, 4), Tensor.zeros(5, 4), Tensor.zeros(4)));
        assertEquals("LinalgOps.linear: bias shape must be [5], got [4] (weight [5, 4])", e.getMessage());
    }
}

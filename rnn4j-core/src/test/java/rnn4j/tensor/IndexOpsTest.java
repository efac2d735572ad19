package rnn4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rnn4j.tensor.TestTensors.randn;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rnn4j.kernel.Parallel;

class IndexOpsTest {

    @Test
    @GradChecked("IndexOps.embedding")
    void embeddingGradient_repeatedIds() {
        Tensor w = randn(60, 5, 3);
        int[] ids = {4, 0, 4, 2, 2, 4};
        GradCheck.check(in -> IndexOps.embedding(in[0], ids, 2, 3), w);
        GradCheck.check(in -> IndexOps.embedding(in[0], ids), w);
    }

    @Test
    void embedding_rowsAndShape() {
        Tensor w = Tensor.of(new float[] {0, 1, 10, 11, 20, 21}, 3, 2);
        Tensor y = IndexOps.embedding(w, new int[] {2, 0, 1, 2}, 2, 2);
        assertTrue(y.shape().sameAs(2, 2, 2));
        assertArrayEquals(new float[] {20, 21, 0, 1, 10, 11, 20, 21}, y.toArray());
        assertTrue(IndexOps.embedding(w, new int[] {1, 1, 1}).shape().sameAs(3, 2));
    }

    @Test
    void embeddingBackward_scatterAddsCounts() {
        Tensor w = Tensor.zeros(4, 2).requiresGrad(true);
        MathOps.sum(IndexOps.embedding(w, new int[] {3, 1, 3, 3})).backward();
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 3, 3}, w.gradData());
    }

    @Test
    void embedding_largeEnoughToSplit_equalsTheSerialLoops_atOneAndTwoThreads() {
        int v = 50, d = 160, n = 1_000; // n·d = 160,000 elements: several chunks both ways
        Tensor w = randn(7, v, d);
        SplittableRandom rng = new SplittableRandom(3);
        int[] ids = new int[n];
        for (int p = 0; p < n; p++) ids[p] = rng.nextInt(v);
        float[] g = randn(8, n, d).toArray();
        float[] gathered = new float[n * d];
        float[] scattered = new float[v * d];
        for (int p = 0; p < n; p++) {
            for (int i = 0; i < d; i++) {
                gathered[p * d + i] = w.toArray()[ids[p] * d + i];
                scattered[ids[p] * d + i] += g[p * d + i];
            }
        }
        int saved = Parallel.threads();
        try {
            for (int threads : new int[] {1, 2}) {
                Parallel.setThreads(threads);
                Tensor wt = Tensor.of(w.toArray(), v, d).requiresGrad(true);
                Tensor y = IndexOps.embedding(wt, ids);
                assertArrayEquals(gathered, y.toArray(), "forward at " + threads + " threads");
                MathOps.sum(MathOps.mul(y, Tensor.of(g, n, d))).backward();
                assertArrayEquals(scattered, wt.gradData(), "backward at " + threads + " threads");
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void embedding_idOutOfRange_namesIdPositionAndV() {
        Tensor w = Tensor.zeros(5, 2);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> IndexOps.embedding(w, new int[] {1, 7, 0}));
        assertEquals("IndexOps.embedding: ids must be in [0, 5) (V, the rows of weight [5, 2]), got 7 at position 1",
                e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> IndexOps.embedding(w, new int[] {-1}));
    }

    @Test
    void embedding_idsShapeMismatch_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IndexOps.embedding(Tensor.zeros(5, 2), new int[] {1, 2, 3}, 2, 2));
        assertEquals("IndexOps.embedding: ids shape [2, 2] must hold ids.length = 3 values, got 4", e.getMessage());
    }

    @Test
    @GradChecked("IndexOps.indexSelect")
    void indexSelectGradient_everyAxis() {
        Tensor x = randn(61, 3, 4, 2);
        GradCheck.check(in -> IndexOps.indexSelect(in[0], 0, new int[] {2, 2, 0}), x);
        GradCheck.check(in -> IndexOps.indexSelect(in[0], 1, new int[] {3, 1, 3, 0, 1}), x);
        GradCheck.check(in -> IndexOps.indexSelect(in[0], -1, new int[] {1}), x);
    }

    @Test
    void indexSelect_values() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor y = IndexOps.indexSelect(x, 1, new int[] {2, 0});
        assertTrue(y.shape().sameAs(2, 2));
        assertArrayEquals(new float[] {3, 1, 6, 4}, y.toArray());
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> IndexOps.indexSelect(x, 1, new int[] {3}));
        assertEquals("IndexOps.indexSelect: index must be in [0, 3) (axis 1 of [2, 3]), got 3 at position 0",
                e.getMessage());
    }

    @Test
    @GradChecked("IndexOps.gather")
    void gatherGradient_repeatedIndices() {
        Tensor x = randn(62, 2, 4, 3);
        int[] index = {0, 3, 3, 1, 1, 1, 2, 0, 3, 3, 3, 0}; // (2, 2, 3) along axis 1
        GradCheck.check(in -> IndexOps.gather(in[0], 1, index), x);
        GradCheck.check(in -> IndexOps.gather(in[0], -1, new int[] {2, 0, 1, 1, 0, 2, 2, 2}), x);
    }

    @Test
    void gather_valuesAsTorch() {
        // torch.gather(tensor([[1, 2], [3, 4]]), 1, tensor([[0, 0], [1, 0]])) = [[1, 1], [4, 3]]
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor y = IndexOps.gather(x, 1, new int[] {0, 0, 1, 0});
        assertArrayEquals(new float[] {1, 1, 4, 3}, y.toArray());
        Tensor picked = IndexOps.gather(x, 1, new int[] {1, 0});
        assertTrue(picked.shape().sameAs(2, 1));
        assertArrayEquals(new float[] {2, 3}, picked.toArray());
    }

    @Test
    void gather_badIndexLength_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IndexOps.gather(Tensor.zeros(2, 3), 1, new int[] {0, 1, 2}));
        assertEquals("IndexOps.gather: index length must be a multiple of 2 (the axes of [2, 3] other than 1), got 3",
                e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> IndexOps.gather(Tensor.zeros(2, 3), 1, new int[] {0, 3}));
    }
}

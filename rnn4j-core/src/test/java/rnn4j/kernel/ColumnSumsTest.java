package rnn4j.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ColumnSumsTest {
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(savedThreads);
    }

    private static float[] random(int size, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] a = new float[size];
        for (int i = 0; i < a.length; i++) a[i] = (float) (rnd.nextDouble() * 2 - 1);
        return a;
    }

    @Test
    void matchesSumsInDoubleForShapesOfOneAndManyBlocks() {
        Parallel.setThreads(2);
        int[][] shapes = {{1, 1}, {3, 7}, {6400, 512}, {1000, 2048}, {70_000, 5}, {300_000, 1},
            {40, 300_000}};
        for (int[] shape : shapes) {
            int rows = shape[0], cols = shape[1], off = 3;
            float[] a = random(off + rows * cols + 2, rows * 31L + cols);
            float[] sums = ColumnSums.of(a, off, rows, cols);
            assertEquals(cols, sums.length);
            for (int j = 0; j < cols; j++) {
                double expected = 0;
                for (int r = 0; r < rows; r++) expected += a[off + r * cols + j];
                // double partials of whole blocks, then rounded once: the float result is the rounded exact sum
                assertEquals((float) expected, sums[j], Math.ulp((float) expected),
                        rows + "x" + cols + " column " + j);
            }
        }
    }

    @Test
    void sameBitsForEveryThreadCount() {
        float[] a = random(6400 * 512, 7);
        Parallel.setThreads(1);
        float[] one = ColumnSums.of(a, 0, 6400, 512);
        for (int threads : new int[] {2, 3, 4}) {
            Parallel.setThreads(threads);
            assertArrayEquals(one, ColumnSums.of(a, 0, 6400, 512), threads + " threads");
        }
    }

    @Test
    void emptyMatricesAndBadArgumentsAreHandled() {
        assertArrayEquals(new float[4], ColumnSums.of(new float[0], 0, 0, 4));
        assertArrayEquals(new float[0], ColumnSums.of(new float[3], 0, 3, 0));
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
                () -> ColumnSums.of(new float[10], 2, 3, 3));
        assertEquals("ColumnSums.of: a (3, 3) matrix from offset 2 does not fit in 10 values", tooShort.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ColumnSums.of(new float[10], 0, -1, 3));
        assertThrows(IllegalArgumentException.class, () -> ColumnSums.of(null, 0, 1, 1));
    }
}

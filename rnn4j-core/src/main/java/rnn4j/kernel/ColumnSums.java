package rnn4j.kernel;

import rnn4j.base.Check;

/**
 * Column sums of a row-major matrix: the gradient of a bias that was added to every row, one term per row.
 *
 * <p>Each task sums a block of whole rows front to back into its own partial, in double; the partials are then added
 * in block order. The block size depends only on the matrix's shape, so the result has the same bits for every thread
 * count. Tasks that owned a strip of columns instead had each stride through every row for a few cache lines of it:
 * on a (6400, 512) gate gradient that ran 2.3-4.9 ms on one thread where whole rows take 0.7-1.1 ms; it was 3% of
 * the samples of a two-thread W1 training step.
 */
public final class ColumnSums {
    /** Elements per block of rows: about 1 MB of the matrix per task, and few partials to add. */
    private static final int BLOCK_ELEMENTS = 1 << 18;
    /**
     * Most blocks, so the partials hold at most this many rows of doubles: with rows of 2¹⁸ floats or more (the bias
     * of a head over a large vocabulary) blocks of one row would have allocated a double for every element.
     */
    private static final int MAX_BLOCKS = 16;

    private ColumnSums() {}

    /** The sum of each column of the {@code (rows, cols)} matrix stored row-major at {@code a[off]}. */
    public static float[] of(float[] a, int off, int rows, int cols) {
        Check.argument(a != null, "ColumnSums.of: a must not be null, got null");
        Check.argument(rows >= 0 && cols >= 0, "ColumnSums.of: rows and cols must be >= 0, got %s and %s", rows, cols);
        Check.argument(off >= 0 && (long) off + (long) rows * cols <= a.length,
                "ColumnSums.of: a (%s, %s) matrix from offset %s does not fit in %s values", rows, cols, off, a.length);
        float[] out = new float[cols];
        if (rows == 0 || cols == 0) return out;
        int blockRows = Math.max(Math.max(1, BLOCK_ELEMENTS / cols), (rows + MAX_BLOCKS - 1) / MAX_BLOCKS);
        int blocks = (rows + blockRows - 1) / blockRows;
        double[] partial = new double[blocks * cols];
        Parallel.forEach(blocks, b -> {
            int base = b * cols;
            int end = Math.min(rows, (b + 1) * blockRows);
            for (int r = b * blockRows; r < end; r++) {
                int row = off + r * cols;
                for (int j = 0; j < cols; j++) partial[base + j] += a[row + j];
            }
        });
        double[] total = new double[cols];
        for (int b = 0; b < blocks; b++) {
            for (int j = 0; j < cols; j++) total[j] += partial[b * cols + j];
        }
        for (int j = 0; j < cols; j++) out[j] = (float) total[j];
        return out;
    }
}

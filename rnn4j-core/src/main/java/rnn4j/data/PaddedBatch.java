package rnn4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;
import rnn4j.base.Check;

/**
 * Variable-length token sequences padded into one {@code (B, T)} batch with {@code T} the longest row, padding id 0,
 * and the valid length of each row; plus bucketing, which groups sequences of similar length into the same batch so
 * that little time goes into padding.
 *
 * @param ids     row-major {@code B·T}, 0 past each row's end
 * @param batch   {@code B}
 * @param length  {@code T}
 * @param lengths valid steps of each row (at least 1: an empty sequence becomes one padding token)
 * @param rows    the index of each row in the source list
 */
public record PaddedBatch(int[] ids, int batch, int length, int[] lengths, int[] rows) {
    /** The batch of {@code sequences[rows[i]]}, each cut to at most {@code maxLength} tokens (0 = no cut). */
    public static PaddedBatch of(List<int[]> sequences, int[] rows, int maxLength) {
        Check.argument(rows.length >= 1, "PaddedBatch.of: rows must not be empty");
        int[] lengths = new int[rows.length];
        int t = 1;
        for (int b = 0; b < rows.length; b++) {
            int n = sequences.get(rows[b]).length;
            lengths[b] = Math.max(1, maxLength > 0 ? Math.min(n, maxLength) : n);
            t = Math.max(t, lengths[b]);
        }
        int[] ids = new int[rows.length * t];
        for (int b = 0; b < rows.length; b++) {
            int[] s = sequences.get(rows[b]);
            System.arraycopy(s, 0, ids, b * t, Math.min(s.length, lengths[b]));
        }
        return new PaddedBatch(ids, rows.length, t, lengths, rows.clone());
    }

    /**
     * Batches of row indices: shuffled with {@code rng} (none when {@code null}), then sorted by length within pools
     * of {@code 50·batchSize} rows and cut into batches, whose order is shuffled again, so each batch holds similar
     * lengths while the epoch stays random (the "bucket iterator" of torchtext).
     */
    public static List<int[]> buckets(int[] lengths, int batchSize, RandomGenerator rng) {
        Check.argument(batchSize >= 1, "PaddedBatch.buckets: batchSize must be >= 1, got %s", batchSize);
        Integer[] order = new Integer[lengths.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        if (rng != null) shuffle(order, rng);
        int pool = (int) Math.min(Integer.MAX_VALUE, batchSize * 50L);   // a huge batch must not wrap around
        List<int[]> out = new ArrayList<>();
        for (int from = 0; from < order.length; from += pool) {
            Integer[] part = Arrays.copyOfRange(order, from, (int) Math.min(order.length, (long) from + pool));
            if (rng != null) Arrays.sort(part, Comparator.comparingInt(i -> lengths[i]));
            for (long b = 0; b < part.length; b += batchSize) {
                int[] rows = new int[(int) Math.min(batchSize, part.length - b)];
                for (int k = 0; k < rows.length; k++) rows[k] = part[(int) b + k];
                out.add(rows);
            }
        }
        if (rng != null) {
            int[][] arr = out.toArray(int[][]::new);
            shuffle(arr, rng);
            return List.of(arr);
        }
        return out;
    }

    private static <T> void shuffle(T[] a, RandomGenerator rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            T tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }
}

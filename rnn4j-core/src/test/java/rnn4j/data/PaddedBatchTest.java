package rnn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PaddedBatchTest {
    @Test
    void of_padsWithZeroAndKeepsLengths() {
        List<int[]> seqs = List.of(new int[] {5, 6, 7}, new int[] {8}, new int[] {});
        PaddedBatch b = PaddedBatch.of(seqs, new int[] {0, 1, 2}, 0);
        assertEquals(3, b.length());
        assertArrayEquals(new int[] {5, 6, 7, 8, 0, 0, 0, 0, 0}, b.ids());
        assertArrayEquals(new int[] {3, 1, 1}, b.lengths());
        PaddedBatch cut = PaddedBatch.of(seqs, new int[] {0}, 2);
        assertArrayEquals(new int[] {5, 6}, cut.ids());
    }

    @Test
    void buckets_coverEveryRowOnce_withSimilarLengths() {
        SplittableRandom r = new SplittableRandom(1);
        int[] lengths = new int[1000];
        for (int i = 0; i < lengths.length; i++) lengths[i] = 1 + r.nextInt(100);
        List<int[]> batches = PaddedBatch.buckets(lengths, 10, new SplittableRandom(2));
        int[] seen = new int[1000];
        long padded = 0;
        for (int[] b : batches) {
            int max = Arrays.stream(b).map(i -> lengths[i]).max().orElseThrow();
            for (int i : b) {
                seen[i]++;
                padded += max - lengths[i];
            }
        }
        assertTrue(Arrays.stream(seen).allMatch(c -> c == 1));
        // Random batches of 10 lengths in 1..100 waste ~40 steps per row; bucketed ones a few.
        assertTrue(padded / 1000.0 < 5, "padding per row " + padded / 1000.0);
        assertEquals(List.of(0, 1, 2), Arrays.stream(PaddedBatch.buckets(new int[] {3, 1, 2}, 5, null).get(0))
                .boxed().toList());
    }
}

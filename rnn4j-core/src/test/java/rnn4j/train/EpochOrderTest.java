package rnn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnn4j.base.SplitMix;
import rnn4j.optim.Adam;
import rnn4j.tensor.Tensor;

class EpochOrderTest {
    private static final int[] LENGTHS = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5};

    @TempDir
    Path dir;

    @Test
    void everyEpoch_visitsEveryRowOnce_andSaysWhereItEnds() {
        EpochOrder<int[]> order = EpochOrder.buckets(LENGTHS, 4, new SplitMix(1));
        for (int epoch = 0; epoch < 3; epoch++) {
            List<Integer> seen = new ArrayList<>();
            do {
                for (int r : order.next()) seen.add(r);
            } while (!order.epochEnded());
            assertEquals(epoch + 1.0, order.epoch(), 1e-12);
            seen.sort(null);
            assertEquals(Arrays.stream(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}).boxed().toList(), seen);
        }
        order.next();
        assertFalse(order.epochEnded());
    }

    @Test
    void restore_midEpoch_continuesWithTheSameBatches() {
        Adam adam = new Adam(List.of(new rnn4j.nn.Parameter(Tensor.zeros(1))), 1e-3);
        EpochOrder<int[]> straight = EpochOrder.buckets(LENGTHS, 4, new SplitMix(7));
        List<int[]> expected = new ArrayList<>();
        for (int i = 0; i < 9; i++) expected.add(straight.next());

        EpochOrder<int[]> first = EpochOrder.buckets(LENGTHS, 4, new SplitMix(7));
        for (int i = 0; i < 5; i++) first.next(); // one epoch of 3 batches, then 2 of the second
        Path file = dir.resolve("p.train.safetensors");
        ProgressFile.write(file, adam, null, 5, new SplitMix(0), first, Map.of());
        EpochOrder<int[]> resumed = EpochOrder.buckets(LENGTHS, 4, new SplitMix(12345));
        ProgressFile.read(file, "test").restore(adam, null, new SplitMix(0), resumed);
        assertEquals(first.epoch(), resumed.epoch(), 1e-12);
        for (int i = 5; i < 9; i++) assertArrayEquals(expected.get(i), resumed.next(), "batch " + i);
    }
}

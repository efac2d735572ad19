package rnn4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnn4j.base.SplitMix;
import rnn4j.models.SequenceRegressor;
import rnn4j.optim.Adam;
import rnn4j.tensor.IndexOps;
import rnn4j.tensor.Tensor;

class RegressorTrainerTest {
    /** 5 + 2 resumed steps (the resume falls mid-epoch) give exactly the parameters of 7 straight steps. */
    @Test
    void resume_continuesBitForBit_dropoutMasksIncluded(@TempDir Path dir) {
        int n = 10;
        Tensor x = Tensor.uniform(new SplittableRandom(1), -1, 1, n, 4, 2);
        Tensor y = Tensor.uniform(new SplittableRandom(2), -1, 1, n, 1, 1);
        var config = new SequenceRegressor.Config(2, 6, 2, 1, 1, false, "gru", 0.3f);
        var straight = new SequenceRegressor(config, new SplittableRandom(4));
        steps(new RegressorTrainer(straight, new Adam(straight.parameters(), 1e-2), 1),
                EpochOrder.buckets(new int[n], 3, new SplitMix(5)), x, y, 7);

        var first = new SequenceRegressor(config, new SplittableRandom(4));
        var a = new RegressorTrainer(first, new Adam(first.parameters(), 1e-2), 1);
        EpochOrder<int[]> order = EpochOrder.buckets(new int[n], 3, new SplitMix(5));
        steps(a, order, x, y, 5);
        Path file = dir.resolve("r.train.safetensors");
        a.saveProgress(file, order, Map.of());

        var resumed = new SequenceRegressor(config, new SplittableRandom(99));
        resumed.loadStateDict(SameBits.copy(first));
        var b = new RegressorTrainer(resumed, new Adam(resumed.parameters(), 1e-2), 1);
        EpochOrder<int[]> again = EpochOrder.buckets(new int[n], 3, new SplitMix(6));
        b.restoreProgress(file, again);
        steps(b, again, x, y, 2);
        assertEquals(7, b.steps());
        SameBits.assertSameBits(straight, resumed);
    }

    private static void steps(RegressorTrainer t, EpochOrder<int[]> order, Tensor x, Tensor y, int n) {
        for (int s = 0; s < n; s++) {
            int[] rows = order.next();
            t.step(IndexOps.indexSelect(x, 0, rows), IndexOps.indexSelect(y, 0, rows));
        }
    }
}

package rnn4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnn4j.base.SplitMix;
import rnn4j.data.PaddedBatch;
import rnn4j.models.SequenceClassifier;
import rnn4j.optim.Adam;
import rnn4j.optim.LrSchedule;
import rnn4j.tensor.Tensor;

class ClassifierTrainerTest {
    @Test
    void learns_whetherTokenThreeAppears_overPaddedBatches() {
        // Label = does token 3 occur: needs memory over variable lengths, so it exercises lengths and pooling.
        SplittableRandom r = new SplittableRandom(1);
        List<int[]> seqs = new ArrayList<>();
        int[] labels = new int[64];
        for (int i = 0; i < 64; i++) {
            int[] s = new int[2 + r.nextInt(6)];
            for (int t = 0; t < s.length; t++) s[t] = 2 + r.nextInt(4);
            labels[i] = 0;
            for (int v : s) if (v == 3) labels[i] = 1;
            seqs.add(s);
        }
        var model = new SequenceClassifier(new SequenceClassifier.Config(6, 0, 8, 12, 1, 2, "gru", true, 0f, "max"),
                new SplittableRandom(2));
        var trainer = new ClassifierTrainer(model, new Adam(model.parameters(), 0.03), 5);
        int[] all = new int[64];
        for (int i = 0; i < 64; i++) all[i] = i;
        PaddedBatch full = PaddedBatch.of(seqs, all, 0);
        for (int epoch = 0; epoch < 40; epoch++) {
            for (int[] rows : PaddedBatch.buckets(lengths(seqs), 16, new SplittableRandom(epoch))) {
                int[] y = new int[rows.length];
                for (int k = 0; k < rows.length; k++) y[k] = labels[rows[k]];
                trainer.step(ClassifierTrainer.Batch.of(PaddedBatch.of(seqs, rows, 0), y));
            }
        }
        int[] pred = ClassifierTrainer.predict(model, ClassifierTrainer.Batch.of(full, null));
        assertTrue(Metrics.accuracy(pred, labels) >= 0.95, "accuracy " + Metrics.accuracy(pred, labels));
        assertEquals(160, trainer.steps());
    }

    private static int[] lengths(List<int[]> seqs) {
        return seqs.stream().mapToInt(s -> s.length).toArray();
    }

    private static final int[] LENGTHS = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5};

    /** 3 + 4 resumed steps over variable-length feature batches give exactly the parameters of 7 straight steps. */
    @Test
    void resume_continuesBitForBit_dropoutMasksIncluded(@TempDir Path dir) {
        SplittableRandom r = new SplittableRandom(3);
        float[][] x = new float[LENGTHS.length][];
        int[] labels = new int[LENGTHS.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = new float[LENGTHS[i] * 2];
            for (int j = 0; j < x[i].length; j++) x[i][j] = (float) r.nextGaussian();
            labels[i] = i % 2;
        }
        var config = new SequenceClassifier.Config(0, 2, 3, 5, 2, 2, "lstm", true, 0.3f, "mean");
        var straight = new SequenceClassifier(config, new SplittableRandom(4));
        steps(new ClassifierTrainer(straight, new Adam(straight.parameters(), 1e-2), 1),
                EpochOrder.buckets(LENGTHS, 4, new SplitMix(5)), x, labels, 7);

        var first = new SequenceClassifier(config, new SplittableRandom(4));
        var a = new ClassifierTrainer(first, new Adam(first.parameters(), 1e-2), 1);
        EpochOrder<int[]> order = EpochOrder.buckets(LENGTHS, 4, new SplitMix(5));
        steps(a, order, x, labels, 3);
        Path file = dir.resolve("c.train.safetensors");
        a.saveProgress(file, order, Map.of("note", "x"));

        var resumed = new SequenceClassifier(config, new SplittableRandom(99));
        resumed.loadStateDict(SameBits.copy(first));
        var b = new ClassifierTrainer(resumed, new Adam(resumed.parameters(), 1e-2), 1);
        EpochOrder<int[]> again = EpochOrder.buckets(LENGTHS, 4, new SplitMix(6));
        assertEquals("x", b.restoreProgress(file, again).get("note"));
        assertEquals(3, b.steps());
        steps(b, again, x, labels, 4);
        SameBits.assertSameBits(straight, resumed);
    }

    /** A step-decay schedule steps with training and resumes with its own state: 3 + 4 steps equal 7 straight. */
    @Test
    void schedule_decaysTheRate_andResumesBitForBit(@TempDir Path dir) {
        float[][] x = new float[LENGTHS.length][];
        int[] labels = new int[LENGTHS.length];
        SplittableRandom r = new SplittableRandom(8);
        for (int i = 0; i < x.length; i++) {
            x[i] = new float[LENGTHS[i] * 2];
            for (int j = 0; j < x[i].length; j++) x[i][j] = (float) r.nextGaussian();
            labels[i] = i % 2;
        }
        var config = new SequenceClassifier.Config(0, 2, 3, 5, 1, 2, "gru", false, 0f, "last");
        var straight = new SequenceClassifier(config, new SplittableRandom(4));
        Adam straightAdam = new Adam(straight.parameters(), 1e-2);
        var s = new ClassifierTrainer(straight, straightAdam, 1);
        s.schedule(new LrSchedule.StepDecay(straightAdam, 2, 0.5));
        steps(s, EpochOrder.buckets(LENGTHS, 4, new SplitMix(5)), x, labels, 7);
        assertEquals(1e-2 * 0.125, straightAdam.lr(), 1e-15);   // decayed after steps 2, 4 and 6

        var first = new SequenceClassifier(config, new SplittableRandom(4));
        Adam firstAdam = new Adam(first.parameters(), 1e-2);
        var a = new ClassifierTrainer(first, firstAdam, 1);
        a.schedule(new LrSchedule.StepDecay(firstAdam, 2, 0.5));
        EpochOrder<int[]> order = EpochOrder.buckets(LENGTHS, 4, new SplitMix(5));
        steps(a, order, x, labels, 3);
        Path file = dir.resolve("s.train.safetensors");
        a.saveProgress(file, order, Map.of());

        var resumed = new SequenceClassifier(config, new SplittableRandom(99));
        resumed.loadStateDict(SameBits.copy(first));
        Adam resumedAdam = new Adam(resumed.parameters(), 1e-2);
        var b = new ClassifierTrainer(resumed, resumedAdam, 1);
        b.schedule(new LrSchedule.StepDecay(resumedAdam, 2, 0.5));
        EpochOrder<int[]> again = EpochOrder.buckets(LENGTHS, 4, new SplitMix(6));
        b.restoreProgress(file, again);
        steps(b, again, x, labels, 4);
        assertEquals(straightAdam.lr(), resumedAdam.lr(), 0.0);
        SameBits.assertSameBits(straight, resumed);
    }

    private static void steps(ClassifierTrainer t, EpochOrder<int[]> order, float[][] x, int[] labels, int n) {
        for (int s = 0; s < n; s++) {
            int[] rows = order.next();
            int longest = 0;
            for (int row : rows) longest = Math.max(longest, LENGTHS[row]);
            float[] batch = new float[rows.length * longest * 2]; // zero-padded to the longest row
            int[] lengths = new int[rows.length];
            int[] y = new int[rows.length];
            for (int k = 0; k < rows.length; k++) {
                System.arraycopy(x[rows[k]], 0, batch, k * longest * 2, x[rows[k]].length);
                lengths[k] = LENGTHS[rows[k]];
                y[k] = labels[rows[k]];
            }
            t.step(ClassifierTrainer.Batch.of(Tensor.of(batch, rows.length, longest, 2), lengths, y));
        }
    }
}

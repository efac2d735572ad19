package rnn4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rnn4j.data.PaddedBatch;
import rnn4j.models.SequenceClassifier;
import rnn4j.optim.Adam;

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
}

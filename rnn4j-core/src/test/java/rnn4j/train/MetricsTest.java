package rnn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void classification_accuracyConfusionAndMacroF1() {
        int[] gold = {0, 0, 1, 1, 2, 2};
        int[] pred = {0, 1, 1, 1, 2, 0};
        assertEquals(4.0 / 6, Metrics.accuracy(pred, gold), 1e-12);
        int[][] m = Metrics.confusion(pred, gold, 3);
        assertArrayEquals(new int[] {1, 1, 0}, m[0]);
        // F1 per class: 0 → 2·1/(2+2) = 0.5, 1 → 2·2/(2+3) = 0.8, 2 → 2·1/(2+1) = 2/3 (as sklearn's f1_score).
        assertEquals((0.5 + 0.8 + 2.0 / 3) / 3, Metrics.macroF1(m), 1e-12);
        String text = Metrics.confusionText(m, List.of("neg", "pos", "mid"));
        assertTrue(text.lines().count() == 4 && text.contains("neg"), text);
    }

    @Test
    void forecasting_rmseMaeAndSeasonalNaive() {
        float[] y = {1, 2, 3, 4, 5, 6};
        float[] naive = Metrics.seasonalNaive(y, 4, 2, 2);
        assertArrayEquals(new float[] {3, 4}, naive);
        assertEquals(2.0, Metrics.rmse(naive, new float[] {5, 6}), 1e-12);
        assertEquals(Math.sqrt(2.5), Metrics.rmse(new float[] {0, 0}, new float[] {1, 2}), 1e-12);
        assertEquals(1.5, Metrics.mae(new float[] {0, 0}, new float[] {1, -2}), 1e-12);
    }
}

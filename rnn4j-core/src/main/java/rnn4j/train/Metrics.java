package rnn4j.train;

import java.util.List;
import rnn4j.base.Check;

/**
 * Evaluation figures: accuracy, the confusion matrix and macro-F1 for classifiers; RMSE, MAE and the seasonal-naive
 * forecast (Hyndman & Athanasopoulos, "Forecasting: Principles and Practice", §5.2) for forecasters.
 */
public final class Metrics {
    private Metrics() {}

    /** The fraction of predictions equal to the gold label. */
    public static double accuracy(int[] predicted, int[] gold) {
        check(predicted.length, gold.length);
        int right = 0;
        for (int i = 0; i < gold.length; i++) if (predicted[i] == gold[i]) right++;
        return gold.length == 0 ? 0 : (double) right / gold.length;
    }

    /** Counts {@code [gold][predicted]} over {@code classes} classes. */
    public static int[][] confusion(int[] predicted, int[] gold, int classes) {
        check(predicted.length, gold.length);
        int[][] m = new int[classes][classes];
        for (int i = 0; i < gold.length; i++) {
            Check.index(gold[i], classes, "Metrics.confusion: gold labels must be in [0, %s), got %s", classes, gold[i]);
            Check.index(predicted[i], classes, "Metrics.confusion: predictions must be in [0, %s), got %s", classes,
                    predicted[i]);
            m[gold[i]][predicted[i]]++;
        }
        return m;
    }

    /**
     * The unweighted mean over classes of {@code F1 = 2·P·R / (P + R)}; a class never predicted nor present counts
     * as F1 = 0 (scikit-learn's {@code zero_division=0}) but is left out when it has no gold and no predicted item.
     */
    public static double macroF1(int[][] confusion) {
        int c = confusion.length;
        double sum = 0;
        int counted = 0;
        for (int k = 0; k < c; k++) {
            int tp = confusion[k][k];
            int gold = 0;
            int predicted = 0;
            for (int j = 0; j < c; j++) {
                gold += confusion[k][j];
                predicted += confusion[j][k];
            }
            if (gold == 0 && predicted == 0) continue;
            counted++;
            sum += tp == 0 ? 0 : 2.0 * tp / (gold + predicted);
        }
        return counted == 0 ? 0 : sum / counted;
    }

    /** The confusion matrix as aligned text, rows = gold, columns = predicted. */
    public static String confusionText(int[][] m, List<String> labels) {
        int w = 6;
        for (String l : labels) w = Math.max(w, l.length() + 1);
        for (int[] row : m) for (int v : row) w = Math.max(w, Integer.toString(v).length() + 1);
        StringBuilder sb = new StringBuilder(String.format("%" + w + "s", "gold\\pred"));
        for (String l : labels) sb.append(String.format(" %" + w + "s", l));
        for (int i = 0; i < m.length; i++) {
            sb.append('\n').append(String.format("%" + w + "s", labels.get(i)));
            for (int v : m[i]) sb.append(String.format(" %" + w + "d", v));
        }
        return sb.toString();
    }

    /** {@code √(mean((p − y)²))}. */
    public static double rmse(float[] predicted, float[] actual) {
        check(predicted.length, actual.length);
        double s = 0;
        for (int i = 0; i < actual.length; i++) {
            double d = (double) predicted[i] - actual[i];
            s += d * d;
        }
        return actual.length == 0 ? 0 : Math.sqrt(s / actual.length);
    }

    /** {@code mean(|p − y|)}. */
    public static double mae(float[] predicted, float[] actual) {
        check(predicted.length, actual.length);
        double s = 0;
        for (int i = 0; i < actual.length; i++) s += Math.abs((double) predicted[i] - actual[i]);
        return actual.length == 0 ? 0 : s / actual.length;
    }

    /**
     * The seasonal-naive forecast of {@code series[from + i]}: the value one season earlier, {@code series[from + i −
     * season]} (with {@code season = 1}, the naive "no change" forecast).
     */
    public static float[] seasonalNaive(float[] series, int from, int count, int season) {
        Check.argument(season >= 1 && from - season >= 0 && from + count <= series.length, "Metrics.seasonalNaive: "
                + "need season >= 1 steps of history before step %s and %s steps after it in a series of %s, got "
                + "season %s", from, count, series.length, season);
        float[] out = new float[count];
        for (int i = 0; i < count; i++) out[i] = series[from + i - season];
        return out;
    }

    private static void check(int predicted, int gold) {
        Check.argument(predicted == gold, "Metrics: predictions must match the gold values in number (%s), got %s",
                gold, predicted);
    }
}

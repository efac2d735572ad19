package rnn4j.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import rnn4j.base.Check;

/**
 * Numeric columns of a CSV file in time order, with the chronological split, the per-column standardisation fitted on
 * the training part only (so no statistic of the future leaks into training), and sliding windows for forecasting.
 *
 * @param columns the column names
 * @param values  {@code [row][column]}, in file order (oldest first)
 */
public record TimeSeries(List<String> columns, float[][] values) {
    /** Reads the named columns of a CSV file; a non-numeric cell is an error naming {@code file:line}. */
    public static TimeSeries read(Path file, List<String> columns) {
        return of(Tsv.read(file), columns);
    }

    /** The named columns of a table. */
    public static TimeSeries of(Tsv table, List<String> columns) {
        Check.argument(!columns.isEmpty(), "TimeSeries.read: columns must name at least one column, got none");
        int[] idx = new int[columns.size()];
        for (int j = 0; j < idx.length; j++) idx[j] = table.column(columns.get(j), "--columns");
        float[][] v = new float[table.rows().size()][idx.length];
        for (int i = 0; i < v.length; i++) {
            String[] row = table.rows().get(i);
            for (int j = 0; j < idx.length; j++) {
                try {
                    v[i][j] = Float.parseFloat(row[idx[j]].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("TimeSeries.read: column '" + columns.get(j) + "' of "
                            + table.where(i) + " must be a number, got '" + row[idx[j]] + "'");
                }
                Check.argument(Float.isFinite(v[i][j]), "TimeSeries.read: column '%s' of %s must be finite, got %s",
                        columns.get(j), table.where(i), row[idx[j]]);
            }
        }
        return new TimeSeries(List.copyOf(columns), v);
    }

    /** Number of time steps. */
    public int length() {
        return values.length;
    }

    /** Steps {@code [from, to)}. */
    public TimeSeries slice(int from, int to) {
        Check.argument(0 <= from && from <= to && to <= values.length, "TimeSeries.slice: range must be within [0, %s],"
                + " got [%s, %s)", values.length, from, to);
        return new TimeSeries(columns, Arrays.copyOfRange(values, from, to));
    }

    /**
     * First differences {@code v[t + 1] − v[t]} of every column ({@code length − 1} steps): removes a trend that a
     * model scaled on the training part could not extrapolate (Box &amp; Jenkins' {@code d = 1}).
     */
    public TimeSeries differences() {
        Check.argument(values.length >= 2, "TimeSeries.differences: the series must have at least 2 steps, got %s",
                values.length);
        float[][] d = new float[values.length - 1][];
        for (int i = 0; i < d.length; i++) {
            d[i] = new float[values[i].length];
            for (int j = 0; j < d[i].length; j++) d[i][j] = values[i + 1][j] - values[i][j];
        }
        return new TimeSeries(columns, d);
    }

    /**
     * Per-column mean and standard deviation (population), fitted on one part and applied to any.
     *
     * @param mean one per column
     * @param std  one per column, 1 where the column is constant
     */
    public record Scaler(float[] mean, float[] std) {
        /** Fitted on {@code train}. */
        public static Scaler fit(TimeSeries train) {
            int c = train.columns().size();
            float[] mean = new float[c];
            float[] std = new float[c];
            for (int j = 0; j < c; j++) {
                double s = 0;
                double ss = 0;
                for (float[] row : train.values()) {
                    s += row[j];
                    ss += (double) row[j] * row[j];
                }
                int n = Math.max(1, train.length());
                double m = s / n;
                double var = Math.max(0, ss / n - m * m);
                mean[j] = (float) m;
                std[j] = var > 1e-12 ? (float) Math.sqrt(var) : 1f;
            }
            return new Scaler(mean, std);
        }

        /** {@code (x − mean) / std} per column. */
        public TimeSeries apply(TimeSeries s) {
            float[][] v = new float[s.length()][];
            for (int i = 0; i < v.length; i++) {
                v[i] = s.values()[i].clone();
                for (int j = 0; j < v[i].length; j++) v[i][j] = (v[i][j] - mean[j]) / std[j];
            }
            return new TimeSeries(s.columns(), v);
        }

        /** The original scale of a value of column {@code j}. */
        public float invert(float value, int j) {
            return value * std[j] + mean[j];
        }
    }

    /**
     * Sliding windows: inputs {@code (N, window, C)} of all columns and targets {@code (N, horizon, |targets|)} of
     * the next {@code horizon} steps of the target columns, one window per start step.
     *
     * @param inputs  row-major {@code N·window·C}
     * @param targets row-major {@code N·horizon·|targets|}
     * @param count   {@code N}
     */
    public record Windows(float[] inputs, float[] targets, int count, int window, int features, int horizon,
                          int targetCount) {}

    /** The windows of this series; needs {@code length ≥ window + horizon}. */
    public Windows windows(int window, int horizon, int[] targetColumns) {
        int c = columns.size();
        int n = values.length - window - horizon + 1;
        Check.argument(window >= 1 && horizon >= 1 && n >= 1, "TimeSeries.windows: the series must have at least "
                + "window + horizon = %s steps, got %s; shorten --window or --horizon", window + horizon, values.length);
        float[] x = new float[n * window * c];
        float[] y = new float[n * horizon * targetColumns.length];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < window; t++) System.arraycopy(values[i + t], 0, x, (i * window + t) * c, c);
            for (int h = 0; h < horizon; h++) {
                for (int k = 0; k < targetColumns.length; k++) {
                    y[(i * horizon + h) * targetColumns.length + k] = values[i + window + h][targetColumns[k]];
                }
            }
        }
        return new Windows(x, y, n, window, c, horizon, targetColumns.length);
    }
}

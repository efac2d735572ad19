package rnn4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import rnn4j.data.Datasets;
import rnn4j.data.TimeSeries;
import rnn4j.data.Tsv;
import rnn4j.tensor.Tensor;

/**
 * The series of {@code rnn4j forecast}: a CSV file or a registered series, its columns, the chronological split with
 * the per-dataset conventions of shared/data/README.md, scaling fitted on the training part, and the windows.
 */
final class ForecastData {
    private ForecastData() {}

    /** Suggested test sizes and seasons of the registered series: (test fraction, season in steps). */
    private static final Map<String, double[]> DEFAULTS = Map.of(
            "airline-passengers", new double[] {48.0 / 144, 12},   // last 4 years; yearly season of months
            "sunspots", new double[] {0.2, 132},                    // last 20%; the ~11-year solar cycle
            "daily-min-temperatures", new double[] {365.0 / 3650, 365}, // 1990; yearly season of days
            // The first 365·24 = 8,760 of the 43,800 hours kept train, the rest test; daily season of hours.
            "pollution", new double[] {1 - 8760.0 / 43800, 24});

    /** The pollution column that holds the NA marks, and the categorical wind direction with its four values. */
    static final String PM25 = "pm2.5";
    static final String WIND = "cbwd";
    static final List<String> WIND_DIRECTIONS = List.of("NE", "NW", "SE", "cv");

    /**
     * Everything needed to rebuild inputs and read outputs, stored in the checkpoint's {@code series} entry.
     *
     * @param columns      input columns, in order
     * @param targets      indices into {@code columns} of the predicted ones
     * @param window       input steps
     * @param horizon      predicted future steps (1 when per step)
     * @param perStep      one prediction per input step
     * @param season       the seasonal-naive lag
     * @param testFraction the chronological test part
     * @param mean         training-part mean of each column
     * @param std          training-part standard deviation of each column (of the differences when differenced)
     * @param difference   the model sees first differences; forecasts are summed back onto the last level
     */
    record Spec(List<String> columns, int[] targets, int window, int horizon, boolean perStep, int season,
                double testFraction, float[] mean, float[] std, boolean difference) {
        TimeSeries.Scaler scaler() {
            return new TimeSeries.Scaler(mean, std);
        }

        /** The series the model sees: the levels, or their first differences. */
        TimeSeries modelled(TimeSeries raw) {
            return difference ? raw.differences() : raw;
        }

        /** Steps of the modelled series that lie before the test part. */
        int modelledTrainEnd(int trainEnd) {
            return difference ? trainEnd - 1 : trainEnd;
        }
    }

    /**
     * The table of {@code --data}: a file, or a registered series, prepared as {@link #pollution} says for
     * {@code pollution}; {@code note} hears what the preparation did.
     */
    static Tsv table(String data, Consumer<String> note) {
        Path file = Path.of(data);
        if (Files.exists(file)) return Tsv.read(file);
        Datasets.Dataset d = Datasets.find(data).filter(x -> x.folder().equals("timeseries")).orElseThrow(() ->
                new ErrorReporting.UsageException("no such file or series '" + data + "' (--data); give a CSV file "
                        + "or one of [airline-passengers, sunspots, daily-min-temperatures, pollution]"));
        Tsv table = Tsv.read(Datasets.resolve(d, Datasets.Split.TRAIN, bytes -> {}));
        return d.name().equals("pollution") ? pollution(table, note) : table;
    }

    /**
     * The Beijing PM2.5 table as shared/data/README.md suggests using it. The first 24 hours, whose {@code pm2.5} is
     * {@code NA}, are dropped; each later {@code NA} hour takes the last measured value (carried forward: a gap
     * reads as "unchanged", never borrows from the future, and is not the 0 the MLM tutorial fills in, which would be
     * a spell of perfectly clean air). The wind direction {@code cbwd} becomes the indicator columns
     * {@code cbwd_NE, cbwd_NW, cbwd_SE, cbwd_cv}: four directions have no order for integer codes to express.
     */
    static Tsv pollution(Tsv raw, Consumer<String> note) {
        Tsv.Filled f = raw.fillForward(PM25, "NA", "--data pollution");
        note.accept(String.format("pollution: dropped the first %d hours (%s NA), carried %,d later NA hours "
                + "forward; %s one-hot", f.dropped(), PM25, f.filled(), WIND));
        return f.table().oneHot(WIND, WIND_DIRECTIONS, "--data pollution");
    }

    /**
     * The input columns when {@code --columns} is not given: for pollution {@code pm2.5} and the weather after it
     * (the calendar columns No, year, month, day, hour left out); else every column but the first (usually the date).
     */
    static List<String> defaultColumns(String data, Tsv table) {
        List<String> header = table.header();
        int from = !Files.exists(Path.of(data)) && data.equals("pollution") ? table.column(PM25, "--columns") : 1;
        return header.subList(from, header.size());
    }

    /** The default test fraction of a series name (0.2 for files). */
    static double defaultTestFraction(String data) {
        return DEFAULTS.containsKey(data) ? DEFAULTS.get(data)[0] : 0.2;
    }

    /** The default seasonal lag of a series name (1, the naive forecast, for files). */
    static int defaultSeason(String data) {
        return DEFAULTS.containsKey(data) ? (int) DEFAULTS.get(data)[1] : 1;
    }

    /** Steps of the training part. */
    static int trainLength(int length, double testFraction) {
        return (int) Math.round(length * (1 - testFraction));
    }

    /** Windows of the scaled series as tensors, keeping those whose targets all lie in {@code [from, to)}. */
    record Windows(Tensor x, Tensor y, int[] firstTarget) {
        int count() {
            return firstTarget.length;
        }
    }

    static Windows windows(TimeSeries scaled, Spec spec, int from, int to) {
        int c = spec.columns().size();
        int w = spec.window();
        int k = spec.targets().length;
        int steps = spec.perStep() ? w : spec.horizon();
        int shift = spec.perStep() ? 1 : w; // first target step relative to the window start
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i + shift + steps - 1 < scaled.length(); i++) {
            int first = i + shift;
            int last = first + steps - 1;
            if (first >= from && last < to) starts.add(i);
        }
        int n = starts.size();
        float[] x = new float[n * w * c];
        float[] y = new float[n * steps * k];
        int[] firstTarget = new int[n];
        float[][] v = scaled.values();
        for (int r = 0; r < n; r++) {
            int i = starts.get(r);
            for (int t = 0; t < w; t++) System.arraycopy(v[i + t], 0, x, (r * w + t) * c, c);
            for (int s = 0; s < steps; s++) {
                for (int j = 0; j < k; j++) y[(r * steps + s) * k + j] = v[i + shift + s][spec.targets()[j]];
            }
            firstTarget[r] = i + shift;
        }
        return new Windows(Tensor.of(x, n, w, c), Tensor.of(y, n, steps, k), firstTarget);
    }
}

package rnn4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;
import rnn4j.cli.report.ForecastPlot;
import rnn4j.cli.report.LossPlot;
import rnn4j.cli.report.Progress;
import rnn4j.base.SplitMix;
import rnn4j.data.TimeSeries;
import rnn4j.data.Tsv;
import rnn4j.io.Checkpoint;
import rnn4j.io.CheckpointException;
import rnn4j.models.SequenceRegressor;
import rnn4j.optim.Optimizer;
import rnn4j.optim.TimedCosine;
import rnn4j.tensor.IndexOps;
import rnn4j.tensor.Tensor;
import rnn4j.train.EpochOrder;
import rnn4j.train.LmTrainer;
import rnn4j.train.Metrics;
import rnn4j.train.RegressorTrainer;

/**
 * {@code rnn4j forecast train|eval|predict}: recurrent forecasting of CSV time series, scored by RMSE and MAE next to
 * the seasonal-naive baseline, with a plot of forecast against actual.
 */
@Command(name = "forecast", mixinStandardHelpOptions = true,
        description = "Time-series forecasting: train, evaluate and apply RNN/LSTM/GRU forecasters.",
        subcommands = {ForecastCommand.Train.class, ForecastCommand.Eval.class, ForecastCommand.Predict.class})
public final class ForecastCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A loaded forecaster with its series settings. */
    record Saved(SequenceRegressor model, ForecastData.Spec series) {
        static Saved load(Path file) {
            Checkpoint.Loaded c = Checkpoint.load(file);
            c.requireKind(SequenceRegressor.KIND);
            SequenceRegressor model = new SequenceRegressor(c.config(SequenceRegressor.Config.class),
                    new SplittableRandom(0));
            c.loadInto(model);
            String json = c.metadata().get("series");
            if (json == null) {
                throw new CheckpointException("Checkpoint.load: " + file + " must have a 'series' entry "
                        + "(columns, window, scaling), got none");
            }
            try {
                return new Saved(model, new ObjectMapper().readValue(json,
                        ForecastData.Spec.class));
            } catch (IOException e) {
                throw new CheckpointException("Checkpoint.load: the 'series' entry of " + file + " must be "
                        + "valid, got " + e.getMessage(), e);
            }
        }
    }

    /** Test steps drawn in the forecast plot at most. */
    static final int PLOT_STEPS = 2000;

    /** Scores the test windows of {@code series} (original scale) against the seasonal-naive forecast. */
    static Map<String, Object> evaluate(Saved saved, TimeSeries raw, String data, Path png, PrintWriter out,
                                        boolean json) {
        ForecastData.Spec spec = saved.series();
        int trainEnd = ForecastData.trainLength(raw.length(), spec.testFraction());
        TimeSeries modelled = spec.modelled(raw);
        TimeSeries scaled = spec.scaler().apply(modelled);
        ForecastData.Windows test = ForecastData.windows(scaled, spec, spec.modelledTrainEnd(trainEnd),
                modelled.length());
        int shift = spec.difference() ? 1 : 0; // difference d holds level d + 1 minus level d
        if (test.count() == 0) {
            throw new IllegalArgumentException("the test part of " + data + " (" + (raw.length() - trainEnd)
                    + " steps) must hold at least one window of " + (spec.perStep() ? spec.window() : spec.horizon())
                    + " target steps (the model's window is " + spec.window() + " steps); give a longer series");
        }
        Tensor pred = RegressorTrainer.predict(saved.model(), test.x()); // (N, steps, k), scaled
        int steps = pred.dim(1);
        int k = pred.dim(2);
        int n = test.count() * steps * k;
        float[] p = new float[n];
        float[] a = new float[n];
        float[] b = new float[n];
        List<double[]> plot = new ArrayList<>(); // (step, actual, forecast, naive) of the first target, lead 1
        int at = 0;
        for (int r = 0; r < test.count(); r++) {
            double[] level = new double[k]; // many-to-one differences accumulate from the last observed level
            for (int j = 0; j < k; j++) level[j] = raw.values()[test.firstTarget()[r]][spec.targets()[j]];
            for (int s = 0; s < steps; s++) {
                int step = test.firstTarget()[r] + s + shift;
                int lead = spec.perStep() ? 1 : s + 1;
                int back = spec.season() * (int) Math.ceil(lead / (double) spec.season());
                for (int j = 0; j < k; j++) {
                    int col = spec.targets()[j];
                    float value = spec.scaler().invert(pred.get(r, s, j), col);
                    if (spec.difference()) {
                        level[j] = (spec.perStep() ? raw.values()[step - 1][col] : level[j]) + value;
                        value = (float) level[j];
                    }
                    p[at] = value;
                    a[at] = raw.values()[step][col];
                    b[at] = raw.values()[step - back][col];
                    if (j == 0 && s == (spec.perStep() ? steps - 1 : 0)) {
                        plot.add(new double[] {step, a[at], p[at], b[at]});
                    }
                    at++;
                }
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("testWindows", test.count());
        result.put("rmse", Metrics.rmse(p, a));
        result.put("mae", Metrics.mae(p, a));
        result.put("naiveRmse", Metrics.rmse(b, a));
        result.put("naiveMae", Metrics.mae(b, a));
        result.put("season", spec.season());
        if (png != null) {
            // Past a few thousand points a line is a solid band and drawing it takes seconds (35,040 test hours of
            // pollution): the plot shows the last PLOT_STEPS test steps.
            String shown = plot.size() > PLOT_STEPS ? String.format(", last %,d steps", PLOT_STEPS) : "";
            plot = plot.subList(Math.max(0, plot.size() - PLOT_STEPS), plot.size());
            double[] xs = plot.stream().mapToDouble(v -> v[0]).toArray();
            try {
                ForecastPlot.write(png, "forecast " + data + " (" + spec.columns().get(spec.targets()[0]) + shown + ")",
                        "time step", spec.columns().get(spec.targets()[0]), List.of(
                        new ForecastPlot.Line("actual", xs, plot.stream().mapToDouble(v -> v[1]).toArray()),
                        new ForecastPlot.Line("forecast", xs, plot.stream().mapToDouble(v -> v[2]).toArray()),
                        new ForecastPlot.Line("seasonal naive (lag " + spec.season() + ")", xs,
                                plot.stream().mapToDouble(v -> v[3]).toArray())), false);
                result.put("forecastPng", png.toString());
            } catch (IOException e) {
                System.err.println("rnn4j: warning: could not write " + png + ": " + e.getMessage());
            }
        }
        if (json) {
            out.println(Checkpoint.toJson(result));
        } else {
            out.printf("forecast %s: test RMSE %.4f, MAE %.4f; seasonal naive (lag %d) RMSE %.4f, MAE %.4f over %d "
                            + "windows%n", data, result.get("rmse"), result.get("mae"), spec.season(),
                    result.get("naiveRmse"), result.get("naiveMae"), test.count());
        }
        return result;
    }

    /** {@code rnn4j forecast train}. */
    @Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Train a forecaster on the first part of a series and score it on the rest.%nWrites "
                    + "DIR/model.safetensors, DIR/model.train.safetensors (for --resume), DIR/log.csv, DIR/loss.png "
                    + "and DIR/forecast.png.")
    static final class Train implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--data", paramLabel = "FILE|NAME", description = "A CSV file with a "
                + "header, or airline-passengers, sunspots, daily-min-temperatures, pollution.")
        String data;

        @Option(names = "--columns", paramLabel = "A,B", split = ",", description = "Input columns (default: all "
                + "but the first, which is usually the date; pollution: pm2.5 and the weather columns after it, "
                + "cbwd one-hot as cbwd_NE, cbwd_NW, cbwd_SE, cbwd_cv).")
        List<String> columns;

        @Option(names = "--targets", paramLabel = "A,B", split = ",", description = "Predicted columns (default: "
                + "the first input column).")
        List<String> targets;

        @Option(names = "--window", paramLabel = "T", defaultValue = "12", description = "Input steps (default: "
                + "${DEFAULT-VALUE}).")
        int window;

        @Option(names = "--horizon", paramLabel = "H", defaultValue = "1", description = "Future steps predicted "
                + "from each window (default: ${DEFAULT-VALUE}).")
        int horizon;

        @Option(names = "--per-step", description = "Many-to-many: predict the next value at every input step.")
        boolean perStep;

        @Option(names = "--difference", description = "Model the first differences (removes a trend) and sum "
                + "the forecasts back onto the last level.")
        boolean difference;

        @Option(names = "--test-fraction", paramLabel = "F", description = "Chronological test part (default: the "
                + "README's split for registered series, else 0.2).")
        Double testFraction;

        @Option(names = "--season", paramLabel = "S", description = "Lag of the seasonal-naive baseline (default: "
                + "12 airline, 132 sunspots, 365 temperatures, 24 pollution, else 1).")
        Integer season;

        @Option(names = "--cell", paramLabel = "CELL", defaultValue = "lstm", description = "lstm, gru, rnn_tanh or "
                + "rnn_relu (default: ${DEFAULT-VALUE}).")
        String cell;

        @Option(names = "--layers", paramLabel = "N", defaultValue = "1", description = "Stacked layers (default: "
                + "${DEFAULT-VALUE}).")
        int layers;

        @Option(names = "--hidden", paramLabel = "N", defaultValue = "32", description = "Hidden size (default: "
                + "${DEFAULT-VALUE}).")
        int hidden;

        @Option(names = "--dropout", paramLabel = "P", defaultValue = "0", description = "Dropout (default: "
                + "${DEFAULT-VALUE}).")
        float dropout;

        @Option(names = "--batch", paramLabel = "B", defaultValue = "16", description = "Batch size (default: "
                + "${DEFAULT-VALUE}).")
        int batch;

        @Mixin
        OptimizerOptions optim;

        @Mixin
        ScheduleOptions schedule;

        @Mixin
        BudgetOptions budget;
        @Mixin
        RunOptions runOptions;

        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws IOException {
            Saved from = null;
            if (runOptions.resume != null) {
                runOptions.out = RunFolder.resumable(runOptions.resume, "rnn4j forecast train", spec);
                RunFolder.Recipe recipe = RunFolder.Recipe.read(runOptions.out);
                data = recipe.text("data");
                batch = recipe.integer("batch");
                runOptions.seed = recipe.whole("seed");
                optim.restore(recipe);
                schedule.restore(recipe);
                from = Saved.load(runOptions.out.resolve(RunFolder.MODEL));
            }
            validate();
            common.applyThreads();
            PrintWriter err = spec.commandLine().getErr();
            Tsv table = ForecastData.table(data, err::println);
            // Resuming keeps the run's columns, window and scaling (fitted on its training part) from the checkpoint.
            ForecastData.Spec series = from != null ? from.series() : newSeries(table);
            TimeSeries raw = TimeSeries.of(table, series.columns());
            int trainEnd = ForecastData.trainLength(raw.length(), series.testFraction());
            int modelledEnd = series.modelledTrainEnd(trainEnd);
            TimeSeries modelled = series.modelled(raw);
            TimeSeries scaled = series.scaler().apply(modelled);
            ForecastData.Windows train = ForecastData.windows(scaled, series, 0, modelledEnd);
            Usage.require(train.count() >= 1, "the training part of %s (%s steps) must hold at least one window; "
                    + "lower --window (%s) or --horizon, or --test-fraction", data, trainEnd, series.window());
            // checked here too, not only when the run is scored: otherwise the whole training ran first
            Usage.require(ForecastData.windows(scaled, series, modelledEnd, modelled.length()).count() >= 1,
                    "the test part of %s (%s steps) must hold at least one window; lower --window (%s) or "
                            + "--horizon, or raise --test-fraction", data, raw.length() - trainEnd, series.window());
            SequenceRegressor model = from != null ? from.model() : new SequenceRegressor(new SequenceRegressor.Config(
                    series.columns().size(), hidden, layers, series.targets().length, series.horizon(), perStep, cell,
                    dropout), new SplittableRandom(runOptions.seed));
            SequenceRegressor.Config config = model.config();
            Optimizer optimizer = optim.create(model.parameters());
            RegressorTrainer trainer = new RegressorTrainer(model, optimizer, optim.clip);
            int batchesPerEpoch = (train.count() + batch - 1) / batch;
            long total = budget.totalSteps(batchesPerEpoch);
            TimedCosine timed = schedule.applyTo(trainer, optimizer, total, budget, false);
            // Windows are shuffled by a stream of their own, whose state the progress file keeps.
            EpochOrder<int[]> order = EpochOrder.buckets(new int[train.count()], batch,
                    new SplitMix(runOptions.seed ^ 0x5DEECE66DL));
            Map<String, String> recipe = new LinkedHashMap<>();
            recipe.put("data", data);
            recipe.put("batch", Integer.toString(batch));
            recipe.put("seed", Long.toString(runOptions.seed));
            optim.save(recipe);
            schedule.save(recipe);
            double elapsedBefore = 0;
            if (from != null) {
                elapsedBefore = Double.parseDouble(trainer.restoreProgress(
                        runOptions.out.resolve(RunFolder.PROGRESS), order).getOrDefault("elapsedSeconds", "0"));
                budget.requireRemaining(runOptions.out, trainer.steps(), elapsedBefore, total);
            }
            err.printf("rnn4j forecast train: %s %d×%d, %,d parameters, %d training windows of %d steps, %d test "
                            + "steps%s%n", config.cell(), config.numLayers(), config.hiddenSize(),
                    model.parameterCount(), train.count(), series.window(), raw.length() - trainEnd,
                    trainer.steps() > 0 ? ", resumed at step " + trainer.steps() : "");
            Files.createDirectories(runOptions.out);
            RunClock clock = new RunClock(elapsedBefore);
            double seconds = elapsedBefore;
            try (RunLog log = RunLog.open(runOptions.out.resolve("log.csv"), from != null);
                 Progress progress = Progress.start("forecast", total == Long.MAX_VALUE ? -1 : total, "step",
                         System.err, Progress.stderrIsTerminal(), Duration.ofSeconds(10))) {
                long examples = 0;
                while (trainer.steps() < total && !budget.timeUp(seconds)) {
                    if (timed != null) timed.update(trainer.steps(), seconds);
                    int[] rows = order.next();
                    RegressorTrainer.StepReport r = trainer.step(IndexOps.indexSelect(train.x(), 0, rows),
                            IndexOps.indexSelect(train.y(), 0, rows));
                    examples += r.examples();
                    seconds = clock.seconds();
                    progress.update(r.step(), String.format("mse %.5f  epoch %.2f", r.loss(), order.epoch()));
                    log.append(new LmTrainer.StepReport(r.step(), order.epoch(), r.loss(), r.gradNorm(), r.lr(),
                            r.examples()), null, clock.rate(examples, seconds), seconds);
                    if (order.epochEnded()) save(model, series, trainer, order, recipe, seconds);
                }
                save(model, series, trainer, order, recipe, seconds);
                try {
                    LossPlot.write(runOptions.out.resolve("loss.png"), "rnn4j forecast train", "mse (scaled)",
                            log.curves());
                } catch (IOException e) {
                    err.println("rnn4j: warning: could not write the loss plot: " + e.getMessage());
                }
            }
            evaluate(new Saved(model, series), raw, data, runOptions.out.resolve("forecast.png"),
                    spec.commandLine().getOut(), common.json);
            return 0;
        }

        /** The columns, targets, split, season, window and scaling of a new run, from the flags and the table. */
        private ForecastData.Spec newSeries(Tsv table) {
            List<String> cols = columns != null ? columns : ForecastData.defaultColumns(data, table);
            Usage.require(!cols.isEmpty(), "--columns: %s has no column besides the first; name the columns",
                    table.source());
            TimeSeries raw = TimeSeries.of(table, cols);
            List<String> tgt = targets != null ? targets : List.of(cols.get(0));
            int[] targetIdx = new int[tgt.size()];
            for (int j = 0; j < targetIdx.length; j++) {
                targetIdx[j] = cols.indexOf(tgt.get(j));
                Usage.require(targetIdx[j] >= 0, "--targets must name input columns %s, got '%s'", cols, tgt.get(j));
            }
            double fraction = testFraction != null ? testFraction : ForecastData.defaultTestFraction(data);
            int lag = season != null ? season : ForecastData.defaultSeason(data);
            int trainEnd = ForecastData.trainLength(raw.length(), fraction);
            Usage.require(lag <= trainEnd, "--season %s must not exceed the training part (%s steps)", lag, trainEnd);
            TimeSeries modelled = difference ? raw.differences() : raw;
            int modelledEnd = difference ? trainEnd - 1 : trainEnd;
            TimeSeries.Scaler scaler = TimeSeries.Scaler.fit(modelled.slice(0, modelledEnd));
            return new ForecastData.Spec(cols, targetIdx, window, perStep ? 1 : horizon, perStep, lag, fraction,
                    scaler.mean(), scaler.std(), difference);
        }

        /** The model (latest) and the progress for {@code --resume}. */
        private void save(SequenceRegressor model, ForecastData.Spec series, RegressorTrainer trainer,
                          EpochOrder<int[]> order, Map<String, String> recipe, double seconds) {
            Checkpoint.save(runOptions.out.resolve(RunFolder.MODEL), model, SequenceRegressor.KIND, model.config(),
                    null, Map.of("series", Checkpoint.toJson(series), "step", Long.toString(trainer.steps())));
            Map<String, String> meta = new LinkedHashMap<>(recipe);
            meta.put("elapsedSeconds", Double.toString(seconds));
            trainer.saveProgress(runOptions.out.resolve(RunFolder.PROGRESS), order, meta);
        }

        private void validate() {
            optim.validate();
            budget.validate();
            Usage.require(window >= 1, "--window must be >= 1, got %s", window);
            Usage.require(horizon >= 1, "--horizon must be >= 1, got %s", horizon);
            Usage.require(!perStep || horizon == 1, "--per-step predicts one step ahead; drop --horizon %s", horizon);
            Usage.require(testFraction == null || testFraction > 0 && testFraction < 1,
                    "--test-fraction must be in (0, 1), got %s", testFraction);
            Usage.require(season == null || season >= 1, "--season must be >= 1, got %s", season);
            Usage.require(layers >= 1 && hidden >= 1, "--layers and --hidden must be >= 1, got %s and %s", layers,
                    hidden);
            Usage.require(dropout >= 0 && dropout < 1, "--dropout must be in [0, 1), got %s", dropout);
            Usage.require(batch >= 1, "--batch must be >= 1, got %s", batch);
            Usage.cell(cell, "--cell");
            Usage.require(data != null, "--data is required: a CSV file or a series name");
            runOptions.requireFolder();
        }
    }

    /** {@code rnn4j forecast eval}. */
    @Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Score a forecaster on the test part of a series (the split it was trained with).")
    static final class Eval implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--model", paramLabel = "CKPT", required = true, description = "A forecaster checkpoint.")
        Path model;

        @Option(names = "--data", paramLabel = "FILE|NAME", required = true, description = "The series.")
        String data;

        @Option(names = "--plot", paramLabel = "FILE", description = "Also draw forecast against actual.")
        Path png;

        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            common.applyThreads();
            Saved saved = Saved.load(model);
            TimeSeries raw = TimeSeries.of(ForecastData.table(data, note -> {}), saved.series().columns());
            evaluate(saved, raw, data, png, spec.commandLine().getOut(), common.json);
            return 0;
        }
    }

    /** {@code rnn4j forecast predict}. */
    @Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Forecast the steps after the end of a series from its last window.")
    static final class Predict implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--model", paramLabel = "CKPT", required = true, description = "A forecaster checkpoint.")
        Path model;

        @Option(names = "--data", paramLabel = "FILE|NAME", required = true, description = "The series.")
        String data;

        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            common.applyThreads();
            Saved saved = Saved.load(model);
            ForecastData.Spec s = saved.series();
            TimeSeries raw = TimeSeries.of(ForecastData.table(data, note -> {}), s.columns());
            TimeSeries modelled = s.modelled(raw);
            Usage.require(modelled.length() >= s.window(), "--data %s must have at least the model's window of %s "
                    + "steps, got %s", data, s.window() + (s.difference() ? 1 : 0), raw.length());
            TimeSeries last = s.scaler().apply(modelled.slice(modelled.length() - s.window(), modelled.length()));
            int c = s.columns().size();
            float[] x = new float[s.window() * c];
            for (int t = 0; t < s.window(); t++) System.arraycopy(last.values()[t], 0, x, t * c, c);
            Tensor pred = RegressorTrainer.predict(saved.model(), Tensor.of(x, 1, s.window(), c));
            int from = s.perStep() ? pred.dim(1) - 1 : 0; // per step: the prediction after the last input
            List<Map<String, Object>> rows = new ArrayList<>();
            PrintWriter out = spec.commandLine().getOut();
            double[] level = new double[s.targets().length];
            for (int j = 0; j < level.length; j++) level[j] = raw.values()[raw.length() - 1][s.targets()[j]];
            for (int h = from; h < pred.dim(1); h++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("step", raw.length() + h - from);
                for (int j = 0; j < s.targets().length; j++) {
                    int col = s.targets()[j];
                    float value = s.scaler().invert(pred.get(0, h, j), col);
                    if (s.difference()) {
                        level[j] += value;
                        value = (float) level[j];
                    }
                    row.put(s.columns().get(col), value);
                }
                rows.add(row);
                if (!common.json) out.println(row);
            }
            if (common.json) out.println(Checkpoint.toJson(Map.of("forecast", rows)));
            return 0;
        }
    }
}

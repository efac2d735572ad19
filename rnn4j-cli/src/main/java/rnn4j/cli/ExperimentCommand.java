package rnn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;
import rnn4j.cli.report.ForecastPlot;
import rnn4j.experiments.GradientFlow;
import rnn4j.experiments.MemorySuite;
import rnn4j.experiments.MemoryTasks;
import rnn4j.io.AtomicFiles;
import rnn4j.io.Checkpoint;
import rnn4j.models.SequenceRegressor;
import rnn4j.nn.recurrent.CellType;
import rnn4j.optim.Adam;
import rnn4j.train.RegressorTrainer;

/**
 * {@code rnn4j experiment memory|gradients}: the long-memory suite (which cells learn dependencies {@code T} steps
 * back) and the gradient-flow view ({@code ‖∂L/∂h_t‖} against {@code t}, at initialisation and after training).
 */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Measured lessons on memory: the long-memory suite and the gradient-flow view.",
        subcommands = {ExperimentCommand.Memory.class, ExperimentCommand.Gradients.class})
public final class ExperimentCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static List<String> cells(List<String> names) {
        for (String c : names) {
            try {
                CellType.parse(c);
            } catch (IllegalArgumentException e) {
                throw new ErrorReporting.UsageException("--cells must list lstm, gru, rnn_tanh or rnn_relu, got '"
                        + c + "'");
            }
        }
        return names;
    }

    static void writeCsv(Path file, String header, List<String> rows) throws IOException {
        AtomicFiles.write(file, out -> {
            out.write((header + "\n").getBytes(StandardCharsets.UTF_8));
            for (String r : rows) out.write((r + "\n").getBytes(StandardCharsets.UTF_8));
        });
    }

    /** {@code rnn4j experiment memory}. */
    @Command(name = "memory", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Train RNN, LSTM and GRU on the adding problem and first-symbol recall for growing T; "
                    + "print which learn them.%nWrites DIR/memory.csv and DIR/memory.png.")
    static final class Memory implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--tasks", split = ",", paramLabel = "adding,recall,copy", defaultValue = "adding,recall",
                description = "Tasks: adding, recall (many to one) and copy (many to many: repeat 10 symbols after "
                        + "T steps) (default: ${DEFAULT-VALUE}).")
        List<String> tasks;

        @Option(names = "--cells", split = ",", paramLabel = "CELLS", defaultValue = "rnn_tanh,lstm,gru",
                description = "Cells (default: ${DEFAULT-VALUE}).")
        List<String> cells;

        @Option(names = "--lengths", split = ",", paramLabel = "T,...", defaultValue = "10,25,50,100",
                description = "Sequence lengths (default: ${DEFAULT-VALUE}).")
        List<Integer> lengths;

        @Option(names = "--hidden", paramLabel = "N", defaultValue = "64", description = "Hidden size (default: "
                + "${DEFAULT-VALUE}).")
        int hidden;

        @Option(names = "--batch", paramLabel = "B", defaultValue = "64", description = "Batch size (default: "
                + "${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--steps", paramLabel = "N", defaultValue = "1000", description = "Adam steps per model "
                + "(default: ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--lr", paramLabel = "X", defaultValue = "2e-3", description = "Learning rate (default: "
                + "${DEFAULT-VALUE}).")
        double lr;

        @Option(names = "--clip", paramLabel = "X", defaultValue = "1", description = "Gradient-norm clip, 0 = off "
                + "(default: ${DEFAULT-VALUE}).")
        double clip;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed (default: "
                + "${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--out", paramLabel = "DIR", description = "Folder for memory.csv and memory.png.")
        Path out;

        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws IOException {
            common.applyThreads();
            List<MemorySuite.Task> taskList = new ArrayList<>();
            for (String t : tasks) {
                Usage.require(t.equals("adding") || t.equals("recall") || t.equals("copy"), "--tasks must list "
                        + "adding, recall or copy, got '%s'", t);
                taskList.add(MemorySuite.Task.valueOf(t.toUpperCase(Locale.ROOT)));
            }
            cells(cells);
            Usage.require(lengths.stream().allMatch(l -> l >= 2), "--lengths must all be >= 2, got %s", lengths);
            // a repeat would train the same model twice and then clash in the table and the plot's series
            for (var list : List.of(Map.entry("--tasks", tasks), Map.entry("--cells", cells),
                    Map.entry("--lengths", lengths))) {
                Usage.require(new java.util.HashSet<>(list.getValue()).size() == list.getValue().size(),
                        "%s must not repeat a value, got %s", list.getKey(), list.getValue());
            }
            Usage.require(hidden >= 1 && batch >= 1 && steps >= 1, "--hidden, --batch and --steps must be >= 1");
            Usage.require(lr > 0 && clip >= 0, "--lr must be > 0 and --clip >= 0, got %s and %s", lr, clip);
            PrintWriter err = spec.commandLine().getErr();
            var settings = new MemorySuite.Settings(hidden, batch, steps, lr, clip, seed);
            List<MemorySuite.Result> results = MemorySuite.run(taskList, cells, lengths, settings, r -> err.printf(
                    Locale.ROOT, "%s T=%d %s: %s %.4f%s%n", name(r.task()), r.length(), r.cell(), metric(r.task()),
                    r.score(), r.solved() ? " (solved)" : ""));
            PrintWriter outw = spec.commandLine().getOut();
            if (out != null) {
                Files.createDirectories(out);
                List<String> rows = new ArrayList<>();
                for (MemorySuite.Result r : results) {
                    rows.add(String.format(Locale.ROOT, "%s,%s,%d,%.6f,%s", name(r.task()), r.cell(), r.length(),
                            r.score(), r.solved()));
                }
                writeCsv(out.resolve("memory.csv"), "task,cell,length,score,solved", rows);
                List<ForecastPlot.Line> lines = new ArrayList<>();
                for (MemorySuite.Task t : taskList) {
                    for (String c : cells) {
                        List<MemorySuite.Result> rs = results.stream().filter(r -> r.task() == t
                                && r.cell().equals(c)).toList();
                        lines.add(new ForecastPlot.Line(name(t) + " " + c + " (" + metric(t) + ")",
                                rs.stream().mapToDouble(MemorySuite.Result::length).toArray(),
                                rs.stream().mapToDouble(MemorySuite.Result::score).toArray()));
                    }
                }
                ForecastPlot.write(out.resolve("memory.png"), "long-memory suite (" + steps + " steps each)",
                        "sequence length T", "score (adding: test MSE; recall: accuracy)", lines, false);
            }
            if (common.json) {
                outw.println(Checkpoint.toJson(Map.of("results", results)));
                return 0;
            }
            for (MemorySuite.Task t : taskList) {
                outw.printf("%s (%s; %s)%n", name(t), metric(t), t == MemorySuite.Task.ADDING
                        ? "predicting the mean scores 0.167, solved < 0.05" : "chance 0.125, solved > 0.9");
                StringBuilder head = new StringBuilder(String.format("%8s", "T"));
                for (String c : cells) head.append(String.format("%12s", c));
                outw.println(head);
                for (int l : lengths) {
                    StringBuilder row = new StringBuilder(String.format("%8d", l));
                    for (String c : cells) {
                        MemorySuite.Result r = results.stream().filter(x -> x.task() == t && x.length() == l
                                && x.cell().equals(c)).findFirst().orElseThrow();
                        row.append(String.format(Locale.ROOT, "%11.4f%s", r.score(), r.solved() ? "*" : " "));
                    }
                    outw.println(row);
                }
            }
            return 0;
        }

        private static String name(MemorySuite.Task t) {
            return t.name().toLowerCase(Locale.ROOT);
        }

        private static String metric(MemorySuite.Task t) {
            return switch (t) {
                case ADDING -> "test MSE";
                case RECALL -> "accuracy";
                case COPY -> "accuracy on the 10 copied steps";
            };
        }
    }

    /** {@code rnn4j experiment gradients}. */
    @Command(name = "gradients", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Plot ‖∂L/∂h_t‖ against t on the adding problem, at initialisation and after training."
                    + "%nWrites DIR/gradients.csv and DIR/gradients.png.")
    static final class Gradients implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--cell", paramLabel = "CELL", defaultValue = "rnn_tanh", description = "lstm, gru, "
                + "rnn_tanh or rnn_relu (default: ${DEFAULT-VALUE}).")
        String cell;

        @Option(names = "--seq", paramLabel = "T", defaultValue = "200", description = "Sequence length (default: "
                + "${DEFAULT-VALUE}).")
        int seq;

        @Option(names = "--hidden", paramLabel = "N", defaultValue = "64", description = "Hidden size (default: "
                + "${DEFAULT-VALUE}).")
        int hidden;

        @Option(names = "--batch", paramLabel = "B", defaultValue = "32", description = "Batch size (default: "
                + "${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--train-steps", paramLabel = "N", defaultValue = "300", description = "Adam steps between "
                + "the two measurements (default: ${DEFAULT-VALUE}).")
        int trainSteps;

        @Option(names = "--lr", paramLabel = "X", defaultValue = "1e-3", description = "Learning rate (default: "
                + "${DEFAULT-VALUE}).")
        double lr;

        @Option(names = "--clip", paramLabel = "X", defaultValue = "0", description = "Gradient-norm clip while "
                + "training, 0 = off (default: ${DEFAULT-VALUE}).")
        double clip;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed (default: "
                + "${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--out", paramLabel = "DIR", description = "Folder for gradients.csv and gradients.png.")
        Path out;

        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws IOException {
            common.applyThreads();
            cells(List.of(cell));
            Usage.require(seq >= 2, "--seq must be >= 2, got %s", seq);
            Usage.require(hidden >= 1 && batch >= 1 && trainSteps >= 0, "--hidden and --batch must be >= 1 and "
                    + "--train-steps >= 0");
            Usage.require(lr > 0 && clip >= 0, "--lr must be > 0 and --clip >= 0, got %s and %s", lr, clip);
            SplittableRandom rng = new SplittableRandom(seed);
            var model = new SequenceRegressor(new SequenceRegressor.Config(2, hidden, 1, 1, 1, false, cell, 0f), rng);
            MemoryTasks.Batch probe = MemoryTasks.adding(batch, seq, new SplittableRandom(seed + 1));
            double[] before = GradientFlow.hiddenGradientNorms(model, probe.x(), probe.y(), rng);
            RegressorTrainer trainer = new RegressorTrainer(model, new Adam(model.parameters(), lr), clip);
            double maxNorm = 0;
            double lastLoss = Double.NaN;
            for (int s = 0; s < trainSteps; s++) {
                MemoryTasks.Batch b = MemoryTasks.adding(batch, seq, rng);
                RegressorTrainer.StepReport r = trainer.step(b.x(), b.y());
                maxNorm = Math.max(maxNorm, r.gradNorm());
                lastLoss = r.loss();
            }
            double[] after = GradientFlow.hiddenGradientNorms(model, probe.x(), probe.y(), rng);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("cell", cell);
            result.put("seq", seq);
            result.put("ratioAtInit", before[0] / before[seq - 1]);
            result.put("ratioAfterTraining", after[0] / after[seq - 1]);
            result.put("trainSteps", trainSteps);
            result.put("finalTrainMse", lastLoss);
            result.put("maxGradNormBeforeClip", maxNorm);
            if (out != null) {
                Files.createDirectories(out);
                List<String> rows = new ArrayList<>();
                double[] t = new double[seq];
                for (int i = 0; i < seq; i++) {
                    t[i] = i;
                    rows.add(String.format(Locale.ROOT, "%d,%.6g,%.6g", i, before[i], after[i]));
                }
                writeCsv(out.resolve("gradients.csv"), "t,norm_init,norm_trained", rows);
                ForecastPlot.write(out.resolve("gradients.png"), "‖∂L/∂h_t‖, " + cell + ", T = " + seq
                        + " (adding problem)", "t", "‖∂L/∂h_t‖ (mean over batch)", List.of(
                        new ForecastPlot.Line("at initialisation", t, floor(before)),
                        new ForecastPlot.Line("after " + trainSteps + " steps", t, floor(after))), true);
                result.put("png", out.resolve("gradients.png").toString());
            }
            PrintWriter outw = spec.commandLine().getOut();
            if (common.json) {
                outw.println(Checkpoint.toJson(result));
            } else {
                outw.printf(Locale.ROOT, "%s, T = %d: ‖∂L/∂h_0‖ / ‖∂L/∂h_T‖ = %.3g at initialisation, %.3g after %d "
                                + "steps (train MSE %.4f, largest gradient norm %.3g%s)%n", cell, seq,
                        result.get("ratioAtInit"), result.get("ratioAfterTraining"), trainSteps, lastLoss, maxNorm,
                        clip > 0 ? ", clipped to " + clip : "");
            }
            return 0;
        }

        /** A log axis cannot show zeros: vanished gradients are drawn at the smallest float. */
        private static double[] floor(double[] v) {
            double[] out = new double[v.length];
            for (int i = 0; i < v.length; i++) out[i] = Math.max(v[i], Float.MIN_NORMAL);
            return out;
        }
    }
}

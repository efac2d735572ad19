package rnn4j.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import rnn4j.cli.report.LossPlot;
import rnn4j.train.LmTrainer;

/**
 * The CSV log of a training run, one row per step (flushed at once, so a crash keeps every finished step), and the
 * curves for the loss plot. A resumed run appends to the same file and reads back the earlier points.
 */
final class RunLog implements AutoCloseable {
    static final String HEADER = "step,epoch,train_loss,val_loss,lr,grad_norm,tokens_per_s,elapsed_s";

    private final BufferedWriter out;
    private final List<Double> trainSteps = new ArrayList<>();
    private final List<Double> trainLosses = new ArrayList<>();
    private final List<Double> valSteps = new ArrayList<>();
    private final List<Double> valLosses = new ArrayList<>();

    private RunLog(BufferedWriter out) {
        this.out = out;
    }

    /** Opens {@code file}: new (with the header) or, when {@code append}, continued after its existing rows. */
    static RunLog open(Path file, boolean append) throws IOException {
        RunLog log;
        if (append && Files.exists(file)) {
            log = new RunLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split(",", -1);
                if (line.startsWith("step") || f.length < 4) continue;
                log.remember(Double.parseDouble(f[0]), Double.parseDouble(f[2]),
                        f[3].isEmpty() ? null : Double.parseDouble(f[3]));
            }
        } else {
            log = new RunLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
            log.out.write(HEADER);
            log.out.newLine();
            log.out.flush();
        }
        return log;
    }

    void append(LmTrainer.StepReport r, Double valLoss, double tokensPerSecond, double elapsed) {
        try {
            out.write(String.format(Locale.ROOT, "%d,%.5f,%.6f,%s,%.6g,%.6g,%.1f,%.3f", r.step(), r.epoch(), r.loss(),
                    valLoss == null ? "" : String.format(Locale.ROOT, "%.6f", valLoss), r.lr(), r.gradNorm(),
                    tokensPerSecond, elapsed));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the training log: " + e.getMessage(), e);
        }
        remember(r.step(), r.loss(), valLoss);
    }

    private void remember(double step, double trainLoss, Double valLoss) {
        trainSteps.add(step);
        trainLosses.add(trainLoss);
        if (valLoss != null) {
            valSteps.add(step);
            valLosses.add(valLoss);
        }
    }

    /** The train and validation curves so far. */
    List<LossPlot.Curve> curves() {
        return List.of(new LossPlot.Curve("train", trainSteps, trainLosses),
                new LossPlot.Curve("validation", valSteps, valLosses));
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}

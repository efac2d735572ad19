package rnn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.IntPredicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;
import rnn4j.cli.report.LossPlot;
import rnn4j.cli.report.Progress;
import rnn4j.base.SplitMix;
import rnn4j.data.Vocabulary;
import rnn4j.data.WordTokenizer;
import rnn4j.data.WordVectors;
import rnn4j.io.Checkpoint;
import rnn4j.models.SequenceClassifier;
import rnn4j.optim.Optimizer;
import rnn4j.optim.TimedCosine;
import rnn4j.train.ClassifierTrainer;
import rnn4j.train.EpochOrder;
import rnn4j.train.LmTrainer;
import rnn4j.train.Metrics;

/**
 * {@code rnn4j classify train}: trains a sequence classifier with bucketed, padded mini-batches and reports accuracy,
 * macro-F1 and the confusion matrix on held-out data; {@code --folds K} runs K-fold cross-validation instead.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a sequence classifier.%nWrites DIR/model.safetensors, DIR/model.train.safetensors (for "
                + "--resume), DIR/log.csv, DIR/loss.png and DIR/confusion.png; with --folds K, one line per fold and "
                + "the mean accuracy.")
final class ClassifyTrain implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ClassifyCommand.DataOptions data;

    @Option(names = "--val", paramLabel = "FILE", description = "Held-out TSV/CSV file (default: the dataset's own "
            + "split, else the --val-fraction of the examples).")
    Path val;

    @Option(names = "--val-fraction", paramLabel = "F", defaultValue = "0.1", description = "Held-out fraction when "
            + "there is no split, every 1/F-th example (default: ${DEFAULT-VALUE}).")
    double valFraction;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "0", description = "K-fold cross-validation (fold of "
            + "an example = its index within its class mod K, as for rt-polarity); 0 = off.")
    int folds;

    @Option(names = "--min-freq", paramLabel = "N", defaultValue = "1", description = "Words seen fewer times "
            + "become <unk> (default: ${DEFAULT-VALUE}).")
    int minFreq;

    @Option(names = "--max-length", paramLabel = "T", defaultValue = "0", description = "Cut texts to T tokens; "
            + "0 = no cut.")
    int maxLength;

    @Mixin
    ClassifyCommand.ModelOptions modelOptions;

    @Mixin
    PretrainedEmbeddings pretrained;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "32", description = "Batch size (default: "
            + "${DEFAULT-VALUE}).")
    int batch;

    @Mixin
    OptimizerOptions optim;

    @Mixin
    BudgetOptions budget;

    @Mixin
    RunOptions runOptions;

    @Mixin
    ScheduleOptions schedule;

    @Mixin
    CommonOptions common;

    private PrintWriter err;
    /** The pre-trained vectors of the data's words, read once for all folds; null without the flag. */
    private WordVectors vectors;

    @Override
    public Integer call() throws IOException {
        if (runOptions.resume != null) {
            runOptions.out = RunFolder.resumable(runOptions.resume, "rnn4j classify train", spec);
            RunFolder.Recipe recipe = RunFolder.Recipe.read(runOptions.out);
            data.restore(recipe);
            optim.restore(recipe);
            schedule.restore(recipe);
            pretrained.restore(recipe);
            val = recipe.optionalPath("val");
            valFraction = recipe.decimal("valFraction");
            minFreq = recipe.integer("minFreq");
            maxLength = recipe.integer("maxLength");
            batch = recipe.integer("batch");
            runOptions.seed = recipe.whole("seed");
        }
        validate();
        common.applyThreads();
        err = spec.commandLine().getErr();
        PrintWriter outw = spec.commandLine().getOut();
        ClassifyData.Source source = data.source();
        ClassifyData.Loaded loaded = ClassifyData.load(source);
        ClassifyData.FeatureSpec features = loaded.train().isText() ? null : source.features();
        Usage.require(loaded.train().isText() || pretrained.file == null && !pretrained.freeze, "--pretrained-"
                + "embeddings and --freeze-embeddings need text data; --data %s holds feature sequences", data.data);
        if (runOptions.resume == null && loaded.train().isText()) {
            vectors = pretrained.read(loaded.train().texts(), err);
        }
        if (runOptions.out != null) Files.createDirectories(runOptions.out);

        if (folds > 0) {
            return crossValidate(loaded.train(), features, outw);
        }
        ClassifyData.Examples train = loaded.train();
        ClassifyData.Examples heldOut;
        String heldOutName;
        if (val != null) {
            heldOut = ClassifyData.load(new ClassifyData.Source(val.toString(), source.textColumn(),
                    source.labelColumn(), source.features(), source.limit())).train();
            heldOutName = val.toString();
        } else if (loaded.heldOut() != null) {
            heldOut = loaded.heldOut();
            heldOutName = loaded.heldOutName();
        } else {
            int every = (int) Math.round(1 / valFraction);
            int[][] split = split(train.size(), i -> i % every == every - 1);
            heldOut = train.subset(split[1]);
            train = train.subset(split[0]);
            heldOutName = "held-out 1/" + every;
        }
        // An empty held-out set would report accuracy 0 over 0 examples, which reads like a result.
        Usage.require(heldOut.size() > 0, "the held-out part (%s) has no examples, so there is nothing to evaluate "
                + "on; give more data than %d examples, a --val FILE or a larger --val-fraction", heldOutName,
                train.size());
        Run run = fit(train, heldOut, features, runOptions.out, "");
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("heldOut", heldOutName);
        extra.put("steps", run.steps);
        extra.put("trainSeconds", run.seconds);
        extra.put("out", runOptions.out.toString());
        ClassifyCommand.report(outw, common.json, "classify " + data.data + " (" + heldOutName + ")", run.predicted,
                run.gold, run.labels, runOptions.out.resolve("confusion.png"), extra);
        return 0;
    }

    private int crossValidate(ClassifyData.Examples all, ClassifyData.FeatureSpec features, PrintWriter outw) {
        // The fold of an example is its index within its own class mod K (Kim 2014's rt-polarity protocol).
        int[] fold = new int[all.size()];
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < fold.length; i++) fold[i] = seen.merge(all.labels().get(i), 1, Integer::sum) - 1;
        int largest = seen.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        // Fold k holds the k-th, (k+K)-th, ... example of each class: past the largest class's size it is empty.
        Usage.require(folds <= largest, "--folds %d would leave folds with no examples: the largest class of %s has "
                + "%d; use at most --folds %d", folds, data.data, largest, largest);
        List<Double> accuracies = new ArrayList<>();
        List<Double> f1s = new ArrayList<>();
        List<Map<String, Object>> perFold = new ArrayList<>();
        for (int k = 0; k < folds; k++) {
            int f = k;
            int[][] split = split(all.size(), i -> fold[i] % folds == f);
            Run run = fit(all.subset(split[0]), all.subset(split[1]), features, null, "fold " + (k + 1) + "/" + folds
                    + " ");
            double acc = Metrics.accuracy(run.predicted, run.gold);
            double f1 = Metrics.macroF1(Metrics.confusion(run.predicted, run.gold, run.labels.size()));
            accuracies.add(acc);
            f1s.add(f1);
            perFold.add(Map.of("fold", k + 1, "accuracy", acc, "macroF1", f1, "examples", run.gold.length));
            if (!common.json) outw.printf("fold %d/%d: accuracy %.4f, macro-F1 %.4f on %d examples%n", k + 1, folds,
                    acc, f1, run.gold.length);
        }
        double mean = accuracies.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double sd = Math.sqrt(accuracies.stream().mapToDouble(a -> (a - mean) * (a - mean)).sum()
                / Math.max(1, accuracies.size() - 1));
        double meanF1 = f1s.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        if (common.json) {
            outw.println(Checkpoint.toJson(Map.of("folds", perFold, "accuracy", mean, "accuracyStd", sd, "macroF1",
                    meanF1)));
        } else {
            outw.printf("%d-fold cross-validation: accuracy %.4f ± %.4f, macro-F1 %.4f%n", folds, mean, sd, meanF1);
        }
        return 0;
    }

    /** Rows where {@code test} holds, and the others. */
    private static int[][] split(int n, IntPredicate test) {
        List<Integer> a = new ArrayList<>();
        List<Integer> b = new ArrayList<>();
        for (int i = 0; i < n; i++) (test.test(i) ? b : a).add(i);
        return new int[][] {a.stream().mapToInt(Integer::intValue).toArray(),
            b.stream().mapToInt(Integer::intValue).toArray()};
    }

    /** A finished training run: held-out predictions and gold classes. */
    private record Run(int[] predicted, int[] gold, List<String> labels, long steps, double seconds) {}

    /** What {@code --resume} needs besides the model: the flags that chose the data and the training recipe. */
    private Map<String, String> recipe() {
        Map<String, String> r = new LinkedHashMap<>();
        data.save(r);
        r.put("val", val == null ? "" : val.toString());
        r.put("valFraction", Double.toString(valFraction));
        r.put("minFreq", Integer.toString(minFreq));
        r.put("maxLength", Integer.toString(maxLength));
        r.put("batch", Integer.toString(batch));
        r.put("seed", Long.toString(runOptions.seed));
        optim.save(r);
        schedule.save(r);
        pretrained.save(r);
        return r;
    }

    /** The model, its vocabulary and labels, and the progress a resume continues from. */
    private record Model(SequenceClassifier model, Vocabulary vocab, List<String> labels,
                         ClassifyData.FeatureSpec features) {
        void save(Path dir, ClassifierTrainer trainer, EpochOrder<int[]> order, Map<String, String> recipe, double seconds) {
            ClassifyCommand.Saved.save(dir.resolve(RunFolder.MODEL), model, vocab, labels, features, trainer.steps());
            Map<String, String> meta = new LinkedHashMap<>(recipe);
            meta.put("elapsedSeconds", Double.toString(seconds));
            trainer.saveProgress(dir.resolve(RunFolder.PROGRESS), order, meta);
        }
    }

    /** A new model for the training examples, or (resuming) the run's own. */
    private Model model(ClassifyData.Examples train, ClassifyData.FeatureSpec features, Path dir) {
        if (runOptions.resume != null && dir != null) {
            ClassifyCommand.Saved saved = ClassifyCommand.Saved.load(dir.resolve(RunFolder.MODEL));
            pretrained.freeze(saved.model());
            return new Model(saved.model(), saved.vocab(), saved.labels(), features);
        }
        List<String> labels = ClassifyCommand.labelNames(train.labels());
        Usage.require(labels.size() >= 2, "--data %s must have at least 2 labels in the training part, got %s",
                data.data, labels);
        Vocabulary vocab = null;
        if (train.isText()) {
            List<List<String>> tokenised = new ArrayList<>();
            for (String t : train.texts()) tokenised.add(WordTokenizer.tokenize(t));
            vocab = WordTokenizer.vocabulary(tokenised, minFreq);
        }
        var m = modelOptions;
        int embed = PretrainedEmbeddings.embedSize(vectors, m.embed,
                spec.commandLine().getParseResult().hasMatchedOption("--embed"));
        if (vocab != null) Usage.require(embed >= 1, "--embed must be >= 1 for text, got %s", embed);
        SequenceClassifier.Config config = new SequenceClassifier.Config(vocab == null ? 0 : vocab.size(),
                vocab == null ? train.width() : 0, embed, m.hidden, m.layers, labels.size(), m.cell,
                m.bidirectional, m.dropout, m.pooling);
        SequenceClassifier model = new SequenceClassifier(config, new SplittableRandom(runOptions.seed));
        if (vocab != null) pretrained.applyTo(model, vocab, vectors, err);
        return new Model(model, vocab, labels, features);
    }

    private Run fit(ClassifyData.Examples train, ClassifyData.Examples heldOut, ClassifyData.FeatureSpec features,
                    Path dir, String tag) {
        Usage.require(train.size() >= 1, "--data %s has no training examples", data.data);
        Model m = model(train, features, dir);
        SequenceClassifier model = m.model();
        ClassifyData.Encoded tr = new ClassifyData.Encoded(train, m.vocab(), m.labels(), "training data");
        ClassifyData.Encoded te = new ClassifyData.Encoded(heldOut, m.vocab(), m.labels(), "held-out data");
        SequenceClassifier.Config config = model.config();
        Optimizer optimizer = optim.create(model.parameters());
        ClassifierTrainer trainer = new ClassifierTrainer(model, optimizer, optim.clip);
        int batchesPerEpoch = (tr.size() + batch - 1) / batch;
        long total = budget.totalSteps(batchesPerEpoch);
        TimedCosine timed = schedule.applyTo(trainer, optimizer, total, budget, true);
        // Batches are bucketed by length from a shuffling stream of their own, whose state the progress file keeps.
        EpochOrder<int[]> order = EpochOrder.buckets(tr.lengths(), batch, new SplitMix(runOptions.seed ^ 0x5DEECE66DL));
        Map<String, String> recipe = recipe();
        double elapsedBefore = 0;
        if (runOptions.resume != null && dir != null) {
            elapsedBefore = Double.parseDouble(trainer.restoreProgress(dir.resolve(RunFolder.PROGRESS), order)
                    .getOrDefault("elapsedSeconds", "0"));
            budget.requireRemaining(dir, trainer.steps(), elapsedBefore, total);
        }
        err.printf("rnn4j classify train: %s%s %d×%d%s, pooling %s, %,d parameters, %d classes, %,d training and %,d "
                        + "held-out examples%s%s%n", tag, config.cell(), config.numLayers(), config.hiddenSize(),
                config.bidirectional() ? " bidirectional" : "", config.pooling(), model.parameterCount(),
                m.labels().size(), tr.size(), te.size(), m.vocab() == null ? "" : ", vocabulary " + m.vocab().size(),
                trainer.steps() > 0 ? ", resumed at step " + trainer.steps() : "");
        RunLog log = null;
        try {
            log = dir == null ? null : RunLog.open(dir.resolve("log.csv"), runOptions.resume != null);
            RunClock clock = new RunClock(elapsedBefore);
            double seconds = elapsedBefore;
            long examples = 0;
            try (Progress progress = Progress.start("classify", total == Long.MAX_VALUE ? -1 : total, "step",
                    System.err, Progress.stderrIsTerminal(), Duration.ofSeconds(10))) {
                while (trainer.steps() < total && !budget.timeUp(seconds)) {
                    if (timed != null) timed.update(trainer.steps(), seconds);
                    ClassifierTrainer.StepReport r = trainer.step(tr.batch(order.next(), maxLength));
                    examples += r.examples();
                    seconds = clock.seconds();
                    double perSecond = clock.rate(examples, seconds);
                    progress.update(r.step(), String.format("loss %.4f  %,.0f ex/s  epoch %.2f", r.loss(),
                            perSecond, order.epoch()));
                    Double valLoss = null;
                    if (order.epochEnded() && log != null) {
                        ClassifyCommand.Evaluation ev = ClassifyCommand.Evaluation.of(model, te, batch, maxLength);
                        valLoss = ev.loss();
                        trainer.validated(valLoss);
                        progress.println(String.format("%sepoch %d: held-out loss %.4f, accuracy %.4f", tag,
                                Math.round(order.epoch()), valLoss, Metrics.accuracy(ev.predicted(), te.classes)));
                        m.save(dir, trainer, order, recipe, seconds);
                    }
                    if (log != null) {
                        log.append(new LmTrainer.StepReport(r.step(), order.epoch(), r.loss(), r.gradNorm(), r.lr(),
                                r.examples()), valLoss, perSecond, seconds);
                    }
                }
            }
            ClassifyCommand.Evaluation ev = ClassifyCommand.Evaluation.of(model, te, batch, maxLength);
            if (dir != null) {
                m.save(dir, trainer, order, recipe, seconds);
                try {
                    LossPlot.write(dir.resolve("loss.png"), "rnn4j classify train", "cross-entropy", log.curves());
                } catch (IOException e) {
                    err.println("rnn4j: warning: could not write the loss plot: " + e.getMessage());
                }
            }
            return new Run(ev.predicted(), te.classes, m.labels(), trainer.steps(), seconds);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the training log in " + dir + ": " + e.getMessage(),
                    e);
        } finally {
            if (log != null) {
                try {
                    log.close();
                } catch (IOException ignored) {
                    // the rows are already flushed
                }
            }
        }
    }

    private void validate() {
        modelOptions.validate();
        optim.validate();
        budget.validate();
        Usage.require(batch >= 1, "--batch must be >= 1, got %s", batch);
        Usage.require(minFreq >= 1, "--min-freq must be >= 1, got %s", minFreq);
        Usage.require(maxLength >= 0, "--max-length must be >= 0, got %s", maxLength);
        Usage.require(folds == 0 || folds >= 2, "--folds must be 0 (off) or >= 2, got %s", folds);
        Usage.require(valFraction > 0 && valFraction < 1, "--val-fraction must be in (0, 1), got %s", valFraction);
        Usage.require(runOptions.out != null || folds > 0, "--out DIR is required (the run folder), or --resume DIR");
        if (runOptions.out != null && runOptions.resume == null) RunFolder.requireNew(runOptions.out, runOptions.force);
    }
}

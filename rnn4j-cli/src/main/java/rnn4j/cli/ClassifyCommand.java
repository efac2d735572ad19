package rnn4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;
import rnn4j.cli.report.ConfusionPlot;
import rnn4j.data.PaddedBatch;
import rnn4j.data.TextFiles;
import rnn4j.data.Vocabulary;
import rnn4j.io.Checkpoint;
import rnn4j.io.CheckpointException;
import rnn4j.models.SequenceClassifier;
import rnn4j.tensor.MathOps;
import rnn4j.tensor.Tensor;
import rnn4j.train.ClassifierTrainer;
import rnn4j.train.Metrics;

/**
 * {@code rnn4j classify train|eval|predict}: many-to-one sequence classification of texts (sentiment) and of feature
 * sequences (sequential MNIST), with accuracy, macro-F1 and the confusion matrix.
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Sequence classification: train, evaluate and apply RNN/LSTM/GRU classifiers.",
        subcommands = {ClassifyTrain.class, ClassifyCommand.Eval.class, ClassifyCommand.Predict.class})
public final class ClassifyCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The flags that pick the examples. */
    static final class DataOptions {
        @Option(names = "--data", paramLabel = "FILE|NAME", description = "A TSV/CSV file with a "
                + "header, a zip of CSV sequences in the UCI IndoorMovement layout, or a dataset: rt-polarity, sst2, "
                + "mnist, indoor-movement.")
        String data;

        @Option(names = "--text-column", paramLabel = "NAME", defaultValue = "sentence", description = "Column of "
                + "the text in a TSV/CSV file (default: ${DEFAULT-VALUE}).")
        String textColumn;

        @Option(names = "--label-column", paramLabel = "NAME", defaultValue = "label", description = "Column of the "
                + "label (default: ${DEFAULT-VALUE}).")
        String labelColumn;

        @Option(names = "--as", paramLabel = "rows|pixels", defaultValue = "rows", description = "Sequential MNIST: "
                + "28 steps of 28 pixels, or 784 steps of 1 (default: ${DEFAULT-VALUE}).")
        String as;

        @Option(names = "--permute", paramLabel = "SEED", description = "Sequential MNIST: a fixed random pixel "
                + "order drawn from SEED (permuted MNIST).")
        Long permute;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "Use only N examples of each "
                + "part (quick runs): evenly spaced texts, the first N images; 0 = all.")
        int limit;

        ClassifyData.Source source() {
            Usage.require(data != null, "--data is required: a TSV/CSV file, a zip of CSV sequences or a dataset "
                    + "name");
            Usage.require(as.equals("rows") || as.equals("pixels"), "--as must be rows or pixels, got '%s'", as);
            Usage.require(limit >= 0, "--limit must be >= 0, got %s", limit);
            return new ClassifyData.Source(data, textColumn, labelColumn, new ClassifyData.FeatureSpec(as, permute),
                    limit);
        }

        /** Adds the flags to a progress file's recipe, for {@code --resume}. */
        void save(Map<String, String> recipe) {
            recipe.put("data", data);
            recipe.put("textColumn", textColumn);
            recipe.put("labelColumn", labelColumn);
            recipe.put("as", as);
            recipe.put("permute", permute == null ? "" : permute.toString());
            recipe.put("limit", Integer.toString(limit));
        }

        /** Sets the flags from a recipe {@link #save} wrote. */
        void restore(RunFolder.Recipe recipe) {
            data = recipe.text("data");
            textColumn = recipe.text("textColumn");
            labelColumn = recipe.text("labelColumn");
            as = recipe.text("as");
            permute = recipe.text("permute").isEmpty() ? null : recipe.whole("permute");
            limit = recipe.integer("limit");
        }
    }

    /** The architecture flags, with defaults for sentence classification. */
    static final class ModelOptions {
        @Option(names = "--cell", paramLabel = "CELL", defaultValue = "lstm", description = "lstm, gru, rnn_tanh or "
                + "rnn_relu (default: ${DEFAULT-VALUE}).")
        String cell;

        @Option(names = "--layers", paramLabel = "N", defaultValue = "1", description = "Stacked layers (default: "
                + "${DEFAULT-VALUE}).")
        int layers;

        @Option(names = "--hidden", paramLabel = "N", defaultValue = "128", description = "Hidden size (default: "
                + "${DEFAULT-VALUE}).")
        int hidden;

        @Option(names = "--embed", paramLabel = "N", defaultValue = "128", description = "Embedding size; for "
                + "feature input the projection size, 0 = none (default: ${DEFAULT-VALUE}).")
        int embed;

        @Option(names = "--bidirectional", description = "Add a reverse direction to every layer.")
        boolean bidirectional;

        @Option(names = "--pooling", paramLabel = "last|mean|max", defaultValue = "last", description = "Pooling "
                + "over the valid steps (default: ${DEFAULT-VALUE}).")
        String pooling;

        @Option(names = "--dropout", paramLabel = "P", defaultValue = "0.3", description = "Dropout between layers "
                + "and before the head (default: ${DEFAULT-VALUE}).")
        float dropout;

        void validate() {
            Usage.require(layers >= 1, "--layers must be >= 1, got %s", layers);
            Usage.require(hidden >= 1, "--hidden must be >= 1, got %s", hidden);
            Usage.require(embed >= 0, "--embed must be >= 0, got %s", embed);
            Usage.require(dropout >= 0 && dropout < 1, "--dropout must be in [0, 1), got %s", dropout);
            Usage.require(List.of("last", "mean", "max").contains(pooling), "--pooling must be last, mean or max, "
                    + "got '%s'", pooling);
            Usage.cell(cell, "--cell");
        }
    }

    /** The class names in order: numerically when all are integers, else in code point order. */
    static List<String> labelNames(List<String> labels) {
        TreeSet<String> set = new TreeSet<>(labels);
        boolean numeric = set.stream().allMatch(s -> s.matches("-?\\d{1,9}"));
        List<String> out = new ArrayList<>(set);
        if (numeric) out.sort((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
        return out;
    }

    /** A loaded classifier checkpoint with its vocabulary and labels. */
    record Saved(SequenceClassifier model, Vocabulary vocab, List<String> labels,
                 ClassifyData.FeatureSpec features) {
        static Saved load(Path file) {
            Checkpoint.Loaded c = Checkpoint.load(file);
            c.requireKind(SequenceClassifier.KIND);
            SequenceClassifier.Config config = c.config(SequenceClassifier.Config.class);
            SequenceClassifier model = new SequenceClassifier(config, new SplittableRandom(0));
            c.loadInto(model);
            model.eval();
            List<String> labels = json(c, "labels", String[].class) == null ? null
                    : List.of(json(c, "labels", String[].class));
            if (labels == null || labels.size() != config.numClasses()) {
                throw new CheckpointException("Checkpoint.load: " + file + " must have a 'labels' entry "
                        + "with " + config.numClasses() + " names, got " + labels);
            }
            Vocabulary vocab = config.tokens() ? Vocabulary.ofOrdered(c.vocab()) : null;
            ClassifyData.FeatureSpec spec = config.tokens() ? null : json(c, "features",
                    ClassifyData.FeatureSpec.class);
            return new Saved(model, vocab, labels, spec);
        }

        private static <T> T json(Checkpoint.Loaded c, String key, Class<T> type) {
            String v = c.metadata().get(key);
            if (v == null) return null;
            try {
                return new ObjectMapper().readValue(v, type);
            } catch (IOException e) {
                throw new CheckpointException("Checkpoint.load: the '" + key + "' entry of " + c.file()
                        + " must be valid JSON, got " + e.getMessage(), e);
            }
        }

        static void save(Path file, SequenceClassifier model, Vocabulary vocab, List<String> labels,
                         ClassifyData.FeatureSpec features, long step) {
            Map<String, String> extra = new LinkedHashMap<>();
            extra.put("labels", Checkpoint.toJson(labels));
            if (features != null) extra.put("features", Checkpoint.toJson(features));
            extra.put("step", Long.toString(step));
            Checkpoint.save(file, model, SequenceClassifier.KIND, model.config(), vocab == null ? null : vocab.tokens(),
                    extra);
        }
    }

    /** Predictions of every example, in batches, without dropout or graph; plus the mean cross-entropy. */
    record Evaluation(int[] predicted, double loss) {
        static Evaluation of(SequenceClassifier model, ClassifyData.Encoded data, int batch, int maxLength) {
            int[] pred = new int[data.size()];
            double loss = 0;
            List<int[]> batches = PaddedBatch.buckets(data.lengths(), batch, null);
            for (int[] rows : batches) {
                ClassifierTrainer.Batch b = data.batch(rows, maxLength);
                Tensor p = ClassifierTrainer.probabilities(model, b); // (B, C)
                int[] arg = MathOps.argmax(p, 1);
                for (int k = 0; k < rows.length; k++) {
                    pred[rows[k]] = arg[k];
                    if (b.labels()[k] >= 0) loss -= Math.log(Math.max(1e-30, p.get(k, b.labels()[k])));
                }
            }
            return new Evaluation(pred, loss / Math.max(1, data.size()));
        }
    }

    /** Accuracy, macro-F1 and the confusion matrix, printed as text or JSON and drawn as a PNG. */
    static Map<String, Object> report(PrintWriter out, boolean json, String title, int[] predicted, int[] gold,
                                      List<String> labels, Path png, Map<String, Object> extra) {
        int[][] m = Metrics.confusion(predicted, gold, labels.size());
        Map<String, Object> r = new LinkedHashMap<>(extra);
        r.put("examples", gold.length);
        r.put("accuracy", Metrics.accuracy(predicted, gold));
        r.put("macroF1", Metrics.macroF1(m));
        r.put("labels", labels);
        r.put("confusion", m);
        if (png != null) {
            try {
                ConfusionPlot.write(png, title, m, labels);
                r.put("confusionPng", png.toString());
            } catch (IOException e) {
                System.err.println("rnn4j: warning: could not write " + png + ": " + e.getMessage());
            }
        }
        if (json) {
            out.println(Checkpoint.toJson(r));
        } else {
            out.printf("%s: accuracy %.4f, macro-F1 %.4f on %d examples%n", title, (double) r.get("accuracy"),
                    (double) r.get("macroF1"), gold.length);
            out.println(Metrics.confusionText(m, labels));
        }
        return r;
    }

    /** {@code rnn4j classify eval}. */
    @Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Evaluate a classifier on the held-out part of a dataset (sst2 dev, mnist test) or on a "
                    + "whole TSV/CSV file: accuracy, macro-F1, confusion matrix.")
    static final class Eval implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--model", paramLabel = "CKPT", required = true, description = "A classifier checkpoint.")
        Path model;

        @Mixin
        DataOptions data;

        @Option(names = "--batch", paramLabel = "B", defaultValue = "64", description = "Batch size (default: "
                + "${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--confusion-png", paramLabel = "FILE", description = "Also draw the confusion matrix.")
        Path png;

        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            common.applyThreads();
            Usage.require(batch >= 1, "--batch must be >= 1, got %s", batch);
            Saved saved = Saved.load(model);
            ClassifyData.Source source = data.source();
            if (saved.features() != null) {
                source = new ClassifyData.Source(source.data(), source.textColumn(), source.labelColumn(),
                        saved.features(), source.limit());
            }
            ClassifyData.Loaded loaded = ClassifyData.load(source);
            ClassifyData.Examples examples = loaded.heldOut() != null ? loaded.heldOut() : loaded.train();
            if (examples.size() == 0) {
                throw new IllegalArgumentException("--data " + data.data + " holds no examples to evaluate (only a "
                        + "header?); give a file with at least one labelled row");
            }
            Usage.require(examples.isText() == saved.model().config().tokens(), "--data %s holds %s but the model "
                    + "reads %s", data.data, examples.isText() ? "texts" : "feature sequences",
                    saved.model().config().tokens() ? "texts" : "feature sequences");
            ClassifyData.Encoded enc = new ClassifyData.Encoded(examples, saved.vocab(), saved.labels(), "--data");
            Evaluation ev = Evaluation.of(saved.model(), enc, batch, 0);
            report(spec.commandLine().getOut(), common.json, "eval " + data.data, ev.predicted(), enc.classes,
                    saved.labels(), png, Map.of("loss", ev.loss()));
            return 0;
        }
    }

    /** {@code rnn4j classify predict}. */
    @Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Classify texts given on the command line or one per line of a file; prints the label and "
                    + "its probability per text.")
    static final class Predict implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--model", paramLabel = "CKPT", required = true, description = "A text classifier checkpoint.")
        Path model;

        @Option(names = "--text", paramLabel = "TEXT", description = "A text to classify (repeatable).")
        List<String> texts = new ArrayList<>();

        @Option(names = "--input", paramLabel = "FILE", description = "A UTF-8 file, one text per line.")
        Path input;

        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            common.applyThreads();
            Usage.require(!texts.isEmpty() || input != null, "give --text TEXT or --input FILE");
            Saved saved = Saved.load(model);
            Usage.require(saved.vocab() != null, "--model %s reads feature sequences; classify predict takes texts "
                    + "(use classify eval for feature models)", model);
            List<String> all = new ArrayList<>(texts);
            if (input != null) {
                for (String line : TextFiles.readUtf8(input).split("\n")) {
                    if (!line.isBlank()) all.add(line);
                }
            }
            Usage.require(!all.isEmpty(), "--input %s holds no text (only blank lines); give one text per line",
                    input);
            List<String> none = Collections.nCopies(all.size(), saved.labels().get(0));
            List<String> where = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) where.add("text " + (i + 1));
            ClassifyData.Examples ex = new ClassifyData.Examples(all, null, 0, 0, none, where);
            ClassifyData.Encoded enc = new ClassifyData.Encoded(ex, saved.vocab(), saved.labels(), "--text");
            int[] rows = new int[all.size()];
            for (int i = 0; i < rows.length; i++) rows[i] = i;
            Tensor p = ClassifierTrainer.probabilities(saved.model(), enc.batch(rows, 0));
            int[] arg = MathOps.argmax(p, 1);
            PrintWriter out = spec.commandLine().getOut();
            List<Map<String, Object>> results = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("text", all.get(i));
                r.put("label", saved.labels().get(arg[i]));
                r.put("probability", p.get(i, arg[i]));
                results.add(r);
                if (!common.json) out.printf("%s\t%.4f\t%s%n", saved.labels().get(arg[i]), p.get(i, arg[i]),
                        all.get(i));
            }
            if (common.json) out.println(Checkpoint.toJson(Map.of("predictions", results)));
            return 0;
        }
    }
}

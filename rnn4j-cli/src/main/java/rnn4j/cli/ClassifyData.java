package rnn4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import rnn4j.data.Datasets;
import rnn4j.data.Idx;
import rnn4j.data.PaddedBatch;
import rnn4j.data.SequenceZip;
import rnn4j.data.TextFiles;
import rnn4j.data.Tsv;
import rnn4j.data.Vocabulary;
import rnn4j.data.WordTokenizer;
import rnn4j.tensor.Tensor;
import rnn4j.train.ClassifierTrainer;

/**
 * The examples of {@code rnn4j classify}: labelled texts (a TSV/CSV file by column names, {@code rt-polarity},
 * {@code sst2}) or labelled feature sequences (sequential MNIST by rows or pixels, optionally permuted;
 * {@code indoor-movement} or any zip of CSV sequences in its layout, of varying lengths).
 */
final class ClassifyData {
    private ClassifyData() {}

    /** MNIST pixel statistics over the training set (shared/data/README.md), for standardisation. */
    private static final float MNIST_MEAN = 0.1307f;
    private static final float MNIST_STD = 0.3081f;

    /**
     * Raw examples: either {@code texts} or {@code features} (example {@code i} holds {@code T_i·width} values, its
     * {@code T_i} steps row-major; {@code steps} is the longest); label names; and where each example came from, for
     * errors.
     */
    record Examples(List<String> texts, float[][] features, int steps, int width, List<String> labels,
                    List<String> where) {
        int size() {
            return labels.size();
        }

        boolean isText() {
            return texts != null;
        }

        Examples subset(int[] rows) {
            List<String> l = new ArrayList<>();
            List<String> w = new ArrayList<>();
            List<String> t = texts == null ? null : new ArrayList<>();
            float[][] f = features == null ? null : new float[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                l.add(labels.get(rows[i]));
                w.add(where.get(rows[i]));
                if (t != null) t.add(texts.get(rows[i]));
                if (f != null) f[i] = features[rows[i]];
            }
            return new Examples(t, f, steps, width, l, w);
        }
    }

    /** How features are read from MNIST: rows (28 × 28) or pixels (784 × 1), with an optional fixed permutation. */
    record FeatureSpec(String as, Long permute) {}

    /** The settings that select and read the examples. */
    record Source(String data, String textColumn, String labelColumn, FeatureSpec features, int limit) {}

    /** The training examples and the held-out ones of the dataset's own split ({@code null} when it has none). */
    record Loaded(Examples train, Examples heldOut, String heldOutName) {}

    static Loaded load(Source s) {
        Path file = Path.of(s.data());
        if (Files.exists(file) && file.getFileName().toString().endsWith(".zip")) {
            return sequences(file, s.limit());
        }
        if (Files.exists(file)) {
            return new Loaded(limit(table(file, s), s.limit()), null, null);
        }
        Datasets.Dataset d = Datasets.find(s.data()).orElseThrow(() -> new ErrorReporting.UsageException(
                "no such file or dataset '" + s.data() + "' (--data); give a TSV/CSV file, a zip of CSV sequences or "
                        + "one of [rt-polarity, sst2, mnist, indoor-movement]"));
        return switch (d.name()) {
            case "rt-polarity" -> new Loaded(limit(polarity(d), s.limit()), null, null);
            case "sst2" -> new Loaded(limit(table(resolve(d, Datasets.Split.TRAIN), s), s.limit()),
                    limit(table(resolve(d, Datasets.Split.VALID), s), s.limit()), "dev");
            case "mnist" -> new Loaded(mnist(d, "train", s.features(), s.limit()),
                    mnist(d, "test", s.features(), s.limit()), "test");
            case "indoor-movement" -> sequences(resolve(d, Datasets.Split.TRAIN), s.limit());
            default -> throw new ErrorReporting.UsageException("--data " + s.data() + " is not a classification "
                    + "dataset; use rt-polarity, sst2, mnist, indoor-movement or a TSV/CSV file");
        };
    }

    /** The environment held out of a zip in the IndoorMovement layout. */
    static final String HELD_OUT_ENVIRONMENT = "3";

    /**
     * The RSS sequences of a zip in the IndoorMovement layout, split by environment as the data README's common
     * protocol: environments 1 and 2 train, environment 3 is held out, so the score measures how well a model carries
     * over to rooms it never saw (a random split would put sequences of the same rooms and paths on both sides). The
     * RSS values are already scaled to [-1, 1] per anchor by the dataset's authors, so they are used as they are.
     */
    private static Loaded sequences(Path zip, int limit) {
        SequenceZip all = SequenceZip.read(zip, SequenceZip.Layout.INDOOR_MOVEMENT);
        List<SequenceZip.Sequence> heldOut = all.group(HELD_OUT_ENVIRONMENT, true);
        Usage.require(!heldOut.isEmpty(), "--data %s must have sequences of environment %s (the held-out part) in "
                + "%s, got none", zip, HELD_OUT_ENVIRONMENT, SequenceZip.Layout.INDOOR_MOVEMENT.groups());
        return new Loaded(limit(features(all.group(HELD_OUT_ENVIRONMENT, false), all.width()), limit),
                limit(features(heldOut, all.width()), limit), "environment " + HELD_OUT_ENVIRONMENT);
    }

    private static Examples features(List<SequenceZip.Sequence> sequences, int width) {
        float[][] f = new float[sequences.size()][];
        List<String> labels = new ArrayList<>();
        List<String> where = new ArrayList<>();
        int steps = 0;
        for (int i = 0; i < f.length; i++) {
            SequenceZip.Sequence q = sequences.get(i);
            f[i] = q.values();
            steps = Math.max(steps, q.steps());
            labels.add(q.label());
            where.add(q.where());
        }
        return new Examples(null, f, steps, width, labels, where);
    }

    private static Path resolve(Datasets.Dataset d, Datasets.Split split) {
        return Datasets.resolve(d, split, bytes -> {});
    }

    private static Examples table(Path file, Source s) {
        Tsv t = Tsv.read(file);
        int text = t.column(s.textColumn(), "--text-column");
        int label = t.column(s.labelColumn(), "--label-column");
        List<String> where = new ArrayList<>();
        for (int i = 0; i < t.rows().size(); i++) where.add(t.where(i));
        return new Examples(t.values(text), null, 0, 0, t.values(label), where);
    }

    /** Positive then negative sentences, in file order (fold k = index within its file mod 10, as Kim 2014). */
    private static Examples polarity(Datasets.Dataset d) {
        List<String> texts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<String> where = new ArrayList<>();
        for (String part : new String[] {"neg", "pos"}) {
            Path f = Datasets.resolvePart(d, part, bytes -> {});
            String[] lines = TextFiles.readUtf8(f).split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].isBlank()) continue;
                texts.add(lines[i]);
                labels.add(part);
                where.add(f + ":" + (i + 1));
            }
        }
        return new Examples(texts, null, 0, 0, labels, where);
    }

    private static Examples mnist(Datasets.Dataset d, String split, FeatureSpec spec, int limit) {
        Idx images = Idx.read(Datasets.resolve(d, split.equals("train") ? Datasets.Split.TRAIN : Datasets.Split.TEST,
                bytes -> {}));
        int[] labels = Idx.read(Datasets.resolvePart(d, split + "-labels", bytes -> {})).labels();
        int n = limit > 0 ? Math.min(limit, images.count()) : images.count();
        int size = images.itemSize();
        int[] order = permutation(size, spec.permute());
        float[][] f = new float[n][size];
        List<String> names = new ArrayList<>(n);
        List<String> where = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < size; p++) {
                f[i][p] = ((images.values()[i * size + order[p]] & 0xFF) / 255f - MNIST_MEAN) / MNIST_STD;
            }
            names.add(Integer.toString(labels[i]));
            where.add("mnist " + split + " image " + i);
        }
        boolean rows = spec.as().equals("rows");
        int width = rows ? images.dims()[2] : 1;
        return new Examples(null, f, size / width, width, names, where);
    }

    /** The identity, or a fixed random order of {@code n} positions (permuted sequential MNIST, Le et al. 2015). */
    static int[] permutation(int n, Long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        if (seed == null) return p;
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static Examples limit(Examples e, int limit) {
        if (limit <= 0 || limit >= e.size()) return e;
        // Every k-th example rather than the first ones, so a small subset keeps every class of a sorted file.
        int[] rows = new int[limit];
        for (int i = 0; i < limit; i++) rows[i] = (int) ((long) i * e.size() / limit);
        return e.subset(rows);
    }

    /** Examples encoded for the model: token ids (or features) and class ids. */
    static final class Encoded {
        final Examples raw;
        final List<int[]> ids;
        final int[] classes;

        Encoded(Examples raw, Vocabulary vocab, List<String> labelNames, String role) {
            this.raw = raw;
            this.classes = new int[raw.size()];
            for (int i = 0; i < classes.length; i++) {
                String l = raw.labels().get(i);
                int c = labelNames.indexOf(l);
                if (c < 0 && labelNames.size() > 0) {
                    throw new IllegalArgumentException("the label '" + l + "' of " + raw.where().get(i) + " (" + role
                            + ") is not in the training labels " + labelNames + "; fix the data or retrain with it");
                }
                classes[i] = c;
            }
            if (raw.isText()) {
                ids = new ArrayList<>(raw.size());
                for (int i = 0; i < raw.size(); i++) {
                    List<String> tokens = WordTokenizer.tokenize(raw.texts().get(i));
                    // As PyTorch's packed sequences, a recurrent layer needs at least one step to say anything.
                    if (tokens.isEmpty()) {
                        throw new IllegalArgumentException("the text of " + raw.where().get(i) + " (" + role + ") "
                                + "has no words; fill it in or drop the row");
                    }
                    ids.add(WordTokenizer.encode(vocab, tokens));
                }
            } else {
                ids = null;
            }
        }

        int size() {
            return classes.length;
        }

        int[] lengths() {
            int[] l = new int[size()];
            for (int i = 0; i < l.length; i++) {
                l[i] = ids == null ? raw.features()[i].length / raw.width() : Math.max(1, ids.get(i).length);
            }
            return l;
        }

        /**
         * The rows: texts cut to {@code maxLength} tokens (0 = no cut) and padded; feature sequences padded with zeros
         * to the longest of them, each with its own length (pooling ignores the padding).
         */
        ClassifierTrainer.Batch batch(int[] rows, int maxLength) {
            int[] y = new int[rows.length];
            for (int k = 0; k < rows.length; k++) y[k] = classes[rows[k]];
            if (ids != null) {
                return ClassifierTrainer.Batch.of(PaddedBatch.of(ids, rows, maxLength), y);
            }
            int w = raw.width();
            int[] lengths = new int[rows.length];
            int t = 1;
            for (int k = 0; k < rows.length; k++) {
                lengths[k] = raw.features()[rows[k]].length / w;
                t = Math.max(t, lengths[k]);
            }
            float[] x = new float[rows.length * t * w];
            for (int k = 0; k < rows.length; k++) {
                System.arraycopy(raw.features()[rows[k]], 0, x, k * t * w, lengths[k] * w);
            }
            return ClassifierTrainer.Batch.of(Tensor.of(x, rows.length, t, w), lengths, y); // (B, T, F)
        }
    }
}

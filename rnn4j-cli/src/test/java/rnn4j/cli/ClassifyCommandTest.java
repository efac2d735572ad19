package rnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnn4j.data.Datasets;

class ClassifyCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Sentences whose label is whether they contain "good" or "bad": learnable in a few epochs. */
    private Path sentiment(String name, int n, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        String[] filler = {"the", "film", "was", "a", "plot", "actors", "quite", "story"};
        StringBuilder sb = new StringBuilder("sentence\tlabel\n");
        for (int i = 0; i < n; i++) {
            boolean pos = i % 2 == 0;
            StringBuilder s = new StringBuilder();
            int len = 2 + r.nextInt(6);
            int at = r.nextInt(len);
            for (int t = 0; t < len; t++) {
                s.append(t == at ? (pos ? "Good" : "bad") : filler[r.nextInt(filler.length)]).append(' ');
            }
            sb.append(s).append('\t').append(pos ? "pos" : "neg").append('\n');
        }
        return Files.writeString(dir.resolve(name), sb.toString());
    }

    private static JsonNode json(CliRun run) throws IOException {
        assertEquals(0, run.code(), run.toString());
        return JSON.readTree(run.out());
    }

    @Test
    void trainEvalPredict_onGeneratedSentences() throws IOException {
        Path train = sentiment("train.tsv", 120, 1);
        Path dev = sentiment("dev.tsv", 40, 2);
        Path out = dir.resolve("run");
        JsonNode r = json(CliRun.of("classify", "train", "--data", train.toString(), "--val", dev.toString(),
                "--cell", "gru", "--hidden", "16", "--embed", "8", "--bidirectional", "--pooling", "max",
                "--dropout", "0", "--lr", "0.02", "--epochs", "6", "--batch", "16", "--out", out.toString(),
                "--json"));
        assertTrue(r.get("accuracy").asDouble() >= 0.9, r.toString());
        assertEquals(2, r.get("confusion").size());
        for (String f : new String[] {"model.safetensors", "log.csv", "loss.png", "confusion.png"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        Path model = out.resolve("model.safetensors");
        JsonNode e = json(CliRun.of("classify", "eval", "--model", model.toString(), "--data", dev.toString(),
                "--json"));
        assertEquals(r.get("accuracy").asDouble(), e.get("accuracy").asDouble(), 1e-12);
        CliRun p = CliRun.of("classify", "predict", "--model", model.toString(), "--text", "a good film",
                "--text", "a BAD plot");
        assertEquals(0, p.code(), p.toString());
        String[] lines = p.out().strip().split("\n");
        assertTrue(lines[0].startsWith("pos\t") && lines[1].startsWith("neg\t"), p.out());
        CliRun empty = CliRun.of("classify", "predict", "--model", model.toString(), "--text", "a good film",
                "--text", " ");
        assertEquals(1, empty.code(), empty.toString());
        assertTrue(empty.err().contains("the text of text 2 (--text) has no words"), empty.err());
        Path headerOnly = Files.writeString(dir.resolve("header.tsv"), "sentence\tlabel\n");
        CliRun none = CliRun.of("classify", "eval", "--model", model.toString(), "--data", headerOnly.toString());
        assertEquals(1, none.code(), none.toString());
        assertTrue(none.err().contains("holds no examples to evaluate"), none.err());
        CliRun hugeBatch = CliRun.of("classify", "eval", "--model", model.toString(), "--data", dev.toString(),
                "--batch", "2147483647", "--json");   // one batch of all examples, not an overflow
        assertEquals(r.get("accuracy").asDouble(), json(hugeBatch).get("accuracy").asDouble(), 1e-12);
    }

    @Test
    void crossValidation_reportsEveryFold() throws IOException {
        Path data = sentiment("all.tsv", 60, 3);
        JsonNode r = json(CliRun.of("classify", "train", "--data", data.toString(), "--folds", "3", "--hidden", "8",
                "--embed", "8", "--epochs", "1", "--json"));
        assertEquals(3, r.get("folds").size());
        int total = 0;
        for (JsonNode f : r.get("folds")) total += f.get("examples").asInt();
        assertEquals(60, total, "every example is held out exactly once");
    }

    @Test
    void badInput_givesOneLineErrorsWithTheRightExitCodes() throws IOException {
        Path train = sentiment("train.tsv", 20, 1);
        CliRun unknown = CliRun.of("classify", "train", "--data", train.toString(), "--text-column", "review",
                "--epochs", "1", "--out", dir.resolve("a").toString());
        assertEquals(1, unknown.code(), unknown.toString());
        assertTrue(unknown.err().contains("--text-column must name a column of") && unknown.err().contains(
                "columns present: [sentence, label]"), unknown.err());
        assertEquals(1, unknown.err().strip().lines().count(), unknown.err());

        Path dev = Files.writeString(dir.resolve("dev.tsv"), "sentence\tlabel\ngood\tpos\nmeh\tneutral\n");
        CliRun label = CliRun.of("classify", "train", "--data", train.toString(), "--val", dev.toString(),
                "--epochs", "1", "--hidden", "4", "--embed", "4", "--out", dir.resolve("b").toString());
        assertEquals(1, label.code(), label.toString());
        assertTrue(label.err().contains("the label 'neutral' of " + dev + ":3") && label.err().contains(
                "not in the training labels [neg, pos]"), label.err());

        Path ragged = Files.writeString(dir.resolve("r.tsv"), "sentence\tlabel\ngood\tpos\nbad\n");
        CliRun rag = CliRun.of("classify", "train", "--data", ragged.toString(), "--epochs", "1", "--out",
                dir.resolve("c").toString());
        assertEquals(1, rag.code(), rag.toString());
        assertTrue(rag.err().contains("r.tsv:3 must have 2 fields"), rag.err());

        CliRun usage = CliRun.of("classify", "train", "--data", train.toString(), "--pooling", "median",
                "--epochs", "1", "--out", dir.resolve("d").toString());
        assertEquals(2, usage.code(), usage.toString());
        assertTrue(usage.err().startsWith("rnn4j: error: --pooling must be last, mean or max, got 'median'"),
                usage.err());
        CliRun noBudget = CliRun.of("classify", "train", "--data", train.toString(), "--out", dir.toString());
        assertEquals(2, noBudget.code(), noBudget.toString());

        Path few = sentiment("few.tsv", 4, 1);   // holding out every 10th of 4 examples leaves none
        CliRun nothingHeldOut = CliRun.of("classify", "train", "--data", few.toString(), "--epochs", "1",
                "--out", dir.resolve("e").toString());
        assertEquals(2, nothingHeldOut.code(), nothingHeldOut.toString());
        assertTrue(nothingHeldOut.err().startsWith("rnn4j: error: the held-out part (held-out 1/10) has no examples"),
                nothingHeldOut.err());
        CliRun tooManyFolds = CliRun.of("classify", "train", "--data", few.toString(), "--epochs", "1", "--folds",
                "3");   // two examples per class
        assertEquals(2, tooManyFolds.code(), tooManyFolds.toString());
        assertTrue(tooManyFolds.err().contains("use at most --folds 2"), tooManyFolds.err());
    }

    @Test
    void sequentialMnist_rowsAndPermutedPixels_onAMirrorSubset() throws IOException {
        Assumptions.assumeTrue(Datasets.mirror().isPresent(), "RNN4J_DATA_DIR is unset: skipping the MNIST run");
        Path out = dir.resolve("mnist");
        JsonNode r = json(CliRun.of("classify", "train", "--data", "mnist", "--as", "rows", "--limit", "300",
                "--hidden", "32", "--embed", "0", "--steps", "30", "--batch", "32", "--lr", "0.01", "--out",
                out.toString(), "--json"));
        assertEquals(300, r.get("examples").asInt());
        assertTrue(r.get("accuracy").asDouble() > 0.3, "30 steps beat chance (0.1) clearly: " + r);
        JsonNode e = json(CliRun.of("classify", "eval", "--model", out.resolve("model.safetensors").toString(),
                "--data", "mnist", "--limit", "300", "--json"));
        assertEquals(r.get("accuracy").asDouble(), e.get("accuracy").asDouble(), 1e-12);
        JsonNode p = json(CliRun.of("classify", "train", "--data", "mnist", "--as", "pixels", "--permute", "7",
                "--limit", "40", "--hidden", "8", "--embed", "0", "--steps", "1", "--batch", "20", "--out",
                dir.resolve("pixels").toString(), "--json"));
        assertEquals(40, p.get("examples").asInt());
    }

    @Test
    void rtPolarity_twoFoldsOnAMirrorSubset() throws IOException {
        Assumptions.assumeTrue(Datasets.mirror().isPresent(), "RNN4J_DATA_DIR is unset: skipping rt-polarity");
        JsonNode r = json(CliRun.of("classify", "train", "--data", "rt-polarity", "--limit", "200", "--folds", "2",
                "--hidden", "8", "--embed", "8", "--steps", "3", "--json"));
        assertEquals(2, r.get("folds").size());
        JsonNode s = json(CliRun.of("classify", "train", "--data", "sst2", "--limit", "100", "--hidden", "8",
                "--embed", "8", "--steps", "2", "--out", dir.resolve("sst2").toString(), "--json"));
        assertEquals("dev", s.get("heldOut").asText());
    }

    /**
     * A zip in the UCI IndoorMovement layout: {@code n} sequences of 4 features and 3 to 12 steps whose first feature
     * rises (label 1) or falls (label -1), the rest noise; environments 1, 2, 3 in turn. {@code target} false leaves
     * out the label file.
     */
    private Path movementZip(int n, boolean target) throws IOException {
        SplittableRandom r = new SplittableRandom(5);
        Path file = dir.resolve("movement.zip");
        StringBuilder labels = new StringBuilder("#sequence_ID, class_label\n");
        StringBuilder groups = new StringBuilder("#sequence_ID, dataset_ID\n");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
            for (int id = 1; id <= n; id++) {
                boolean up = r.nextBoolean();
                int steps = 3 + r.nextInt(10);
                StringBuilder rows = new StringBuilder("#RSS_anchor1, RSS_anchor2, RSS_anchor3, RSS_anchor4\n");
                for (int t = 0; t < steps; t++) {
                    double trend = (up ? 1 : -1) * (t / (double) steps - 0.5);
                    rows.append(String.format("%.5f,%.5f,%.5f,%.5f%n", trend + 0.1 * r.nextGaussian(),
                            r.nextDouble(-1, 1), r.nextDouble(-1, 1), r.nextDouble(-1, 1)));
                }
                z.putNextEntry(new ZipEntry("dataset/MovementAAL_RSS_" + id + ".csv"));
                z.write(rows.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                labels.append(id).append(',').append(up ? "1" : "-1").append('\n');
                groups.append(id).append(',').append(1 + id % 3).append('\n');
            }
            if (target) {
                z.putNextEntry(new ZipEntry("dataset/MovementAAL_target.csv"));
                z.write(labels.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            z.putNextEntry(new ZipEntry("groups/MovementAAL_DatasetGroup.csv"));
            z.write(groups.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return file;
    }

    @Test
    void zipOfCsvSequences_trainsAFeatureClassifier_onVariableLengths_heldOutByEnvironment() throws IOException {
        Path data = movementZip(150, true);
        Path out = dir.resolve("movement");
        JsonNode r = json(CliRun.of("classify", "train", "--data", data.toString(), "--cell", "gru", "--hidden", "16",
                "--embed", "8", "--pooling", "last", "--dropout", "0", "--lr", "0.02", "--epochs", "8", "--batch",
                "16", "--threads", "1", "--out", out.toString(), "--json"));
        assertEquals("environment 3", r.get("heldOut").asText());
        assertEquals(50, r.get("examples").asInt(), "ids 2, 5, 8, … are environment 3");
        assertEquals("[\"-1\",\"1\"]", r.get("labels").toString());
        assertTrue(r.get("accuracy").asDouble() >= 0.9, "a rising or falling first feature is easy: " + r);
        var config = rnn4j.io.SafeTensors.read(out.resolve("model.safetensors")).metadata().get("config");
        assertTrue(config.contains("\"inputSize\":4") && config.contains("\"embedSize\":8"), config);
        JsonNode e = json(CliRun.of("classify", "eval", "--model", out.resolve("model.safetensors").toString(),
                "--data", data.toString(), "--json"));
        assertEquals(r.get("accuracy").asDouble(), e.get("accuracy").asDouble(), 1e-12);
    }

    @Test
    void zipWithoutItsLabelFile_isAOneLineErrorNamingTheEntry() throws IOException {
        Path data = movementZip(6, false);
        CliRun run = CliRun.of("classify", "train", "--data", data.toString(), "--steps", "1", "--out",
                dir.resolve("x").toString());
        assertEquals(1, run.code(), run.toString());
        assertTrue(run.err().startsWith("rnn4j: error: SequenceZip.read: " + data + " must contain the label file "
                + "dataset/MovementAAL_target.csv, got no such entry"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    void indoorMovement_fromTheMirror_holdsOutEnvironment3() throws IOException {
        Assumptions.assumeTrue(Datasets.mirror().isPresent(), "RNN4J_DATA_DIR is unset: skipping indoor-movement");
        JsonNode r = json(CliRun.of("classify", "train", "--data", "indoor-movement", "--hidden", "8", "--embed",
                "8", "--steps", "2", "--out", dir.resolve("im").toString(), "--json"));
        assertEquals("environment 3", r.get("heldOut").asText());
        assertEquals(104, r.get("examples").asInt());
        assertEquals("[\"-1\",\"1\"]", r.get("labels").toString());
    }

    @Test
    void pretrainedEmbeddings_startTheEmbedding_andFreezeKeepsThem() throws IOException {
        Path train = sentiment("train.tsv", 60, 3);
        // word2vec's header line; "BAD" is found for the lower-case token "bad"; "unused" is not in the data
        Path vectors = Files.writeString(dir.resolve("vectors.txt"),
                "4 3\ngood 1 2 3\nBAD -1 -2 -3\nfilm 0.5 0.25 0.125\nunused 9 9 9\n");
        String[] recipe = {"classify", "train", "--data", train.toString(), "--hidden", "8", "--batch", "8",
            "--threads", "1", "--steps", "3", "--pretrained-embeddings", vectors.toString()};
        Path frozen = dir.resolve("frozen");
        CliRun run = CliRun.of(CliRun.concat(recipe, "--freeze-embeddings", "--out", frozen.toString()));
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.err().contains("3 of 12 vocabulary words start from"), run.err());
        ClassifyCommand.Saved saved = ClassifyCommand.Saved.load(frozen.resolve("model.safetensors"));
        assertEquals(3, saved.model().config().embedSize(), "--embed follows the vectors");
        float[] w = saved.model().namedParameters().get("embed.weight").data();
        assertRow(new float[] {1, 2, 3}, w, saved.vocab().encode(List.of("good"), "test")[0]);
        assertRow(new float[] {-1, -2, -3}, w, saved.vocab().encode(List.of("bad"), "test")[0]);
        assertRow(new float[] {0.5f, 0.25f, 0.125f}, w, saved.vocab().encode(List.of("film"), "test")[0]);
        assertRow(new float[] {0, 0, 0}, w, 0);

        Path tuned = dir.resolve("tuned");
        assertEquals(0, CliRun.of(CliRun.concat(recipe, "--lr", "0.05", "--out", tuned.toString())).code());
        float[] t = ClassifyCommand.Saved.load(tuned.resolve("model.safetensors")).model().namedParameters()
                .get("embed.weight").data();
        int good = saved.vocab().encode(List.of("good"), "test")[0];
        assertTrue(Math.abs(t[good * 3] - 1) > 1e-4, "without --freeze-embeddings the vectors are trained");

        CliRun mismatch = CliRun.of(CliRun.concat(recipe, "--embed", "8", "--out", dir.resolve("x").toString()));
        assertEquals(2, mismatch.code(), mismatch.toString());
        assertTrue(mismatch.err().contains("--embed 8 must equal the size of the vectors in " + vectors + ", 3; "
                + "drop --embed or pass --embed 3"), mismatch.err());
    }

    private static void assertRow(float[] expected, float[] weight, int row) {
        for (int j = 0; j < expected.length; j++) {
            assertEquals(expected[j], weight[row * expected.length + j], "row " + row + ", column " + j);
        }
    }

    @Test
    void resume_continuesBitForBit() throws IOException {
        Path data = sentiment("train.tsv", 60, 4);
        String[] recipe = {"classify", "train", "--data", data.toString(), "--hidden", "8", "--embed", "4",
            "--dropout", "0.3", "--batch", "8", "--threads", "1", "--lr-schedule", "step", "--lr-step", "3",
            "--lr-start", "4", "--lr-decay", "0.5"};
        Path straight = dir.resolve("straight");
        Path split = dir.resolve("split");
        assertEquals(0, CliRun.of(CliRun.concat(recipe, "--steps", "11", "--out", straight.toString())).code());
        assertEquals(0, CliRun.of(CliRun.concat(recipe, "--steps", "5", "--out", split.toString())).code());
        CliRun resumed = CliRun.of("classify", "train", "--resume", split.resolve("model.safetensors").toString(),
                "--steps", "11", "--threads", "1", "--json");
        JsonNode r = json(resumed);
        assertEquals(11, r.get("steps").asInt());
        assertTrue(resumed.err().contains("resumed at step 5"), resumed.err());
        SameModel.assertSameBits(straight.resolve("model.safetensors"), split.resolve("model.safetensors"));
        List<String> log = Files.readAllLines(split.resolve("log.csv"));
        assertEquals(12, log.size(), "the log continues: header + 11 rows");
        // The schedule came back with the recipe: the rate halves after steps 4, 7 and 10 (row k is step k).
        double first = Double.parseDouble(log.get(1).split(",")[4]);
        double[] expected = {1, 1, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.125};
        for (int k = 1; k <= 11; k++) {
            assertEquals(first * expected[k - 1], Double.parseDouble(log.get(k).split(",")[4]), first * 1e-6,
                    log.get(k));
        }

        CliRun changed = CliRun.of("classify", "train", "--resume", split.toString(), "--steps", "12", "--hidden",
                "16", "--lr", "0.1");
        assertEquals(2, changed.code(), changed.toString());
        assertTrue(changed.err().startsWith("rnn4j: error: --resume continues the run with its own data, model and "
                + "recipe; drop --hidden, --lr"), changed.err());
        CliRun notARun = CliRun.of("classify", "train", "--resume", dir.toString(), "--steps", "2");
        assertEquals(2, notARun.code(), notARun.toString());
        assertTrue(notARun.err().contains("must be a run folder of rnn4j classify train (with "
                + "model.train.safetensors)"), notARun.err());
        CliRun done = CliRun.of("classify", "train", "--resume", split.toString(), "--steps", "11");
        assertEquals(2, done.code(), done.toString());
        assertTrue(done.err().contains("has done 11 steps"), done.err());
    }
}

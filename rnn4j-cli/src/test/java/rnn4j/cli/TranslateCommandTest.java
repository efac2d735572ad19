package rnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnn4j.data.Datasets;

/** translate train → eval → run through {@link Main#run} on tiny generated data, and clean errors for bad input. */
class TranslateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path trainTiny(String... extra) {
        Path out = dir.resolve("run");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("translate", "train", "--data",
                "task:reverse", "--train-size", "200", "--steps", "12", "--eval-every", "6", "--eval-sentences", "30",
                "--hidden", "16", "--embed", "8", "--batch", "16", "--lr", "1e-2", "--threads", "1", "--out",
                out.toString(), "--json"));
        args.addAll(java.util.List.of(extra));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.toString());
        return out;
    }

    @Test
    void trainEvalRun_endToEndOnAGeneratedTask() throws IOException {
        Path out = trainTiny();
        for (String f : new String[] {"model.safetensors", "best.safetensors", "log.csv", "loss.png"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertEquals(13, Files.readAllLines(out.resolve("log.csv")).size()); // header + 12 steps

        Path model = out.resolve("model.safetensors");
        CliRun eval = CliRun.of("translate", "eval", "--checkpoint", model.toString(), "--split", "test", "--beam",
                "2", "--limit", "40", "--json");
        assertEquals(0, eval.code(), eval.toString());
        JsonNode e = JSON.readTree(eval.out());
        assertEquals(40, e.get("sentences").asInt());
        double bleu = e.get("bleu").asDouble();
        assertTrue(bleu >= 0 && bleu <= 100, eval.out());
        assertTrue(e.get("exactMatch").asDouble() >= 0 && e.get("tokenAccuracy").asDouble() <= 1, eval.out());

        Path png = dir.resolve("att.png");
        CliRun run = CliRun.of("translate", "run", "--checkpoint", model.toString(), "--text", "abcde",
                "--attention-map", png.toString());
        assertEquals(0, run.code(), run.toString());
        assertEquals(1, run.out().lines().count(), run.out());
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image.getWidth() >= 400 && image.getHeight() >= 300);

        CliRun runJson = CliRun.of("translate", "run", "--checkpoint", model.toString(), "--text", "abcde", "--beam",
                "3", "--json");
        assertEquals(0, runJson.code(), runJson.toString());
        assertEquals(5, JSON.readTree(runJson.out()).get("source").size());
    }

    /** A zipped TSV of {@code id<TAB>en<TAB>fr} with a header line: colour and animal words, 40 pairs. */
    private Path pairsZip() throws IOException {
        String[][] en = {{"the", "a"}, {"red", "blue", "green"}, {"cat", "dog"}};
        String[][] fr = {{"le", "un"}, {"rouge", "bleu", "vert"}, {"chat", "chien"}};
        StringBuilder sb = new StringBuilder("id\ten\tfr\n");
        for (int i = 0; i < 40; i++) {
            int a = i % 2;
            int b = i % 3;
            int c = i / 3 % 2;
            sb.append(i).append('\t').append(en[0][a]).append(' ').append(en[2][c]).append(" is ").append(en[1][b])
                    .append('\t').append(fr[0][a]).append(' ').append(fr[2][c]).append(" est ").append(fr[1][b])
                    .append('\n');
        }
        Path zip = dir.resolve("pairs.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("pairs.tsv"));
            out.write(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return zip;
    }

    @Test
    void train_onAPairsFile_takesSourceAndTargetFromTheNamedColumns() throws IOException {
        Path data = pairsZip();
        Path out = dir.resolve("pairs");
        CliRun r = CliRun.of("translate", "train", "--data", data.toString(), "--src", "fr", "--tgt", "en",
                "--min-freq", "1", "--steps", "2", "--eval-every", "2", "--hidden", "8", "--embed", "4", "--batch",
                "8", "--threads", "1", "--out", out.toString());
        assertEquals(0, r.code(), r.toString());
        // 40 pairs after the header; lines i % 10 == 8, 9 are held out, so 32 train and 4 validate.
        assertTrue(r.err().contains(data + " fr→en, 32 training pairs, 4 validation pairs"), r.err());
        var meta = rnn4j.io.SafeTensors.read(out.resolve("model.safetensors")).metadata();
        assertTrue(meta.get("srcVocab").contains("\"chat\"") && !meta.get("srcVocab").contains("\"cat\""),
                meta.get("srcVocab"));
        assertTrue(meta.get("tgtVocab").contains("\"cat\"") && !meta.get("tgtVocab").contains("\"id\""),
                meta.get("tgtVocab"));
        CliRun eval = CliRun.of("translate", "eval", "--checkpoint", out.resolve("model.safetensors").toString(),
                "--split", "test", "--json");
        assertEquals(0, eval.code(), eval.toString());
        assertEquals(4, JSON.readTree(eval.out()).get("sentences").asInt());

        CliRun numbers = CliRun.of("translate", "train", "--data", data.toString(), "--src", "3", "--tgt", "2",
                "--min-freq", "1", "--steps", "1", "--hidden", "4", "--embed", "4", "--out",
                dir.resolve("n").toString());
        assertEquals(0, numbers.code(), numbers.toString());
        assertTrue(numbers.err().contains("3→2, 33 training pairs"), "the header is a pair now: " + numbers.err());

        CliRun unknown = CliRun.of("translate", "train", "--data", data.toString(), "--src", "de", "--tgt", "en",
                "--steps", "1", "--out", dir.resolve("u").toString());
        assertEquals(1, unknown.code(), unknown.toString());
        assertTrue(unknown.err().startsWith("rnn4j: error: ParallelText.readTsv: the source column 'de' and the "
                + "target column 'en' must both be in the header line of " + data + ", got [id, en, fr] at line 1"),
                unknown.err());
        CliRun one = CliRun.of("translate", "train", "--data", data.toString(), "--src", "fr", "--steps", "1",
                "--out", dir.resolve("o").toString());
        assertEquals(2, one.code(), one.toString());
        assertTrue(one.err().contains("give both --src and --tgt for the pairs file"), one.err());
    }

    @Test
    void run_rejectsAttentionMapWithoutAttention() {
        Path model = trainTiny("--attention", "none", "--cell", "lstm").resolve("model.safetensors");
        CliRun r = CliRun.of("translate", "run", "--checkpoint", model.toString(), "--text", "abc",
                "--attention-map", dir.resolve("x.png").toString());
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().startsWith("rnn4j: error: --attention-map needs a model with attention, got one trained "
                + "with --attention none"), r.err());
    }

    @Test
    void train_reportsBadOptionsAsUsageErrors() {
        CliRun noData = CliRun.of("translate", "train", "--out", dir.resolve("a").toString(), "--steps", "1");
        assertEquals(2, noData.code());
        assertTrue(noData.err().startsWith("rnn4j: error: --data is required"), noData.err());

        CliRun badTask = CliRun.of("translate", "train", "--data", "task:sort", "--out", dir.resolve("b").toString(),
                "--steps", "1");
        assertEquals(2, badTask.code());
        assertEquals("rnn4j: error: --data task:sort names no generated task; use task:date, task:reverse or "
                + "task:add", badTask.err().strip());

        CliRun badAttention = CliRun.of("translate", "train", "--data", "task:add", "--attention", "luong", "--out",
                dir.resolve("c").toString(), "--steps", "1");
        assertEquals(2, badAttention.code());
        assertEquals("rnn4j: error: --attention must be none, additive, dot or general, got 'luong'",
                badAttention.err().strip());

        CliRun dot = CliRun.of("translate", "train", "--data", "task:add", "--attention", "dot", "--out",
                dir.resolve("d").toString(), "--steps", "1", "--train-size", "10");
        assertEquals(2, dot.code());
        assertTrue(dot.err().startsWith("rnn4j: error: dot attention must have a unidirectional encoder"), dot.err());

        CliRun noBudget = CliRun.of("translate", "train", "--data", "task:add", "--out", dir.resolve("e").toString());
        assertEquals(2, noBudget.code());
        assertTrue(noBudget.err().contains("give a budget"), noBudget.err());
    }

    @Test
    void evalAndRun_reportMissingCheckpoints() {
        CliRun r = CliRun.of("translate", "eval", "--checkpoint", dir.resolve("none.safetensors").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("rnn4j: error: Checkpoint.load: "), r.err());
        assertTrue(r.err().contains("no such file"), r.err());
        CliRun split = CliRun.of("translate", "eval", "--checkpoint", "x", "--split", "dev");
        assertEquals(2, split.code());
        assertEquals("rnn4j: error: --split must be train, valid or test, got 'dev'", split.err().strip());
    }

    @Test
    void eval_rejectsALanguageModelCheckpoint() throws IOException {
        Path text = Files.writeString(dir.resolve("t.txt"), "abc abd abe\n".repeat(20));
        Path lm = dir.resolve("lm");
        CliRun train = CliRun.of("train", "--data", text.toString(), "--steps", "1", "--hidden", "8", "--embed", "4",
                "--layers", "1", "--seq", "4", "--batch", "2", "--out", lm.toString());
        assertEquals(0, train.code(), train.toString());
        CliRun r = CliRun.of("translate", "eval", "--checkpoint", lm.resolve("model.safetensors").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("must hold a 'seq2seq' model (metadata 'model'), got 'lm'"), r.err());
    }

    @Test
    void train_onMulti30k_whenTheMirrorIsSet() throws IOException {
        Assumptions.assumeTrue(Datasets.mirror().isPresent(), "RNN4J_DATA_DIR is unset: skipping multi30k");
        Path out = dir.resolve("m30k");
        CliRun r = CliRun.of("translate", "train", "--data", "multi30k", "--src", "de", "--tgt", "en", "--steps", "2",
                "--hidden", "16", "--embed", "8", "--batch", "64", "--eval-sentences", "10", "--max-len", "20",
                "--out", out.toString(), "--json");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("multi30k de→en, 2"), r.err()); // 29,000 pairs minus the long ones
        CliRun bad = CliRun.of("translate", "train", "--data", "multi30k", "--src", "fr", "--steps", "1", "--out",
                dir.resolve("x").toString());
        assertEquals(2, bad.code());
        assertEquals("rnn4j: error: --src and --tgt must be two different languages of multi30k [de, en], got fr "
                + "and de", bad.err().strip());
    }

    @Test
    void train_onTatoeba_whenTheMirrorIsSet() {
        Assumptions.assumeTrue(Datasets.mirror().isPresent(), "RNN4J_DATA_DIR is unset: skipping tatoeba-fra-eng");
        CliRun r = CliRun.of("translate", "train", "--data", "tatoeba-fra-eng", "--src", "fr", "--tgt", "en",
                "--steps", "1", "--hidden", "8", "--embed", "4", "--batch", "8", "--eval-sentences", "5", "--max-len",
                "4", "--out", dir.resolve("tatoeba").toString());
        assertEquals(0, r.code(), r.toString());
        // 142,787 pairs, 8 in 10 kept for training, then only the short ones: the count is printed.
        assertTrue(r.err().contains("tatoeba-fra-eng fr→en, "), r.err());
    }

    @Test
    void resume_continuesBitForBit() {
        String[] recipe = {"--data", "task:add", "--train-size", "50", "--eval-every", "3", "--eval-sentences", "5",
            "--hidden", "8", "--embed", "4", "--batch", "16", "--dropout", "0.2", "--teacher-forcing", "0.5",
            "--threads", "1"};
        Path straight = dir.resolve("straight");
        Path split = dir.resolve("split");
        assertEquals(0, CliRun.of(concat(recipe, "--steps", "6", "--out", straight.toString())).code());
        assertEquals(0, CliRun.of(concat(recipe, "--steps", "3", "--out", split.toString())).code());
        CliRun resumed = CliRun.of("translate", "train", "--resume", split.toString(), "--steps", "6", "--threads",
                "1");
        assertEquals(0, resumed.code(), resumed.toString());
        var a = rnn4j.io.SafeTensors.read(straight.resolve("model.safetensors")).tensors();
        var b = rnn4j.io.SafeTensors.read(split.resolve("model.safetensors")).tensors();
        assertEquals(a.keySet(), b.keySet());
        a.forEach((k, v) -> org.junit.jupiter.api.Assertions.assertArrayEquals(v.toArray(), b.get(k).toArray(), 0f,
                k));
        CliRun bad = CliRun.of("translate", "train", "--resume", dir.toString(), "--steps", "2");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("must be a run folder of rnn4j translate train"), bad.err());
    }

    private static String[] concat(String[] recipe, String... more) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("translate", "train"));
        all.addAll(java.util.List.of(recipe));
        all.addAll(java.util.List.of(more));
        return all.toArray(String[]::new);
    }
}

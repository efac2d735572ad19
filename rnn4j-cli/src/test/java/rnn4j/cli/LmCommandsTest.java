package rnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnn4j.io.SafeTensors;
import rnn4j.tensor.Tensor;

/** train → sample → eval through {@link Main#run}, exact resume, PyTorch-layout checkpoints, and bad input. */
class LmCommandsTest {
    private static final String TEXT = "the cat sat on the mat.\nthe dog sat on the log.\n".repeat(12);
    private static final String[] TINY = {"--hidden", "16", "--embed", "8", "--layers", "2", "--seq", "8",
        "--batch", "3", "--threads", "1"};

    @TempDir
    Path dir;

    private Path text() throws IOException {
        return Files.writeString(dir.resolve("text.txt"), TEXT);
    }

    private static String[] args(List<String> head, String... tail) {
        List<String> all = new java.util.ArrayList<>(head);
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }

    @Test
    void trainThenSampleThenEval_roundTrip() throws Exception {
        Path run = dir.resolve("run");
        CliRun train = CliRun.of(args(List.of("train", "--data", text().toString(), "--out", run.toString(),
                "--steps", "6", "--eval-every", "3", "--json"), TINY));
        assertEquals(0, train.code(), train.toString());
        for (String f : List.of("model.safetensors", "best.safetensors", "model.train.safetensors", "log.csv",
                "loss.png")) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f + " missing\n" + train);
        }
        assertEquals(7, Files.readAllLines(run.resolve("log.csv")).size(), "header + one row per step");
        JsonNode result = new ObjectMapper().readTree(train.out());
        assertEquals(6, result.get("steps").asInt());

        CliRun sample = CliRun.of("sample", "--checkpoint", run.resolve("model.safetensors").toString(),
                "--prime", "the ", "--length", "40", "--seed", "3");
        assertEquals(0, sample.code(), sample.toString());
        assertTrue(sample.out().startsWith("the "), sample.out());
        assertEquals(4 + 40 + 1, sample.out().length(), "prime, 40 characters and a final newline");
        assertEquals(sample.out(), CliRun.of("sample", "--checkpoint", run.resolve("model.safetensors").toString(),
                "--prime", "the ", "--length", "40", "--seed", "3").out(), "same seed, same text");

        CliRun eval = CliRun.of("eval", "--checkpoint", run.resolve("model.safetensors").toString(), "--data",
                text().toString(), "--seq", "7", "--json");
        assertEquals(0, eval.code(), eval.toString());
        JsonNode e = new ObjectMapper().readTree(eval.out());
        assertEquals(TEXT.length() - 1, e.get("predictions").asLong(), "batch 1 covers all N-1 predictions");
        assertEquals(Math.exp(e.get("loss").asDouble()), e.get("perplexity").asDouble(), 1e-9);
        CliRun otherSeq = CliRun.of("eval", "--checkpoint", run.resolve("model.safetensors").toString(), "--data",
                text().toString(), "--seq", "50", "--json");
        assertEquals(e.get("loss").asDouble(), new ObjectMapper().readTree(otherSeq.out()).get("loss").asDouble(),
                1e-5, "with batch 1 the loss does not depend on --seq");
    }

    @Test
    void wordTokens_areChosenInLowerCase() throws Exception {
        Path run = dir.resolve("words");
        CliRun train = CliRun.of(args(List.of("train", "--data", text().toString(), "--tokens", "words", "--out",
                run.toString(), "--steps", "2", "--eval-every", "2"), TINY));
        assertEquals(0, train.code(), train.toString());
        CliRun eval = CliRun.of("eval", "--checkpoint", run.resolve("model.safetensors").toString(), "--data",
                text().toString(), "--json");
        assertEquals(0, eval.code(), eval.toString());
        int words = 24 * 6 + 24; // 24 lines of six words, each line end an <eos>
        assertEquals(words - 1, new ObjectMapper().readTree(eval.out()).get("predictions").asLong());
    }

    @Test
    void initRange_drawsEveryParameterFromTheRange() throws Exception {
        Path run = dir.resolve("init");
        CliRun train = CliRun.of(args(List.of("train", "--data", text().toString(), "--init-range", "0.05", "--out",
                run.toString(), "--steps", "1", "--eval-every", "1", "--optimizer", "sgd", "--lr", "1e-6"), TINY));
        assertEquals(0, train.code(), train.toString());
        float largest = 0;
        for (Tensor t : SafeTensors.read(run.resolve("model.safetensors")).tensors().values()) {
            for (float v : t.toArray()) largest = Math.max(largest, Math.abs(v));
        }
        // PyTorch's defaults draw the embedding from N(0, 1): far outside 0.05. One step of lr 1e-6 moves nothing.
        assertTrue(largest <= 0.05 + 1e-5 && largest > 0.045, "largest |w| = " + largest);
        assertCleanError(2, "drop --init-range", "train", "--resume", run.toString(), "--init-range", "0.1", "--steps",
                "2");
    }

    @Test
    void cosineWithOnlyATimeBudget_annealsAsTheTimeRunsOut() throws Exception {
        Path run = dir.resolve("timed");
        CliRun train = CliRun.of(args(List.of("train", "--data", text().toString(), "--out", run.toString(), "--time",
                "2s", "--lr-schedule", "cosine", "--lr", "0.01", "--min-lr", "0.001", "--eval-every", "100000"), TINY));
        assertEquals(0, train.code(), train.toString());
        double[] rates = loggedRates(run);
        assertTrue(rates.length >= 2, train.toString());
        assertEquals(0.01, rates[0], 1e-12, "the first step, at 0 seconds, takes the full rate");
        for (int i = 1; i < rates.length; i++) {
            assertTrue(rates[i] <= rates[i - 1] && rates[i] >= 0.001, "step " + (i + 1) + ": " + rates[i]);
        }
        // The last step starts within its own duration of the 2 s budget: well past half of it.
        assertTrue(rates[rates.length - 1] < 0.0055, "last rate " + rates[rates.length - 1]);
    }

    @Test
    void cosineWithACooldown_holdsTheRateThenDecaysInTheLastShare() throws Exception {
        List<String> common = List.of("train", "--data", text().toString(), "--eval-every", "100000",
                "--lr-schedule", "cosine", "--lr-cooldown", "0.5", "--lr", "0.01", "--min-lr", "0");
        Path straight = dir.resolve("wsd");
        assertEquals(0, CliRun.of(args(common, args(List.of("--out", straight.toString(), "--steps", "8"), TINY)))
                .code());
        double[] rates = loggedRates(straight);
        // 8 steps, cool-down over the last half: the full rate for steps 0–4, then ½(1 + cos(π·(t/8 − ½)/½)) to 0
        // (log.csv keeps six significant digits of the rate)
        for (int t = 0; t <= 4; t++) assertEquals(0.01, rates[t], 1e-8, "step " + t);
        for (int t = 5; t < 8; t++) {
            assertEquals(0.005 * (1 + Math.cos(Math.PI * (t / 8.0 - 0.5) / 0.5)), rates[t], 1e-8, "step " + t);
        }
    }

    @Test
    void autoSchedule_annealsATimeBoundedRun_andRefusesDecayFlagsOnAStepBoundedOne() throws Exception {
        Path run = dir.resolve("auto");
        CliRun train = CliRun.of(args(List.of("train", "--data", text().toString(), "--out", run.toString(), "--time",
                "2s", "--lr", "0.01", "--lr-cooldown", "0.9", "--eval-every", "100000"), TINY));
        assertEquals(0, train.code(), train.toString());
        double[] rates = loggedRates(run);
        assertEquals(0.01, rates[0], 1e-12, "the default schedule starts at the full rate");
        for (int i = 1; i < rates.length; i++) {
            assertTrue(rates[i] <= rates[i - 1] && rates[i] >= 0.0001, "step " + (i + 1) + ": " + rates[i]);
        }
        assertTrue(rates[rates.length - 1] < 0.0055, "annealed by the end: last rate " + rates[rates.length - 1]);

        assertCleanError(2, "--lr-schedule auto keeps the rate constant in a run bounded by --steps", "train",
                "--data", text().toString(), "--out", dir.resolve("auto-steps").toString(), "--steps", "4",
                "--min-lr", "0.001");
    }

    private static double[] loggedRates(Path run) throws IOException {
        List<String> rows = Files.readAllLines(run.resolve("log.csv"));
        int lr = List.of(rows.get(0).split(",")).indexOf("lr");
        return rows.stream().skip(1).mapToDouble(r -> Double.parseDouble(r.split(",")[lr])).toArray();
    }

    @Test
    void sample_printsAWordPrimeAsWords_andJsonOnRequest() throws Exception {
        Path run = dir.resolve("words");
        assertEquals(0, CliRun.of(args(List.of("train", "--data", text().toString(), "--tokens", "words", "--out",
                run.toString(), "--steps", "2"), TINY)).code());
        String ckpt = run.resolve("model.safetensors").toString();
        CliRun words = CliRun.of("sample", "--checkpoint", ckpt, "--prime", "the cat", "--length", "3");
        assertEquals(0, words.code(), words.toString());
        assertTrue(words.out().startsWith("the cat "), "the first generated word follows a space\n" + words);
        CliRun json = CliRun.of("sample", "--checkpoint", ckpt, "--prime", "the", "--length", "4", "--json");
        assertEquals(0, json.code(), json.toString());
        var tree = new ObjectMapper().readTree(json.out());
        assertTrue(tree.get("text").asText().startsWith("the "), json.toString());
        assertEquals(4, tree.get("tokens").asInt());
    }

    @Test
    void resume_continuesBitForBit() throws Exception {
        String data = text().toString();
        List<String> common = List.of("train", "--data", data, "--eval-every", "4", "--dropout", "0.3");
        Path straight = dir.resolve("straight");
        assertEquals(0, CliRun.of(args(common, args(List.of("--out", straight.toString(), "--steps", "8"), TINY)))
                .code());
        Path split = dir.resolve("split");
        assertEquals(0, CliRun.of(args(common, args(List.of("--out", split.toString(), "--steps", "4"), TINY)))
                .code());
        // Only the budget (and threads) again: the data, model and recipe come from the run folder.
        CliRun resumed = CliRun.of("train", "--resume", split.toString(), "--steps", "8", "--threads", "1");
        assertEquals(0, resumed.code(), resumed.toString());
        Map<String, Tensor> a = SafeTensors.read(straight.resolve("model.safetensors")).tensors();
        Map<String, Tensor> b = SafeTensors.read(split.resolve("model.safetensors")).tensors();
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) {
            assertArrayEquals(a.get(k).toArray(), b.get(k).toArray(), k + " differs after resume");
        }
        assertEquals(9, Files.readAllLines(split.resolve("log.csv")).size(), "the log continues, header + 8 rows");
        assertCleanError(2, "drop --batch", "train", "--resume", split.toString(), "--steps", "12", "--batch", "5");
        assertCleanError(2, "has done 8 steps", "train", "--resume", split.toString(), "--steps", "8");
    }

    /**
     * A checkpoint written with PyTorch's names (as {@code safetensors.torch.save_file(model.state_dict())} writes
     * it) whose recurrent and output weights are zero: every logit is then the head bias, so the loss of each
     * prediction is {@code logsumexp(b) − b[target]}, computed here by hand.
     */
    @Test
    void pyTorchLayoutCheckpoint_evaluatesToTheHandComputedLoss() throws Exception {
        List<String> vocab = List.of("\n", " ", ".", "a", "b");
        int v = vocab.size();
        int h = 3;
        Map<String, Tensor> sd = new LinkedHashMap<>();
        sd.put("embed.weight", Tensor.ones(v, 2));
        sd.put("rnn.weight_ih_l0", Tensor.zeros(4 * h, 2));
        sd.put("rnn.weight_hh_l0", Tensor.zeros(4 * h, h));
        sd.put("rnn.bias_ih_l0", Tensor.zeros(4 * h));
        sd.put("rnn.bias_hh_l0", Tensor.zeros(4 * h));
        sd.put("head.weight", Tensor.zeros(v, h));
        float[] bias = {0.5f, -1f, 2f, 0f, 1f};
        sd.put("head.bias", Tensor.vector(bias));
        Path ckpt = dir.resolve("torch.safetensors");
        SafeTensors.write(ckpt, sd, Map.of("format", "rnn4j/1", "model", "lm", "config",
                "{\"vocabSize\":5,\"embedSize\":2,\"hiddenSize\":3,\"numLayers\":1,\"cell\":\"lstm\","
                        + "\"dropout\":0.0,\"tokens\":\"chars\"}",
                "vocab", "[\"\\n\",\" \",\".\",\"a\",\"b\"]"));
        String text = "ab a.\nba b\n";
        Path data = Files.writeString(dir.resolve("eval.txt"), text);

        double lse = 0;
        for (float b : bias) lse += Math.exp(b);
        lse = Math.log(lse);
        double sum = 0;
        for (int i = 1; i < text.length(); i++) sum += lse - bias[vocab.indexOf(text.substring(i, i + 1))];
        double expected = sum / (text.length() - 1);

        CliRun eval = CliRun.of("eval", "--checkpoint", ckpt.toString(), "--data", data.toString(), "--json");
        assertEquals(0, eval.code(), eval.toString());
        assertEquals(expected, new ObjectMapper().readTree(eval.out()).get("loss").asDouble(), 1e-5);
    }

    // ------------------------------------------------------------ bad input: one clean line, right exit code

    private void assertCleanError(int code, String expectedPart, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(code, r.code(), r.toString());
        assertTrue(r.err().contains(expectedPart), "expected '" + expectedPart + "' in\n" + r);
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("rnn4j: error: ")), r.toString());
        assertFalse(r.err().contains("\tat "), "no stack trace\n" + r);
    }

    @Test
    void badOptions_areUsageErrors() throws IOException {
        String data = text().toString();
        String out = dir.resolve("r").toString();
        assertCleanError(2, "--hidden must be >= 1, got 0", "train", "--data", data, "--out", out, "--steps", "1",
                "--hidden", "0");
        assertCleanError(2, "--seq must be >= 1, got -5", "train", "--data", data, "--out", out, "--steps", "1",
                "--seq", "-5");
        assertCleanError(2, "--cell must be lstm, gru, rnn_tanh or rnn_relu, got 'lstn'", "train", "--data", data,
                "--out", out, "--steps", "1", "--cell", "lstn");
        assertCleanError(2, "Unknown options: '--hiden'", "train", "--data", data, "--out", out, "--hiden", "3");
        assertTrue(CliRun.of("train", "--hiden", "3").err().contains("Possible solutions: --hidden"),
                "a misspelt flag gets a suggestion");
        assertCleanError(2, "give a budget", "train", "--data", data, "--out", out);
        assertCleanError(2, "no such file or dataset 'nope.txt'", "train", "--data", "nope.txt", "--out", out,
                "--steps", "1");
        assertCleanError(2, "--init-range must be >= 0, got -0.1", "train", "--data", data, "--out", out, "--steps",
                "1", "--init-range", "-0.1");
        assertCleanError(2, "--temperature must be >= 0", "sample", "--checkpoint", "x", "--temperature", "-1");
    }

    @Test
    void modelsTooLargeForMemory_areOneLineErrors() throws IOException {
        String data = text().toString();
        String out = dir.resolve("r").toString();
        assertCleanError(2, "a weight matrix of the recurrent layer", "train", "--data", data, "--out", out,
                "--steps", "1", "--hidden", "100000");
        assertCleanError(2, "use a smaller --batch, --seq or --hidden", "train", "--data", data, "--out", out,
                "--steps", "1", "--hidden", "1000", "--batch", "10000", "--seq", "100");
        // Every matrix fits in an array, but the 40 layers of 12.8 GB do not fit in any heap: the JVM's
        // OutOfMemoryError becomes the one-line error, at the first layer the heap cannot hold.
        assertCleanError(1, "out of memory", "train", "--data", data, "--out", out, "--steps", "1", "--hidden",
                "20000", "--embed", "16", "--layers", "40");
        // sizes whose product wraps around an int: Java's NegativeArraySizeException says only "-8"
        assertCleanError(1, "a size option is too large", "bench", "gemm", "-m", "2147483647", "-k", "2147483647",
                "-n", "8", "--repeats", "1");
    }

    @Test
    void existingRunFolder_needsForceOrResume() throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("something"), "x");
        assertCleanError(2, "already exists (--out); pass --force", "train", "--data", text().toString(), "--out",
                run.toString(), "--steps", "1");
        assertCleanError(2, "is a file, not a folder", "train", "--data", text().toString(), "--out",
                text().toString(), "--steps", "1");
        // a folder that cannot be made (its parent is a file): the path and the problem, not Java's bare path
        assertCleanError(1, "cannot read or write " + text().resolve("sub"), "train", "--data", text().toString(),
                "--out", text().resolve("sub").toString(), "--steps", "1");
    }

    @Test
    void badData_isAOneLineError() throws IOException {
        String out = dir.resolve("r").toString();
        Path latin1 = Files.write(dir.resolve("latin1.txt"), new byte[] {'a', 'b', (byte) 0xE9, 'c'});
        assertCleanError(1, "byte offset 2", "train", "--data", latin1.toString(), "--out", out, "--steps", "1");
        Path empty = Files.createFile(dir.resolve("empty.txt"));
        assertCleanError(1, "must not be empty", "train", "--data", empty.toString(), "--out", out, "--steps", "1");
        assertCleanError(1, "got a folder", "train", "--data", dir.toString(), "--out", out, "--steps", "1");
    }

    @Test
    void damagedCheckpointsAndUnknownTokens_areOneLineErrors() throws Exception {
        Path junk = Files.write(dir.resolve("junk.safetensors"), new byte[] {1, 2, 3});
        assertCleanError(1, "junk.safetensors", "sample", "--checkpoint", junk.toString());
        assertCleanError(1, "got a device or other special file", "sample", "--checkpoint", "/dev/null");
        assertCleanError(1, "no such file", "eval", "--checkpoint", dir.resolve("none.safetensors").toString(),
                "--data", text().toString());
        Path run = dir.resolve("run");
        assertEquals(0, CliRun.of(args(List.of("train", "--data", text().toString(), "--out", run.toString(),
                "--steps", "1"), TINY)).code());
        String ckpt = run.resolve("model.safetensors").toString();
        assertCleanError(1, "'Z' at token 0", "sample", "--checkpoint", ckpt, "--prime", "Z");
        assertCleanError(1, "give the model.safetensors beside it", "sample", "--checkpoint",
                run.resolve("model.train.safetensors").toString());
        byte[] whole = Files.readAllBytes(Path.of(ckpt));
        Path cut = Files.write(dir.resolve("cut.safetensors"), java.util.Arrays.copyOf(whole, whole.length / 2));
        assertCleanError(1, "damaged or cut short", "sample", "--checkpoint", cut.toString());
        Path other = Files.writeString(dir.resolve("other.txt"), "xyz xyz");
        assertCleanError(1, "must be in the model's vocabulary", "eval", "--checkpoint", ckpt, "--data",
                other.toString());
    }
}

package rnn4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rnn4j.io.Checkpoint;
import rnn4j.io.SafeTensors;
import rnn4j.nn.Parameter;
import rnn4j.tensor.GradCheck;
import rnn4j.tensor.Grad;
import rnn4j.tensor.Tensor;

class SequenceClassifierTest {
    private static SequenceClassifier.Config tokenConfig(String cell, boolean bidirectional, String pooling) {
        return new SequenceClassifier.Config(7, 0, 4, 3, 2, 3, cell, bidirectional, 0f, pooling);
    }

    @ParameterizedTest
    @CsvSource({"lstm, false, last", "lstm, true, last", "gru, true, mean", "rnn_tanh, false, max",
        "gru, true, max", "lstm, false, mean"})
    void logits_independentOfPaddingLength(String cell, boolean bidirectional, String pooling) {
        SequenceClassifier model = new SequenceClassifier(tokenConfig(cell, bidirectional, pooling),
                new SplittableRandom(3));
        model.eval();
        int[][] rows = {{1, 2, 3}, {4, 5, 6, 2, 1}, {3}};
        int[] lengths = {3, 5, 1};
        float[] shortPad = logits(model, rows, lengths, 5, 0);
        float[] longPad = logits(model, rows, lengths, 9, 0);
        float[] junkPad = logits(model, rows, lengths, 9, 6); // padding ids that are real tokens must not matter
        assertArrayEquals(shortPad, longPad, 1e-6f);
        assertArrayEquals(shortPad, junkPad, 1e-6f);
    }

    private static float[] logits(SequenceClassifier model, int[][] rows, int[] lengths, int length, int padId) {
        int[] ids = new int[rows.length * length];
        java.util.Arrays.fill(ids, padId);
        for (int b = 0; b < rows.length; b++) System.arraycopy(rows[b], 0, ids, b * length, rows[b].length);
        return Grad.disabled(() -> model.forward(ids, rows.length, length, lengths)).toArray();
    }

    @Test
    void lastPooling_bidirectional_isForwardFinalThenReverseAtStepZero() {
        SequenceClassifier model = new SequenceClassifier(
                new SequenceClassifier.Config(0, 2, 0, 3, 1, 2, "gru", true, 0f, "last"), new SplittableRandom(5));
        Tensor x = Tensor.normal(new SplittableRandom(6), 0, 1, 2, 4, 2);
        int[] lengths = {4, 2};
        Tensor pooled = Grad.disabled(() -> model.pooled(x, lengths));
        var out = Grad.disabled(() -> ((rnn4j.nn.recurrent.RecurrentLayer) model.namedChildren().get("rnn"))
                .forward(x, null, lengths)).output(); // (B, T, 2H)
        for (int b = 0; b < 2; b++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(out.get(b, lengths[b] - 1, j), pooled.get(b, j), 1e-6f, "forward half");
                assertEquals(out.get(b, 0, 3 + j), pooled.get(b, 3 + j), 1e-6f, "reverse half");
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"lstm, true, last", "gru, false, mean", "rnn_tanh, true, max"})
    void gradients_matchFiniteDifferences(String cell, boolean bidirectional, String pooling) {
        SequenceClassifier model = new SequenceClassifier(
                new SequenceClassifier.Config(0, 2, 3, 2, 2, 3, cell, bidirectional, 0f, pooling),
                new SplittableRandom(11));
        Tensor x = Tensor.normal(new SplittableRandom(12), 0, 1, 2, 3, 2).requiresGrad(true);
        int[] lengths = {3, 2};
        Map<String, Parameter> p = model.namedParameters();
        GradCheck.check(in -> model.forward(in[0], lengths), x, p.get("proj.weight").value(),
                p.get("rnn.weight_hh_l0").value(), p.get("rnn.weight_ih_l1").value(), p.get("head.weight").value());
    }

    @Test
    void checkpoint_roundTripsAndRebuildsFromConfig(@TempDir Path dir) {
        SequenceClassifier.Config config = tokenConfig("lstm", true, "mean");
        SequenceClassifier model = new SequenceClassifier(config, new SplittableRandom(1)).eval() instanceof
                SequenceClassifier m ? m : null;
        Path file = dir.resolve("c.safetensors");
        Checkpoint.save(file, model, SequenceClassifier.KIND, config, List.of("<pad>", "<unk>", "a", "b", "c", "d",
                "e"), Map.of("labels", Checkpoint.toJson(List.of("neg", "pos", "mixed"))));
        Checkpoint.Loaded loaded = Checkpoint.load(file);
        loaded.requireKind(SequenceClassifier.KIND);
        SequenceClassifier copy = new SequenceClassifier(loaded.config(SequenceClassifier.Config.class),
                new SplittableRandom(99));
        loaded.loadInto(copy);
        copy.eval();
        int[][] rows = {{2, 3, 4}, {5}};
        assertArrayEquals(logits(model, rows, new int[] {3, 1}, 3, 0), logits(copy, rows, new int[] {3, 1}, 3, 0));
        assertEquals("[\"neg\",\"pos\",\"mixed\"]", loaded.metadata().get("labels"));
    }

    @Test
    void stateDictKeys_arePyTorchs() {
        SequenceClassifier model = new SequenceClassifier(tokenConfig("gru", true, "last"), new SplittableRandom(1));
        assertEquals(List.of("embed.weight", "rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0", "rnn.bias_hh_l0",
                "rnn.weight_ih_l0_reverse", "rnn.weight_hh_l0_reverse", "rnn.bias_ih_l0_reverse",
                "rnn.bias_hh_l0_reverse", "rnn.weight_ih_l1", "rnn.weight_hh_l1", "rnn.bias_ih_l1", "rnn.bias_hh_l1",
                "rnn.weight_ih_l1_reverse", "rnn.weight_hh_l1_reverse", "rnn.bias_ih_l1_reverse",
                "rnn.bias_hh_l1_reverse", "head.weight", "head.bias"), List.copyOf(model.stateDict().keySet()));
        assertArrayEquals(new int[] {9, 6}, model.stateDict().get("rnn.weight_ih_l1").shape().dims());
    }

    @Test
    void pyTorchLayoutFile_loadsAndComputesByHand(@TempDir Path dir) {
        // What torch.save of SequenceClassifier(3, 0, 1, 1, 1, 2, "rnn_tanh") would hold, written by hand.
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put("embed.weight", Tensor.of(new float[] {0f, 0.5f, -1f}, 3, 1));
        state.put("rnn.weight_ih_l0", Tensor.of(new float[] {0.8f}, 1, 1));
        state.put("rnn.weight_hh_l0", Tensor.of(new float[] {-0.6f}, 1, 1));
        state.put("rnn.bias_ih_l0", Tensor.of(new float[] {0.1f}, 1));
        state.put("rnn.bias_hh_l0", Tensor.of(new float[] {0.05f}, 1));
        state.put("head.weight", Tensor.of(new float[] {2f, -3f}, 2, 1));
        state.put("head.bias", Tensor.of(new float[] {0.25f, 0f}, 2));
        var config = new SequenceClassifier.Config(3, 0, 1, 1, 1, 2, "rnn_tanh", false, 0f, "last");
        Path file = dir.resolve("torch.safetensors");
        SafeTensors.write(file, state, Map.of("format", Checkpoint.FORMAT, "model", "classifier", "config",
                Checkpoint.toJson(config)));
        Checkpoint.Loaded loaded = Checkpoint.load(file);
        SequenceClassifier model = new SequenceClassifier(loaded.config(SequenceClassifier.Config.class),
                new SplittableRandom(7));
        loaded.loadInto(model);
        model.eval();
        float[] got = Grad.disabled(() -> model.forward(new int[] {1, 2, 0}, 1, 3, new int[] {2})).toArray();
        double h1 = Math.tanh(0.8 * 0.5 + 0.1 + 0.05);
        double h2 = Math.tanh(0.8 * -1 + 0.1 - 0.6 * h1 + 0.05);
        assertArrayEquals(new float[] {(float) (2 * h2 + 0.25), (float) (-3 * h2)}, got, 1e-6f);
    }

    @Test
    void badInput_isRejectedWithClearMessages() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new SequenceClassifier.Config(5, 3, 4, 3, 1, 2, "lstm", false, 0f, "last"));
        assertTrue(e.getMessage().contains("exactly one of vocabSize"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tokenConfig("lstm", false, "median"));
        assertTrue(e.getMessage().contains("[last, mean, max], got 'median'"), e.getMessage());
        SequenceClassifier model = new SequenceClassifier(tokenConfig("gru", false, "last"), new SplittableRandom(1));
        e = assertThrows(IllegalArgumentException.class, () -> model.forward(new int[] {1, 2}, 1, 2, new int[] {3}));
        assertTrue(e.getMessage().contains("lengths must be in [1, 2], got 3 at row 0"), e.getMessage());
    }
}

package rnn4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnn4j.io.Checkpoint;
import rnn4j.io.SafeTensors;
import rnn4j.nn.Parameter;
import rnn4j.tensor.GradCheck;
import rnn4j.tensor.Grad;
import rnn4j.tensor.ShapeOps;
import rnn4j.tensor.Tensor;

class Seq2SeqTest {
    private static Seq2Seq.Config config(String cell, boolean bi, String attention, boolean tie) {
        return new Seq2Seq.Config(9, 7, 4, 3, 2, cell, bi, attention, 5, 0f, tie);
    }

    @Test
    void stateDict_matchesPyTorchModule_bidirectionalLstmAdditiveTied() {
        Seq2Seq m = new Seq2Seq(config("lstm", true, "additive", true), new SplittableRandom(1));
        Map<String, String> shapes = new LinkedHashMap<>();
        m.stateDict().forEach((k, v) -> shapes.put(k, v.shape().toString()));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("src_embed.weight", "[9, 4]");
        for (String l : List.of("_l0", "_l0_reverse", "_l1", "_l1_reverse")) {
            int in = l.startsWith("_l0") ? 4 : 6;
            expected.put("encoder.weight_ih" + l, "[12, " + in + "]");
            expected.put("encoder.weight_hh" + l, "[12, 3]");
            expected.put("encoder.bias_ih" + l, "[12]");
            expected.put("encoder.bias_hh" + l, "[12]");
        }
        expected.put("bridge.weight", "[3, 6]");
        expected.put("bridge.bias", "[3]");
        expected.put("bridge_c.weight", "[3, 6]");
        expected.put("bridge_c.bias", "[3]");
        expected.put("tgt_embed.weight", "[7, 4]");
        expected.put("decoder.0.weight_ih", "[12, 10]"); // E + C = 4 + 6
        expected.put("decoder.0.weight_hh", "[12, 3]");
        expected.put("decoder.0.bias_ih", "[12]");
        expected.put("decoder.0.bias_hh", "[12]");
        expected.put("decoder.1.weight_ih", "[12, 3]");
        expected.put("decoder.1.weight_hh", "[12, 3]");
        expected.put("decoder.1.bias_ih", "[12]");
        expected.put("decoder.1.bias_hh", "[12]");
        expected.put("attention.W.weight", "[5, 3]");
        expected.put("attention.U.weight", "[5, 6]");
        expected.put("attention.U.bias", "[5]");
        expected.put("attention.v.weight", "[1, 5]");
        expected.put("combine.weight", "[4, 9]"); // H + C = 9 → E
        expected.put("combine.bias", "[4]");
        expected.put("head.weight", "[7, 4]");
        expected.put("head.bias", "[7]");
        assertEquals(expected, shapes);
        // Tied: one parameter under two keys, counted once.
        Map<String, Parameter> named = m.namedParameters();
        assertEquals(false, named.containsKey("head.weight"));
        assertSame(m.stateDict().get("head.weight").data(), m.stateDict().get("tgt_embed.weight").data());
    }

    @Test
    void stateDict_plainGruWithoutAttention_hasNoBridgeNoAttention() {
        Seq2Seq m = new Seq2Seq(config("gru", false, "none", false), new SplittableRandom(1));
        assertEquals(List.of("src_embed.weight", "encoder.weight_ih_l0", "encoder.weight_hh_l0", "encoder.bias_ih_l0",
                "encoder.bias_hh_l0", "encoder.weight_ih_l1", "encoder.weight_hh_l1", "encoder.bias_ih_l1",
                "encoder.bias_hh_l1", "tgt_embed.weight", "decoder.0.weight_ih", "decoder.0.weight_hh",
                "decoder.0.bias_ih", "decoder.0.bias_hh", "decoder.1.weight_ih", "decoder.1.weight_hh",
                "decoder.1.bias_ih", "decoder.1.bias_hh", "head.weight", "head.bias"),
                List.copyOf(m.stateDict().keySet()));
        // GRU: 3H = 9 rows; input E + C = 4 + 3 (unidirectional context).
        assertEquals("[9, 7]", m.stateDict().get("decoder.0.weight_ih").shape().toString());
    }

    @Test
    void forward_teacherForcedBatchedHeadEqualsStepByStep() {
        for (String att : List.of("none", "additive", "dot", "general")) {
            Seq2Seq m = new Seq2Seq(config("gru", false, att, false), new SplittableRandom(2));
            int[] src = {4, 5, 6, 0, 7, 8, 4, 5};
            int[] lengths = {3, 4};
            int[] tgtIn = {1, 4, 5, 1, 6, 6};
            Tensor batched = Grad.eval(() -> m.forward(src, 2, 4, lengths, tgtIn, 3, 1.0, null).logits());
            Tensor manual = Grad.eval(() -> {
                Seq2Seq.Encoded enc = m.encode(src, 2, 4, lengths);
                Seq2Seq.DecoderState s = enc.initial();
                Tensor[] steps = new Tensor[3];
                for (int t = 0; t < 3; t++) {
                    Seq2Seq.Step st = m.step(new int[] {tgtIn[t], tgtIn[3 + t]}, s, enc);
                    s = st.state();
                    steps[t] = m.logits(st.features());
                }
                return ShapeOps.stack(1, steps);
            });
            assertArrayEquals(new int[] {2, 3, 7}, batched.shape().dims());
            assertArrayEquals(manual.toArray(), batched.toArray(), 1e-6f, att);
        }
    }

    @Test
    void forward_rowDoesNotDependOnPaddingOrOtherRows() {
        for (String att : List.of("none", "additive", "general")) {
            Seq2Seq m = new Seq2Seq(config("lstm", true, att, false), new SplittableRandom(3));
            Tensor alone = Grad.eval(() -> m.forward(new int[] {4, 5, 6}, 1, 3, new int[] {3}, new int[] {1, 4}, 2,
                    1.0, null).logits());
            Tensor padded = Grad.eval(() -> m.forward(new int[] {4, 5, 6, 0, 0, 8, 7, 6, 5, 4}, 2, 5,
                    new int[] {3, 5}, new int[] {1, 4, 1, 5}, 2, 1.0, null).logits());
            float[] first = java.util.Arrays.copyOf(padded.toArray(), 2 * 7);
            assertArrayEquals(alone.toArray(), first, 1e-5f, att);
        }
    }

    @Test
    void forward_attentionWeightsAreZeroPastTheSourceEnd() {
        Seq2Seq m = new Seq2Seq(config("gru", true, "additive", false), new SplittableRandom(4));
        Seq2Seq.Output out = Grad.eval(() -> m.forward(new int[] {4, 5, 0, 6, 7, 8}, 2, 3, new int[] {2, 3},
                new int[] {1, 4, 1, 5}, 2, 1.0, null));
        assertArrayEquals(new int[] {2, 2, 3}, out.weights().shape().dims());
        assertEquals(0f, out.weights().get(0, 0, 2), 0f);
        assertEquals(0f, out.weights().get(0, 1, 2), 0f);
    }

    @Test
    void gradients_matchFiniteDifferences() {
        Seq2Seq m = new Seq2Seq(new Seq2Seq.Config(6, 6, 3, 2, 1, "gru", true, "additive", 2, 0f, true),
                new SplittableRandom(5));
        List<Parameter> ps = m.parameters();
        // No <pad> among the decoder inputs: its embedding row gets no gradient by design (padding_idx), so finite
        // differences through it would disagree.
        Tensor[] inputs = ps.stream().map(Parameter::value).toArray(Tensor[]::new);
        GradCheck.withTolerance(1e-3, 5e-3, 2e-2).verify(in -> m.forward(new int[] {4, 5, 5, 4, 0, 0}, 2, 3,
                new int[] {3, 1}, new int[] {1, 4, 5, 1, 5, 4}, 3, 1.0, null).logits(), inputs);
    }

    @Test
    void forward_withoutTeacherForcingFeedsOwnPredictions() {
        Seq2Seq m = new Seq2Seq(config("gru", false, "dot", false), new SplittableRandom(6));
        int[] src = {4, 5, 6};
        int[] forcedIn = {1, 6, 6, 6};
        Tensor forced = Grad.eval(() -> m.forward(src, 1, 3, null, forcedIn, 4, 1.0, null).logits());
        Tensor free = Grad.eval(() -> m.forward(src, 1, 3, null, forcedIn, 4, 0.0, new SplittableRandom(1))
                .logits());
        // The first step reads <sos> either way; later steps differ unless the model happened to predict 6.
        assertArrayEquals(java.util.Arrays.copyOf(forced.toArray(), 7), java.util.Arrays.copyOf(free.toArray(), 7));
        int[] own = rnn4j.tensor.MathOps.argmax(free, 2);
        boolean allSix = own[0] == 6 && own[1] == 6 && own[2] == 6;
        if (!allSix) assertNotEquals(List.of(forced.toArray()), List.of(free.toArray()));
    }

    @Test
    void checkpoint_roundTripsWithConfigAndVocabularies(@TempDir Path dir) {
        Seq2Seq m = new Seq2Seq(config("lstm", true, "general", false), new SplittableRandom(7));
        Path file = dir.resolve("m.safetensors");
        Checkpoint.save(file, m, Seq2Seq.KIND, m.config(), null,
                Map.of("srcVocab", Checkpoint.toJson(List.of("a", "b")), "tgtVocab", Checkpoint.toJson(List.of("c"))));
        Checkpoint.Loaded loaded = Checkpoint.load(file);
        loaded.requireKind(Seq2Seq.KIND);
        Seq2Seq.Config c = loaded.config(Seq2Seq.Config.class);
        assertEquals(m.config(), c);
        Seq2Seq back = new Seq2Seq(c, new SplittableRandom(99));
        loaded.loadInto(back);
        int[] src = {4, 5, 6, 7};
        int[] tgt = {1, 4, 5};
        Tensor a = Grad.eval(() -> m.forward(src, 1, 4, null, tgt, 3, 1.0, null).logits());
        Tensor b = Grad.eval(() -> back.forward(src, 1, 4, null, tgt, 3, 1.0, null).logits());
        assertArrayEquals(a.toArray(), b.toArray(), 0f);
        assertEquals("[\"a\",\"b\"]", loaded.metadata().get("srcVocab"));
    }

    @Test
    void checkpoint_loadsFromPyTorchLayout(@TempDir Path dir) {
        // A file written key by key from the PyTorch module of the javadoc (GRU, unidirectional, no attention, 1
        // layer, E = 2, H = 2, vocabularies 5 and 6), not from a Seq2Seq: all weights zero but the head bias. Then
        // every logit is exactly the head bias: this pins the key names, shapes and the head's input.
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put("src_embed.weight", Tensor.zeros(5, 2));
        state.put("encoder.weight_ih_l0", Tensor.zeros(6, 2));
        state.put("encoder.weight_hh_l0", Tensor.zeros(6, 2));
        state.put("encoder.bias_ih_l0", Tensor.zeros(6));
        state.put("encoder.bias_hh_l0", Tensor.zeros(6));
        state.put("tgt_embed.weight", Tensor.zeros(6, 2));
        state.put("decoder.0.weight_ih", Tensor.zeros(6, 4));
        state.put("decoder.0.weight_hh", Tensor.zeros(6, 2));
        state.put("decoder.0.bias_ih", Tensor.zeros(6));
        state.put("decoder.0.bias_hh", Tensor.zeros(6));
        state.put("head.weight", Tensor.zeros(6, 4));
        state.put("head.bias", Tensor.vector(0, 1, 2, 3, 4, 5));
        Path file = dir.resolve("torch.safetensors");
        Seq2Seq.Config c = new Seq2Seq.Config(5, 6, 2, 2, 1, "gru", false, "none", 1, 0f, false);
        SafeTensors.write(file, state, Map.of("format", "pt", "model", Seq2Seq.KIND, "config",
                Checkpoint.toJson(c)));
        Checkpoint.Loaded loaded = Checkpoint.load(file);
        Seq2Seq m = new Seq2Seq(loaded.config(Seq2Seq.Config.class), new SplittableRandom(1));
        loaded.loadInto(m);
        Tensor logits = Grad.eval(() -> m.forward(new int[] {4, 4}, 1, 2, null, new int[] {1, 3}, 2, 1.0, null)
                .logits());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5}, logits.toArray(), 0f);
    }

    @Test
    void config_rejectsDotAttentionWithBidirectionalEncoder() {
        var e = assertThrows(IllegalArgumentException.class, () -> config("gru", true, "dot", false));
        assertEquals("Seq2Seq.Config: dot attention must have a unidirectional encoder (query width H, key width "
                + "2H), got bidirectional; use general or additive attention", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> config("rnn_tanh", false, "dot", false));
        assertEquals("Seq2Seq.Config: cell must be gru or lstm, got 'rnn_tanh'", e.getMessage());
    }
}

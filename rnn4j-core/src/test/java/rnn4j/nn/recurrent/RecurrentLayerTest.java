package rnn4j.nn.recurrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rnn4j.testing.Bits.assertBitsEqual;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import rnn4j.io.SafeTensors;
import rnn4j.kernel.Parallel;
import rnn4j.tensor.GradCheck;
import rnn4j.tensor.IndexOps;
import rnn4j.tensor.MathOps;
import rnn4j.tensor.ShapeOps;
import rnn4j.tensor.Tensor;
import rnn4j.testing.TestPaths;

class RecurrentLayerTest {
    // ------------------------------------------------------------ PyTorch reference files

    static Stream<Path> referenceFiles() throws IOException {
        var dir = TestPaths.reference();
        Assumptions.assumeTrue(dir.isPresent(), "shared/reference (PyTorch reference files) not found and "
                + "RNN4J_REFERENCE_DIR unset: skipping the layer-level PyTorch comparison");
        try (Stream<Path> files = Files.list(dir.get())) {
            return files.filter(f -> f.toString().endsWith(".safetensors")).sorted().toList().stream();
        }
    }

    /**
     * The layer module, loaded by PyTorch's own state-dict names, gives PyTorch's outputs, final states and the
     * gradients of {@code sum(output ⊙ R) + sum(h_n ⊙ R_h) (+ sum(c_n ⊙ R_c))} (the sum of the file's two gradient
     * sets, since gradients are linear in the seeds) within 1e-5 relative to each tensor's largest value.
     */
    @ParameterizedTest
    @MethodSource("referenceFiles")
    void forwardAndBackward_equalPyTorch_forEveryReferenceFile(Path file) {
        SafeTensors.Contents ref = SafeTensors.read(file);
        Map<String, String> meta = ref.metadata();
        CellType cell = CellType.parse(meta.get("mode").toLowerCase(java.util.Locale.ROOT));
        RecurrentConfig config = new RecurrentConfig(Integer.parseInt(meta.get("input_size")),
                Integer.parseInt(meta.get("hidden_size")), Integer.parseInt(meta.get("num_layers")), true, false, 0f,
                Boolean.parseBoolean(meta.get("bidirectional")), false);
        RecurrentLayer layer = RecurrentLayer.of(cell, config, new SplittableRandom(1), new SplittableRandom(2));
        Map<String, Tensor> weights = new LinkedHashMap<>();
        for (String name : layer.stateDict().keySet()) weights.put(name, ref.tensor(name));
        layer.loadStateDict(weights);

        Tensor x = ref.tensor("x").copy().requiresGrad(true);
        Tensor h0 = ref.tensor("h0").copy().requiresGrad(true);
        Tensor c0 = cell.hasCellState() ? ref.tensor("c0").copy().requiresGrad(true) : null;
        RecurrentLayer.Output out = layer.forward(x, new RecurrentState(h0, c0), null);

        assertClose(ref.tensor("output"), out.output(), file + " output");
        assertClose(ref.tensor("h_n"), out.state().h(), file + " h_n");
        Tensor loss = MathOps.add(MathOps.sum(MathOps.mul(out.output(), ref.tensor("R"))),
                MathOps.sum(MathOps.mul(out.state().h(), ref.tensor("R_h"))));
        if (cell.hasCellState()) {
            assertClose(ref.tensor("c_n"), out.state().c(), file + " c_n");
            loss = MathOps.add(loss, MathOps.sum(MathOps.mul(out.state().c(), ref.tensor("R_c"))));
        }
        loss.backward();
        assertGrad(ref, "x", x.grad(), file);
        assertGrad(ref, "h0", h0.grad(), file);
        if (c0 != null) assertGrad(ref, "c0", c0.grad(), file);
        layer.namedParameters().forEach((name, p) -> assertGrad(ref, name, p.grad(), file));
    }

    private static void assertGrad(SafeTensors.Contents ref, String name, Tensor actual, Path file) {
        assertNotNull(actual, file + ": no gradient for " + name);
        float[] expected = ref.tensor("grad." + name).toArray();
        float[] state = ref.tensor("grad_state." + name).toArray();
        for (int i = 0; i < expected.length; i++) expected[i] += state[i];
        assertClose(Tensor.of(expected, actual.shape().dims()), actual, file + " grad of " + name);
    }

    private static void assertClose(Tensor expected, Tensor actual, String what) {
        assertEquals(expected.shape(), actual.shape(), what + ": shape");
        float[] e = expected.toArray();
        float[] a = actual.toArray();
        double scale = 1;
        for (float v : e) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], 1e-5 * scale, what + " at flat index " + i);
        }
    }

    // ------------------------------------------------------------ names and shapes

    @Test
    void stateDict_hasPyTorchNamesAndShapes_inPyTorchOrder() {
        RecurrentConfig c = new RecurrentConfig(5, 7, 2, true, true, 0f, true, false);
        Map<String, Tensor> sd = new Lstm(c, new SplittableRandom(0)).stateDict();
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
                "weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse",
                "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1",
                "weight_ih_l1_reverse", "weight_hh_l1_reverse", "bias_ih_l1_reverse", "bias_hh_l1_reverse"),
                List.copyOf(sd.keySet()));
        assertArrayEquals(new int[] {28, 5}, sd.get("weight_ih_l0").shape().dims());
        assertArrayEquals(new int[] {28, 14}, sd.get("weight_ih_l1_reverse").shape().dims());
        assertArrayEquals(new int[] {21, 7}, new Gru(RecurrentConfig.of(3, 7, 1), new SplittableRandom(0))
                .stateDict().get("weight_hh_l0").shape().dims());
    }

    @Test
    void init_isUniformWithinOneOverSqrtHidden() {
        Lstm lstm = new Lstm(RecurrentConfig.of(16, 64, 1), new SplittableRandom(3));
        float bound = 1 / 8f;
        double sumSquares = 0;
        int n = 0;
        for (var p : lstm.parameters()) {
            for (float v : p.value().toArray()) {
                assertTrue(Math.abs(v) <= bound, "value " + v + " outside ±1/√H");
                sumSquares += v * v;
                n++;
            }
        }
        assertEquals(bound * bound / 3, sumSquares / n, 0.1 * bound * bound / 3, "variance of U(−b, b) is b²/3");
    }

    @Test
    void forward_rejectsWrongInputAndStateShapes_namingThem() {
        Lstm lstm = new Lstm(RecurrentConfig.of(3, 4, 2), new SplittableRandom(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> lstm.forward(Tensor.zeros(2, 5, 6)));
        assertEquals("Lstm.forward: input must be (B, T, I) with 3 features, got [2, 5, 6]", e.getMessage());
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class, () -> lstm.forward(
                Tensor.zeros(2, 5, 3), new RecurrentState(Tensor.zeros(1, 2, 4), Tensor.zeros(2, 2, 4)), null));
        assertEquals("Lstm.forward: initial h must be (layers·directions, B, H) = [2, 2, 4], got [1, 2, 4]",
                s.getMessage());
    }

    // ------------------------------------------------------------ gradients in every mode

    private static Tensor input(int b, int t, int i, long seed) {
        return Tensor.normal(new SplittableRandom(seed), 0, 1, b, t, i).requiresGrad(true);
    }

    /** One scalar-free function of the whole output and final states, so GradCheck weighs every path. */
    private static Tensor everything(RecurrentLayer.Output out) {
        Tensor flat = ShapeOps.reshape(out.output(), -1);
        Tensor h = ShapeOps.reshape(out.state().h(), -1);
        Tensor all = ShapeOps.concat(0, flat, h);
        return out.state().c() == null ? all : ShapeOps.concat(0, all, ShapeOps.reshape(out.state().c(), -1));
    }

    @ParameterizedTest
    @EnumSource(CellType.class)
    void gradients_matchFiniteDifferences_stackedBidirectionalResidualWithLengthsAndInitialState(CellType cell) {
        // Residual needs equal widths: input 6 = 2 directions × 3, so layer 1 adds layer 0's output.
        RecurrentLayer layer = RecurrentLayer.of(cell, new RecurrentConfig(6, 3, 2, true, true, 0f, true, true),
                new SplittableRandom(5), new SplittableRandom(6));
        Tensor x = input(3, 4, 6, 7);
        Tensor h0 = Tensor.normal(new SplittableRandom(8), 0, 0.5f, 4, 3, 3).requiresGrad(true);
        Tensor c0 = Tensor.normal(new SplittableRandom(9), 0, 0.5f, 4, 3, 3).requiresGrad(true);
        int[] lengths = {4, 2, 3};
        List<Tensor> params = layer.parameters().stream().map(p -> p.value()).toList();
        Tensor[] inputs = Stream.concat(Stream.of(x, h0, c0), params.stream()).toArray(Tensor[]::new);
        // relu has a kink at 0: a smaller step keeps the central difference from straddling it.
        double eps = cell == CellType.RNN_RELU ? 1e-3 : 1e-2;
        GradCheck.withTolerance(eps, 5e-3, 2e-2).verify(in -> everything(layer.forward(in[0],
                new RecurrentState(in[1], cell.hasCellState() ? in[2] : null), lengths)), inputs);
    }

    // ------------------------------------------------------------ variable lengths

    @ParameterizedTest
    @EnumSource(CellType.class)
    void withLengths_eachSequenceEqualsRunningItAlone(CellType cell) {
        RecurrentConfig c = new RecurrentConfig(4, 5, 2, true, true, 0f, true, false);
        RecurrentLayer layer = RecurrentLayer.of(cell, c, new SplittableRandom(11), new SplittableRandom(12));
        int[] lengths = {6, 3, 1, 5};
        Tensor x = input(4, 6, 4, 13);
        RecurrentLayer.Output batched = layer.forward(x, null, lengths);
        Tensor loss = MathOps.sum(MathOps.mul(batched.output(), batched.output()));
        loss.backward();
        float[] batchedGradX = x.grad().toArray();
        for (int b = 0; b < lengths.length; b++) {
            int len = lengths[b];
            Tensor alone = ShapeOps.narrow(ShapeOps.narrow(x.detach(), 0, b, 1), 1, 0, len).copy().requiresGrad(true);
            RecurrentLayer.Output single = layer.forward(alone);
            for (int t = 0; t < 6; t++) {
                for (int f = 0; f < c.outputSize(); f++) {
                    float want = t < len ? single.output().get(0, t, f) : 0f;
                    assertEquals(want, batched.output().get(b, t, f), 1e-5, "row " + b + " step " + t);
                }
            }
            for (int i = 0; i < 4; i++) {
                for (int h = 0; h < 5; h++) {
                    assertEquals(single.state().h().get(i, 0, h), batched.state().h().get(i, b, h), 1e-5,
                            "final h of row " + b);
                }
            }
            MathOps.sum(MathOps.mul(single.output(), single.output())).backward();
            float[] g = alone.grad().toArray();
            for (int t = 0; t < 6; t++) {
                for (int f = 0; f < 4; f++) {
                    float want = t < len ? g[t * 4 + f] : 0f;
                    assertEquals(want, batchedGradX[(b * 6 + t) * 4 + f], 1e-5, "dx of row " + b + " step " + t);
                }
            }
        }
    }

    // ------------------------------------------------------------ determinism and truncated BPTT

    @Test
    void results_areBitIdentical_atOneAndTwoThreads() {
        RecurrentConfig c = new RecurrentConfig(32, 64, 2, true, true, 0f, true, false);
        float[][] one = runOnce(c, 1);
        float[][] two = runOnce(c, 2);
        for (int i = 0; i < one.length; i++) assertArrayEquals(one[i], two[i], "result " + i);
    }

    private static float[][] runOnce(RecurrentConfig c, int threads) {
        int saved = Parallel.threads();
        Parallel.setThreads(threads);
        try {
            Lstm lstm = new Lstm(c, new SplittableRandom(21));
            Tensor x = input(16, 20, 32, 22);
            RecurrentLayer.Output out = lstm.forward(x);
            MathOps.sum(MathOps.mul(out.output(), out.output())).backward();
            return new float[][] {out.output().toArray(), x.grad().toArray(),
                lstm.parameters().getFirst().grad().toArray()};
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void detachedState_carriesValuesButStopsGradients() {
        Gru gru = new Gru(RecurrentConfig.of(2, 3, 1), new SplittableRandom(31));
        Tensor x = input(2, 8, 2, 32);
        RecurrentLayer.Output whole = gru.forward(x.detach());
        RecurrentLayer.Output first = gru.forward(ShapeOps.narrow(x.detach(), 1, 0, 5));
        RecurrentLayer.Output second = gru.forward(ShapeOps.narrow(x.detach(), 1, 5, 3), first.state().detach(),
                null);
        assertArrayEquals(ShapeOps.narrow(whole.output(), 1, 5, 3).toArray(), second.output().toArray(), 1e-6f);
        assertTrue(second.output().requiresGrad(), "the second segment still depends on the parameters");
        assertTrue(first.state().detach().h().isLeaf());
    }

    // ------------------------------------------------------------ a projected first layer

    /** Every cell, with and without bias, and one LSTM wide enough for the step-by-step schedule (W_hh past 1 MB). */
    static Stream<Arguments> projectedSettings() {
        return Stream.concat(Stream.of(CellType.values()).flatMap(cell -> Stream.of(
                Arguments.of(cell, new RecurrentConfig(4, 3, 2, true, true, 0f, false, false)),
                Arguments.of(cell, new RecurrentConfig(4, 3, 1, false, false, 0f, false, false)))),
                Stream.of(Arguments.of(CellType.LSTM, new RecurrentConfig(6, 300, 1, true, true, 0f, false, false))));
    }

    @ParameterizedTest
    @MethodSource("projectedSettings")
    void forwardProjected_onRowsOfAProjectedTable_equalsForwardOnTheTableRows(CellType cell, RecurrentConfig config) {
        RecurrentLayer layer = RecurrentLayer.of(cell, config, new SplittableRandom(21), new SplittableRandom(22));
        Tensor table = Tensor.normal(new SplittableRandom(23), 0, 1, 5, config.inputSize()).requiresGrad(true);
        int[] ids = {4, 0, 2, 2, 1, 3, 0, 4, 4, 1, 2, 0};     // B = 3, T = 4
        int[] dims = config.batchFirst() ? new int[] {3, 4} : new int[] {4, 3};
        int[] lengths = {4, 2, 3};
        RecurrentLayer.Output want = layer.forward(IndexOps.embedding(table, ids, dims), null, lengths);
        MathOps.sum(MathOps.mul(everything(want), everything(want))).backward();
        List<float[]> wantGrads = gradients(layer, table);
        layer.zeroGrad();
        table.zeroGrad();

        int[] timeMajor = config.batchFirst() ? timeMajor(ids, 3, 4) : ids;
        RecurrentLayer.Output got = layer.forwardProjected(
                IndexOps.embedding(layer.projectInputs(table), timeMajor, 4, 3), null, lengths);
        MathOps.sum(MathOps.mul(everything(got), everything(got))).backward();
        List<float[]> gotGrads = gradients(layer, table);

        // The same sums in the same order forward; the gradients of W_ih, the biases and the table are summed per
        // table row first, so they agree to rounding.
        assertBitsEqual(everything(want).toArray(), everything(got).toArray(), cell + " outputs and states");
        for (int i = 0; i < wantGrads.size(); i++) {
            float[] w = wantGrads.get(i);
            float[] g = gotGrads.get(i);
            for (int j = 0; j < w.length; j++) {
                assertEquals(w[j], g[j], 1e-5 * Math.max(1, Math.abs(w[j])), cell + " gradient " + i + "[" + j + "]");
            }
        }
    }

    /** Ids {@code (B, T)} reordered {@code (T, B)}. */
    private static int[] timeMajor(int[] ids, int batch, int steps) {
        int[] out = new int[ids.length];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) out[t * batch + b] = ids[b * steps + t];
        }
        return out;
    }

    private static List<float[]> gradients(RecurrentLayer layer, Tensor table) {
        return Stream.concat(Stream.of(table), layer.parameters().stream().map(p -> p.value()))
                .map(t -> t.grad().toArray()).toList();
    }

    @ParameterizedTest
    @EnumSource(CellType.class)
    void forwardProjected_gradientsMatchFiniteDifferences(CellType cell) {
        RecurrentLayer layer = RecurrentLayer.of(cell, new RecurrentConfig(4, 3, 2, true, true, 0f, false, false),
                new SplittableRandom(31), new SplittableRandom(32));
        Tensor table = Tensor.normal(new SplittableRandom(33), 0, 1, 3, 4).requiresGrad(true);
        Tensor h0 = Tensor.normal(new SplittableRandom(34), 0, 0.5f, 2, 2, 3).requiresGrad(true);
        Tensor c0 = Tensor.normal(new SplittableRandom(35), 0, 0.5f, 2, 2, 3).requiresGrad(true);
        int[] ids = {2, 0, 1, 2, 1, 1};     // B = 2, T = 3
        int[] lengths = {3, 2};
        List<Tensor> params = layer.parameters().stream().map(p -> p.value()).toList();
        Tensor[] inputs = Stream.concat(Stream.of(table, h0, c0), params.stream()).toArray(Tensor[]::new);
        double eps = cell == CellType.RNN_RELU ? 1e-3 : 1e-2;
        GradCheck.withTolerance(eps, 5e-3, 2e-2).verify(in -> everything(layer.forwardProjected(
                IndexOps.embedding(layer.projectInputs(in[0]), timeMajor(ids, 2, 3), 3, 2),
                new RecurrentState(in[1], cell.hasCellState() ? in[2] : null), lengths)), inputs);
    }

    @Test
    void forwardProjected_refusesABidirectionalLayerAndTheWrongWidth() {
        RecurrentLayer both = new Gru(RecurrentConfig.of(3, 4, 1).withBidirectional(true), new SplittableRandom(0));
        var e = assertThrows(IllegalArgumentException.class, () -> both.projectInputs(Tensor.zeros(2, 3)));
        assertTrue(e.getMessage().contains("bidirectional"), e.getMessage());
        RecurrentLayer lstm = new Lstm(RecurrentConfig.of(3, 4, 1), new SplittableRandom(0));
        e = assertThrows(IllegalArgumentException.class, () -> lstm.forwardProjected(Tensor.zeros(2, 5, 3), null,
                null));
        assertTrue(e.getMessage().contains("with G·H = 16 features, got [2, 5, 3]"), e.getMessage());
    }
}

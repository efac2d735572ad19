package rnn4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rnn4j.tensor.RecurrentTesting.assertClose;
import static rnn4j.tensor.RecurrentTesting.call;
import static rnn4j.tensor.RecurrentTesting.randomArray;
import static rnn4j.tensor.RecurrentTesting.randomLayer;
import static rnn4j.tensor.RecurrentTesting.results;
import static rnn4j.tensor.RecurrentTesting.weightedSum;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import rnn4j.kernel.Parallel;
import rnn4j.tensor.RecurrentTesting.Layer;

class RecurrentOpsTest {

    static Stream<Arguments> modes() {
        List<Arguments> out = new ArrayList<>();
        for (RecurrentCell cell : RecurrentCell.values()) {
            for (boolean reverse : new boolean[] {false, true}) {
                for (boolean masked : new boolean[] {false, true}) {
                    for (boolean withState : new boolean[] {false, true}) {
                        for (boolean withBias : new boolean[] {false, true}) {
                            out.add(Arguments.of(cell, reverse, masked, withState, withBias));
                        }
                    }
                }
            }
        }
        return out.stream();
    }

    /** Seeds for the output, hN and cN of a call. */
    private static List<float[]> seeds(RandomGenerator rng, List<Tensor> results) {
        List<float[]> w = new ArrayList<>();
        for (Tensor t : results) w.add(randomArray(rng, t.size()));
        return w;
    }

    @ParameterizedTest(name = "{0} reverse={1} lengths={2} state={3} bias={4}")
    @MethodSource("modes")
    void gradient_matchesFiniteDifferences(RecurrentCell cell, boolean reverse, boolean masked, boolean withState,
                                           boolean withBias) {
        RandomGenerator rng = new SplittableRandom(17 + cell.ordinal());
        Layer layer = randomLayer(rng, cell, 3, 3, 3, 2, withState, withBias);
        int[] lengths = masked ? new int[] {2, 3, 1} : null;
        List<float[]> w = seeds(rng, results(call(cell, layer, lengths, reverse)));
        // ReLU's kink: a smaller step keeps the differences from straddling it (float32 noise stays below 1e-4).
        double eps = cell == RecurrentCell.RNN_RELU ? 1e-3 : 1e-2;
        RecurrentTesting.gradCheck(() -> results(call(cell, layer, lengths, reverse)), w, layer.leaves(), eps, 2e-3);
    }

    /** Each cell both ways, narrow; and forward only with weights past L2, whose input projection runs up front. */
    @ParameterizedTest(name = "{0} reverse={1}")
    @MethodSource("cellsBothWays")
    void gradient_pastL2_matchesADirectionalDifference(RecurrentCell cell, boolean reverse) {
        // Weights past L2 take the other schedule (products over the whole batch, gate kernels split by rows).
        RandomGenerator rng = new SplittableRandom(31);
        Layer layer = randomLayer(rng, cell, 4, 19, 384, 384, true, true);
        int[] lengths = new int[19];
        Arrays.fill(lengths, 0, 9, 4);
        Arrays.fill(lengths, 9, 19, 2);
        List<float[]> w = seeds(rng, results(call(cell, layer, lengths, reverse)));
        RecurrentTesting.directionalGradCheck(() -> results(call(cell, layer, lengths, reverse)), w, layer.leaves(),
                rng, 1e-4, 2e-2);
    }

    static Stream<Arguments> cellsBothWays() {
        return Arrays.stream(RecurrentCell.values())
                .flatMap(c -> Stream.of(Arguments.of(c, false), Arguments.of(c, true)));
    }

    static Stream<Arguments> cellsAndDirections() {
        return Arrays.stream(RecurrentCell.values()).flatMap(c -> Stream.of(Arguments.of(c, false, 4),
                Arguments.of(c, true, 4), Arguments.of(c, false, 384)));
    }

    @ParameterizedTest(name = "{0} reverse={1} hidden={2}")
    @MethodSource("cellsAndDirections")
    void lengths_giveEachSequenceItsResultsAlone(RecurrentCell cell, boolean reverse, int hidden) {
        RandomGenerator rng = new SplittableRandom(5);
        int steps = 5, input = hidden == 4 ? 3 : hidden;
        int[] lengths = {3, 5, 1, 4};
        int batch = lengths.length;
        Layer all = randomLayer(rng, cell, steps, batch, input, hidden, true, true);
        RecurrentOps.Sequence batched = call(cell, all, lengths, reverse);
        List<float[]> w = seeds(rng, results(batched));
        weightedSum(results(batched), w).backward();

        int stateSize = hidden;
        float[][] weightGradSums = new float[4][];
        for (int b = 0; b < batch; b++) {
            int len = lengths[b];
            Layer one = new Layer(rows(all.x(), b, len), row(all.h0(), b), row(all.c0(), b), leafCopy(all.wIh()),
                    leafCopy(all.wHh()), leafCopy(all.bIh()), leafCopy(all.bHh()));
            RecurrentOps.Sequence alone = call(cell, one, null, reverse);
            List<float[]> wOne = new ArrayList<>();
            wOne.add(sliceSteps(w.get(0), b, len, batch, hidden));
            for (int k = 1; k < w.size(); k++) wOne.add(Arrays.copyOfRange(w.get(k), b * hidden, (b + 1) * hidden));
            weightedSum(results(alone), wOne).backward();

            String what = cell + " row " + b + " ";
            float[] expectedOut = new float[steps * hidden];   // zero past the row's length
            System.arraycopy(alone.output().toArray(), 0, expectedOut, 0, len * hidden);
            assertClose(expectedOut, stepsOf(batched.output(), b, steps, batch, hidden), 1e-6, what + "output");
            assertClose(alone.hN().toArray(), rowOf(batched.hN(), b, stateSize), 1e-6, what + "hN");
            if (cell == RecurrentCell.LSTM) {
                assertClose(alone.cN().toArray(), rowOf(batched.cN(), b, stateSize), 1e-6, what + "cN");
            }
            float[] expectedDx = new float[steps * input];
            System.arraycopy(one.x().gradData(), 0, expectedDx, 0, len * input);
            assertClose(expectedDx, stepsOf(all.x().grad(), b, steps, batch, input), 1e-5, what + "dx");
            assertClose(one.h0().gradData(), rowOf(all.h0().grad(), b, stateSize), 1e-5, what + "dh0");
            if (cell == RecurrentCell.LSTM) {
                assertClose(one.c0().gradData(), rowOf(all.c0().grad(), b, stateSize), 1e-5, what + "dc0");
            }
            Tensor[] params = {one.wIh(), one.wHh(), one.bIh(), one.bHh()};
            for (int k = 0; k < 4; k++) {
                float[] g = params[k].gradData();
                if (weightGradSums[k] == null) {
                    weightGradSums[k] = g.clone();
                } else {
                    for (int i = 0; i < g.length; i++) weightGradSums[k][i] += g[i];
                }
            }
        }
        Tensor[] params = {all.wIh(), all.wHh(), all.bIh(), all.bHh()};
        for (int k = 0; k < 4; k++) {
            assertClose(weightGradSums[k], params[k].gradData(), 1e-5, cell + " parameter gradient " + k);
        }
    }

    private static Tensor leafCopy(Tensor t) {
        return t.copy().requiresGrad(true);
    }

    /** {@code t[0:len, b]} of a {@code (T, B, F)} tensor as a {@code (len, 1, F)} leaf. */
    private static Tensor rows(Tensor t, int b, int len) {
        int batch = t.dim(1), f = t.dim(2);
        float[] out = new float[len * f];
        for (int s = 0; s < len; s++) System.arraycopy(t.data(), t.offset() + (s * batch + b) * f, out, s * f, f);
        return Tensor.of(out, len, 1, f).requiresGrad(true);
    }

    /** Row {@code b} of a {@code (B, H)} tensor as a {@code (1, H)} leaf, or null. */
    private static Tensor row(Tensor t, int b) {
        if (t == null) return null;
        int h = t.dim(1);
        return Tensor.of(Arrays.copyOfRange(t.data(), t.offset() + b * h, t.offset() + (b + 1) * h), 1, h)
                .requiresGrad(true);
    }

    private static float[] rowOf(Tensor t, int b, int h) {
        return Arrays.copyOfRange(t.data(), t.offset() + b * h, t.offset() + (b + 1) * h);
    }

    /** All {@code T} steps of batch row {@code b} of a {@code (T, B, F)} tensor, concatenated. */
    private static float[] stepsOf(Tensor t, int b, int steps, int batch, int f) {
        float[] out = new float[steps * f];
        for (int s = 0; s < steps; s++) System.arraycopy(t.data(), t.offset() + (s * batch + b) * f, out, s * f, f);
        return out;
    }

    private static float[] sliceSteps(float[] a, int b, int len, int batch, int f) {
        float[] out = new float[len * f];
        for (int s = 0; s < len; s++) System.arraycopy(a, (s * batch + b) * f, out, s * f, f);
        return out;
    }

    @ParameterizedTest
    @EnumSource(RecurrentCell.class)
    void results_bitIdenticalWhenRunTwice(RecurrentCell cell) {
        // The kernels run in a fixed order on the calling thread: deterministic by construction.
        float[][] first = runAndCollect(cell);
        float[][] second = runAndCollect(cell);
        for (int k = 0; k < first.length; k++) assertArrayEquals(first[k], second[k], "array " + k);
    }

    private static float[][] runAndCollect(RecurrentCell cell) {
        RandomGenerator rng = new SplittableRandom(3);
        Layer layer = randomLayer(rng, cell, 4, 3, 5, 6, true, true);
        RecurrentOps.Sequence s = call(cell, layer, new int[] {4, 2, 3}, true);
        weightedSum(results(s), seeds(rng, results(s))).backward();
        List<float[]> out = new ArrayList<>();
        for (Tensor t : results(s)) out.add(t.toArray());
        for (Tensor t : layer.leaves()) out.add(t.gradData());
        return out.toArray(new float[0][]);
    }

    static Stream<Arguments> cellsAndWidths() {
        return Arrays.stream(RecurrentCell.values()).flatMap(c -> Stream.of(Arguments.of(c, 20), Arguments.of(c, 384)));
    }

    @ParameterizedTest(name = "{0} hidden={1}")
    @MethodSource("cellsAndWidths")
    void results_bitIdenticalForOneAndTwoThreads(RecurrentCell cell, int hidden) {
        // 19 rows split into blocks of 8 and 11 with two threads; past t = 0 only rows 0-8 run, so the second block
        // has a single active row while the whole batch has nine. Hidden 20 leaves a partial vector; at 384 the
        // weights pass L2 and the input projection runs as one product up front.
        float[][] one = threadRun(cell, hidden, 1);
        float[][] two = threadRun(cell, hidden, 2);
        for (int k = 0; k < one.length; k++) assertArrayEquals(one[k], two[k], "array " + k);
    }

    private static float[][] threadRun(RecurrentCell cell, int hidden, int threads) {
        int saved = Parallel.threads();
        Parallel.setThreads(threads);
        try {
            List<float[]> out = new ArrayList<>();
            int[] lengths = new int[19];
            Arrays.fill(lengths, 1);
            Arrays.fill(lengths, 0, 9, 5);
            for (boolean reverse : new boolean[] {false, true}) {
                RandomGenerator rng = new SplittableRandom(23);
                Layer layer = randomLayer(rng, cell, 5, 19, hidden == 20 ? 7 : hidden, hidden, true, true);
                RecurrentOps.Sequence s = call(cell, layer, lengths, reverse);
                weightedSum(results(s), seeds(rng, results(s))).backward();
                for (Tensor t : results(s)) out.add(t.toArray());
                for (Tensor t : layer.leaves()) out.add(t.gradData());
            }
            return out.toArray(new float[0][]);
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void backwardTwice_doublesGradients() {
        RandomGenerator rng = new SplittableRandom(8);
        Layer layer = randomLayer(rng, RecurrentCell.LSTM, 3, 2, 2, 3, true, true);
        RecurrentOps.Sequence s = call(RecurrentCell.LSTM, layer, null, false);
        Tensor loss = weightedSum(results(s), seeds(rng, results(s)));
        loss.backward();
        float[] once = layer.wHh().gradData().clone();
        loss.backward();
        float[] twice = layer.wHh().gradData();
        for (int i = 0; i < once.length; i++) assertEquals(2 * once[i], twice[i], 1e-6 * (1 + Math.abs(once[i])));
    }

    @ParameterizedTest
    @EnumSource(RecurrentCell.class)
    void gradDisabled_recordsNothingAndComputesTheSameValues(RecurrentCell cell) {
        Layer layer = randomLayer(new SplittableRandom(9), cell, 3, 2, 2, 3, true, true);
        RecurrentOps.Sequence recorded = call(cell, layer, null, false);
        RecurrentOps.Sequence plain = Grad.disabled(() -> call(cell, layer, null, false));
        assertTrue(recorded.output().requiresGrad());
        assertFalse(plain.output().requiresGrad());
        assertFalse(plain.hN().requiresGrad());
        assertArrayEquals(recorded.output().toArray(), plain.output().toArray());
        assertArrayEquals(recorded.hN().toArray(), plain.hN().toArray());
        if (cell != RecurrentCell.LSTM) assertNull(plain.cN());
    }

    @Test
    void lstm_matchesTheCellEquationsOnOneStep() {
        // One step, one unit, hand-computed from the equations (gate rows i, f, g, o).
        Tensor x = Tensor.of(new float[] {0.5f}, 1, 1, 1);
        Tensor h0 = Tensor.of(new float[] {0.2f}, 1, 1);
        Tensor c0 = Tensor.of(new float[] {-0.3f}, 1, 1);
        Tensor wIh = Tensor.of(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, 4, 1);
        Tensor wHh = Tensor.of(new float[] {-0.5f, 0.6f, -0.7f, 0.8f}, 4, 1);
        Tensor b = Tensor.vector(0.05f, -0.05f, 0.1f, -0.1f);
        RecurrentOps.Sequence s = RecurrentOps.lstm(x, h0, c0, wIh, wHh, b, null, null, false);
        double i = sigmoid(0.5 * 0.1 + 0.2 * -0.5 + 0.05);
        double f = sigmoid(0.5 * 0.2 + 0.2 * 0.6 - 0.05);
        double g = Math.tanh(0.5 * 0.3 + 0.2 * -0.7 + 0.1);
        double o = sigmoid(0.5 * 0.4 + 0.2 * 0.8 - 0.1);
        double c = f * -0.3 + i * g;
        double h = o * Math.tanh(c);
        assertEquals(h, s.output().item(), 1e-6);
        assertEquals(h, s.hN().item(), 1e-6);
        assertEquals(c, s.cN().item(), 1e-6);
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    @Test
    void lstm_rejectsMisshapedWeightWithTheExpectedShape() {
        Tensor x = Tensor.zeros(2, 3, 5);
        var e = assertThrows(IllegalArgumentException.class, () -> RecurrentOps.lstm(x, null, null,
                Tensor.zeros(28, 4), Tensor.zeros(28, 7), null, null, null, false));
        assertEquals("RecurrentOps.lstm: wIh must have shape [28, 5], got [28, 4]", e.getMessage());
    }

    @Test
    void gru_rejectsHiddenWeightWithWrongGateCount() {
        var e = assertThrows(IllegalArgumentException.class, () -> RecurrentOps.gru(Tensor.zeros(2, 3, 5), null,
                Tensor.zeros(21, 5), Tensor.zeros(28, 7), null, null, null, false));
        assertEquals("RecurrentOps.gru: wHh must have shape [3·H, H], got [28, 7]", e.getMessage());
    }

    @Test
    void rnn_rejectsLengthsLongerThanTheSequence() {
        var e = assertThrows(IllegalArgumentException.class, () -> RecurrentOps.rnn(Tensor.zeros(2, 3, 5), null,
                Tensor.zeros(7, 5), Tensor.zeros(7, 7), null, null, new int[] {2, 3, 1}, false, false));
        assertEquals("RecurrentOps.rnn: lengths must be in [0, 2] (the sequence length), got 3 at batch row 1",
                e.getMessage());
    }

    @Test
    void rnn_rejectsLengthsOfTheWrongCount() {
        var e = assertThrows(IllegalArgumentException.class, () -> RecurrentOps.rnn(Tensor.zeros(2, 3, 5), null,
                Tensor.zeros(7, 5), Tensor.zeros(7, 7), null, null, new int[] {2, 1}, false, true));
        assertEquals("RecurrentOps.rnn: lengths must have one entry per batch row (3), got 2", e.getMessage());
    }

    @Test
    void lstm_rejectsInitialStateOfTheWrongShape() {
        var e = assertThrows(IllegalArgumentException.class, () -> RecurrentOps.lstm(Tensor.zeros(2, 3, 5),
                Tensor.zeros(3, 7), Tensor.zeros(2, 7), Tensor.zeros(28, 5), Tensor.zeros(28, 7), null, null, null,
                false));
        assertEquals("RecurrentOps.lstm: c0 must have shape [3, 7], got [2, 7]", e.getMessage());
    }

    @Test
    void rnn_rejectsBatchFirstLookingInput() {
        var e = assertThrows(IllegalArgumentException.class, () -> RecurrentOps.rnn(Tensor.zeros(3, 5), null,
                Tensor.zeros(7, 5), Tensor.zeros(7, 7), null, null, null, false, false));
        assertEquals("RecurrentOps.rnn: x must have shape [T, B, I] (time-major, non-empty), got [3, 5]",
                e.getMessage());
    }
}

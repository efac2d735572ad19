package rnn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import rnn4j.nn.Parameter;
import rnn4j.tensor.Tensor;

/** The shared optimizer machinery: parameter checks, skipping, learning rate, and exact state round trips. */
class OptimizerTest {

    static Stream<Function<List<Parameter>, Optimizer>> optimizers() {
        return Stream.of(
                ps -> new Sgd(ps, 0.1),
                ps -> new Sgd(ps, new Sgd.Config(0.1, 0.9, 0.1, 0.01, false)),
                ps -> new Sgd(ps, new Sgd.Config(0.1, 0.9, 0, 0.01, true)),
                ps -> new Adam(ps, 0.05),
                ps -> new Adam(ps, new Adam.Config(0.05, 0.8, 0.95, 1e-8, 0.1, true)),
                ps -> new AdamW(ps, 0.05),
                ps -> new RmsProp(ps, new RmsProp.Config(0.01, 0.9, 1e-8, 0.1, 0.9, true)),
                ps -> new Adagrad(ps, new Adagrad.Config(0.1, 0.5, 0.1, 0.1, 1e-10)));
    }

    private static float[] gradient(float[] w, int t) {
        float[] g = new float[w.length];
        for (int i = 0; i < w.length; i++) g[i] = 2 * w[i] * (i + 1) + 0.1f * t;
        return g;
    }

    private static List<Parameter> params() {
        return List.of(new Parameter(Tensor.of(new float[] {0.5f, -1f, 2f, 0.25f}, 2, 2)),
                new Parameter(Tensor.vector(3f, -0.5f)));
    }

    private static void stepWithGradients(Optimizer opt, int t) {
        for (Parameter p : opt.parameters()) Fixture.setGrad(p, gradient(p.data(), t));
        opt.step();
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void stateRoundTrip_continuesBitForBit(Function<List<Parameter>, Optimizer> make) {
        Optimizer uninterrupted = make.apply(params());
        for (int t = 1; t <= 5; t++) stepWithGradients(uninterrupted, t);

        Optimizer first = make.apply(params());
        for (int t = 1; t <= 2; t++) stepWithGradients(first, t);
        first.setLr(first.lr()); // the learning rate travels in the state too
        // A checkpoint holds copies; later steps of `first` must not leak into them.
        Map<String, Tensor> saved = new LinkedHashMap<>();
        first.stateDict().forEach((k, v) -> saved.put(k, v.copy()));
        List<Parameter> resumedParams = params();
        for (int i = 0; i < resumedParams.size(); i++) {
            resumedParams.get(i).copyInPlace(first.parameters().get(i).value());
        }
        stepWithGradients(first, 99); // diverge the original after saving

        Optimizer resumed = make.apply(resumedParams);
        resumed.loadStateDict(saved);
        for (int t = 3; t <= 5; t++) stepWithGradients(resumed, t);
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(uninterrupted.parameters().get(i).data(), resumed.parameters().get(i).data(), 0f);
        }
    }

    @Test
    void step_skipsParametersWithoutGradient() {
        List<Parameter> ps = params();
        Adam adam = new Adam(ps, 0.1);
        Fixture.setGrad(ps.get(1), 1f, 1f);
        adam.step();
        assertArrayEquals(new float[] {0.5f, -1f, 2f, 0.25f}, ps.get(0).data(), 0f);
        assertArrayEquals(new float[] {2.9f, -0.6f}, ps.get(1).data(), 1e-6f);
        assertEquals(List.of("lr", "state.1.step", "state.1.exp_avg", "state.1.exp_avg_sq"),
                List.copyOf(adam.stateDict().keySet()));
        assertEquals(1L, ExactScalars.toLong(adam.stateDict().get("state.1.step")));
        assertArrayEquals(new int[] {2}, adam.stateDict().get("state.1.exp_avg").shape().dims());
    }

    @Test
    void setLr_changesTheNextStep() {
        Parameter p = Fixture.parameter(1f);
        Sgd sgd = new Sgd(List.of(p), 0.1);
        sgd.setLr(0.5);
        Fixture.setGrad(p, 1f);
        sgd.step();
        assertEquals(0.5f, p.data()[0], 0f);
        var e = assertThrows(IllegalArgumentException.class, () -> sgd.setLr(Double.NaN));
        assertEquals("Sgd.setLr: lr must be finite and >= 0, got NaN", e.getMessage());
    }

    @Test
    void zeroGrad_dropsGradients() {
        Parameter p = Fixture.parameter(1f);
        Sgd sgd = new Sgd(List.of(p), 0.1);
        Fixture.setGrad(p, 1f);
        sgd.zeroGrad();
        assertEquals(null, p.gradData());
    }

    @Test
    void constructor_rejectsEmptyAndDuplicateParameters() {
        var empty = assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(), 0.1));
        assertEquals("Adam: parameters must be a non-empty list, got []", empty.getMessage());
        Parameter p = Fixture.parameter(1f);
        var twice = assertThrows(IllegalArgumentException.class, () -> new Sgd(List.of(p, p), 0.1));
        assertEquals("Sgd: parameters must be distinct, got the same parameter at indices 0 and 1",
                twice.getMessage());
    }

    @Test
    void loadStateDict_listsEveryProblemAndChangesNothing() {
        List<Parameter> ps = params();
        Adam adam = new Adam(ps, 0.1);
        stepWithGradients(adam, 1);
        Map<String, Tensor> before = new LinkedHashMap<>();
        adam.stateDict().forEach((k, v) -> before.put(k, v.copy()));

        Map<String, Tensor> bad = new LinkedHashMap<>(before);
        bad.remove("state.0.exp_avg_sq");
        bad.put("state.1.exp_avg", Tensor.zeros(3));
        bad.put("state.7.exp_avg", Tensor.zeros(2));
        bad.put("foo", Tensor.zeros(1));
        bad.put("lr", Tensor.zeros(1));
        var e = assertThrows(IllegalArgumentException.class, () -> adam.loadStateDict(bad));
        assertEquals("Adam.loadStateDict: state dict must match this optimizer (2 parameters, state [step, exp_avg, "
                + "exp_avg_sq]); missing: [state.0.exp_avg_sq]; unexpected: [state.7.exp_avg, foo]; invalid: [lr: "
                + "expected a finite lr >= 0 encoded by ExactScalars, state.1.exp_avg: expected [2], got [3]]",
                e.getMessage());
        assertEquals(0.1, adam.lr());
        adam.stateDict().forEach((k, v) -> assertArrayEquals(before.get(k).toArray(), v.toArray(), 0f, k));
    }

    @Test
    void loadStateDict_restoresLrExactly() {
        Parameter p = Fixture.parameter(1f);
        Sgd a = new Sgd(List.of(p), 0.1);
        a.setLr(1.0 / 3.0);
        Sgd b = new Sgd(List.of(Fixture.parameter(1f)), 0.1);
        b.loadStateDict(a.stateDict());
        assertEquals(1.0 / 3.0, b.lr());
        assertNotEquals((double) (float) (1.0 / 3.0), b.lr());
    }
}

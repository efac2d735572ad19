package rnn4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rnn4j.optim.LrSchedule.ReduceOnPlateau;
import rnn4j.optim.LrSchedule.ReduceOnPlateau.Mode;
import rnn4j.optim.LrSchedule.ReduceOnPlateau.ThresholdMode;
import rnn4j.tensor.Tensor;

class LrScheduleTest {
    private static final double TOL = 1e-12;

    private static Sgd sgd(double lr) {
        return new Sgd(List.of(Fixture.parameter(1f)), lr);
    }

    private static List<Double> rates(LrSchedule s, int steps) {
        List<Double> out = new ArrayList<>(List.of(s.lr()));
        for (int i = 0; i < steps; i++) {
            s.step();
            out.add(s.lr());
        }
        return out;
    }

    private static void assertRates(List<Double> expected, List<Double> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) assertEquals(expected.get(i), actual.get(i), TOL, "step " + i);
    }

    @Test
    void stepDecay_halvesEveryThreeSteps() {
        // StepLR(step_size=3, gamma=0.5): 0.1·0.5^⌊t/3⌋
        var s = new LrSchedule.StepDecay(sgd(0.1), 3, 0.5);
        assertRates(List.of(0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025), rates(s, 7));
    }

    @Test
    void stepDecay_startingLate_holdsThenHalvesEveryTwoSteps() {
        // Zaremba's shape: constant until step 5, then ×0.5 at 5, 7, 9, …
        var s = new LrSchedule.StepDecay(sgd(1.0), 2, 0.5, 5);
        assertRates(List.of(1.0, 1.0, 1.0, 1.0, 1.0, 0.5, 0.5, 0.25, 0.25, 0.125), rates(s, 9));
    }

    @Test
    void exponential_multipliesEachStep() {
        var s = new LrSchedule.Exponential(sgd(0.1), 0.9);
        assertRates(List.of(0.1, 0.09, 0.081, 0.0729), rates(s, 3));
    }

    @Test
    void warmupCosine_rampsThenDecaysToMin() {
        // base 1, W = 4, T = 12, min 0.1: (t+1)/4 for t < 4; 0.1 + 0.45·(1 + cos(π(t−4)/8)) up to 12; then 0.1
        var s = new LrSchedule.WarmupCosine(sgd(1.0), 4, 12, 0.1);
        List<Double> r = rates(s, 14);
        assertEquals(0.25, r.get(0), TOL);
        assertEquals(0.75, r.get(2), TOL);
        assertEquals(1.0, r.get(3), TOL);
        assertEquals(1.0, r.get(4), TOL);
        assertEquals(0.1 + 0.45 * (1 + Math.sqrt(0.5)), r.get(6), TOL);
        assertEquals(0.55, r.get(8), TOL);
        assertEquals(0.1, r.get(12), TOL);
        assertEquals(0.1, r.get(14), TOL);
    }

    @Test
    void warmupCosine_withACooldown_holdsTheRateThenDecaysInTheLastShare() {
        // base 1, W = 2, T = 12, min 0, cool-down 0.25: p = (t−2)/10 holds 1 up to p = 0.75 (t = 9.5), then
        // ½(1 + cos(π(p − 0.75)/0.25)) reaches 0 at t = 12
        var s = new LrSchedule.WarmupCosine(sgd(1.0), 2, 12, 0, 0.25);
        List<Double> r = rates(s, 13);
        assertEquals(0.5, r.get(0), TOL);
        for (int t = 2; t <= 9; t++) assertEquals(1.0, r.get(t), TOL, "stable phase, step " + t);
        assertEquals(0.5 * (1 + Math.cos(Math.PI * 0.2)), r.get(10), TOL);
        assertEquals(0.5 * (1 + Math.cos(Math.PI * 0.6)), r.get(11), TOL);
        assertEquals(0.0, r.get(12), TOL);
        assertEquals(0.0, r.get(13), TOL);
        var e = assertThrows(IllegalArgumentException.class, () -> new LrSchedule.WarmupCosine(sgd(1), 0, 5, 0, 0));
        assertEquals("WarmupCosine: cooldown must be in (0, 1], got 0.0", e.getMessage());
    }

    @Test
    void warmupCosine_rejectsTotalNotAfterWarmup() {
        var e = assertThrows(IllegalArgumentException.class, () -> new LrSchedule.WarmupCosine(sgd(1), 5, 5, 0));
        assertEquals("WarmupCosine: totalSteps must be > warmupSteps (5), got 5", e.getMessage());
    }

    @Test
    void plateau_reducesAfterPatienceWithCooldown() {
        // ReduceLROnPlateau(mode='min', factor=0.5, patience=2, threshold=1e-4 rel, cooldown=1)
        Sgd opt = sgd(0.1);
        var s = new ReduceOnPlateau(opt, new ReduceOnPlateau.Config(Mode.MIN, 0.5, 2, 1e-4, ThresholdMode.REL, 1,
                0, 1e-8));
        double[] metrics = {1.0, 0.9, 0.89995, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95};
        // 0.89995 is not below 0.9·(1 − 1e-4) = 0.89991: a bad step. Bad counts 0,0,1,2,3→reduce; cooldown
        // swallows step 6; then 1, 2, 3→reduce.
        double[] expected = {0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.025};
        for (int i = 0; i < metrics.length; i++) {
            s.step(metrics[i]);
            assertEquals(expected[i], opt.lr(), TOL, "after step " + (i + 1));
        }
        assertEquals(0.9, s.best());
    }

    @Test
    void plateau_maxModeAbsoluteThresholdAndMinLr() {
        Sgd opt = sgd(0.1);
        var s = new ReduceOnPlateau(opt, new ReduceOnPlateau.Config(Mode.MAX, 0.1, 0, 0.5, ThresholdMode.ABS, 0,
                0.005, 1e-8));
        s.step(1.0); // better than −∞
        s.step(1.4); // not above 1.0 + 0.5: reduce (patience 0) to 0.01
        assertEquals(0.01, opt.lr(), TOL);
        s.step(1.2); // reduce, floored at minLr 0.005
        assertEquals(0.005, opt.lr(), TOL);
        s.step(2.0); // better: no change
        s.step(0.0); // reduce, but already at minLr
        assertEquals(0.005, opt.lr(), TOL);
        assertEquals(2.0, s.best());
    }

    @Test
    void plateau_stepWithoutMetricFails() {
        var s = new ReduceOnPlateau(sgd(0.1), ReduceOnPlateau.defaults());
        var e = assertThrows(IllegalStateException.class, s::step);
        assertEquals("ReduceOnPlateau.step: the schedule must be given the metric, got none; call step(metric)",
                e.getMessage());
    }

    @Test
    void plateau_stateRoundTripContinuesIdentically() {
        double[] metrics = {1.0, 0.99, 0.995, 0.999, 0.98, 1.2, 1.3, 1.1, 0.97, 0.97, 0.99, 1.0, 0.96};
        var config = new ReduceOnPlateau.Config(Mode.MIN, 0.3, 1, 1e-3, ThresholdMode.REL, 1, 1e-4, 1e-8);
        Sgd whole = sgd(0.1);
        var uninterrupted = new ReduceOnPlateau(whole, config);
        List<Double> expected = new ArrayList<>();
        for (double m : metrics) {
            uninterrupted.step(m);
            expected.add(whole.lr());
        }

        Sgd first = sgd(0.1);
        var before = new ReduceOnPlateau(first, config);
        List<Double> actual = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            before.step(metrics[i]);
            actual.add(first.lr());
        }
        Map<String, Tensor> optimizerState = first.stateDict();
        Map<String, Tensor> scheduleState = before.stateDict();
        Sgd second = sgd(0.1);
        var after = new ReduceOnPlateau(second, config);
        second.loadStateDict(optimizerState);
        after.loadStateDict(scheduleState);
        for (int i = 6; i < metrics.length; i++) {
            after.step(metrics[i]);
            actual.add(second.lr());
        }
        assertEquals(expected, actual);
        // The split must fall between reductions for the test to mean anything.
        assertEquals(true, expected.get(5) < 0.1 && expected.get(metrics.length - 1) < expected.get(5),
                "rates " + expected);
        assertEquals(uninterrupted.best(), after.best());
        assertEquals(uninterrupted.stepCount(), after.stepCount());
    }

    @Test
    void warmupCosine_loadSetsTheOptimizerRate() {
        var a = new LrSchedule.WarmupCosine(sgd(1.0), 4, 12, 0.1);
        rates(a, 7);
        Sgd other = sgd(1.0);
        var b = new LrSchedule.WarmupCosine(other, 4, 12, 0.1);
        b.loadStateDict(a.stateDict());
        assertEquals(a.lr(), other.lr());
        a.step();
        b.step();
        assertEquals(a.lr(), b.lr());
    }

    @Test
    void loadStateDict_listsEveryProblem() {
        var s = new ReduceOnPlateau(sgd(0.1), ReduceOnPlateau.defaults());
        Map<String, Tensor> bad = new LinkedHashMap<>(s.stateDict());
        bad.remove("best");
        bad.put("num_bad_epochs", Tensor.scalar(2));
        bad.put("extra", Tensor.scalar(0));
        var e = assertThrows(IllegalArgumentException.class, () -> s.loadStateDict(bad));
        assertEquals("ReduceOnPlateau.loadStateDict: state dict must match this schedule [last_epoch, base_lr, best, "
                + "num_bad_epochs, cooldown_counter]; missing: [best]; unexpected: [extra]; invalid: [num_bad_epochs: "
                + "expected a value encoded by ExactScalars (shape [4])]", e.getMessage());
    }
}

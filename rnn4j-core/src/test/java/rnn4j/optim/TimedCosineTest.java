package rnn4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimedCosineTest {
    private static final double TOL = 1e-12;

    private static Sgd sgd(double lr) {
        return new Sgd(List.of(Fixture.parameter(1f)), lr);
    }

    @Test
    void decay_followsTheShareOfTheTimeBudget() {
        var s = new TimedCosine(sgd(1.0), 0, 1200, 0.1);
        assertEquals(1.0, s.lrAt(0, 0), TOL);
        assertEquals(0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI / 4)), s.lrAt(5, 300), TOL);
        assertEquals(0.55, s.lrAt(17, 600), TOL, "half the budget: half-way between the rates");
        assertEquals(0.1, s.lrAt(40, 1200), TOL);
        assertEquals(0.1, s.lrAt(41, 1500), TOL, "past the budget the rate stays at the minimum");
        // The step count does not matter after the warm-up: only the clock does.
        assertEquals(s.lrAt(3, 600), s.lrAt(3000, 600), TOL);
    }

    @Test
    void cooldown_holdsTheRateUntilTheLastShareOfTheBudget() {
        var s = new TimedCosine(sgd(1.0), 0, 1000, 0.1, 0.2);
        assertEquals(1.0, s.lrAt(0, 0), TOL);
        assertEquals(1.0, s.lrAt(500, 799), TOL, "before the last fifth: the full rate");
        assertEquals(0.55, s.lrAt(600, 900), TOL, "half-way through the cool-down: half-way down");
        assertEquals(0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * 0.25)), s.lrAt(610, 850), TOL);
        assertEquals(0.1, s.lrAt(700, 1000), TOL);
        var e = assertThrows(IllegalArgumentException.class, () -> new TimedCosine(sgd(1), 0, 60, 0, 1.5));
        assertEquals("TimedCosine: cooldown must be in (0, 1], got 1.5", e.getMessage());
    }

    @Test
    void warmUp_rampsByStepsFromTheFirst() {
        var s = new TimedCosine(sgd(2.0), 4, 100, 0);
        assertEquals(0.5, s.lrAt(0, 0), TOL);
        assertEquals(1.5, s.lrAt(2, 1), TOL);
        assertEquals(0.5 * 2.0 * (1 + Math.cos(Math.PI * 0.04)), s.lrAt(4, 4), TOL);
    }

    @Test
    void update_setsTheOptimizersRateAndKeepsTheBaseRate() {
        Sgd sgd = sgd(0.5);
        var s = new TimedCosine(sgd, 0, 10, 0.05);
        s.update(7, 10);
        assertEquals(0.05, sgd.lr(), TOL);
        s.update(8, 0); // a later call starts from the base rate, not the rate it last set
        assertEquals(0.5, sgd.lr(), TOL);
    }

    @Test
    void badSettings_areRefusedWithTheirValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> new TimedCosine(sgd(1), 0, 0, 0));
        assertEquals("TimedCosine: budgetSeconds must be finite and > 0, got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TimedCosine(sgd(1), 0, 60, 2));
        assertEquals("TimedCosine: minLr must be in [0, the optimizer's lr 1.0], got 2.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TimedCosine(sgd(1), -1, 60, 0));
        assertEquals("TimedCosine: warmupSteps must be >= 0, got -1", e.getMessage());
    }
}

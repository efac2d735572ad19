package rnn4j.optim;

import rnn4j.base.Check;

/**
 * {@link LrSchedule.WarmupCosine}'s shape for a run bounded by wall time rather than steps: a linear warm-up over
 * the first {@code warmupSteps} steps, then a cosine decay that follows the share of the time budget used and reaches
 * {@code minLr} as the budget runs out. A run trained "for 20 minutes" cannot know its step count in advance, yet
 * still wants its rate annealed by the end: that is what turns the last minutes into the best ones.
 *
 * <pre>
 *   η = η₀·(t + 1) / W                                  for step t &lt; W
 *   η = η_min + (η₀ − η_min)·½·(1 + cos(π·s / S))        otherwise, s seconds of a budget of S (η_min once s ≥ S)
 * </pre>
 *
 * Stateless apart from its settings: the rate is a function of the step and the seconds spent, so a resumed run that
 * restores its clock continues the same curve. The rates depend on the machine's speed, as the step count does.
 */
public final class TimedCosine {
    private final Optimizer optimizer;
    private final double baseLr;
    private final long warmupSteps;
    private final double budgetSeconds;
    private final double minLr;

    /** Anneals {@code optimizer}'s current rate to {@code minLr} over {@code budgetSeconds}. */
    public TimedCosine(Optimizer optimizer, long warmupSteps, double budgetSeconds, double minLr) {
        Check.argument(optimizer != null, "TimedCosine: optimizer must not be null, got null");
        Check.argument(warmupSteps >= 0, "TimedCosine: warmupSteps must be >= 0, got %s", warmupSteps);
        Check.argument(budgetSeconds > 0 && Double.isFinite(budgetSeconds),
                "TimedCosine: budgetSeconds must be finite and > 0, got %s", budgetSeconds);
        Check.argument(minLr >= 0 && minLr <= optimizer.lr(),
                "TimedCosine: minLr must be in [0, the optimizer's lr %s], got %s", optimizer.lr(), minLr);
        this.optimizer = optimizer;
        this.baseLr = optimizer.lr();
        this.warmupSteps = warmupSteps;
        this.budgetSeconds = budgetSeconds;
        this.minLr = minLr;
    }

    /** The rate for step {@code step} (0-based) taken after {@code seconds} of the budget. */
    public double lrAt(long step, double seconds) {
        return LrSchedule.WarmupCosine.rate(baseLr, minLr, step, warmupSteps, Math.max(0, seconds) / budgetSeconds);
    }

    /** Sets the optimizer's rate for the coming step {@code step}, taken after {@code seconds} of the budget. */
    public void update(long step, double seconds) {
        optimizer.setLr(lrAt(step, seconds));
    }
}

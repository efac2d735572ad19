package rnn4j.optim;

import rnn4j.base.Check;

/**
 * {@link LrSchedule.WarmupCosine}'s shape for a run bounded by wall time rather than steps: a linear warm-up over
 * the first {@code warmupSteps} steps, then a cosine decay that follows the share of the time budget used and reaches
 * {@code minLr} as the budget runs out; with a {@code cooldown} below 1, the rate holds until that last share of the
 * budget and only then decays. A run trained "for 20 minutes" cannot know its step count in advance, yet
 * still wants its rate annealed by the end: that is what turns the last minutes into the best ones.
 *
 * <pre>
 *   η = η₀·(t + 1) / W                                  for step t &lt; W
 *   η = η_min + (η₀ − η_min)·½·(1 + cos(π·d))            otherwise, d = clamp((s/S − (1 − F)) / F, 0, 1)
 *                                                        after s seconds of a budget of S, cool-down share F
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
    private final double cooldown;

    /** Anneals {@code optimizer}'s current rate to {@code minLr} over {@code budgetSeconds}. */
    public TimedCosine(Optimizer optimizer, long warmupSteps, double budgetSeconds, double minLr) {
        this(optimizer, warmupSteps, budgetSeconds, minLr, 1);
    }

    /**
     * Holds {@code optimizer}'s current rate after the warm-up, then anneals it to {@code minLr} over the last
     * {@code cooldown} share (in (0, 1]) of {@code budgetSeconds}.
     */
    public TimedCosine(Optimizer optimizer, long warmupSteps, double budgetSeconds, double minLr, double cooldown) {
        Check.argument(optimizer != null, "TimedCosine: optimizer must not be null, got null");
        Check.argument(warmupSteps >= 0, "TimedCosine: warmupSteps must be >= 0, got %s", warmupSteps);
        Check.argument(budgetSeconds > 0 && Double.isFinite(budgetSeconds),
                "TimedCosine: budgetSeconds must be finite and > 0, got %s", budgetSeconds);
        Check.argument(minLr >= 0 && minLr <= optimizer.lr(),
                "TimedCosine: minLr must be in [0, the optimizer's lr %s], got %s", optimizer.lr(), minLr);
        LrSchedule.WarmupCosine.checkCooldown("TimedCosine", cooldown);
        this.optimizer = optimizer;
        this.baseLr = optimizer.lr();
        this.warmupSteps = warmupSteps;
        this.budgetSeconds = budgetSeconds;
        this.minLr = minLr;
        this.cooldown = cooldown;
    }

    /** The rate for step {@code step} (0-based) taken after {@code seconds} of the budget. */
    public double lrAt(long step, double seconds) {
        return LrSchedule.WarmupCosine.rate(baseLr, minLr, step, warmupSteps, Math.max(0, seconds) / budgetSeconds,
                cooldown);
    }

    /** Sets the optimizer's rate for the coming step {@code step}, taken after {@code seconds} of the budget. */
    public void update(long step, double seconds) {
        optimizer.setLr(lrAt(step, seconds));
    }
}

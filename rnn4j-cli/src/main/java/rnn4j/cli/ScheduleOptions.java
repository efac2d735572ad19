package rnn4j.cli;

import java.util.Map;
import picocli.CommandLine.Option;
import rnn4j.optim.LrSchedule;
import rnn4j.optim.TimedCosine;
import rnn4j.train.BatchTrainer;
import rnn4j.optim.Optimizer;

/** The learning-rate schedule flags of the training commands. */
final class ScheduleOptions {
    /** The schedules by flag value. */
    enum Kind { auto, constant, cosine, step, exp, plateau }

    /** The cool-down share of {@link Kind#auto}: a fifth, which matches a whole-run cosine (Hägele et al. 2024). */
    static final double AUTO_COOLDOWN = 0.2;

    @Option(names = "--lr-schedule", paramLabel = "NAME", defaultValue = "auto", description = "auto (a run bounded "
            + "only by --time holds --lr, then anneals it over the last --lr-cooldown share, default 0.2, to "
            + "--min-lr, default --lr / 100; a run bounded by --steps or --epochs keeps --lr constant, so resuming it "
            + "for more steps continues it exactly); constant; "
            + "cosine (linear warm-up, then cosine decay to --min-lr at the last step of --steps or --epochs, or, "
            + "with only --time, as the time runs out); "
            + "step (× --lr-decay every --lr-step steps); exp (× --lr-decay every step); plateau (× --lr-decay when "
            + "the validation loss stalls for --lr-patience validations) (default: ${DEFAULT-VALUE}).")
    Kind kind;

    @Option(names = "--lr-warmup", paramLabel = "N", defaultValue = "0", description = "Warm-up steps of cosine "
            + "(default: ${DEFAULT-VALUE}).")
    long warmup;

    @Option(names = "--min-lr", paramLabel = "X", description = "Final rate of cosine (default: --lr / 10) and "
            + "auto (default: --lr / 100).")
    Double minLr;

    @Option(names = "--lr-cooldown", paramLabel = "F", description = "Share of the run, after the warm-up, over "
            + "which cosine and auto decay; before it the rate holds at --lr (warm-up–stable–decay). 0.2 anneals only "
            + "in the last fifth (default: 1, the whole run, for cosine; 0.2 for auto).")
    Double cooldown;

    @Option(names = "--lr-decay", paramLabel = "G", defaultValue = "0.5", description = "Factor of step, exp and "
            + "plateau (default: ${DEFAULT-VALUE}).")
    double decay;

    @Option(names = "--lr-step", paramLabel = "N", defaultValue = "1000", description = "Steps between decays of step "
            + "(default: ${DEFAULT-VALUE}).")
    int stepSize;

    @Option(names = "--lr-start", paramLabel = "N", description = "Step of step's first decay; later decays "
            + "follow every --lr-step steps (default: --lr-step). Zaremba et al.'s PTB recipe: 4 epochs of steps, "
            + "with --lr-step one epoch and --lr-decay 0.5.")
    Long start;

    @Option(names = "--lr-patience", paramLabel = "N", defaultValue = "1", description = "Validations without "
            + "improvement before plateau decays (default: ${DEFAULT-VALUE}).")
    int patience;

    void validate(long totalSteps, BudgetOptions budget, double lr) {
        Usage.require(decay > 0 && decay < 1, "--lr-decay must be in (0, 1), got %s", decay);
        Usage.require(stepSize >= 1, "--lr-step must be >= 1, got %s", stepSize);
        Usage.require(patience >= 0, "--lr-patience must be >= 0, got %s", patience);
        Usage.require(warmup >= 0, "--lr-warmup must be >= 0, got %s", warmup);
        Usage.require(start == null || start >= 1, "--lr-start must be >= 1, got %s", start);
        Usage.require(minLr == null || minLr >= 0 && minLr <= lr, "--min-lr must be in [0, --lr], got %s", minLr);
        Usage.require(cooldown == null || cooldown > 0 && cooldown <= 1, "--lr-cooldown must be in (0, 1], got %s",
                cooldown);
        Usage.require(kind != Kind.auto || totalSteps == Long.MAX_VALUE || warmup == 0 && minLr == null
                && cooldown == null, "--lr-warmup, --min-lr and --lr-cooldown shape a decay, but --lr-schedule auto "
                + "keeps the rate constant in a run bounded by --steps or --epochs; pass --lr-schedule cosine");
        if (kind == Kind.cosine) {
            Usage.require(totalSteps != Long.MAX_VALUE || budget.time != null, "--lr-schedule cosine needs a "
                    + "budget to decay over: --steps, --epochs or --time");
            Usage.require(totalSteps == Long.MAX_VALUE || totalSteps > warmup, "--lr-warmup (%s) must be smaller "
                    + "than the run's %s steps", warmup, totalSteps);
        }
    }

    /**
     * Validates the flags for a run of {@code totalSteps} and sets the schedule over {@code optimizer} on
     * {@code trainer}; {@code validates} says whether the command reports held-out losses (plateau needs them).
     */
    TimedCosine applyTo(BatchTrainer trainer, Optimizer optimizer, long totalSteps, BudgetOptions budget,
                        boolean validates) {
        Usage.require(validates || kind != Kind.plateau, "--lr-schedule plateau needs held-out losses, which this "
                + "command does not compute during training; use cosine, step or exp");
        validate(totalSteps, budget, optimizer.lr());
        trainer.schedule(create(optimizer, totalSteps));
        return timed(optimizer, totalSteps, budget);
    }

    /**
     * The schedule that follows the clock, for cosine and auto when only {@code --time} bounds the run, else
     * {@code null}: the training loop calls its {@link TimedCosine#update} before every step with the seconds spent
     * so far.
     */
    TimedCosine timed(Optimizer optimizer, long totalSteps, BudgetOptions budget) {
        if (kind != Kind.cosine && kind != Kind.auto || totalSteps != Long.MAX_VALUE) return null;
        return new TimedCosine(optimizer, warmup, budget.time.toMillis() / 1000.0, minLr(optimizer), cooldown());
    }

    private double minLr(Optimizer optimizer) {
        return minLr != null ? minLr : optimizer.lr() / (kind == Kind.auto ? 100 : 10);
    }

    private double cooldown() {
        return cooldown != null ? cooldown : kind == Kind.auto ? AUTO_COOLDOWN : 1;
    }

    /** Adds the flags to a progress file's recipe, for {@code --resume}. */
    void save(Map<String, String> recipe) {
        recipe.put("lrSchedule", kind.name());
        recipe.put("lrWarmup", Long.toString(warmup));
        recipe.put("minLr", minLr == null ? "" : Double.toString(minLr));
        recipe.put("lrCooldown", cooldown == null ? "" : Double.toString(cooldown));
        recipe.put("lrDecay", Double.toString(decay));
        recipe.put("lrStep", Integer.toString(stepSize));
        recipe.put("lrPatience", Integer.toString(patience));
        recipe.put("lrStart", start == null ? "" : Long.toString(start));
    }

    /** Sets the flags from a recipe {@link #save} wrote; a recipe from before schedules keeps the constant rate. */
    void restore(RunFolder.Recipe recipe) {
        if (!recipe.entries().containsKey("lrSchedule")) {
            kind = Kind.constant;
            return;
        }
        String name = recipe.text("lrSchedule");
        try {
            kind = Kind.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new rnn4j.io.CheckpointException("ScheduleOptions.restore: the entry 'lrSchedule' of "
                    + recipe.file() + " must be one of auto, constant, cosine, step, exp, plateau, got '" + name + "'");
        }
        warmup = recipe.whole("lrWarmup");
        minLr = recipe.text("minLr").isEmpty() ? null : recipe.decimal("minLr");
        // Recipes from before the flag have none: their schedule's own default (a whole-run cosine).
        cooldown = recipe.entries().getOrDefault("lrCooldown", "").isEmpty() ? null : recipe.decimal("lrCooldown");
        decay = recipe.decimal("lrDecay");
        stepSize = recipe.integer("lrStep");
        patience = recipe.integer("lrPatience");
        start = recipe.text("lrStart").isEmpty() ? null : recipe.whole("lrStart");
    }

    /**
     * The schedule over {@code optimizer} for a run of {@code totalSteps}, or {@code null} for a constant rate and
     * for a cosine that follows the clock ({@link #timed}).
     */
    LrSchedule create(Optimizer optimizer, long totalSteps) {
        return switch (kind) {
            case auto, constant -> null;
            case cosine -> totalSteps == Long.MAX_VALUE ? null
                    : new LrSchedule.WarmupCosine(optimizer, warmup, totalSteps, minLr(optimizer), cooldown());
            case step -> new LrSchedule.StepDecay(optimizer, stepSize, decay, start != null ? start : stepSize);
            case exp -> new LrSchedule.Exponential(optimizer, decay);
            case plateau -> new LrSchedule.ReduceOnPlateau(optimizer, new LrSchedule.ReduceOnPlateau.Config(
                    LrSchedule.ReduceOnPlateau.Mode.MIN, decay, patience, 1e-4,
                    LrSchedule.ReduceOnPlateau.ThresholdMode.REL, 0, 0, 1e-8));
        };
    }
}

package rnn4j.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rnn4j.base.Check;
import rnn4j.tensor.Tensor;

/**
 * A learning-rate schedule that sets its optimizer's {@link Optimizer#lr()} on every {@link #step()}, as
 * {@code torch.optim.lr_scheduler}.
 *
 * <p>The time-based schedules compute the rate in closed form from the base rate (the optimizer's rate when the
 * schedule was made) and the number of steps taken, in double; they set the step-0 rate at construction, as PyTorch
 * does. {@link ReduceOnPlateau} instead reacts to a metric. {@link #stateDict()} holds the counters exactly
 * ({@link ExactScalars}); together with the optimizer's state, loading it resumes the same sequence of rates.
 */
public abstract sealed class LrSchedule
        permits LrSchedule.StepDecay, LrSchedule.Exponential, LrSchedule.WarmupCosine, LrSchedule.ReduceOnPlateau {
    private static final String LAST_EPOCH = "last_epoch";
    private static final String BASE_LR = "base_lr";

    private final Optimizer optimizer;
    private double baseLr;
    private long lastEpoch;

    private LrSchedule(Optimizer optimizer) {
        Check.argument(optimizer != null, "LrSchedule: optimizer must not be null, got null");
        this.optimizer = optimizer;
        this.baseLr = optimizer.lr();
    }

    /** The optimizer whose rate this schedule sets. */
    public final Optimizer optimizer() {
        return optimizer;
    }

    /** The optimizer's current learning rate. */
    public final double lr() {
        return optimizer.lr();
    }

    /** The optimizer's rate when the schedule was made (or as loaded). */
    public final double baseLr() {
        return baseLr;
    }

    /** Number of {@code step} calls so far (PyTorch's {@code last_epoch}). */
    public final long stepCount() {
        return lastEpoch;
    }

    /** Advances one step (or epoch) and sets the optimizer's rate. */
    public void step() {
        lastEpoch++;
        apply();
    }

    /** Advances one step given a validation metric; the time-based schedules ignore the metric. */
    public void step(double metric) {
        step();
    }

    /** Sets the optimizer's rate for the current step count (time-based schedules). */
    void apply() {}

    /** Schedule-specific entries of the state dict. */
    void saveExtra(Map<String, Tensor> out) {}

    /** Schedule-specific keys (besides {@code last_epoch} and {@code base_lr}). */
    List<String> extraKeys() {
        return List.of();
    }

    /** Restores the schedule-specific entries (already validated as encoded scalars). */
    void loadExtra(Map<String, Tensor> state) {}

    /** {@code last_epoch}, {@code base_lr} and the schedule's own counters, exact. */
    public final LinkedHashMap<String, Tensor> stateDict() {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        out.put(LAST_EPOCH, ExactScalars.ofLong(lastEpoch));
        out.put(BASE_LR, ExactScalars.ofDouble(baseLr));
        saveExtra(out);
        return out;
    }

    /**
     * Restores a state saved by {@link #stateDict()} and, for time-based schedules, sets the optimizer's rate to match.
     * Strict: one {@link IllegalArgumentException} lists every missing, unexpected or invalid entry, changing nothing.
     */
    public final void loadStateDict(Map<String, Tensor> state) {
        String owner = getClass().getSimpleName() + ".loadStateDict";
        Check.argument(state != null, "%s: state dict must not be null, got null", owner);
        List<String> keys = new ArrayList<>(List.of(LAST_EPOCH, BASE_LR));
        keys.addAll(extraKeys());
        List<String> missing = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (String key : keys) {
            if (!state.containsKey(key)) missing.add(key);
            else if (!ExactScalars.isEncoded(state.get(key))) invalid.add(key + ": expected a value encoded by "
                    + "ExactScalars (shape [4])");
        }
        List<String> unexpected = new ArrayList<>();
        for (String key : state.keySet()) if (!keys.contains(key)) unexpected.add(key);
        if (missing.isEmpty() && invalid.isEmpty()) {
            if (ExactScalars.toLong(state.get(LAST_EPOCH)) < 0) invalid.add(LAST_EPOCH + ": must be >= 0");
            double lr = ExactScalars.toDouble(state.get(BASE_LR));
            if (!(lr >= 0 && Double.isFinite(lr))) invalid.add(BASE_LR + ": must be finite and >= 0, got " + lr);
        }
        if (!missing.isEmpty() || !unexpected.isEmpty() || !invalid.isEmpty()) {
            StringBuilder msg = new StringBuilder(owner).append(": state dict must match this schedule ")
                    .append(keys);
            if (!missing.isEmpty()) msg.append("; missing: ").append(missing);
            if (!unexpected.isEmpty()) msg.append("; unexpected: ").append(unexpected);
            if (!invalid.isEmpty()) msg.append("; invalid: ").append(invalid);
            throw new IllegalArgumentException(msg.toString());
        }
        lastEpoch = ExactScalars.toLong(state.get(LAST_EPOCH));
        baseLr = ExactScalars.toDouble(state.get(BASE_LR));
        loadExtra(state);
        apply();
    }

    /**
     * Multiplies the rate by γ every {@code stepSize} steps from step {@code start} on:
     * {@code η_t = η₀·γ^(⌊(t − start) / stepSize⌋ + 1)} for {@code t ≥ start}, else {@code η₀}. With
     * {@code start = stepSize} this is {@code η₀·γ^⌊t / stepSize⌋}, PyTorch's {@code StepLR}; a later start gives
     * Zaremba et al.'s recipe (constant for 4 epochs, then halved every epoch).
     */
    public static final class StepDecay extends LrSchedule {
        private final int stepSize;
        private final double gamma;
        private final long start;

        /** Decays {@code optimizer}'s current rate by {@code gamma} every {@code stepSize} steps, as StepLR. */
        public StepDecay(Optimizer optimizer, int stepSize, double gamma) {
            this(optimizer, stepSize, gamma, stepSize);
        }

        /** Decays by {@code gamma} at step {@code start} and every {@code stepSize} steps after it. */
        public StepDecay(Optimizer optimizer, int stepSize, double gamma, long start) {
            super(optimizer);
            Check.argument(stepSize >= 1, "StepDecay: stepSize must be >= 1, got %s", stepSize);
            Check.argument(gamma >= 0 && Double.isFinite(gamma), "StepDecay: gamma must be finite and >= 0, got %s",
                    gamma);
            Check.argument(start >= 1, "StepDecay: start must be >= 1, got %s", start);
            this.stepSize = stepSize;
            this.gamma = gamma;
            this.start = start;
            apply();
        }

        @Override
        void apply() {
            long t = stepCount();
            optimizer().setLr(t < start ? baseLr() : baseLr() * Math.pow(gamma, (t - start) / stepSize + 1));
        }
    }

    /** Multiplies the rate by γ every step: {@code η_t = η₀·γ^t}, as {@code ExponentialLR}. */
    public static final class Exponential extends LrSchedule {
        private final double gamma;

        /** Decays {@code optimizer}'s current rate by {@code gamma} each step. */
        public Exponential(Optimizer optimizer, double gamma) {
            super(optimizer);
            Check.argument(gamma >= 0 && Double.isFinite(gamma), "Exponential: gamma must be finite and >= 0, got %s",
                    gamma);
            this.gamma = gamma;
            apply();
        }

        @Override
        void apply() {
            optimizer().setLr(baseLr() * Math.pow(gamma, stepCount()));
        }
    }

    /**
     * Linear warm-up then cosine decay to {@code minLr}, the schedule of GPT-style training (nanoGPT), optionally with
     * the decay held back to the last {@code cooldown} share of the steps after the warm-up (warm-up–stable–decay):
     *
     * <pre>
     *   η_t = η₀·(t + 1) / W                                   for t &lt; W
     *   η_t = η_min + (η₀ − η_min)·½·(1 + cos(π·d))            for W ≤ t, where
     *   p = (t − W) / (T − W),   d = clamp((p − (1 − F)) / F, 0, 1)
     * </pre>
     *
     * With {@code F = 1} (the default) the cosine spans the whole run. The warm-up starts at {@code η₀/W} rather than
     * 0, so no step is wasted. A shorter {@code F} keeps the full rate for most of a short run and anneals only at
     * its end, which is where annealing pays. Sources: Loshchilov and Hutter 2017, "SGDR: Stochastic Gradient
     * Descent with Warm Restarts"; Goyal et al. 2017 (linear warm-up); Hägele et al. 2024, "Scaling Laws and
     * Compute-Optimal Training Beyond Fixed Training Durations" (a cool-down of 20% matches a full cosine).
     */
    public static final class WarmupCosine extends LrSchedule {
        private final long warmupSteps;
        private final long totalSteps;
        private final double minLr;
        private final double cooldown;

        /** Warms up over {@code warmupSteps}, then decays to {@code minLr} at {@code totalSteps}. */
        public WarmupCosine(Optimizer optimizer, long warmupSteps, long totalSteps, double minLr) {
            this(optimizer, warmupSteps, totalSteps, minLr, 1);
        }

        /**
         * Warms up over {@code warmupSteps}, holds the rate, and decays it to {@code minLr} over the last
         * {@code cooldown} share (in (0, 1]) of the steps after the warm-up, reaching it at {@code totalSteps}.
         */
        public WarmupCosine(Optimizer optimizer, long warmupSteps, long totalSteps, double minLr, double cooldown) {
            super(optimizer);
            Check.argument(warmupSteps >= 0, "WarmupCosine: warmupSteps must be >= 0, got %s", warmupSteps);
            Check.argument(totalSteps > warmupSteps, "WarmupCosine: totalSteps must be > warmupSteps (%s), got %s",
                    warmupSteps, totalSteps);
            Check.argument(minLr >= 0 && minLr <= baseLr(),
                    "WarmupCosine: minLr must be in [0, the optimizer's lr %s], got %s", baseLr(), minLr);
            checkCooldown("WarmupCosine", cooldown);
            this.warmupSteps = warmupSteps;
            this.totalSteps = totalSteps;
            this.minLr = minLr;
            this.cooldown = cooldown;
            apply();
        }

        /** The rate at step {@code t}. */
        public double lrAt(long t) {
            return rate(baseLr(), minLr, t, warmupSteps, (double) (t - warmupSteps) / (totalSteps - warmupSteps),
                    cooldown);
        }

        /**
         * The shape shared with {@link TimedCosine}: {@code base·(t + 1)/W} during the warm-up, then {@code base}
         * until {@code progress} reaches {@code 1 − cooldown}, then the cosine down to {@code min} at progress 1 (and
         * after).
         */
        static double rate(double base, double min, long t, long warmupSteps, double progress, double cooldown) {
            if (t < warmupSteps) return base * (t + 1) / warmupSteps;
            double decay = (progress - (1 - cooldown)) / cooldown;
            if (decay <= 0) return base;
            return decay >= 1 ? min : min + (base - min) * 0.5 * (1 + Math.cos(Math.PI * decay));
        }

        static void checkCooldown(String owner, double cooldown) {
            Check.argument(cooldown > 0 && cooldown <= 1, "%s: cooldown must be in (0, 1], got %s", owner, cooldown);
        }

        @Override
        void apply() {
            optimizer().setLr(lrAt(stepCount()));
        }
    }

    /**
     * Reduces the rate by {@code factor} when a metric has stopped improving for more than {@code patience} steps,
     * exactly as {@code ReduceLROnPlateau}: a new value is better when, in {@link Mode#MIN} mode with relative
     * threshold, {@code metric < best·(1 − threshold)} (absolute: {@code metric < best − threshold}; {@link Mode#MAX}
     * mirrors both); after a reduction, {@code cooldown} steps pass before bad steps count again; the rate never goes
     * below {@code minLr}, and a change smaller than {@code eps} is skipped.
     */
    public static final class ReduceOnPlateau extends LrSchedule {
        /** Whether lower (loss) or higher (accuracy) metric values are better. */
        public enum Mode { MIN, MAX }

        /** Whether the improvement threshold is relative to the best value or absolute. */
        public enum ThresholdMode { REL, ABS }

        /**
         * Plateau settings; PyTorch's defaults are {@link ReduceOnPlateau#defaults()}.
         *
         * @param mode lower or higher is better
         * @param factor rate multiplier on a plateau, in [0, 1)
         * @param patience bad steps tolerated before reducing, >= 0
         * @param threshold minimum significant improvement, >= 0
         * @param thresholdMode relative or absolute threshold
         * @param cooldown steps to wait after a reduction, >= 0
         * @param minLr lower bound of the rate, >= 0
         * @param eps smallest change of the rate worth making, >= 0
         */
        public record Config(Mode mode, double factor, int patience, double threshold, ThresholdMode thresholdMode,
                             int cooldown, double minLr, double eps) {
            public Config {
                Check.argument(mode != null && thresholdMode != null,
                        "ReduceOnPlateau.Config: mode and thresholdMode must not be null, got %s and %s", mode,
                        thresholdMode);
                Check.argument(factor >= 0 && factor < 1, "ReduceOnPlateau.Config: factor must be in [0, 1), got %s",
                        factor);
                Check.argument(patience >= 0, "ReduceOnPlateau.Config: patience must be >= 0, got %s", patience);
                Check.argument(threshold >= 0 && Double.isFinite(threshold),
                        "ReduceOnPlateau.Config: threshold must be finite and >= 0, got %s", threshold);
                Check.argument(cooldown >= 0, "ReduceOnPlateau.Config: cooldown must be >= 0, got %s", cooldown);
                Check.argument(minLr >= 0 && Double.isFinite(minLr),
                        "ReduceOnPlateau.Config: minLr must be finite and >= 0, got %s", minLr);
                Check.argument(eps >= 0 && Double.isFinite(eps),
                        "ReduceOnPlateau.Config: eps must be finite and >= 0, got %s", eps);
            }
        }

        private static final String BEST = "best";
        private static final String NUM_BAD_EPOCHS = "num_bad_epochs";
        private static final String COOLDOWN_COUNTER = "cooldown_counter";

        private final Config config;
        private double best;
        private long numBadEpochs;
        private long cooldownCounter;

        /** PyTorch's defaults: min mode, factor 0.1, patience 10, relative threshold 1e-4, no cooldown, minLr 0. */
        public static Config defaults() {
            return new Config(Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 0, 0, 1e-8);
        }

        /** Watches a metric for {@code optimizer} with the given settings. */
        public ReduceOnPlateau(Optimizer optimizer, Config config) {
            super(optimizer);
            Check.argument(config != null, "ReduceOnPlateau: config must not be null, got null");
            this.config = config;
            this.best = config.mode() == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }

        /** The best metric so far (±infinity before the first step). */
        public double best() {
            return best;
        }

        /** Consecutive steps without improvement. */
        public long numBadEpochs() {
            return numBadEpochs;
        }

        /** A plateau schedule needs the metric: always throws; call {@link #step(double)}. */
        @Override
        public void step() {
            throw new IllegalStateException("ReduceOnPlateau.step: the schedule must be given the metric, got none; "
                    + "call step(metric)");
        }

        @Override
        public void step(double metric) {
            super.step();
            if (isBetter(metric)) {
                best = metric;
                numBadEpochs = 0;
            } else {
                numBadEpochs++;
            }
            if (cooldownCounter > 0) {
                cooldownCounter--;
                numBadEpochs = 0;
            }
            if (numBadEpochs > config.patience()) {
                double old = lr();
                double reduced = Math.max(old * config.factor(), config.minLr());
                // PyTorch skips changes smaller than eps, so the rate settles at minLr instead of creeping.
                if (old - reduced > config.eps()) optimizer().setLr(reduced);
                cooldownCounter = config.cooldown();
                numBadEpochs = 0;
            }
        }

        private boolean isBetter(double metric) {
            boolean rel = config.thresholdMode() == ThresholdMode.REL;
            double t = config.threshold();
            if (config.mode() == Mode.MIN) {
                return rel ? metric < best * (1 - t) : metric < best - t;
            }
            return rel ? metric > best * (t + 1) : metric > best + t;
        }

        @Override
        void saveExtra(Map<String, Tensor> out) {
            out.put(BEST, ExactScalars.ofDouble(best));
            out.put(NUM_BAD_EPOCHS, ExactScalars.ofLong(numBadEpochs));
            out.put(COOLDOWN_COUNTER, ExactScalars.ofLong(cooldownCounter));
        }

        @Override
        List<String> extraKeys() {
            return List.of(BEST, NUM_BAD_EPOCHS, COOLDOWN_COUNTER);
        }

        @Override
        void loadExtra(Map<String, Tensor> state) {
            best = ExactScalars.toDouble(state.get(BEST));
            numBadEpochs = ExactScalars.toLong(state.get(NUM_BAD_EPOCHS));
            cooldownCounter = ExactScalars.toLong(state.get(COOLDOWN_COUNTER));
        }
    }
}

package rnn4j.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The training budget of every training command: steps, epochs or time, whichever ends first. */
final class BudgetOptions {
    @Option(names = "--steps", paramLabel = "N", description = "Optimizer steps in all (counting those before a "
            + "--resume).")
    Long steps;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training data.")
    Double epochs;

    @Option(names = "--time", paramLabel = "DURATION", converter = Durations.class, description = "Training time, "
            + "e.g. 90s, 20m or 1h30m (counting the time before a --resume).")
    Duration time;

    void validate() {
        Usage.require(steps == null || steps >= 1, "--steps must be >= 1, got %s", steps);
        Usage.require(epochs == null || epochs > 0, "--epochs must be > 0, got %s", epochs);
        Usage.require(steps != null || epochs != null || time != null, "give a budget: --steps N, --epochs N or "
                + "--time 20m");
    }

    /** The last step, from {@code --steps} and {@code --epochs}; {@link Long#MAX_VALUE} when only time bounds it. */
    long totalSteps(long stepsPerEpoch) {
        long fromEpochs = epochs == null ? Long.MAX_VALUE : (long) Math.ceil(epochs * stepsPerEpoch);
        return Math.min(steps == null ? Long.MAX_VALUE : steps, fromEpochs);
    }

    /** True once {@code seconds} of training have used up {@code --time}. */
    boolean timeUp(double seconds) {
        return time != null && seconds >= time.toMillis() / 1000.0;
    }

    /**
     * A usage error when a resumed run has already met the budget: it counts the whole run, so a value at or below
     * what is done would train nothing and yet look like a finished resume.
     */
    void requireRemaining(Path run, long stepsDone, double secondsDone, long totalSteps) {
        Usage.require(stepsDone < totalSteps && !timeUp(secondsDone), "the run in %s has done %d steps in %.0f s, "
                + "which already meets %s; the budget counts the whole run, so give a larger one", run, stepsDone,
                secondsDone, describe(totalSteps));
    }

    /** A short description for the run's header line, e.g. {@code budget 2,000 steps or 20m}. */
    String describe(long totalSteps) {
        List<String> parts = new ArrayList<>();
        if (totalSteps != Long.MAX_VALUE) parts.add(String.format("%,d steps", totalSteps));
        if (time != null) parts.add(time.toString().substring(2).toLowerCase(Locale.ROOT));
        return "budget " + String.join(" or ", parts);
    }
}

package rnn4j.cli;

/**
 * The wall time of a training run that may continue an earlier one: seconds in all (what {@code --time} bounds and
 * the progress file keeps), and rates over this session only (a resumed run's speed is its own).
 */
final class RunClock {
    private final double before;
    private final long started = System.nanoTime();

    /** A clock started now, after {@code before} seconds of earlier sessions. */
    RunClock(double before) {
        this.before = before;
    }

    /** Seconds of training in all: the earlier sessions' and this one's so far. */
    double seconds() {
        return before + (System.nanoTime() - started) / 1e9;
    }

    /** {@code count} things done in this session, per second, at the time {@code seconds} read from this clock. */
    double rate(long count, double seconds) {
        return count / Math.max(1e-9, seconds - before);
    }
}

package rnn4j.cli;

/** Checks of option values after parsing: a failed one is a usage error (exit 2) naming the option and the fix. */
final class Usage {
    private Usage() {}

    /** Throws a usage error with the formatted message unless {@code ok}. */
    static void require(boolean ok, String template, Object... args) {
        if (!ok) {
            throw new ErrorReporting.UsageException(String.format(template, args));
        }
    }
}

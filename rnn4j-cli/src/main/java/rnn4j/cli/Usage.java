package rnn4j.cli;

import rnn4j.nn.attention.Attention;
import rnn4j.nn.recurrent.CellType;

/** Checks of option values after parsing: a failed one is a usage error (exit 2) naming the option and the fix. */
final class Usage {
    private Usage() {}

    /** The cell an option names; anything else is a usage error naming the option and the valid cells. */
    static CellType cell(String value, String option) {
        try {
            return CellType.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ErrorReporting.UsageException(option + " must be lstm, gru, rnn_tanh or rnn_relu, got '" + value
                    + "'");
        }
    }

    /** The attention kind an option names; anything else is a usage error naming the option and the valid kinds. */
    static Attention.Kind attention(String value, String option) {
        try {
            return Attention.Kind.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ErrorReporting.UsageException(option + " must be none, additive, dot or general, got '" + value
                    + "'");
        }
    }

    /**
     * A usage error unless {@code values} fit in one Java array (at most 2³¹ − 1), the limit of every tensor: caught
     * here it names the options to change, where the tensor code could only name a shape.
     */
    static void arraySize(long values, String what, String options) {
        require(values < Integer.MAX_VALUE, "%s would hold %,d values, more than a Java array can (2^31 - 1); use a "
                + "smaller %s", what, values, options);
    }

    /** Throws a usage error with the formatted message unless {@code ok}. */
    static void require(boolean ok, String template, Object... args) {
        if (!ok) {
            throw new ErrorReporting.UsageException(String.format(template, args));
        }
    }
}

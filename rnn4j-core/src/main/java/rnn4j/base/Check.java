package rnn4j.base;

import java.util.Arrays;

/**
 * Preconditions whose messages follow the house form {@code Class.method: <subject> must <requirement>, got <actual>}.
 *
 * <p>Templates use {@code %s}; an {@code int[]} argument is printed as a shape, {@code [2, 5]}. The message is only
 * formatted when the check fails, so checks cost nothing on the hot path.
 */
public final class Check {
    private Check() {}

    /** Throws {@link IllegalArgumentException} with the formatted message unless {@code condition} holds. */
    public static void argument(boolean condition, String template, Object... args) {
        if (!condition) {
            throw new IllegalArgumentException(format(template, args));
        }
    }

    /** Throws {@link IllegalStateException} with the formatted message unless {@code condition} holds. */
    public static void state(boolean condition, String template, Object... args) {
        if (!condition) {
            throw new IllegalStateException(format(template, args));
        }
    }

    /** Throws {@link IndexOutOfBoundsException} unless {@code 0 <= index < size}; returns {@code index}. */
    public static int index(int index, int size, String template, Object... args) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(format(template, args));
        }
        return index;
    }

    /** Formats a template, printing {@code int[]} and {@code long[]} arguments as {@code [a, b]}. */
    public static String format(String template, Object... args) {
        Object[] printable = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            printable[i] = switch (args[i]) {
                case int[] shape -> Arrays.toString(shape);
                case long[] shape -> Arrays.toString(shape);
                case float[] values -> Arrays.toString(values);
                case null, default -> args[i];
            };
        }
        return String.format(template, printable);
    }
}

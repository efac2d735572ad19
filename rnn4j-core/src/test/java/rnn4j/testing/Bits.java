package rnn4j.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Bit-level float comparisons, for results that must be identical, not just close. */
public final class Bits {
    private Bits() {}

    /** Fails at the first element whose bits differ (so −0 ≠ 0 and every NaN payload counts), naming it. */
    public static void assertBitsEqual(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                throw new AssertionError(what + ": element " + i + " differs: " + expected[i] + " vs " + actual[i]);
            }
        }
    }
}

package rnn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.Map;
import rnn4j.nn.Module;
import rnn4j.tensor.Tensor;

/** Helpers of the exact-resume tests: a detached copy of a state dict, and bit-for-bit equality of two models. */
final class SameBits {
    private SameBits() {}

    static Map<String, Tensor> copy(Module m) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        m.stateDict().forEach((k, v) -> out.put(k, v.copy()));
        return out;
    }

    static void assertSameBits(Module expected, Module actual) {
        assertFalse(expected.stateDict().isEmpty());
        expected.stateDict().forEach((k, v) -> assertArrayEquals(v.toArray(), actual.stateDict().get(k).toArray(), 0f,
                k + " differs after resume"));
    }
}

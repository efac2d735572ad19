package rnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import rnn4j.io.SafeTensors;

/** The check of the exact-resume tests: two checkpoints hold the same tensors, bit for bit. */
final class SameModel {
    private SameModel() {}

    static void assertSameBits(Path expected, Path actual) {
        var a = SafeTensors.read(expected).tensors();
        var b = SafeTensors.read(actual).tensors();
        assertEquals(a.keySet(), b.keySet());
        a.forEach((k, v) -> assertArrayEquals(v.toArray(), b.get(k).toArray(), 0f, k + " differs after resume"));
    }
}

package rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import rnn4j.tensor.Tensor;

/**
 * Coverage-guided fuzzing of {@link SafeTensors#read(byte[], String)}: a {@link CheckpointException} is the only
 * acceptable failure; any other exception, an OutOfMemoryError or a hang is a finding.
 *
 * <p>{@code mvn test} replays the inputs under {@code src/test/resources/rnn4j/io/SafeTensorsFuzzTestInputs/read/}
 * (seeds and past findings). To fuzz: {@code JAZZER_FUZZ=1 mvn -pl rnn4j-core test -Dtest=SafeTensorsFuzzTest
 * -Djazzer.max_duration=10m}; new crashing inputs land in that folder and must be kept there once fixed.
 */
class SafeTensorsFuzzTest {
    @FuzzTest
    @DictionaryEntries({"\"dtype\"", "\"shape\"", "\"data_offsets\"", "\"__metadata__\"", "\"F32\"", "\"F16\"",
            "\"BF16\"", "\"F64\"", "\"I64\"", "\"I32\"", "\"I16\"", "\"U8\"", "2147483647", "4294967296", "[]", "{}",
            ":[0,4]", "-1", "1e9", "\\u0000"})
    void read(byte[] bytes) {
        SafeTensors.Contents contents;
        try {
            contents = SafeTensors.read(bytes, "fuzz");
        } catch (CheckpointException rejected) {
            return;
        }
        // Whatever is accepted must survive a write and a read unchanged (as float32).
        SafeTensors.Contents again = SafeTensors.read(SafeTensors.toBytes(contents.tensors(), contents.metadata()),
                "fuzz-again");
        assertEquals(List.copyOf(contents.metadata().entrySet()), List.copyOf(again.metadata().entrySet()));
        assertEquals(List.copyOf(contents.tensors().keySet()), List.copyOf(again.tensors().keySet()));
        for (String name : contents.tensors().keySet()) {
            Tensor before = contents.tensor(name);
            Tensor after = again.tensor(name);
            assertEquals(before.shape(), after.shape(), name);
            float[] b = before.toArray();
            float[] a = after.toArray();
            for (int i = 0; i < b.length; i++) {
                assertEquals(Float.floatToRawIntBits(b[i]), Float.floatToRawIntBits(a[i]), name);
            }
        }
    }
}

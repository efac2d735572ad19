package rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rnn4j.io.RawFiles.entry;
import static rnn4j.io.RawFiles.file;
import static rnn4j.io.RawFiles.floats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnn4j.tensor.Tensor;

/** One test per class of damaged or hostile input, each asserting the message of the CheckpointException. */
class SafeTensorsParserTest {
    private static final String PREFIX = "SafeTensors.read: ";

    private static String error(byte[] bytes) {
        return assertThrows(CheckpointException.class, () -> SafeTensors.read(bytes, "f")).getMessage();
    }

    /** A file with one header (given as the inside of the root object) and a data section. */
    private static String error(String headerBody, byte[] data) {
        return error(file("{" + headerBody + "}", data));
    }

    private static void assertMessage(String requirement, String actual, String message) {
        assertEquals(PREFIX + requirement + " (f), got " + actual, message);
    }

    // ---------------------------------------------------------------- length prefix

    @Test
    void read_fileShorterThanLengthPrefix_isRejected() {
        assertMessage("file must hold at least the 8-byte header length", "5 bytes", error(new byte[5]));
    }

    @Test
    void read_headerLengthPastTheEnd_isRejected(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("model.safetensors");
        Files.write(file, RawFiles.withLength(9_999_999, new byte[1204]));
        var e = assertThrows(CheckpointException.class, () -> SafeTensors.read(file));
        assertEquals(PREFIX + "header length must fit in the file (" + file + "), got 9999999 with 1204 bytes after it",
                e.getMessage());
    }

    @Test
    void read_absurdHeaderLength_isRejectedBeforeAllocating() {
        assertMessage("header length must be at most 100000000 bytes", "18446744073709551615",
                error(RawFiles.withLength(-1L, new byte[16])));
        assertMessage("header length must be at most 100000000 bytes", "100000001",
                error(RawFiles.withLength(100_000_001L, new byte[16])));
    }

    // ---------------------------------------------------------------- JSON

    @Test
    void read_headerNotStartingWithBrace_isRejected() {
        assertMessage("header must be a JSON object starting with '{'", "first byte 0x5b", error(file("[]", new byte[0])));
        assertMessage("header must be a JSON object starting with '{'", "first byte 0x20", error(file(" {}", new byte[0])));
        assertMessage("header must be a JSON object starting with '{'", "an empty header", error(file("", new byte[0])));
    }

    @Test
    void read_invalidUtf8_isRejected() {
        byte[] header = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};
        assertMessage("header must be valid UTF-8", "a malformed byte sequence", error(file(header, new byte[0])));
    }

    @Test
    void read_malformedJson_isRejected() {
        String message = error(file("{\"a\": ", new byte[0]));
        assertTrue(message.startsWith(PREFIX + "header must be valid JSON (f), got Unexpected end-of-input"), message);
    }

    @Test
    void read_duplicateKeys_areRejected() {
        String e = entry("a", "F32", "[]", 0, 4);
        String message = error(e + "," + e, floats(1));
        assertTrue(message.startsWith(PREFIX + "header must be valid JSON (f), got Duplicate field 'a'"), message);
        String inner = error("\"a\":{\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}", floats(1));
        assertTrue(inner.startsWith(PREFIX + "header must be valid JSON (f), got Duplicate field 'dtype'"), inner);
    }

    @Test
    void read_deepNesting_isRejectedWithoutDeepRecursion() {
        String deep = "{\"a\":{\"dtype\":\"F32\",\"shape\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}}";
        assertMessage("shape of 'a' must be an array of integers in [0, 2^31)", "an array",
                error(file(deep, new byte[0])));
        assertMessage("entry 'a' must be a JSON object", "an array",
                error(file("{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}", new byte[0])));
        String deepMetadata = "{\"__metadata__\":{\"k\":" + "{".repeat(20) + "}".repeat(20) + "}}";
        assertMessage("__metadata__ values must be strings", "an object for key 'k'",
                error(file(deepMetadata, new byte[0])));
    }

    @Test
    void read_secondJsonValueAfterTheObject_isRejected() {
        assertMessage("header must hold one JSON object and nothing after it", "an object",
                error(file("{} {}", new byte[0])));
    }

    // ---------------------------------------------------------------- entries

    @Test
    void read_entryNotAnObject_isRejected() {
        assertMessage("entry 'a' must be a JSON object", "the number 3", error("\"a\":3", new byte[0]));
    }

    @Test
    void read_entryMissingField_isRejected() {
        assertMessage("entry 'a' must have the field data_offsets", "none",
                error("\"a\":{\"dtype\":\"F32\",\"shape\":[1]}", floats(1)));
    }

    @Test
    void read_entryWithUnknownField_isRejected() {
        assertMessage("entry 'a' must have only the fields dtype, shape and data_offsets", "the field 'offsets'",
                error("\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"offsets\":[0,4]}", floats(1)));
    }

    @Test
    void read_unsupportedDtype_isRejected() {
        String requirement = "dtype of 'a' must be one of F32, F16, BF16, F64, I64, I32, I16";
        assertMessage(requirement, "the string 'U8'", error(entry("a", "U8", "[4]", 0, 4), new byte[4]));
        assertMessage(requirement, "the string 'f32'", error(entry("a", "f32", "[1]", 0, 4), floats(1)));
        assertMessage(requirement, "the number 32",
                error("\"a\":{\"dtype\":32,\"shape\":[1],\"data_offsets\":[0,4]}", floats(1)));
    }

    @Test
    void read_badDimensions_areRejected() {
        String requirement = "shape of 'a' must be an array of integers in [0, 2^31)";
        assertMessage(requirement, "the number -1", error(entry("a", "F32", "[-1]", 0, 4), floats(1)));
        assertMessage(requirement, "the number 2.0", error(entry("a", "F32", "[2.0]", 0, 8), floats(1, 2)));
        assertMessage(requirement, "the number 2147483648",
                error(entry("a", "F32", "[2147483648]", 0, 4), floats(1)));
        assertMessage(requirement, "the string '2'", error(entry("a", "F32", "[\"2\"]", 0, 8), floats(1, 2)));
        assertMessage(requirement, "an object", error(entry("a", "F32", "{}", 0, 4), floats(1)));
    }

    @Test
    void read_tooManyDimensions_isRejected() {
        String shape = "[" + "1,".repeat(64) + "1]";
        assertMessage("shape of 'a' must have at most 64 dimensions", "more",
                error(entry("a", "F32", shape, 0, 4), floats(1)));
    }

    @Test
    void read_elementCountOverflow_isRejected() {
        assertMessage("shape of 'a' must have fewer than 2^31 elements (one float array)", "[65536, 65536]",
                error(entry("a", "F32", "[65536,65536]", 0, 17179869184L), floats(1)));
    }

    @Test
    void read_shapeNotMatchingOffsets_isRejected() {
        assertMessage("data_offsets of 'a' must span 8 bytes for F32 shape [2]", "[0, 4] (4 bytes)",
                error(entry("a", "F32", "[2]", 0, 4), floats(1)));
    }

    @Test
    void read_hugeClaimedTensor_isRejectedBeforeAllocating() {
        // 2^31 - 9 floats would be 8 GB; only 4 bytes are present.
        assertMessage("data_offsets of 'a' must lie within the 4-byte data section", "[0, 8589934556]",
                error(entry("a", "F32", "[2147483639]", 0, 8589934556L), floats(1)));
    }

    @Test
    void read_badOffsets_areRejected() {
        String requirement = "data_offsets of 'a' must be two non-negative integers [begin, end]";
        assertMessage(requirement, "the number -4",
                error("\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[-4,0]}", floats(1)));
        assertMessage(requirement, "1 of them",
                error("\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4]}", floats(1)));
        assertMessage(requirement, "more than two",
                error("\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}", floats(1)));
        assertMessage(requirement, "the number 99999999999999999999",
                error("\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,99999999999999999999]}", floats(1)));
    }

    @Test
    void read_beginAfterEnd_isRejected() {
        assertMessage("data_offsets of 'a' must have begin <= end", "[4, 0]",
                error(entry("a", "F32", "[1]", 4, 0), floats(1)));
    }

    // ---------------------------------------------------------------- layout

    @Test
    void read_offsetsPastTheData_areRejected() {
        assertMessage("data_offsets of 'a' must lie within the 4-byte data section", "[0, 8]",
                error(entry("a", "F32", "[2]", 0, 8), floats(1)));
    }

    @Test
    void read_overlappingTensors_areRejected() {
        assertMessage("data_offsets of 'b' must not overlap 'a', which ends at byte 8", "[4, 12]",
                error(entry("a", "F32", "[2]", 0, 8) + "," + entry("b", "F32", "[2]", 4, 12), floats(1, 2, 3)));
    }

    @Test
    void read_holeBetweenTensors_isRejected() {
        assertMessage("data_offsets of 'b' must start where the previous tensor ends, byte 4",
                "[8, 12]; the data section must have no holes",
                error(entry("a", "F32", "[1]", 0, 4) + "," + entry("b", "F32", "[1]", 8, 12), floats(1, 2, 3)));
        assertMessage("data_offsets of 'a' must start where the previous tensor ends, byte 0",
                "[4, 8]; the data section must have no holes", error(entry("a", "F32", "[1]", 4, 8), floats(1, 2)));
    }

    @Test
    void read_trailingBytes_areRejected() {
        assertMessage("data section must end where the last tensor ends, byte 4",
                "8 bytes; the file has trailing bytes", error(entry("a", "F32", "[1]", 0, 4), floats(1, 2)));
    }

    @Test
    void read_tensorsOutOfHeaderOrder_areAcceptedInHeaderOrder() {
        var contents = SafeTensors.read(file("{" + entry("b", "F32", "[1]", 4, 8) + "," + entry("a", "F32", "[1]", 0, 4)
                + "," + entry("e", "F32", "[0]", 4, 4) + "}", floats(1, 2)), "f");
        assertEquals(java.util.List.of("b", "a", "e"), java.util.List.copyOf(contents.tensors().keySet()));
        assertEquals(2f, contents.tensor("b").item());
        assertEquals(1f, contents.tensor("a").item());
    }

    // ---------------------------------------------------------------- metadata

    @Test
    void read_metadataWithNonStringValue_isRejected() {
        assertMessage("__metadata__ values must be strings", "the number 1 for key 'k'",
                error("\"__metadata__\":{\"k\":1}", new byte[0]));
        assertMessage("__metadata__ values must be strings", "null for key 'k'",
                error("\"__metadata__\":{\"k\":null}", new byte[0]));
    }

    @Test
    void read_metadataNotAnObject_isRejected() {
        assertMessage("__metadata__ must be a JSON object of strings", "an array",
                error("\"__metadata__\":[\"k\"]", new byte[0]));
    }

    // ---------------------------------------------------------------- files and messages

    @Test
    void read_missingFile_isRejectedNamingIt(@TempDir Path folder) {
        Path file = folder.resolve("absent.safetensors");
        var e = assertThrows(CheckpointException.class, () -> SafeTensors.read(file));
        assertEquals(PREFIX + "file must be readable (" + file + "), got java.nio.file.NoSuchFileException: " + file,
                e.getMessage());
    }

    @Test
    void read_hostileNames_areQuotedEscapedAndCut() {
        String name = "\\n" + "x".repeat(200);
        String message = error("\"" + name + "\":3", new byte[0]);
        assertEquals(PREFIX + "entry '\\u000a" + "x".repeat(63) + "...' must be a JSON object (f), got the number 3",
                message);
    }

    @Test
    void read_validFileWrittenByWriter_isAccepted() {
        byte[] bytes = SafeTensors.toBytes(Map.of("w", Tensor.vector(1, 2)), Map.of("k", "v"));
        assertEquals(2, SafeTensors.read(bytes, "f").tensor("w").size());
    }
}

package rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnn4j.tensor.Tensor;
import rnn4j.testing.TestPaths;

class SafeTensorsTest {
    @TempDir
    Path folder;

    private static Tensor random(SplittableRandom rng, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = (float) rng.nextGaussian();
        }
        return t;
    }

    private static Map<String, Tensor> sample() {
        SplittableRandom rng = new SplittableRandom(7);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("rnn.weight_ih_l0", random(rng, 12, 5));
        tensors.put("alpha", Tensor.scalar(-2.5f));
        tensors.put("empty", Tensor.zeros(0, 4));
        tensors.put("head.bias", Tensor.vector(Float.NaN, -0.0f, Float.POSITIVE_INFINITY, Float.MIN_VALUE));
        tensors.put("cube", random(rng, 2, 3, 0));
        tensors.put("a.last", random(rng, 3, 1, 2));
        return tensors;
    }

    private static void assertSameTensors(Map<String, Tensor> expected, Map<String, Tensor> actual) {
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()), "names in order");
        for (String name : expected.keySet()) {
            Tensor e = expected.get(name);
            Tensor a = actual.get(name);
            assertEquals(e.shape(), a.shape(), name);
            float[] ev = e.toArray();
            float[] av = a.toArray();
            for (int i = 0; i < ev.length; i++) {
                assertEquals(Float.floatToRawIntBits(ev[i]), Float.floatToRawIntBits(av[i]), name + "[" + i + "]");
            }
        }
    }

    @Test
    void roundTrip_keepsBitsShapesOrderAndMetadata() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "rnn4j/1");
        metadata.put("config", "{\"hidden\": 7, \"note\": \"ünïcode \\n\"}");
        metadata.put("empty", "");
        Path file = folder.resolve("model.safetensors");

        SafeTensors.write(file, sample(), metadata);
        SafeTensors.Contents read = SafeTensors.read(file);

        assertSameTensors(sample(), read.tensors());
        assertEquals(List.copyOf(metadata.entrySet()), List.copyOf(read.metadata().entrySet()));
    }

    @Test
    void roundTrip_inMemoryEqualsFile() throws IOException {
        Path file = folder.resolve("m.safetensors");
        SafeTensors.write(file, sample(), Map.of("k", "v"));

        assertArrayEquals(Files.readAllBytes(file), SafeTensors.toBytes(sample(), Map.of("k", "v")));
        assertSameTensors(sample(), SafeTensors.read(Files.readAllBytes(file), "m").tensors());
    }

    @Test
    void roundTrip_tensorLargerThanOneTransferChunk_throughAFile() {
        // 300k floats = 1.2 MB: the writer and the file reader both go through several 1 MiB chunks.
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("small", Tensor.vector(1, 2, 3));
        tensors.put("big", random(new SplittableRandom(3), 600, 500));
        Path file = folder.resolve("big.safetensors");

        SafeTensors.write(file, tensors, Map.of());

        assertSameTensors(tensors, SafeTensors.read(file).tensors());
    }

    @Test
    void roundTrip_noTensors() {
        SafeTensors.Contents read = SafeTensors.read(SafeTensors.toBytes(Map.of(), Map.of()), "none");
        assertTrue(read.tensors().isEmpty());
        assertTrue(read.metadata().isEmpty());
    }

    @Test
    void write_viewTensor_writesOnlyItsSlice() {
        float[] backing = {9, 9, 1, 2, 3, 4, 9};
        Tensor view = Tensor.wrap(backing, 2, rnn4j.tensor.Shape.of(2, 2));

        Tensor read = SafeTensors.read(SafeTensors.toBytes(Map.of("v", view), Map.of()), "v").tensor("v");

        assertArrayEquals(new float[] {1, 2, 3, 4}, read.toArray());
    }

    @Test
    void write_layout_isPaddedMetadataFirstAndContiguous() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("b", Tensor.vector(1, 2, 3));
        tensors.put("a", Tensor.scalar(4));
        byte[] bytes = SafeTensors.toBytes(tensors, Map.of("k", "v"));

        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = buffer.getLong(0);
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertEquals(0, n % 8, "header length is a multiple of 8");
        assertEquals("{\"__metadata__\":{\"k\":\"v\"},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,12]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[12,16]}}", header.stripTrailing());
        assertTrue(header.substring(header.stripTrailing().length()).chars().allMatch(c -> c == ' '));
        assertEquals(8 + n + 16, bytes.length);
        assertEquals(1f, buffer.getFloat(8 + (int) n));
        assertEquals(4f, buffer.getFloat(8 + (int) n + 12));
    }

    @Test
    void write_emptyMetadata_omitsMetadataKey() {
        byte[] bytes = SafeTensors.toBytes(Map.of("x", Tensor.scalar(1)), Map.of());
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertFalse(text.contains("__metadata__"));
    }

    @Test
    void write_reservedName_isRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.toBytes(Map.of("__metadata__", Tensor.scalar(1)), Map.of()));
        assertEquals("SafeTensors.write: tensor names must not be null or __metadata__ (reserved), got __metadata__",
                e.getMessage());
    }

    @Test
    void write_missingFolder_throwsCheckpointExceptionNamingTheFile() {
        Path file = folder.resolve("no-such-folder").resolve("m.safetensors");
        var e = assertThrows(CheckpointException.class,
                () -> SafeTensors.write(file, Map.of("x", Tensor.scalar(1)), Map.of()));
        assertTrue(e.getMessage().startsWith("SafeTensors.write: file must be writable (" + file + "), got "),
                e.getMessage());
    }

    @Test
    void write_replacesExistingFileAndLeavesNoTempFile() throws IOException {
        Path file = folder.resolve("m.safetensors");
        SafeTensors.write(file, Map.of("old", Tensor.scalar(1)), Map.of());
        SafeTensors.write(file, Map.of("new", Tensor.scalar(2)), Map.of());

        assertEquals(List.of("new"), List.copyOf(SafeTensors.read(file).tensors().keySet()));
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void contents_tensor_unknownName_isRejected() {
        var contents = SafeTensors.read(SafeTensors.toBytes(Map.of("x", Tensor.scalar(1)), Map.of()), "f");
        var e = assertThrows(IllegalArgumentException.class, () -> contents.tensor("y"));
        assertEquals("SafeTensors.Contents.tensor: name must be a tensor of the file, got 'y'", e.getMessage());
    }

    // ---------------------------------------------------------------- PyTorch reference files

    private static Path referenceDir() {
        var dir = TestPaths.reference();
        Assumptions.assumeTrue(dir.isPresent(),
                "reference folder not found; set RNN4J_REFERENCE_DIR to shared/reference to run this test");
        return dir.get();
    }

    @Test
    void read_everyReferenceFile_rewritesToTheSameBytes() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(referenceDir())) {
            files = listing.filter(p -> p.toString().endsWith(".safetensors")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "the reference folder holds safetensors files");
        for (Path file : files) {
            SafeTensors.Contents contents = SafeTensors.read(file);
            assertFalse(contents.tensors().isEmpty(), file.toString());
            // The reference writer uses the same canonical layout, so reading loses nothing at all.
            assertArrayEquals(Files.readAllBytes(file), SafeTensors.toBytes(contents.tensors(), contents.metadata()),
                    file.toString());
        }
    }

    @Test
    void read_lstmReference_hasPyTorchNamesAndShapes() {
        SafeTensors.Contents lstm = SafeTensors.read(referenceDir().resolve("lstm_l1.safetensors"));

        assertEquals(29, lstm.tensors().size());
        assertTrue(lstm.tensor("weight_ih_l0").shape().sameAs(28, 5));
        assertTrue(lstm.tensor("weight_hh_l0").shape().sameAs(28, 7));
        assertTrue(lstm.tensor("bias_hh_l0").shape().sameAs(28));
        assertTrue(lstm.tensor("x").shape().sameAs(6, 3, 5));
        assertEquals("LSTM", lstm.metadata().get("mode"));
        assertEquals("7", lstm.metadata().get("hidden_size"));
        // Parameters were drawn from U(-1/sqrt(H), 1/sqrt(H)) with H = 7.
        float bound = (float) (1 / Math.sqrt(7));
        for (float w : lstm.tensor("weight_ih_l0").toArray()) {
            assertTrue(Math.abs(w) <= bound, "weight " + w + " within the init bound");
        }
    }
}

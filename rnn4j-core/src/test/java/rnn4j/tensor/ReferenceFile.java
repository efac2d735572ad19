package rnn4j.tensor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Minimal test-scope reader of the PyTorch reference files (safetensors, float32 only), and where to find them.
 * A stand-in until {@code rnn4j.io.SafeTensors} lands.
 */
final class ReferenceFile {
    private ReferenceFile() {}

    /** Every tensor of the file by name. */
    static Map<String, Tensor> read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = Math.toIntExact(buf.getLong(0));
        JsonNode header = new ObjectMapper().readTree(bytes, 8, headerLength);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (var field : header.properties()) {
            if (field.getKey().equals("__metadata__")) continue;
            JsonNode spec = field.getValue();
            if (!spec.get("dtype").asText().equals("F32")) {
                throw new IOException(file + ": " + field.getKey() + " must be F32, got " + spec.get("dtype"));
            }
            int[] shape = new int[spec.get("shape").size()];
            for (int i = 0; i < shape.length; i++) shape[i] = spec.get("shape").get(i).asInt();
            int begin = 8 + headerLength + spec.get("data_offsets").get(0).asInt();
            int end = 8 + headerLength + spec.get("data_offsets").get(1).asInt();
            float[] values = new float[(end - begin) / 4];
            buf.slice(begin, end - begin).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            out.put(field.getKey(), Tensor.of(values, shape));
        }
        return out;
    }

    /** The reference folder: env {@code RNN4J_REFERENCE_DIR}, else {@code ../../shared/reference} or {@code ../shared/reference}. */
    static Optional<Path> directory() {
        String env = System.getenv("RNN4J_REFERENCE_DIR");
        if (env != null && !env.isBlank()) return Optional.of(Path.of(env)).filter(Files::isDirectory);
        for (String candidate : new String[] {"../../shared/reference", "../shared/reference"}) {
            Path p = Path.of(candidate).toAbsolutePath().normalize();
            if (Files.isDirectory(p)) return Optional.of(p);
        }
        return Optional.empty();
    }
}

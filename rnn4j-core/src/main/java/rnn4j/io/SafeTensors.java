package rnn4j.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import rnn4j.base.Check;
import rnn4j.tensor.Tensor;

/**
 * Reads and writes the safetensors format of Hugging Face, the checkpoint format of rnn4j.
 *
 * <p>Layout: an 8-byte little-endian unsigned header length {@code N}; {@code N} bytes of UTF-8 JSON, an object
 * mapping each tensor name to {@code {"dtype": "F32", "shape": [2, 5], "data_offsets": [begin, end]}} plus an optional
 * {@code "__metadata__"} object of string values; then the data section, the tensors' raw little-endian row-major
 * bytes, with offsets relative to its start. {@code safetensors.torch.load_file} reads what {@link #write} writes.
 *
 * <p>Reading is strict, as in the reference Rust crate: the header length must fit in the file and be at most
 * {@value #MAX_HEADER_BYTES} bytes, the JSON must be well formed without duplicate keys, and the tensors must tile
 * the data section exactly (no holes, no overlaps, no trailing bytes), each spanning exactly its shape's bytes.
 * Every size is checked against the bytes actually present before anything is allocated, so a damaged or hostile
 * file yields a {@link CheckpointException} naming the file and the problem, never an out-of-memory error. Tensors
 * of dtype F32, F16, BF16, F64, I64, I32 and I16 are read and converted to float32 (half-precision tensors double
 * in size; nothing else grows).
 */
public final class SafeTensors {
    /** The largest header accepted, as in the Rust crate: a guard against absurd lengths. */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    static final String METADATA_KEY = "__metadata__";

    /** Bytes converted per transfer; bounds the buffer whatever the tensor size (a multiple of every dtype size). */
    static final int CHUNK_BYTES = 1 << 20;

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private SafeTensors() {}

    /**
     * The content of a safetensors file.
     *
     * @param tensors float32 tensors by name, in the header's order (unmodifiable)
     * @param metadata the {@code __metadata__} entries in the header's order, empty when absent (unmodifiable)
     */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
        public Contents {
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }

        /** The tensor called {@code name}. */
        public Tensor tensor(String name) {
            Tensor tensor = tensors.get(name);
            Check.argument(tensor != null, "SafeTensors.Contents.tensor: name must be a tensor of the file, got '%s'",
                    name);
            return tensor;
        }
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads a safetensors file, converting every tensor to float32.
     *
     * @throws CheckpointException if the file cannot be read or is not a valid safetensors file
     */
    public static Contents read(Path file) {
        String name = file.toString();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return SafeTensorsParser.parse(new SafeTensorsParser.ChannelSource(channel), name);
        } catch (IOException e) {
            throw new CheckpointException(
                    "SafeTensors.read: file must be readable (" + name + "), got " + e, e);
        }
    }

    /**
     * Parses safetensors content held in memory; {@code name} stands for the file in error messages.
     *
     * @throws CheckpointException if {@code bytes} is not a valid safetensors file
     */
    public static Contents read(byte[] bytes, String name) {
        try {
            return SafeTensorsParser.parse(new SafeTensorsParser.ArraySource(bytes), name);
        } catch (IOException e) {
            // An array source does no I/O; kept for the shared signature.
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- writing

    /**
     * Writes tensors (as F32, in the map's order, contiguous) and metadata to {@code file}, atomically: readers see
     * the old file or the complete new one (see {@link AtomicFiles}). The header is padded with spaces to a multiple
     * of 8 bytes so that the data section starts aligned, as the Rust crate does; {@code __metadata__} comes first
     * and is omitted when empty.
     *
     * @throws IllegalArgumentException if a name is {@code __metadata__} or null, or a tensor or value is null
     * @throws CheckpointException if the file cannot be written; the old file, if any, is then unchanged
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) {
        byte[] header = header(tensors, metadata);
        try {
            AtomicFiles.write(file, out -> writeTo(out, header, tensors));
        } catch (IOException e) {
            throw new CheckpointException(
                    "SafeTensors.write: file must be writable (" + file + "), got " + e, e);
        }
    }

    /** The bytes {@link #write} would write, for in-memory use; the content must be smaller than 2 GiB. */
    public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
        byte[] header = header(tensors, metadata);
        long total = 8L + header.length + dataBytes(tensors);
        Check.argument(total <= Integer.MAX_VALUE - 8,
                "SafeTensors.toBytes: content must be smaller than 2 GiB, got %s bytes; use write(Path, ...)", total);
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) total);
        try {
            writeTo(out, header, tensors);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    private static long dataBytes(Map<String, Tensor> tensors) {
        long bytes = 0;
        for (Tensor tensor : tensors.values()) {
            bytes += (long) Float.BYTES * tensor.size();
        }
        return bytes;
    }

    /** The JSON header, space-padded to a multiple of 8 bytes. */
    private static byte[] header(Map<String, Tensor> tensors, Map<String, String> metadata) {
        checkWritable(tensors, metadata);
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(json, JsonEncoding.UTF8)) {
            g.writeStartObject();
            if (!metadata.isEmpty()) {
                g.writeObjectFieldStart(METADATA_KEY);
                for (Map.Entry<String, String> entry : metadata.entrySet()) {
                    g.writeStringField(entry.getKey(), entry.getValue());
                }
                g.writeEndObject();
            }
            long offset = 0;
            for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
                Tensor tensor = entry.getValue();
                g.writeObjectFieldStart(entry.getKey());
                g.writeStringField("dtype", Dtype.F32.name());
                g.writeArrayFieldStart("shape");
                for (int d : tensor.shape().dims()) {
                    g.writeNumber(d);
                }
                g.writeEndArray();
                g.writeArrayFieldStart("data_offsets");
                g.writeNumber(offset);
                offset += (long) Float.BYTES * tensor.size();
                g.writeNumber(offset);
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            // Only malformed strings (an unpaired surrogate) make the generator fail.
            throw new IllegalArgumentException("SafeTensors.write: names and metadata must be valid Unicode, got "
                    + e.getMessage(), e);
        }
        int padding = (8 - json.size() % 8) % 8;
        for (int i = 0; i < padding; i++) {
            json.write(' ');
        }
        Check.argument(json.size() <= MAX_HEADER_BYTES,
                "SafeTensors.write: header must be at most %s bytes, got %s; store less metadata",
                MAX_HEADER_BYTES, json.size());
        return json.toByteArray();
    }

    private static void checkWritable(Map<String, Tensor> tensors, Map<String, String> metadata) {
        Check.argument(tensors != null && metadata != null,
                "SafeTensors.write: tensors and metadata must not be null, got %s and %s", tensors, metadata);
        for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
            Check.argument(entry.getKey() != null && !entry.getKey().equals(METADATA_KEY),
                    "SafeTensors.write: tensor names must not be null or %s (reserved), got %s",
                    METADATA_KEY, entry.getKey());
            Check.argument(entry.getValue() != null, "SafeTensors.write: tensor '%s' must not be null, got null",
                    entry.getKey());
        }
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            Check.argument(entry.getKey() != null && entry.getValue() != null,
                    "SafeTensors.write: metadata keys and values must not be null, got %s = %s",
                    entry.getKey(), entry.getValue());
        }
    }

    private static void writeTo(OutputStream out, byte[] header, Map<String, Tensor> tensors) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        chunk.putLong(header.length);
        out.write(chunk.array(), 0, Long.BYTES);
        out.write(header);
        for (Tensor tensor : tensors.values()) {
            float[] data = tensor.data();
            int end = tensor.offset() + tensor.size();
            for (int i = tensor.offset(); i < end; ) {
                int n = Math.min(end - i, CHUNK_BYTES / Float.BYTES);
                chunk.clear();
                chunk.asFloatBuffer().put(data, i, n);
                out.write(chunk.array(), 0, n * Float.BYTES);
                i += n;
            }
        }
    }
}

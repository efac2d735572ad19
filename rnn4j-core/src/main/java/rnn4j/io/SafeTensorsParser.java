package rnn4j.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rnn4j.base.Check;
import rnn4j.tensor.Tensor;

/**
 * The strict safetensors reader behind {@link SafeTensors#read}: validates the header against the bytes present, then
 * decodes each tensor in bounded chunks.
 *
 * <p>The header is parsed with Jackson's streaming parser rather than a tree: a tree of a 100 MB header of tiny
 * numbers would take gigabytes, while the streaming parser lets every list be bounded as it is read.
 */
final class SafeTensorsParser {
    /** More axes than PyTorch's own limit of 64 can only come from a hostile file. */
    static final int MAX_RANK = 64;

    /** Every tensor becomes one {@code float[]}; the same bound as {@code Shape}. */
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    /** Names and messages are cut to this many characters in error messages. */
    private static final int MAX_QUOTED = 64;

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // A symbol table of hostile names can only cost time; plain strings are bounded by the header.
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(8)
                    .maxNumberLength(32)
                    .maxStringLength((int) SafeTensors.MAX_HEADER_BYTES)
                    .build())
            .build();

    /** Random-access bytes: a file channel or an array. */
    interface Source {
        long size() throws IOException;

        /** Fills the remaining space of {@code into} with the bytes from {@code position} on. */
        void read(long position, ByteBuffer into) throws IOException;
    }

    record ChannelSource(FileChannel channel) implements Source {
        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public void read(long position, ByteBuffer into) throws IOException {
            long at = position;
            while (into.hasRemaining()) {
                int n = channel.read(into, at);
                if (n < 0) {
                    throw new EOFException("the file became shorter while being read");
                }
                at += n;
            }
        }
    }

    record ArraySource(byte[] bytes) implements Source {
        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public void read(long position, ByteBuffer into) {
            into.put(bytes, (int) position, into.remaining());
        }
    }

    /** One header entry; {@code count} is the element count of {@code shape}. */
    private record Entry(String name, Dtype dtype, int[] shape, int count, long begin, long end) {
        long bytes() {
            return (long) count * dtype.bytes;
        }
    }

    private final Source source;
    private final String file;

    private SafeTensorsParser(Source source, String file) {
        this.source = source;
        this.file = file;
    }

    static SafeTensors.Contents parse(Source source, String file) throws IOException {
        return new SafeTensorsParser(source, file).parse();
    }

    private SafeTensors.Contents parse() throws IOException {
        long size = source.size();
        if (size < Long.BYTES) {
            throw fail("file must hold at least the 8-byte header length", "%s bytes", size);
        }
        ByteBuffer prefix = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        source.read(0, prefix);
        long headerLength = prefix.getLong(0);
        long after = size - Long.BYTES;
        // Unsigned on disk: a length of 2^63 or more reads as negative here and is rejected with the rest.
        if (Long.compareUnsigned(headerLength, SafeTensors.MAX_HEADER_BYTES) > 0) {
            throw fail("header length must be at most " + SafeTensors.MAX_HEADER_BYTES + " bytes", "%s",
                    Long.toUnsignedString(headerLength));
        }
        if (headerLength > after) {
            throw fail("header length must fit in the file", "%s with %s bytes after it", headerLength, after);
        }
        ByteBuffer header = ByteBuffer.allocate((int) headerLength);
        source.read(Long.BYTES, header);

        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = parseHeader(header.array(), metadata);
        long dataStart = Long.BYTES + headerLength;
        checkLayout(entries, size - dataStart);

        Map<String, Tensor> tensors = new LinkedHashMap<>();
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(SafeTensors.CHUNK_BYTES, size - dataStart))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (Entry entry : entries) {
            tensors.put(entry.name(), load(entry, dataStart, chunk));
        }
        return new SafeTensors.Contents(tensors, metadata);
    }

    // ---------------------------------------------------------------- header

    private List<Entry> parseHeader(byte[] header, Map<String, String> metadata) throws IOException {
        // Rust's crate insists on '{' first; it also keeps the parser from guessing a UTF-16 encoding.
        if (header.length == 0 || header[0] != '{') {
            throw fail("header must be a JSON object starting with '{'",
                    header.length == 0 ? "an empty header" : "first byte 0x%02x", header.length == 0 ? 0 : header[0]);
        }
        // A strict decoder: malformed UTF-8 fails instead of turning into replacement characters.
        var reader = new InputStreamReader(new ByteArrayInputStream(header), StandardCharsets.UTF_8.newDecoder());
        List<Entry> entries = new ArrayList<>();
        try (JsonParser p = JSON.createParser(reader)) {
            p.nextToken(); // START_OBJECT, checked above
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken value = p.nextToken();
                if (key.equals(SafeTensors.METADATA_KEY)) {
                    parseMetadata(p, value, metadata);
                } else {
                    entries.add(parseEntry(p, key, value));
                }
            }
            JsonToken trailing = p.nextToken();
            if (trailing != null) {
                throw fail("header must hold one JSON object and nothing after it", "%s", describe(p, trailing));
            }
        } catch (CharacterCodingException e) {
            throw fail("header must be valid UTF-8", "a malformed byte sequence");
        } catch (JsonProcessingException e) {
            throw fail("header must be valid JSON", "%s at character %s", cut(e.getOriginalMessage()),
                    e.getLocation() == null ? "?" : e.getLocation().getCharOffset());
        }
        return entries;
    }

    private void parseMetadata(JsonParser p, JsonToken token, Map<String, String> metadata) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            throw fail("__metadata__ must be a JSON object of strings", "%s", describe(p, token));
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken value = p.nextToken();
            if (value != JsonToken.VALUE_STRING) {
                throw fail("__metadata__ values must be strings", "%s for key %s", describe(p, value), quote(key));
            }
            metadata.put(key, p.getText());
        }
    }

    private Entry parseEntry(JsonParser p, String name, JsonToken token) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            throw fail("entry " + quote(name) + " must be a JSON object", "%s", describe(p, token));
        }
        Dtype dtype = null;
        int[] shape = null;
        long[] offsets = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "dtype" -> dtype = parseDtype(p, name, value);
                case "shape" -> shape = parseShape(p, name, value);
                case "data_offsets" -> offsets = parseOffsets(p, name, value);
                default -> throw fail("entry " + quote(name) + " must have only the fields dtype, shape and "
                        + "data_offsets", "the field %s", quote(field));
            }
        }
        for (var field : List.of(Map.entry("dtype", dtype != null), Map.entry("shape", shape != null),
                Map.entry("data_offsets", offsets != null))) {
            if (!field.getValue()) {
                throw fail("entry " + quote(name) + " must have the field " + field.getKey(), "none");
            }
        }
        return new Entry(name, dtype, shape, elementCount(name, shape), offsets[0], offsets[1]);
    }

    private Dtype parseDtype(JsonParser p, String name, JsonToken token) throws IOException {
        Dtype dtype = token == JsonToken.VALUE_STRING ? Dtype.named(p.getText()) : null;
        if (dtype == null) {
            throw fail("dtype of " + quote(name) + " must be one of " + Dtype.supported(), "%s",
                    describe(p, token));
        }
        return dtype;
    }

    private int[] parseShape(JsonParser p, String name, JsonToken token) throws IOException {
        String requirement = "shape of " + quote(name) + " must be an array of integers in [0, 2^31)";
        if (token != JsonToken.START_ARRAY) {
            throw fail(requirement, "%s", describe(p, token));
        }
        int[] dims = new int[4];
        int rank = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (rank == MAX_RANK) {
                throw fail("shape of " + quote(name) + " must have at most " + MAX_RANK + " dimensions", "more");
            }
            if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT
                    || p.getIntValue() < 0) {
                throw fail(requirement, "%s", describe(p, t));
            }
            if (rank == dims.length) {
                dims = Arrays.copyOf(dims, 2 * rank);
            }
            dims[rank++] = p.getIntValue();
        }
        return Arrays.copyOf(dims, rank);
    }

    private long[] parseOffsets(JsonParser p, String name, JsonToken token) throws IOException {
        String requirement = "data_offsets of " + quote(name) + " must be two non-negative integers [begin, end]";
        if (token != JsonToken.START_ARRAY) {
            throw fail(requirement, "%s", describe(p, token));
        }
        long[] offsets = new long[2];
        int n = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            boolean integer = t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
            if (n == 2 || !integer || p.getLongValue() < 0) {
                throw fail(requirement, n == 2 ? "more than two" : "%s", describe(p, t));
            }
            offsets[n++] = p.getLongValue();
        }
        if (n < 2) {
            throw fail(requirement, "%s of them", n);
        }
        return offsets;
    }

    private int elementCount(String name, int[] shape) {
        for (int d : shape) {
            if (d == 0) {
                return 0;
            }
        }
        long count = 1;
        for (int d : shape) {
            count *= d; // cannot overflow: count <= MAX_ELEMENTS < 2^31 before, d < 2^31
            if (count > MAX_ELEMENTS) {
                throw fail("shape of " + quote(name) + " must have fewer than 2^31 elements (one float array)",
                        "%s", shape);
            }
        }
        return (int) count;
    }

    // ---------------------------------------------------------------- layout

    /** The tensors must tile the data section exactly, in offset order, as the Rust crate demands. */
    private void checkLayout(List<Entry> entries, long dataLength) {
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        String previous = null;
        for (Entry e : byOffset) {
            String offsets = "[" + e.begin() + ", " + e.end() + "]";
            String subject = "data_offsets of " + quote(e.name());
            if (e.end() < e.begin()) {
                throw fail(subject + " must have begin <= end", "%s", offsets);
            }
            if (e.end() > dataLength) {
                throw fail(subject + " must lie within the " + dataLength + "-byte data section", "%s", offsets);
            }
            if (e.end() - e.begin() != e.bytes()) {
                throw fail(subject + " must span " + e.bytes() + " bytes for " + e.dtype() + " shape "
                        + Check.format("%s", e.shape()), "%s (%s bytes)", offsets, e.end() - e.begin());
            }
            if (e.begin() < expected) {
                throw fail(subject + " must not overlap " + quote(previous) + ", which ends at byte " + expected,
                        "%s", offsets);
            }
            if (e.begin() > expected) {
                throw fail(subject + " must start where the previous tensor ends, byte " + expected,
                        "%s; the data section must have no holes", offsets);
            }
            expected = e.end();
            previous = e.name();
        }
        if (expected != dataLength) {
            throw fail("data section must end where the last tensor ends, byte " + expected,
                    "%s bytes; the file has trailing bytes", dataLength);
        }
    }

    private Tensor load(Entry entry, long dataStart, ByteBuffer chunk) throws IOException {
        float[] values = new float[entry.count()];
        int perChunk = chunk.capacity() / entry.dtype().bytes;
        long position = dataStart + entry.begin();
        for (int done = 0; done < entry.count(); ) {
            int n = Math.min(entry.count() - done, perChunk);
            chunk.clear().limit(n * entry.dtype().bytes);
            source.read(position, chunk);
            chunk.flip();
            entry.dtype().decode(chunk, values, done, n);
            done += n;
            position += (long) n * entry.dtype().bytes;
        }
        return Tensor.of(values, entry.shape());
    }

    // ---------------------------------------------------------------- messages

    private CheckpointException fail(String requirement, String actual, Object... args) {
        return new CheckpointException(
                "SafeTensors.read: " + requirement + " (" + file + "), got " + Check.format(actual, args));
    }

    /** The current token for a message: its kind, and its text for scalars. */
    private static String describe(JsonParser p, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "the string " + quote(p.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + p.getText();
            case VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> p.getText();
            case null -> "the end of the header";
            default -> token.toString();
        };
    }

    /** A name for a message: quoted, control characters escaped, cut to a readable length. */
    static String quote(String text) {
        StringBuilder quoted = new StringBuilder("'");
        for (int i = 0; i < text.length() && i < MAX_QUOTED; i++) {
            char c = text.charAt(i);
            quoted.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return quoted.append(text.length() > MAX_QUOTED ? "...'" : "'").toString();
    }

    private static String cut(String message) {
        String text = message == null ? "no message" : message.replace('\n', ' ');
        return text.length() > 4 * MAX_QUOTED ? text.substring(0, 4 * MAX_QUOTED) + "..." : text;
    }
}

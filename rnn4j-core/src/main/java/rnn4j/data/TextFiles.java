package rnn4j.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import rnn4j.base.Check;

/**
 * Reads text files strictly as UTF-8 ({@code .gz} files are decompressed first).
 *
 * <p>Malformed bytes are an error naming the file and the byte offset, never silently replaced: a model trained on
 * replacement characters would be quietly wrong.
 */
public final class TextFiles {
    private TextFiles() {}

    /** The whole file as a string; errors name the file (missing, a folder, empty, or not UTF-8 at byte N). */
    public static String readUtf8(Path file) {
        Check.argument(!Files.isDirectory(file), "TextFiles.readUtf8: %s must be a text file, got a folder; name a "
                + "file inside it", file);
        byte[] bytes;
        try (InputStream in = open(file)) {
            bytes = in.readAllBytes();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("TextFiles.readUtf8: " + file + " must exist, got no such file; check "
                    + "the path");
        } catch (IOException e) {
            throw new UncheckedIOException("TextFiles.readUtf8: cannot read " + file + ": " + e.getMessage(), e);
        }
        Check.argument(bytes.length > 0, "TextFiles.readUtf8: %s must not be empty, got 0 bytes", file);
        return decode(bytes, file.toString());
    }

    /**
     * A line reader over a UTF-8 (optionally gzip) file too large to hold as one string; a malformed byte sequence
     * throws {@link java.nio.charset.MalformedInputException} when it is reached instead of being replaced.
     */
    public static BufferedReader reader(Path file) {
        Check.argument(!Files.isDirectory(file), "TextFiles.reader: %s must be a text file, got a folder; name a file "
                + "inside it", file);
        try {
            return new BufferedReader(new InputStreamReader(open(file), strictUtf8()), 1 << 16);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("TextFiles.reader: " + file + " must exist, got no such file; check the "
                    + "path");
        } catch (IOException e) {
            throw new UncheckedIOException("TextFiles.reader: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Decodes UTF-8 bytes, naming {@code source} and the byte offset of the first malformed sequence. */
    public static String decode(byte[] bytes, String source) {
        CharsetDecoder decoder = strictUtf8();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new IllegalArgumentException("TextFiles.decode: " + source + " must be UTF-8 text, got an invalid "
                    + "byte sequence at byte offset " + in.position() + "; convert it, e.g. iconv -f latin1 -t utf-8");
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** A UTF-8 decoder that reports malformed input instead of replacing it. */
    private static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static InputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
    }
}

package rnn4j.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import rnn4j.base.Check;

/**
 * An IDX array of unsigned bytes (LeCun's MNIST format), read from a plain or {@code .gz} file: magic
 * {@code 0x00 0x00 0x08 N}, then {@code N} big-endian dimensions, then the values row-major.
 *
 * @param dims   the dimensions, e.g. {@code [60000, 28, 28]} for images, {@code [60000]} for labels
 * @param values the bytes, each in {@code 0..255} when read with {@code & 0xFF}
 */
public record Idx(int[] dims, byte[] values) {
    /** Reads an unsigned-byte IDX file; a wrong magic, absurd dimensions or a short file are errors naming it. */
    public static Idx read(Path file) {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(file.toString().endsWith(".gz")
                     ? new GZIPInputStream(raw, 1 << 16) : raw)) {
            int magic = in.readInt();
            int rank = magic & 0xFF;
            Check.argument((magic >>> 8) == 0x08 && rank >= 1 && rank <= 4, "Idx.read: %s must start with the IDX "
                    + "magic of unsigned bytes 0x000008NN (2049 labels, 2051 images), got 0x%s; is it an MNIST file?",
                    file, String.format("%08x", magic));
            int[] dims = new int[rank];
            long size = 1;
            for (int i = 0; i < rank; i++) {
                dims[i] = in.readInt();
                size *= dims[i];
                Check.argument(dims[i] >= 0 && size <= Integer.MAX_VALUE - 8, "Idx.read: dimensions of %s must be "
                        + ">= 0 with fewer than 2^31 values, got %s at axis %s", file, dims[i], i);
            }
            byte[] values = new byte[(int) size];
            in.readFully(values);
            return new Idx(dims, values);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("Idx.read: " + file + " must exist, got no such file");
        } catch (EOFException e) {
            throw new IllegalArgumentException("Idx.read: " + file + " must hold as many values as its header says, "
                    + "got a truncated file");
        } catch (IOException e) {
            throw new UncheckedIOException("Idx.read: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The number of items (the first dimension). */
    public int count() {
        return dims[0];
    }

    /** Values per item (the product of the other dimensions). */
    public int itemSize() {
        return count() == 0 ? 0 : values.length / count();
    }

    /** The labels of a rank-1 file as ints. */
    public int[] labels() {
        Check.state(dims.length == 1, "Idx.labels: a label file must have rank 1, got dimensions %s", dims);
        int[] out = new int[values.length];
        for (int i = 0; i < out.length; i++) out[i] = values[i] & 0xFF;
        return out;
    }
}

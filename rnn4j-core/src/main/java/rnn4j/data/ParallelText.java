package rnn4j.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import rnn4j.base.Check;

/**
 * Sentence pairs for translation: readers of two line-aligned files or of tab-separated pairs (plain, gzip or zip),
 * encoding through two {@link Seq2SeqVocab}s, and padded batches.
 */
public final class ParallelText {
    /** One source sentence and its translation. */
    public record Pair(String source, String target) {}

    /** A pair as ids, without {@code <sos>}/{@code <eos>}. */
    public record Example(int[] source, int[] target) {}

    /**
     * A padded batch, row-major: {@code src (B, S)} with each row's length, decoder inputs {@code tgtIn (B, T)}
     * ({@code <sos> y…}) and targets {@code tgtOut (B, T)} ({@code y… <eos>}), padding {@code <pad>}.
     */
    public record Batch(int[] src, int batch, int srcLen, int[] srcLengths, int[] tgtIn, int[] tgtOut, int tgtLen) {}

    private ParallelText() {}

    /** Pairs from two line-aligned files (line i of one translates line i of the other). */
    public static List<Pair> readAligned(Path source, Path target) {
        List<String> s = lines(source);
        List<String> t = lines(target);
        Check.argument(s.size() == t.size(), "ParallelText.readAligned: %s and %s must have the same number of "
                + "lines, got %s and %s", source, target, s.size(), t.size());
        List<Pair> out = new ArrayList<>(s.size());
        for (int i = 0; i < s.size(); i++) out.add(new Pair(s.get(i), t.get(i)));
        return out;
    }

    /**
     * Pairs from tab-separated lines {@code source<TAB>target[<TAB>more…]} (extra columns, such as Tatoeba's
     * attribution, are ignored); {@code swap} reads the second column as the source.
     */
    public static List<Pair> readTsv(Path file, boolean swap) {
        return readTsv(file, swap ? "2" : "1", swap ? "1" : "2");
    }

    /**
     * Pairs from the tab-separated lines of {@code file} (plain, gzip or zip), the source and target taken from the
     * columns named {@code source} and {@code target}: either two column numbers from 1 (then every line is a pair),
     * or two names that the first line, a header, must hold (then the pairs follow it). Columns beyond the two are
     * ignored; blank lines are skipped.
     */
    public static List<Pair> readTsv(Path file, String source, String target) {
        List<String> lines = lines(file);
        int first = 0;
        while (first < lines.size() && lines.get(first).isBlank()) first++;
        boolean numbers = isColumnNumber(source) && isColumnNumber(target);
        int s;
        int t;
        if (numbers) {
            s = Integer.parseInt(source) - 1;
            t = Integer.parseInt(target) - 1;
        } else {
            List<String> header = first < lines.size() ? List.of(lines.get(first).split("\t", -1)) : List.of();
            s = header.indexOf(source);
            t = header.indexOf(target);
            Check.argument(s >= 0 && t >= 0, "ParallelText.readTsv: the source column '%s' and the target column "
                    + "'%s' must both be in the header line of %s, got %s at line %s; name columns of that line, or "
                    + "give column numbers (1, 2, …) for a file without a header", source, target, file, header,
                    first + 1);
            first++;
        }
        int needed = Math.max(s, t) + 1;
        List<Pair> out = new ArrayList<>();
        for (int i = first; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) continue;
            String[] cols = line.split("\t", -1);
            if (cols.length < needed) {
                throw new IllegalArgumentException(needed == 2 && numbers
                        ? Check.format("ParallelText.readTsv: every line of %s must hold source<TAB>target, got %s "
                                + "at line %s", file, quoteShort(line), i + 1)
                        : Check.format("ParallelText.readTsv: every line of %s must hold at least %s tab-separated "
                                + "columns (source column %s, target column %s), got %s at line %s", file, needed,
                                source, target, cols.length, i + 1));
            }
            out.add(new Pair(cols[s], cols[t]));
        }
        return out;
    }

    /** True for a column number as {@link #readTsv(Path, String, String)} reads it: 1, 2, 3, … */
    public static boolean isColumnNumber(String column) {
        return column.matches("[1-9]\\d{0,3}");
    }

    /**
     * The lines of a UTF-8 text file: plain, gzip (by its magic bytes) or zip (its largest file entry: the data, not
     * the readme beside it, as in the Anki/Tatoeba archives).
     */
    public static List<String> lines(Path file) {
        try {
            String text = new String(readAll(file), StandardCharsets.UTF_8);
            List<String> out = new ArrayList<>(Arrays.asList(text.split("\r?\n", -1)));
            if (!out.isEmpty() && out.getLast().isEmpty()) out.removeLast();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("ParallelText.lines: " + file + " must be a readable text, gzip or zip "
                    + "file, got " + e.getMessage(), e);
        }
    }

    private static byte[] readAll(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            in.mark(4);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                try (InputStream gz = new GZIPInputStream(in)) {
                    return gz.readAllBytes();
                }
            }
            if (b0 != 'P' || b1 != 'K') {
                return in.readAllBytes();
            }
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry largest = null;
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                if (!e.isDirectory() && (largest == null || e.getSize() > largest.getSize())) largest = e;
            }
            if (largest == null) throw new IOException("a zip file without any file entry");
            try (InputStream in = zip.getInputStream(largest)) {
                return in.readAllBytes();
            }
        }
    }

    /**
     * Encodes pairs, keeping those whose source and target both have at most {@code maxLen} tokens ({@code 0}: no
     * limit) and at least one.
     */
    public static List<Example> encode(List<Pair> pairs, Function<String, List<String>> srcTokens,
                                       Function<String, List<String>> tgtTokens, Seq2SeqVocab srcVocab,
                                       Seq2SeqVocab tgtVocab, int maxLen) {
        List<Example> out = new ArrayList<>(pairs.size());
        for (Pair p : pairs) {
            List<String> s = srcTokens.apply(p.source());
            List<String> t = tgtTokens.apply(p.target());
            if (s.isEmpty() || t.isEmpty() || maxLen > 0 && (s.size() > maxLen || t.size() > maxLen)) continue;
            out.add(new Example(srcVocab.encode(s), tgtVocab.encode(t)));
        }
        return out;
    }

    /** A padded batch of examples, in the given order. */
    public static Batch batch(List<Example> examples) {
        Check.argument(!examples.isEmpty(), "ParallelText.batch: examples must not be empty, got none");
        int b = examples.size();
        int s = 0;
        int t = 0;
        for (Example e : examples) {
            s = Math.max(s, e.source().length);
            t = Math.max(t, e.target().length + 1);
        }
        int[] src = new int[b * s];
        int[] lengths = new int[b];
        int[] in = new int[b * t];
        int[] out = new int[b * t];
        for (int i = 0; i < b; i++) {
            Example e = examples.get(i);
            System.arraycopy(e.source(), 0, src, i * s, e.source().length);
            lengths[i] = e.source().length;
            in[i * t] = Seq2SeqVocab.SOS;
            System.arraycopy(e.target(), 0, in, i * t + 1, e.target().length);
            System.arraycopy(e.target(), 0, out, i * t, e.target().length);
            out[i * t + e.target().length] = Seq2SeqVocab.EOS;
        }
        return new Batch(src, b, s, lengths, in, out, t);
    }

    /** The examples shuffled by {@code rng} and cut into batches of {@code batchSize} (the last may be smaller). */
    public static List<Batch> batches(List<Example> examples, int batchSize, RandomGenerator rng) {
        Check.argument(batchSize >= 1, "ParallelText.batches: batchSize must be >= 1, got %s", batchSize);
        List<Example> order = new ArrayList<>(examples);
        if (rng != null) {
            for (int i = order.size() - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                order.set(i, order.set(j, order.get(i)));
            }
        }
        List<Batch> out = new ArrayList<>();
        for (int i = 0; i < order.size(); i += batchSize) {
            out.add(batch(order.subList(i, Math.min(order.size(), i + batchSize))));
        }
        return out;
    }

    private static String quoteShort(String line) {
        return "'" + (line.length() > 40 ? line.substring(0, 40) + "…" : line) + "'";
    }
}

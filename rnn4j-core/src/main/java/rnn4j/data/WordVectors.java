package rnn4j.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import rnn4j.base.Check;

/**
 * Pre-trained word vectors in the text format of GloVe, word2vec ({@code -binary 0}) and fastText ({@code .vec}):
 * one word per line followed by its values, separated by spaces; word2vec and fastText files start with a
 * {@code count dimension} line. Plain or gzip.
 *
 * <p>Such files hold millions of words (GloVe 840B: 2.2 million, 5.6 GB), so only the words a model needs are kept,
 * and only their lines are parsed. A word found in the file only in another case (word2vec's are cased; rnn4j's word
 * tokens are lower-case) takes the first such line's vector. Some GloVe lines have spaces inside the word
 * ({@code ". . ."}); a line with more fields than the dimension plus one belongs to such a word and never to its
 * first field.
 *
 * @param source    the file (for messages)
 * @param dimension values per vector
 * @param vectors   the vectors of the wanted words found in the file
 */
public record WordVectors(String source, int dimension, Map<String, float[]> vectors) {
    public WordVectors {
        Check.argument(dimension >= 1, "WordVectors: dimension must be >= 1, got %s", dimension);
    }

    /** The vectors of the {@code wanted} words in {@code file}; errors name the file and line. */
    public static WordVectors read(Path file, Set<String> wanted) {
        try (BufferedReader in = TextFiles.reader(file)) {
            return read(in, file.toString(), wanted);
        } catch (IOException e) {
            throw new UncheckedIOException("WordVectors.read: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** As {@link #read(Path, Set)}, from a reader; {@code source} names it in errors. */
    public static WordVectors read(BufferedReader in, String source, Set<String> wanted) {
        Map<String, float[]> exact = new HashMap<>();
        Map<String, float[]> otherCase = new HashMap<>();
        int dimension = 0;
        int lineNo = 0;
        try {
            for (String line; (line = in.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank()) continue;
                if (dimension == 0) {
                    String[] fields = line.trim().split(" ");
                    if (lineNo == 1 && isHeader(fields)) {
                        dimension = Integer.parseInt(fields[1]);
                        continue;
                    }
                    dimension = fields.length - 1;
                    Check.argument(dimension >= 1, "WordVectors.read: %s:%s must be a word followed by its values, "
                            + "got one field; is this a word-vector text file?", source, lineNo);
                }
                int space = line.indexOf(' ');
                String word = space < 0 ? line : line.substring(0, space);
                String key = wanted.contains(word) ? word : null;
                String lower = key == null ? word.toLowerCase() : null;
                boolean fallbackWanted = lower != null && wanted.contains(lower) && !exact.containsKey(lower)
                        && !otherCase.containsKey(lower);
                if (key == null && !fallbackWanted) continue;
                float[] vector = parse(line, space, dimension, source, lineNo);
                if (vector == null) continue;   // a word with spaces inside, whose first field is not the word
                if (key != null) exact.put(key, vector);
                else otherCase.put(lower, vector);
            }
        } catch (MalformedInputException e) {
            // The decoder reads ahead of the lines, so the line number would be a guess: name the file only.
            throw new IllegalArgumentException("WordVectors.read: " + source + " must be UTF-8 text, got an invalid "
                    + "byte sequence; a binary word2vec file must be converted to the text format first");
        } catch (IOException e) {
            throw new UncheckedIOException("WordVectors.read: cannot read " + source + ": " + e.getMessage(), e);
        }
        Check.argument(dimension >= 1, "WordVectors.read: %s must hold word vectors, got no vector", source);
        otherCase.forEach(exact::putIfAbsent);
        return new WordVectors(source, dimension, exact);
    }

    /** word2vec's and fastText's first line: the word count and the dimension. */
    private static boolean isHeader(String[] fields) {
        return fields.length == 2 && fields[0].matches("\\d+") && fields[1].matches("[1-9]\\d{0,5}");
    }

    /** The values after the word, or null when the line has more fields: the word itself holds spaces. */
    private static float[] parse(String line, int space, int dimension, String source, int lineNo) {
        String[] fields = line.substring(space + 1).trim().split(" +");
        if (fields.length > dimension) return null;
        Check.argument(fields.length == dimension, "WordVectors.read: every vector of %s must have %s values like the "
                + "first, got %s at line %s", source, dimension, fields.length, lineNo);
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            try {
                v[i] = Float.parseFloat(fields[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("WordVectors.read: " + source + ":" + lineNo + " must hold numbers "
                        + "after the word, got '" + fields[i] + "' as value " + (i + 1));
            }
            Check.argument(Float.isFinite(v[i]), "WordVectors.read: %s:%s must hold finite values, got %s as value %s",
                    source, lineNo, fields[i], i + 1);
        }
        return v;
    }

    /**
     * Copies the vector of every vocabulary token found into its row of {@code weight} ({@code vocab.size()} rows of
     * {@link #dimension()} values), leaving the other rows and the row {@code skip} (padding; -1 for none) as they
     * are; returns how many rows it set.
     */
    public int copyInto(Vocabulary vocab, float[] weight, int skip) {
        Check.argument(weight.length == vocab.size() * dimension, "WordVectors.copyInto: weight must have %s×%s "
                + "values, got %s", vocab.size(), dimension, weight.length);
        int found = 0;
        for (int id = 0; id < vocab.size(); id++) {
            float[] v = id == skip ? null : vectors.get(vocab.token(id));
            if (v == null) continue;
            System.arraycopy(v, 0, weight, id * dimension, dimension);
            found++;
        }
        return found;
    }
}

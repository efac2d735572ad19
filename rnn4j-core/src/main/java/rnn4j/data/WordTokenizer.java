package rnn4j.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import rnn4j.base.Check;

/**
 * Word tokens for translation and classification: lower-cased, split on whitespace, with every punctuation mark a
 * token of its own ({@code "Two dogs, running."} → {@code two dogs , running .}), as the Multi30k tutorials'
 * spaCy-free baselines do; apostrophes and hyphens inside a word stay in it ({@code don't}, {@code t-shirt}).
 *
 * <p>For classification, {@link #vocabulary} starts with {@code <pad>} (id 0) and {@code <unk>} (id 1), then the
 * words seen at least {@code minFreq} times, most frequent first (ties in code point order), as in Kim 2014's
 * preprocessing.
 */
public final class WordTokenizer {
    /** The padding token, id 0 of a classification vocabulary. */
    public static final String PAD = "<pad>";
    /** The out-of-vocabulary token, id 1 of a classification vocabulary. */
    public static final String UNK = "<unk>";

    private WordTokenizer() {}

    /** The tokens of one sentence. */
    public static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        String s = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            if (Character.isWhitespace(cp)) {
                flush(word, out);
            } else if (isPunctuation(cp) && !(isJoiner(cp) && !word.isEmpty() && i + n < s.length()
                    && Character.isLetterOrDigit(s.codePointAt(i + n)))) {
                flush(word, out);
                out.add(Character.toString(cp));
            } else {
                word.appendCodePoint(cp);
            }
            i += n;
        }
        flush(word, out);
        return out;
    }

    /** Text from tokens: joined by spaces (the form BLEU's own tokeniser then reads). */
    public static String detokenize(List<String> tokens) {
        return String.join(" ", tokens);
    }

    /** The vocabulary of tokenised texts: {@code <pad>}, {@code <unk>}, then words with count ≥ {@code minFreq}. */
    public static Vocabulary vocabulary(Collection<List<String>> texts, int minFreq) {
        Check.argument(minFreq >= 1, "WordTokenizer.vocabulary: minFreq must be >= 1, got %s", minFreq);
        Map<String, Integer> counts = new HashMap<>();
        for (List<String> t : texts) {
            for (String w : t) counts.merge(w, 1, Integer::sum);
        }
        counts.remove(PAD);
        counts.remove(UNK);
        List<String> words = new ArrayList<>();
        counts.forEach((w, c) -> {
            if (c >= minFreq) words.add(w);
        });
        words.sort((a, b) -> {
            int byCount = Integer.compare(counts.get(b), counts.get(a));
            return byCount != 0 ? byCount : a.compareTo(b);
        });
        List<String> tokens = new ArrayList<>(words.size() + 2);
        tokens.add(PAD);
        tokens.add(UNK);
        tokens.addAll(words);
        return Vocabulary.ofOrdered(tokens);
    }

    /** The ids of tokens, {@code <unk>} for those outside {@code vocab} (which must start with pad and unk). */
    public static int[] encode(Vocabulary vocab, List<String> tokens) {
        Check.argument(vocab.size() >= 2 && vocab.token(0).equals(PAD) && vocab.token(1).equals(UNK),
                "WordTokenizer.encode: vocabulary must start with %s, %s, got %s", PAD, UNK,
                vocab.tokens().subList(0, Math.min(2, vocab.size())));
        int[] ids = new int[tokens.size()];
        for (int i = 0; i < ids.length; i++) {
            String t = tokens.get(i);
            ids[i] = vocab.contains(t) ? vocab.encode(List.of(t), "")[0] : 1;
        }
        return ids;
    }

    private static boolean isJoiner(int cp) {
        return cp == '\'' || cp == '-' || cp == '’';
    }

    private static boolean isPunctuation(int cp) {
        int t = Character.getType(cp);
        return t == Character.OTHER_PUNCTUATION || t == Character.DASH_PUNCTUATION
                || t == Character.START_PUNCTUATION || t == Character.END_PUNCTUATION
                || t == Character.INITIAL_QUOTE_PUNCTUATION || t == Character.FINAL_QUOTE_PUNCTUATION
                || t == Character.CONNECTOR_PUNCTUATION || t == Character.MATH_SYMBOL
                || t == Character.CURRENCY_SYMBOL;
    }

    private static void flush(StringBuilder word, List<String> out) {
        if (!word.isEmpty()) {
            out.add(word.toString());
            word.setLength(0);
        }
    }
}

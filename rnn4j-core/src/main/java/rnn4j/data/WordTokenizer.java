package rnn4j.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Word tokens for translation: lower-cased, split on whitespace, with every punctuation mark a token of its own
 * ({@code "Two dogs, running."} → {@code two dogs , running .}), as the Multi30k tutorials' spaCy-free baselines do.
 * Apostrophes and hyphens inside a word stay in it ({@code don't}, {@code t-shirt}).
 */
public final class WordTokenizer {
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

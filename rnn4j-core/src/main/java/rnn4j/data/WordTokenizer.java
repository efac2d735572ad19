package rnn4j.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import rnn4j.base.Check;

/**
 * Words for text classification: lower-cased, each run of letters and digits one token, every other non-space
 * character (punctuation) a token of its own; the vocabulary starts with {@code <pad>} (id 0) and {@code <unk>}
 * (id 1), then the words seen at least {@code minFreq} times, most frequent first (ties in code point order), as in
 * Kim 2014's preprocessing.
 */
public final class WordTokenizer {
    /** The padding token, id 0. */
    public static final String PAD = "<pad>";
    /** The out-of-vocabulary token, id 1. */
    public static final String UNK = "<unk>";

    private WordTokenizer() {}

    /** The tokens of one text. */
    public static List<String> split(String text) {
        String s = text.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            if (Character.isWhitespace(cp)) {
                i += n;
            } else if (Character.isLetterOrDigit(cp)) {
                int j = i;
                while (j < s.length() && Character.isLetterOrDigit(s.codePointAt(j))) {
                    j += Character.charCount(s.codePointAt(j));
                }
                out.add(s.substring(i, j));
                i = j;
            } else {
                out.add(s.substring(i, i + n));
                i += n;
            }
        }
        return out;
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
}

package rnn4j.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import rnn4j.base.Check;

/**
 * A translation vocabulary: ids 0–3 are {@code <pad>}, {@code <sos>}, {@code <eos>}, {@code <unk>}, then every token
 * seen at least {@code minFreq} times, most frequent first (ties in code point order, so the same corpus always
 * gives the same ids). Tokens outside it encode as {@code <unk>}.
 */
public final class Seq2SeqVocab {
    /** The special tokens, in id order. */
    public static final List<String> SPECIALS = List.of("<pad>", "<sos>", "<eos>", "<unk>");
    public static final int PAD = 0;
    public static final int SOS = 1;
    public static final int EOS = 2;
    public static final int UNK = 3;

    private final Vocabulary vocabulary;
    private final Map<String, Integer> ids;

    private Seq2SeqVocab(List<String> tokens) {
        this.vocabulary = Vocabulary.ofOrdered(tokens);
        this.ids = new HashMap<>(tokens.size() * 2);
        for (int i = 0; i < tokens.size(); i++) ids.put(tokens.get(i), i);
    }

    /** The vocabulary of tokenised sentences, keeping tokens seen at least {@code minFreq} times. */
    public static Seq2SeqVocab build(Collection<List<String>> sentences, int minFreq) {
        Check.argument(minFreq >= 1, "Seq2SeqVocab.build: minFreq must be >= 1, got %s", minFreq);
        Map<String, Integer> counts = new TreeMap<>();
        for (List<String> s : sentences) for (String t : s) counts.merge(t, 1, Integer::sum);
        List<Map.Entry<String, Integer>> kept = new ArrayList<>();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() >= minFreq && !SPECIALS.contains(e.getKey())) kept.add(e);
        }
        kept.sort((a, b) -> Integer.compare(b.getValue(), a.getValue())); // stable: ties stay in code point order
        List<String> tokens = new ArrayList<>(SPECIALS);
        for (Map.Entry<String, Integer> e : kept) tokens.add(e.getKey());
        return new Seq2SeqVocab(tokens);
    }

    /** A vocabulary restored from its token list (e.g. a checkpoint's), which must start with the specials. */
    public static Seq2SeqVocab of(List<String> tokens) {
        Check.argument(tokens.size() > SPECIALS.size() - 1 && tokens.subList(0, SPECIALS.size()).equals(SPECIALS),
                "Seq2SeqVocab.of: tokens must start with %s, got %s", SPECIALS,
                tokens.subList(0, Math.min(tokens.size(), SPECIALS.size())));
        return new Seq2SeqVocab(tokens);
    }

    /** Number of tokens, specials included. */
    public int size() {
        return vocabulary.size();
    }

    /** The tokens, index = id. */
    public List<String> tokens() {
        return vocabulary.tokens();
    }

    /** The token of an id. */
    public String token(int id) {
        return vocabulary.token(id);
    }

    /** The ids of tokens, unknown ones as {@code <unk>}; no {@code <sos>}/{@code <eos>} added. */
    public int[] encode(List<String> tokens) {
        int[] out = new int[tokens.size()];
        for (int i = 0; i < out.length; i++) out[i] = ids.getOrDefault(tokens.get(i), UNK);
        return out;
    }

    /** The tokens of ids up to the first {@code <eos>}, without padding and {@code <sos>}. */
    public List<String> decode(int[] ids) {
        List<String> out = new ArrayList<>();
        for (int id : ids) {
            if (id == EOS) break;
            if (id != PAD && id != SOS) out.add(token(id));
        }
        return out;
    }
}

package rnn4j.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import rnn4j.base.Check;

/**
 * A bijection between tokens and ids {@code 0..size-1}; the id of a token is its index in {@link #tokens()}.
 *
 * <p>Built from training text with the tokens sorted (so the same text always gives the same ids, as char-rnn and
 * nanoGPT do), or restored from a checkpoint's {@code vocab} list.
 */
public final class Vocabulary {
    private final List<String> tokens;
    private final Map<String, Integer> ids;

    private Vocabulary(List<String> tokens) {
        this.tokens = List.copyOf(tokens);
        this.ids = new HashMap<>(tokens.size() * 2);
        for (int i = 0; i < tokens.size(); i++) {
            Integer previous = ids.put(tokens.get(i), i);
            Check.argument(previous == null, "Vocabulary: tokens must be distinct, got %s at ids %s and %s",
                    quote(tokens.get(i)), previous, i);
        }
    }

    /** The vocabulary of the given tokens, sorted by code point order. */
    public static Vocabulary of(Collection<String> tokens) {
        Check.argument(!tokens.isEmpty(), "Vocabulary.of: the text must hold at least one token, got none");
        return new Vocabulary(new ArrayList<>(new TreeSet<>(tokens)));
    }

    /** A vocabulary with exactly these tokens in this order (e.g. from a checkpoint). */
    public static Vocabulary ofOrdered(List<String> tokens) {
        Check.argument(!tokens.isEmpty(), "Vocabulary.ofOrdered: the token list must not be empty");
        return new Vocabulary(tokens);
    }

    /** Number of tokens. */
    public int size() {
        return tokens.size();
    }

    /** The tokens, index = id. */
    public List<String> tokens() {
        return tokens;
    }

    /** The token with this id. */
    public String token(int id) {
        Check.index(id, tokens.size(), "Vocabulary.token: id must be in [0, %s), got %s", tokens.size(), id);
        return tokens.get(id);
    }

    /** True when the token is in the vocabulary. */
    public boolean contains(String token) {
        return ids.containsKey(token);
    }

    /**
     * The ids of tokens; a token outside the vocabulary is an error naming it and its position in {@code source}
     * (e.g. the prime text or an evaluation file).
     */
    public int[] encode(List<String> text, String source) {
        int[] out = new int[text.size()];
        for (int i = 0; i < out.length; i++) {
            Integer id = ids.get(text.get(i));
            if (id == null) {
                throw new IllegalArgumentException("Vocabulary.encode: every token of " + source + " must be in the "
                        + "model's vocabulary of " + tokens.size() + " tokens, got " + quote(text.get(i))
                        + " at token " + i + "; use text in the training alphabet or retrain with it");
            }
            out[i] = id;
        }
        return out;
    }

    /** The tokens of the given ids. */
    public List<String> decode(int[] ids) {
        List<String> out = new ArrayList<>(ids.length);
        for (int id : ids) out.add(token(id));
        return out;
    }

    private static String quote(String token) {
        StringBuilder sb = new StringBuilder("'");
        token.codePoints().forEach(cp -> {
            if (cp == '\n') sb.append("\\n");
            else if (cp == '\t') sb.append("\\t");
            else if (Character.isISOControl(cp)) sb.append(String.format("\\u%04x", cp));
            else sb.appendCodePoint(cp);
        });
        return sb.append('\'').toString();
    }
}

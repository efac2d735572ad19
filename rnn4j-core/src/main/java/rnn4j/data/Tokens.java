package rnn4j.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How text becomes tokens for language models.
 *
 * <p>{@link #CHARS}: one token per Unicode code point (so a character outside the Basic Multilingual Plane is one
 * token, not two UTF-16 halves). {@link #WORDS}: whitespace-separated words with each line end as {@code <eos>}, the
 * Penn Treebank convention of Mikolov and Zaremba et al.
 */
public enum Tokens {
    CHARS {
        @Override
        public List<String> split(String text) {
            List<String> out = new ArrayList<>(text.length());
            text.codePoints().forEach(cp -> out.add(Character.toString(cp)));
            return out;
        }

        @Override
        public String join(List<String> tokens) {
            return String.join("", tokens);
        }
    },
    WORDS {
        @Override
        public List<String> split(String text) {
            List<String> out = new ArrayList<>();
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                for (String word : lines[i].trim().split("\\s+")) {
                    if (!word.isEmpty()) out.add(word);
                }
                if (i < lines.length - 1) out.add(EOS); // the last piece has no line end after it
            }
            return out;
        }

        @Override
        public String join(List<String> tokens) {
            StringBuilder sb = new StringBuilder();
            for (String t : tokens) {
                if (t.equals(EOS)) {
                    sb.append('\n');
                } else {
                    if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != '\n') sb.append(' ');
                    sb.append(t);
                }
            }
            return sb.toString();
        }
    };

    /** The end-of-line token of word-level models. */
    public static final String EOS = "<eos>";

    /** The tokens of a text, in order. */
    public abstract List<String> split(String text);

    /** Text from tokens: the inverse of {@link #split} up to whitespace. */
    public abstract String join(List<String> tokens);

    /** The option value ({@code chars} or {@code words}). */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

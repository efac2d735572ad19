package rnn4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordTokenizerTest {
    @Test
    void tokenize_lowerCasesAndSplitsPunctuation() {
        assertEquals(List.of("two", "dogs", ",", "running", "(", "fast", ")", "."),
                WordTokenizer.tokenize("Two dogs, running (fast)."));
    }

    @Test
    void tokenize_keepsInnerApostrophesAndHyphens() {
        assertEquals(List.of("don't", "wear", "a", "t-shirt", "-", "ok", "?"),
                WordTokenizer.tokenize("Don't wear a T-shirt - OK?"));
        assertEquals(List.of("ein", "mädchen", "!"), WordTokenizer.tokenize("  Ein Mädchen! "));
    }

    @Test
    void detokenize_joinsWithSpaces() {
        assertEquals("a b .", WordTokenizer.detokenize(List.of("a", "b", ".")));
    }
}

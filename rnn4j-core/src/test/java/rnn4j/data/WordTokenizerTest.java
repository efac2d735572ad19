package rnn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

    @Test
    void tokenize_separatesPunctuation_butKeepsInnerApostrophes() {
        assertEquals(List.of("it's", "a", "charming", ",", "often", "affecting", "journey", ".", "10", "/", "10"),
                WordTokenizer.tokenize("It's a Charming,  often affecting journey. 10/10"));
        assertEquals(List.of(), WordTokenizer.tokenize("  \t "));
    }

    @Test
    void vocabulary_padUnkThenByFrequencyWithMinFreq() {
        List<List<String>> texts = List.of(List.of("b", "a", "b"), List.of("c", "a", "b", "d"));
        Vocabulary v = WordTokenizer.vocabulary(texts, 2);
        assertEquals(List.of("<pad>", "<unk>", "b", "a"), v.tokens());
        assertArrayEquals(new int[] {3, 1, 2}, WordTokenizer.encode(v, List.of("a", "zzz", "b")));
        assertEquals(6, WordTokenizer.vocabulary(texts, 1).size());
    }
}

package rnn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordTokenizerTest {
    @Test
    void split_lowerCasesAndSeparatesPunctuation() {
        assertEquals(List.of("it", "'", "s", "a", "charming", ",", "often", "affecting", "journey", ".", "10", "/",
                "10"), WordTokenizer.split("It's a Charming,  often affecting journey. 10/10"));
        assertEquals(List.of(), WordTokenizer.split("  \t "));
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

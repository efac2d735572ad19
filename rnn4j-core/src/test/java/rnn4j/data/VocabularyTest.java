package rnn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTest {
    @Test
    void of_sortsTokens_soTheSameTextGivesTheSameIds() {
        Vocabulary v = Vocabulary.of(Tokens.CHARS.split("hello\n"));
        assertEquals(List.of("\n", "e", "h", "l", "o"), v.tokens());
        assertArrayEquals(new int[] {2, 1, 3, 3, 4}, v.encode(Tokens.CHARS.split("hello"), "test"));
        assertEquals("hello", String.join("", v.decode(new int[] {2, 1, 3, 3, 4})));
    }

    @Test
    void encode_namesTheUnknownTokenAndItsPosition() {
        Vocabulary v = Vocabulary.of(List.of("a", "b"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> v.encode(List.of("a", "b", "\n"), "--prime"));
        assertTrue(e.getMessage().contains("'\\n' at token 2"), e.getMessage());
        assertTrue(e.getMessage().contains("--prime"), e.getMessage());
    }

    @Test
    void ofOrdered_keepsOrder_andRejectsDuplicates() {
        assertEquals(List.of("z", "a"), Vocabulary.ofOrdered(List.of("z", "a")).tokens());
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.ofOrdered(List.of("a", "a")));
        assertThrows(IndexOutOfBoundsException.class, () -> Vocabulary.ofOrdered(List.of("a")).token(1));
    }
}

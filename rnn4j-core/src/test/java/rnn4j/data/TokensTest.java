package rnn4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokensTest {
    @Test
    void chars_splitsIntoCodePoints_notUtf16Units() {
        assertEquals(List.of("a", "🎉", "\n"), Tokens.CHARS.split("a🎉\n"));
        assertEquals("a🎉\n", Tokens.CHARS.join(Tokens.CHARS.split("a🎉\n")));
    }

    @Test
    void words_markEachLineEndWithEos_asPennTreebank() {
        assertEquals(List.of("the", "cat", "<eos>", "sat", "<eos>"), Tokens.WORDS.split(" the  cat \n sat \n"));
        assertEquals(List.of("a", "<eos>", "b"), Tokens.WORDS.split("a\nb"));
        assertEquals("the cat\nsat\n", Tokens.WORDS.join(List.of("the", "cat", "<eos>", "sat", "<eos>")));
    }
}

package rnn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class Seq2SeqVocabTest {
    private final Seq2SeqVocab vocab = Seq2SeqVocab.build(List.of(List.of("b", "a", "c"), List.of("a", "b"),
            List.of("a", "d")), 2);

    @Test
    void build_specialsFirstThenByFrequencyKeepingMinFreq() {
        assertEquals(List.of("<pad>", "<sos>", "<eos>", "<unk>", "a", "b"), vocab.tokens());
    }

    @Test
    void encode_unknownTokensAreUnk() {
        assertArrayEquals(new int[] {4, 3, 5}, vocab.encode(List.of("a", "zzz", "b")));
    }

    @Test
    void decode_stopsAtEosAndDropsPadAndSos() {
        assertEquals(List.of("a", "<unk>", "b"), vocab.decode(new int[] {1, 4, 3, 0, 5, 2, 4}));
    }

    @Test
    void of_requiresTheSpecials() {
        assertEquals(vocab.tokens(), Seq2SeqVocab.of(vocab.tokens()).tokens());
        var e = assertThrows(IllegalArgumentException.class, () -> Seq2SeqVocab.of(List.of("a", "b")));
        assertEquals("Seq2SeqVocab.of: tokens must start with [<pad>, <sos>, <eos>, <unk>], got [a, b]",
                e.getMessage());
    }
}

package rnn4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class BleuTest {
    @Test
    void corpus_handWorkedTwoSentences() {
        // Sentence 1: hyp "the cat sat on the mat", ref "the cat is on the mat".
        //   1-grams: the×2 (ref the×2 → 2), cat 1, sat 0, on 1, mat 1          → 5 of 6
        //   2-grams: the cat ✓, cat sat, sat on, on the ✓, the mat ✓          → 3 of 5
        //   3-grams: the cat sat, cat sat on, sat on the, on the mat ✓        → 1 of 4
        //   4-grams: the cat sat on, cat sat on the, sat on the mat           → 0 of 3
        // Sentence 2: hyp = ref = "a dog runs fast": 4/4, 3/3, 2/2, 1/1.
        // Corpus: p = 9/10, 6/8, 3/6, 1/4; c = r = 10 so BP = 1;
        // BLEU = 100 · (0.9 · 0.75 · 0.5 · 0.25)^(1/4) = 100 · 0.084375^(1/4) = 53.8956...
        Bleu.Score s = Bleu.corpus(List.of("the cat sat on the mat", "a dog runs fast"),
                List.of("the cat is on the mat", "a dog runs fast"));
        assertEquals(53.89561679446263, s.bleu(), 1e-9);
        assertArrayEquals(new double[] {90, 75, 50, 25}, s.precisions(), 1e-9);
        assertEquals(1.0, s.brevityPenalty());
        assertEquals(10, s.hypothesisLength());
    }

    @Test
    void corpus_brevityPenalty() {
        // Every n-gram matches (p_n = 1) but c = 4 < r = 6: BP = exp(1 − 6/4) = exp(−0.5); BLEU = 60.653...
        Bleu.Score s = Bleu.corpus(List.of("a b c d"), List.of("a b c d e f"));
        assertEquals(100 * Math.exp(-0.5), s.bleu(), 1e-9);
        assertEquals(6, s.referenceLength());
    }

    @Test
    void corpus_zeroWhenSomeOrderHasNoMatch() {
        // No smoothing (sacreBLEU's default): no matching 4-gram anywhere gives 0.
        assertEquals(0.0, Bleu.corpus(List.of("the cat sat on the mat"), List.of("the cat is on the mat")).bleu());
        assertEquals(100.0, Bleu.corpus(List.of("a b c d ."), List.of("a b c d.")).bleu(), 1e-9);
    }

    @Test
    void tokenize13a_splitsPunctuationButNotNumbers() {
        assertEquals(List.of("Hello", ",", "world", "."), Bleu.tokenize13a("Hello, world."));
        assertEquals(List.of("pi", "is", "3.14", "and", "1,000"), Bleu.tokenize13a("pi is 3.14 and 1,000"));
        assertEquals(List.of("1", "-", "2", "a-b"), Bleu.tokenize13a("1-2 a-b"));
        assertEquals(List.of("$", "5", "a", "/", "b", "it's", "\"", "x", "\""),
                Bleu.tokenize13a("$5 a/b it's &quot;x&quot;"));
        assertEquals(List.of(), Bleu.tokenize13a("   "));
    }

    @Test
    void corpus_rejectsUnequalLists() {
        var e = assertThrows(IllegalArgumentException.class, () -> Bleu.corpus(List.of("a"), List.of()));
        assertEquals("Bleu.corpus: hypotheses and references must be equally many, got 1 and 0", e.getMessage());
    }
}

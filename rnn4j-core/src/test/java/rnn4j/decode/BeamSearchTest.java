package rnn4j.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rnn4j.models.Seq2Seq;

class BeamSearchTest {
    private static final int[] SRC = {4, 5, 6, 7, 8, 9, 4, 0, 0, 0, 10, 11, 12, 0, 0};
    private static final int[] LENGTHS = {5, 2, 3};

    private static Seq2Seq model(String attention, long seed) {
        return new Seq2Seq(new Seq2Seq.Config(13, 8, 6, 8, 1, "gru", true, attention, 8, 0f, false),
                new SplittableRandom(seed));
    }

    @Test
    void beamOne_equalsGreedy() {
        for (String att : List.of("none", "additive", "general")) {
            for (long seed = 1; seed <= 4; seed++) {
                Seq2Seq m = model(att, seed);
                List<Hypothesis> greedy = GreedySearch.decode(m, SRC, 3, 5, LENGTHS, 7);
                List<Hypothesis> beam = new BeamSearch(1, 0, 7).decode(m, SRC, 3, 5, LENGTHS);
                for (int b = 0; b < 3; b++) {
                    assertArrayEquals(greedy.get(b).tokens(), beam.get(b).tokens(), att + " seed " + seed);
                    assertEquals(greedy.get(b).logProb(), beam.get(b).logProb(), 1e-9);
                    assertEquals(greedy.get(b).attention().length, beam.get(b).attention().length);
                }
            }
        }
    }

    @Test
    void beam_findsAtLeastTheGreedyLogProb_whenBothFinish() {
        // Without a length penalty a wider beam keeps the greedy path among its candidates, so whenever greedy ends
        // in <eos> the beam's best finished hypothesis is at least as likely.
        for (long seed = 1; seed <= 6; seed++) {
            Seq2Seq m = model("additive", seed);
            List<Hypothesis> greedy = GreedySearch.decode(m, SRC, 3, 5, LENGTHS, 30);
            List<Hypothesis> beam = new BeamSearch(4, 0, 30).decode(m, SRC, 3, 5, LENGTHS);
            for (int b = 0; b < 3; b++) {
                if (greedy.get(b).tokens().length < 30) {
                    assertTrue(beam.get(b).logProb() >= greedy.get(b).logProb() - 1e-6,
                            "seed " + seed + " row " + b + ": " + beam.get(b).logProb() + " < "
                                    + greedy.get(b).logProb());
                }
            }
        }
    }

    @Test
    void hypotheses_carryAttentionRowsOverTheSource() {
        Seq2Seq m = model("additive", 3);
        List<Hypothesis> beam = new BeamSearch(3, 0.6, 6).decode(m, SRC, 3, 5, LENGTHS);
        for (int b = 0; b < 3; b++) {
            Hypothesis h = beam.get(b);
            assertTrue(h.attention().length == h.tokens().length || h.attention().length == h.tokens().length + 1);
            for (float[] row : h.attention()) {
                assertEquals(LENGTHS[b], row.length);
                double sum = 0;
                for (float a : row) sum += a;
                assertEquals(1.0, sum, 1e-5);
            }
            int n = h.tokens().length + (h.attention().length > h.tokens().length ? 1 : 0);
            assertEquals(h.logProb() / Math.pow((5.0 + n) / 6.0, 0.6), h.score(), 1e-9);
        }
    }

    @Test
    void lengthPenalty_isWuEtAl() {
        assertEquals(Math.pow(10.0 / 6.0, 0.6), new BeamSearch(2, 0.6, 5).lengthPenalty(5), 1e-12);
        assertEquals(1.0, new BeamSearch(2, 0, 5).lengthPenalty(9), 0);
    }

    @Test
    void constructor_rejectsBadSettings() {
        var e = assertThrows(IllegalArgumentException.class, () -> new BeamSearch(0, 0, 5));
        assertEquals("BeamSearch: beamSize must be >= 1, got 0", e.getMessage());
    }
}

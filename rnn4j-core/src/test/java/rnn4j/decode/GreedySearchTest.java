package rnn4j.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rnn4j.models.Seq2Seq;
import rnn4j.nn.Parameter;
import rnn4j.tensor.Tensor;

class GreedySearchTest {
    @Test
    void decode_batchedEqualsOneByOne() {
        Seq2Seq m = new Seq2Seq(new Seq2Seq.Config(9, 8, 4, 6, 2, "lstm", false, "dot", 4, 0f, false),
                new SplittableRandom(1));
        int[] src = {4, 5, 6, 7, 8, 0};
        List<Hypothesis> both = GreedySearch.decode(m, src, 2, 3, new int[] {3, 2}, 9);
        List<Hypothesis> first = GreedySearch.decode(m, new int[] {4, 5, 6}, 1, 3, null, 9);
        List<Hypothesis> second = GreedySearch.decode(m, new int[] {7, 8}, 1, 2, null, 9);
        assertArrayEquals(first.get(0).tokens(), both.get(0).tokens());
        assertArrayEquals(second.get(0).tokens(), both.get(1).tokens());
        assertEquals(second.get(0).logProb(), both.get(1).logProb(), 1e-5);
    }

    @Test
    void decode_stopsAtEos() {
        // All weights zero but the head bias, which favours <eos>: the output is empty, one attention row.
        Seq2Seq m = new Seq2Seq(new Seq2Seq.Config(9, 8, 4, 6, 1, "gru", false, "additive", 4, 0f, false),
                new SplittableRandom(1));
        for (Parameter p : m.parameters()) p.copyInPlace(Tensor.zeros(p.shape().dims()));
        float[] bias = new float[8];
        bias[Seq2Seq.EOS] = 5;
        m.namedParameters().get("head.bias").copyInPlace(Tensor.vector(bias));
        Hypothesis h = GreedySearch.decode(m, new int[] {4, 5}, 1, 2, null, 10).get(0);
        assertEquals(0, h.tokens().length);
        assertEquals(1, h.attention().length);
        assertArrayEquals(new float[] {0.5f, 0.5f}, h.attention()[0], 1e-6f);
    }

    @Test
    void decode_rejectsZeroMaxLength() {
        Seq2Seq m = new Seq2Seq(new Seq2Seq.Config(9, 8, 4, 6, 1, "gru", false, "none", 4, 0f, false),
                new SplittableRandom(1));
        var e = assertThrows(IllegalArgumentException.class, () -> GreedySearch.decode(m, new int[] {4}, 1, 1, null,
                0));
        assertEquals("GreedySearch.decode: maxLength must be >= 1, got 0", e.getMessage());
    }
}

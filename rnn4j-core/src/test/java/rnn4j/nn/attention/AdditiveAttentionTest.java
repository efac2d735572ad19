package rnn4j.nn.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rnn4j.tensor.Tensor;

class AdditiveAttentionTest {
    private final AdditiveAttention att = new AdditiveAttention(3, 5, 4, new SplittableRandom(1));

    @Test
    void stateDict_hasPyTorchKeys() {
        assertEquals(List.of("W.weight", "U.weight", "U.bias", "v.weight"), List.copyOf(att.stateDict().keySet()));
        assertEquals("[4, 3]", att.stateDict().get("W.weight").shape().toString());
        assertEquals("[1, 4]", att.stateDict().get("v.weight").shape().toString());
    }

    @Test
    void weights_maskedExactlyZeroAndSumToOne() {
        AttentionTesting.checkWeights(att, 3, 6, new int[] {6, 1, 3});
    }

    @Test
    void gradients_matchFiniteDifferences_withMask() {
        AttentionTesting.checkGradients(att, new int[] {4, 2, 1});
    }

    @Test
    void paddedKeys_getNoGradient() {
        AttentionTesting.checkPaddedKeysGetNoGradient(att);
    }

    @Test
    void score_isVTanhOfWsPlusUh() {
        // One position, one query: the score is v·tanh(W s + U h + b); with two equal keys the weights are 1/2.
        var rng = new SplittableRandom(2);
        Tensor q = Tensor.normal(rng, 0, 1, 1, 3);
        float[] key = {0.1f, -0.2f, 0.3f, 0.4f, -0.5f};
        float[] twice = new float[10];
        System.arraycopy(key, 0, twice, 0, 5);
        System.arraycopy(key, 0, twice, 5, 5);
        Attention.Result r = att.forward(q, Tensor.of(twice, 1, 2, 5), null);
        assertEquals(0.5f, r.weights().get(0, 0), 1e-6f);
        assertEquals(key[4], r.context().get(0, 4), 1e-6f);
    }

    @Test
    void memory_rejectsBadLengths() {
        Tensor h = Tensor.zeros(2, 3, 5);
        var e = assertThrows(IllegalArgumentException.class, () -> att.memory(h, new int[] {3, 0}));
        assertEquals("AdditiveAttention.memory: lengths must be in [1, 3], got 0 at row 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> att.memory(Tensor.zeros(2, 3, 4), null));
        assertEquals("AdditiveAttention.memory: keys must be (B, S, 5), got [2, 3, 4]", e.getMessage());
    }

    @Test
    void memorySelect_repeatsRows() {
        var rng = new SplittableRandom(3);
        Tensor h = Tensor.normal(rng, 0, 1, 2, 3, 5);
        Attention.Memory m = att.memory(h, new int[] {3, 2}).select(new int[] {1, 1, 0});
        assertEquals(3, m.batch());
        assertEquals(List.of(2, 2, 3), java.util.Arrays.stream(m.lengths()).boxed().toList());
        Tensor q = Tensor.normal(rng, 0, 1, 3, 3);
        Attention.Result r = att.forward(q, m);
        assertEquals(0f, r.weights().get(0, 2), 0f);
        assertEquals(0f, r.weights().get(1, 2), 0f);
    }
}

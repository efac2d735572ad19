package rnn4j.nn.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rnn4j.tensor.Tensor;

class DotAttentionTest {
    private final DotAttention att = new DotAttention(4, 4);

    @Test
    void stateDict_isEmpty() {
        assertTrue(att.stateDict().isEmpty());
    }

    @Test
    void weights_maskedExactlyZeroAndSumToOne() {
        AttentionTesting.checkWeights(att, 2, 5, new int[] {2, 5});
    }

    @Test
    void gradients_matchFiniteDifferences_withMask() {
        AttentionTesting.checkGradients(att, new int[] {3, 4});
    }

    @Test
    void paddedKeys_getNoGradient() {
        AttentionTesting.checkPaddedKeysGetNoGradient(att);
    }

    @Test
    void weights_areSoftmaxOfDotProducts() {
        // s = (1, 0, 0, 0); keys e1·2 and e2: scores 2 and 0, weights e²/(e²+1) and 1/(e²+1).
        Tensor q = Tensor.of(new float[] {1, 0, 0, 0}, 1, 4);
        Tensor h = Tensor.of(new float[] {2, 0, 0, 0, 0, 1, 0, 0}, 1, 2, 4);
        Attention.Result r = att.forward(q, h, null);
        double e2 = Math.exp(2);
        assertEquals(e2 / (e2 + 1), r.weights().get(0, 0), 1e-6);
        assertEquals(2 * e2 / (e2 + 1), r.context().get(0, 0), 1e-6);
        assertEquals(1 / (e2 + 1), r.context().get(0, 1), 1e-6);
    }

    @Test
    void constructor_rejectsDifferentWidths() {
        var e = assertThrows(IllegalArgumentException.class, () -> new DotAttention(3, 4));
        assertEquals("DotAttention: querySize must equal keySize, got 3 and 4; use general or additive attention "
                + "for different widths", e.getMessage());
    }
}

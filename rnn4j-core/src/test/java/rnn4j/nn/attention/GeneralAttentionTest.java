package rnn4j.nn.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rnn4j.tensor.Tensor;

class GeneralAttentionTest {
    private final GeneralAttention att = new GeneralAttention(3, 5, new SplittableRandom(1));

    @Test
    void stateDict_hasPyTorchKeys() {
        assertEquals(List.of("W.weight"), List.copyOf(att.stateDict().keySet()));
        assertEquals("[5, 3]", att.stateDict().get("W.weight").shape().toString());
    }

    @Test
    void weights_maskedExactlyZeroAndSumToOne() {
        AttentionTesting.checkWeights(att, 3, 4, new int[] {1, 4, 2});
    }

    @Test
    void gradients_matchFiniteDifferences_withMask() {
        AttentionTesting.checkGradients(att, new int[] {1, 3});
    }

    @Test
    void paddedKeys_getNoGradient() {
        AttentionTesting.checkPaddedKeysGetNoGradient(att);
    }

    @Test
    void kind_parsesOptionNames() {
        assertEquals(Attention.Kind.GENERAL, Attention.Kind.parse("general"));
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Attention.Kind.parse("luong"));
        assertEquals("Attention.Kind.parse: attention must be one of [none, additive, dot, general], got 'luong'",
                e.getMessage());
        assertEquals(Tensor.class, att.forward(Tensor.zeros(1, 3), Tensor.zeros(1, 2, 5), null).context().getClass());
    }
}

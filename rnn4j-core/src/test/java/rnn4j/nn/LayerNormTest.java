package rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rnn4j.tensor.GradCheck;
import rnn4j.tensor.Tensor;

class LayerNormTest {

    @Test
    void forward_normalisesEachRowAtInit() {
        Tensor x = Tensor.normal(new SplittableRandom(1), 3, 2, 4, 16);
        float[] y = new LayerNorm(16).forward(x).toArray();
        for (int r = 0; r < 4; r++) {
            double s = 0;
            double s2 = 0;
            for (int j = 0; j < 16; j++) {
                s += y[r * 16 + j];
                s2 += y[r * 16 + j] * y[r * 16 + j];
            }
            assertEquals(0, s / 16, 1e-5);
            assertEquals(1, s2 / 16, 1e-3); // var/(var + 1e-5)
        }
    }

    @Test
    void gradients_matchFiniteDifferences() {
        var rng = new SplittableRandom(2);
        LayerNorm ln = new LayerNorm(5);
        Init.normal(ln.weight().value(), 1, 0.5, rng);
        Init.normal(ln.bias().value(), 0, 0.5, rng);
        Tensor x = Tensor.normal(rng, 0, 1, 3, 5).requiresGrad(true);
        GradCheck.check(in -> ln.forward(in[0]), x, ln.weight().value(), ln.bias().value());
    }

    @Test
    void stateDict_weightOnesBiasZeros() {
        LayerNorm ln = new LayerNorm(3);
        assertEquals(List.of("weight", "bias"), List.copyOf(ln.stateDict().keySet()));
        assertEquals(3f, ln.weight().data()[0] + ln.weight().data()[1] + ln.weight().data()[2]);
        assertEquals(0, new LayerNorm(3, 1e-5f, false).parameterCount());
    }

    @Test
    void forward_rejectsWrongLastAxis() {
        var e = assertThrows(IllegalArgumentException.class, () -> new LayerNorm(4).forward(Tensor.zeros(2, 3)));
        assertEquals("LayerNorm.forward: x must end in an axis of 4, got shape [2, 3]", e.getMessage());
    }
}

package rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rnn4j.tensor.GradCheck;
import rnn4j.tensor.Tensor;

class LinearTest {

    @Test
    void parameterCount_weightAndBias() {
        Linear linear = new Linear(3, 4, new SplittableRandom(1));
        assertEquals(16, linear.parameterCount());
        assertEquals(List.of("weight", "bias"), List.copyOf(linear.stateDict().keySet()));
        assertArrayEquals(new int[] {4, 3}, linear.weight().shape().dims());
        assertEquals(12, new Linear(3, 4, false, new SplittableRandom(1)).parameterCount());
        assertNull(new Linear(3, 4, false, new SplittableRandom(1)).bias());
    }

    @Test
    void init_withinOneOverRootIn() {
        Linear linear = new Linear(16, 64, new SplittableRandom(2));
        float bound = (float) (1 / Math.sqrt(16));
        for (Parameter p : linear.parameters()) {
            for (float v : p.data()) assertTrue(Math.abs(v) <= bound, p + " value " + v);
        }
    }

    @Test
    void forward_isAffineMapOverLastAxis() {
        Linear linear = new Linear(2, 3, new SplittableRandom(3));
        linear.weight().copyInPlace(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2));
        linear.bias().copyInPlace(Tensor.vector(0.5f, -1, 0));
        Tensor y = linear.forward(Tensor.of(new float[] {1, 1, 2, -1}, 2, 1, 2));
        assertArrayEquals(new int[] {2, 1, 3}, y.shape().dims());
        assertArrayEquals(new float[] {3.5f, 6, 11, 0.5f, 1, 4}, y.toArray(), 1e-6f);
    }

    @Test
    void gradients_matchFiniteDifferences() {
        var rng = new SplittableRandom(4);
        Linear linear = new Linear(4, 3, rng);
        Tensor x = Tensor.normal(rng, 0, 1, 2, 4).requiresGrad(true);
        GradCheck.check(in -> linear.forward(in[0]), x, linear.weight().value(), linear.bias().value());
    }

    @Test
    void constructor_rejectsZeroSizes() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Linear(0, 4, new SplittableRandom(1)));
        assertEquals("Linear: inFeatures and outFeatures must be >= 1, got 0 and 4", e.getMessage());
    }
}

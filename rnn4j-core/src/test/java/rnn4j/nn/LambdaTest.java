package rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import rnn4j.tensor.MathOps;
import rnn4j.tensor.Tensor;

class LambdaTest {

    @Test
    void forward_appliesFunctionAndHasNoState() {
        Lambda relu = new Lambda("ReLU", MathOps::relu);
        assertArrayEquals(new float[] {0, 2}, relu.forward(Tensor.vector(-1, 2)).toArray(), 0f);
        assertEquals(0, relu.stateDict().size());
        assertEquals("ReLU()", relu.toString());
    }

    @Test
    void constructor_rejectsBlankName() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Lambda(" ", x -> x));
        assertEquals("Lambda: name must not be blank, got ' '", e.getMessage());
    }
}

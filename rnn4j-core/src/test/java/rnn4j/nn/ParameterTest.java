package rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import rnn4j.tensor.Shape;
import rnn4j.tensor.Tensor;

class ParameterTest {

    @Test
    void constructor_sharesWholeArrayAndRequiresGrad() {
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        Parameter p = new Parameter(t);
        assertSame(t.data(), p.data());
        assertTrue(p.requiresGrad());
        assertTrue(p.value().isLeaf());
        assertEquals(Shape.of(2, 2), p.shape());
    }

    @Test
    void constructor_copiesAView() {
        float[] big = {9, 1, 2, 9};
        Parameter p = new Parameter(Tensor.wrap(big, 1, Shape.of(2)));
        assertNotSame(big, p.data());
        assertArrayEquals(new float[] {1, 2}, p.data(), 0f);
    }

    @Test
    void constructor_copiesAnotherParametersTensor() {
        Parameter a = new Parameter(Tensor.vector(1, 2));
        Parameter b = new Parameter(a.value());
        assertNotSame(a.data(), b.data());
        assertArrayEquals(a.data(), b.data(), 0f);
    }

    @Test
    void copyInPlace_keepsArrayAndChecksShape() {
        Parameter p = new Parameter(Tensor.zeros(3));
        float[] array = p.data();
        p.copyInPlace(Tensor.vector(1, 2, 3));
        assertSame(array, p.data());
        assertArrayEquals(new float[] {1, 2, 3}, p.data(), 0f);
        var e = assertThrows(IllegalArgumentException.class, () -> p.copyInPlace(Tensor.zeros(2)));
        assertEquals("Parameter.copyInPlace: source shape must equal the parameter's [3], got [2]", e.getMessage());
    }

    @Test
    void requiresGrad_freezes() {
        Parameter p = new Parameter(Tensor.zeros(1)).requiresGrad(false);
        assertEquals("Parameter[1] (frozen)", p.toString());
    }
}

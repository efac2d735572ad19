package rnn4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rnn4j.tensor.TestTensors.randn;

import org.junit.jupiter.api.Test;

class ShapeOpsTest {

    @Test
    @GradChecked({"ShapeOps.reshape", "ShapeOps.squeeze", "ShapeOps.unsqueeze"})
    void viewGradients() {
        Tensor x = randn(80, 2, 3, 4);
        GradCheck.check(in -> MathOps.tanh(ShapeOps.reshape(in[0], 4, -1)), x);
        GradCheck.check(in -> ShapeOps.unsqueeze(in[0], -1), x);
        GradCheck.check(in -> ShapeOps.squeeze(ShapeOps.unsqueeze(in[0], 1), 1), x);
    }

    @Test
    void reshape_isAViewWithInferredAxis() {
        Tensor x = Tensor.arange(12);
        Tensor y = ShapeOps.reshape(x, 3, -1);
        assertTrue(y.shape().sameAs(3, 4));
        assertSame(x.data(), y.data());
        assertTrue(ShapeOps.reshape(x, -1).shape().sameAs(12));
        assertTrue(ShapeOps.unsqueeze(x, 0).shape().sameAs(1, 12));
        assertTrue(ShapeOps.squeeze(ShapeOps.unsqueeze(x, 1), 1).shape().sameAs(12));
    }

    @Test
    void reshape_badShapes_namesShapes() {
        Tensor x = Tensor.zeros(2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ShapeOps.reshape(x, 4, 2));
        assertEquals("ShapeOps.reshape: new shape must have the same element count as [2, 3] (6), got [4, 2]",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ShapeOps.reshape(x, -1, -1));
        assertEquals("ShapeOps.reshape: shape must have at most one -1, got [-1, -1]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ShapeOps.reshape(x, 4, -1));
        assertEquals("ShapeOps.reshape: shape [4, -1] must fit the 6 elements of [2, 3]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ShapeOps.squeeze(x, 0));
        assertEquals("ShapeOps.squeeze: axis 0 must have length 1, got shape [2, 3]", e.getMessage());
    }

    @Test
    @GradChecked({"ShapeOps.transpose", "ShapeOps.permute"})
    void reorderGradients() {
        Tensor x = randn(81, 2, 3, 4);
        GradCheck.check(in -> ShapeOps.transpose(in[0], 0, 2), x);
        GradCheck.check(in -> ShapeOps.transpose(in[0], -1, -2), x);
        GradCheck.check(in -> ShapeOps.permute(in[0], 1, 2, 0), x);
        GradCheck.check(in -> ShapeOps.permute(in[0], 1, 0, 2), x);   // last axis kept: copied in runs
    }

    @Test
    void permute_keepingTheLastAxis_valuesMatchIndexing() {
        Tensor x = randn(83, 2, 3, 5).detach();
        Tensor y = ShapeOps.permute(x, 1, 0, 2);   // batch-first <-> time-major
        assertTrue(y.shape().sameAs(3, 2, 5));
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 3; b++) {
                for (int c = 0; c < 5; c++) assertEquals(x.get(a, b, c), y.get(b, a, c));
            }
        }
    }

    @Test
    void permute_valuesMatchIndexing() {
        Tensor x = randn(82, 2, 3, 4).detach();
        Tensor y = ShapeOps.permute(x, 2, 0, 1);
        assertTrue(y.shape().sameAs(4, 2, 3));
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 3; b++) {
                for (int c = 0; c < 4; c++) assertEquals(x.get(a, b, c), y.get(c, a, b));
            }
        }
        Tensor t = ShapeOps.transpose(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3), 0, 1);
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, t.toArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ShapeOps.permute(x, 0, 0, 1));
        assertEquals("ShapeOps.permute: axes must list each of the 3 axes of [2, 3, 4] once, got [0, 0, 1]",
                e.getMessage());
    }

    @Test
    @GradChecked("ShapeOps.expand")
    void expandGradient() {
        GradCheck.check(in -> ShapeOps.expand(in[0], 2, 3, 4), randn(83, 3, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ShapeOps.expand(Tensor.zeros(3, 2), 3, 4));
        assertEquals("ShapeOps.expand: shape [3, 2] must broadcast to the target, got [3, 4]", e.getMessage());
    }

    @Test
    @GradChecked({"ShapeOps.narrow", "ShapeOps.select", "ShapeOps.split", "ShapeOps.chunk"})
    void sliceGradients_viewsAndCopies() {
        Tensor x = randn(84, 4, 3, 2);
        GradCheck.check(in -> ShapeOps.narrow(in[0], 0, 1, 2), x); // view
        GradCheck.check(in -> ShapeOps.narrow(in[0], 1, 1, 2), x); // copy
        GradCheck.check(in -> ShapeOps.select(in[0], 0, 3), x);
        GradCheck.check(in -> ShapeOps.select(in[0], -1, 1), x);
        // a view of a view, at a non-zero offset, through a later op
        GradCheck.check(in -> MathOps.mul(ShapeOps.select(ShapeOps.narrow(in[0], 0, 1, 3), 0, 1),
                ShapeOps.select(in[0], 0, 0)), x);
        GradCheck.check(in -> {
            Tensor[] parts = ShapeOps.split(in[0], 1, 2, 1);
            return MathOps.add(MathOps.sum(parts[0], 1, true), MathOps.mulScalar(parts[1], 3f));
        }, x);
        GradCheck.check(in -> {
            Tensor[] parts = ShapeOps.chunk(in[0], 2, 0);
            return MathOps.mul(parts[0], parts[1]);
        }, x);
    }

    @Test
    void narrowAndSelect_alongFirstAxis_areViews() {
        Tensor x = Tensor.arange(24);
        Tensor m = ShapeOps.reshape(x, 4, 3, 2);
        Tensor n = ShapeOps.narrow(m, 0, 1, 2);
        assertSame(x.data(), n.data());
        assertEquals(6, n.offset());
        Tensor s = ShapeOps.select(m, 0, 3);
        assertSame(x.data(), s.data());
        assertEquals(18, s.offset());
        assertTrue(s.shape().sameAs(3, 2));
        assertArrayEquals(new float[] {18, 19, 20, 21, 22, 23}, s.toArray());
        Tensor inner = ShapeOps.narrow(m, 1, 1, 1);
        assertArrayEquals(new float[] {2, 3, 8, 9, 14, 15, 20, 21}, inner.toArray());
        // the first axis of a length-1 prefix is still contiguous: a view
        Tensor one = ShapeOps.select(ShapeOps.unsqueeze(s, 0), 1, 2);
        assertSame(x.data(), one.data());
        assertArrayEquals(new float[] {22, 23}, one.toArray());
    }

    @Test
    void narrowAndSelect_outOfRange_namesShape() {
        Tensor x = Tensor.zeros(4, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ShapeOps.narrow(x, 1, 2, 2));
        assertEquals("ShapeOps.narrow: range [2, 4) must lie in [0, 3) (axis 1 of [4, 3])", e.getMessage());
        IndexOutOfBoundsException e2 = assertThrows(IndexOutOfBoundsException.class,
                () -> ShapeOps.select(x, 0, 4));
        assertEquals("ShapeOps.select: index must be in [0, 4) (axis 0 of [4, 3]), got 4", e2.getMessage());
    }

    @Test
    void badAxis_namesOpAndShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ShapeOps.transpose(Tensor.zeros(2, 3), 0, 2));
        assertEquals("ShapeOps.transpose: axis must be in [-2, 2) for shape [2, 3], got 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ShapeOps.concat(-3, Tensor.zeros(2, 3)));
        assertEquals("ShapeOps.concat: axis must be in [-2, 2) for shape [2, 3], got -3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ShapeOps.unsqueeze(Tensor.zeros(2, 3), 3));
        assertEquals("ShapeOps.unsqueeze: axis must be in [-3, 2] for shape [2, 3], got 3", e.getMessage());
    }

    @Test
    void splitAndChunk_sizes() {
        Tensor x = Tensor.arange(7);
        Tensor[] c = ShapeOps.chunk(x, 3, 0);
        assertEquals(3, c.length);
        assertArrayEquals(new float[] {0, 1, 2}, c[0].toArray());
        assertArrayEquals(new float[] {6}, c[2].toArray());
        Tensor[] s = ShapeOps.split(x, 0, 2, 5);
        assertArrayEquals(new float[] {2, 3, 4, 5, 6}, s[1].toArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ShapeOps.split(x, 0, 2, 2));
        assertEquals("ShapeOps.split: sizes must sum to 7 (axis 0 of [7]), got [2, 2]", e.getMessage());
    }

    @Test
    @GradChecked({"ShapeOps.concat", "ShapeOps.stack"})
    void joinGradients() {
        Tensor a = randn(85, 2, 3);
        Tensor b = randn(86, 2, 1);
        Tensor c = randn(87, 2, 3);
        GradCheck.check(in -> ShapeOps.concat(1, in[0], in[1], in[2]), a, b, c);
        GradCheck.check(in -> ShapeOps.concat(0, in[0], in[2], in[0]), a, b, c);
        GradCheck.check(in -> ShapeOps.stack(0, in[0], in[1]), a, c);
        GradCheck.check(in -> ShapeOps.stack(-1, in[0], in[1], in[0]), a, c);
    }

    @Test
    void concatAndStack_values() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor b = Tensor.of(new float[] {5, 6}, 2, 1);
        assertArrayEquals(new float[] {1, 2, 5, 3, 4, 6}, ShapeOps.concat(1, a, b).toArray());
        Tensor s = ShapeOps.stack(2, a, a);
        assertTrue(s.shape().sameAs(2, 2, 2));
        assertArrayEquals(new float[] {1, 1, 2, 2, 3, 3, 4, 4}, s.toArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ShapeOps.concat(0, a, b));
        assertEquals("ShapeOps.concat: shapes must match except along axis 0, got [2, 2] and [2, 1]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ShapeOps.stack(0, a, b));
        assertEquals("ShapeOps.stack: shapes must all be equal, got [2, 2] and [2, 1]", e.getMessage());
    }
}

package rnn4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rnn4j.tensor.TestTensors.randn;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The reverse-mode engine driven through real ops. */
class AutogradTest {

    @Test
    void backward_chainOf10000Nodes_noStackOverflow() {
        Tensor x = Tensor.vector(1f, 2f).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 10_000; i++) y = MathOps.addScalar(MathOps.mulScalar(y, 1f), 0.001f);
        MathOps.sum(y).backward();
        assertArrayEquals(new float[] {1f, 1f}, x.gradData());
        assertEquals(1f + 10f + 2f + 10f, MathOps.sum(y).item(), 1e-2f);
    }

    @Test
    void backward_twice_doublesLeafGradients() {
        Tensor x = randn(90, 2, 3);
        Tensor w = randn(91, 2, 3);
        Tensor loss = MathOps.sum(MathOps.mul(x, w));
        loss.backward();
        float[] once = x.gradData().clone();
        loss.backward();
        float[] twice = x.gradData();
        for (int i = 0; i < once.length; i++) assertEquals(2 * once[i], twice[i], 1e-6f);
        assertArrayEquals(w.toArray(), once, 1e-6f);
        x.zeroGrad();
        assertNull(x.gradData());
    }

    @Property(tries = 20)
    void backward_gradientShapesEqualInputShapes(@ForAll @IntRange(min = 1, max = 4) int b,
                                                 @ForAll @IntRange(min = 1, max = 5) int f) {
        Tensor x = randn(b * 10L + f, b, f);
        Tensor w = randn(f + 100L, 3, f);
        Tensor bias = randn(7, 3);
        MathOps.mean(MathOps.tanh(LinalgOps.linear(x, w, bias))).backward();
        assertEquals(x.size(), x.gradData().length);
        assertEquals(w.size(), w.gradData().length);
        assertEquals(bias.size(), bias.gradData().length);
        assertTrue(x.grad().shape().equals(x.shape()));
        assertTrue(w.grad().shape().equals(w.shape()));
    }

    @Test
    void detach_stopsGradient() {
        Tensor x = Tensor.vector(2f, -3f).requiresGrad(true);
        MathOps.sum(MathOps.mul(x.detach(), x)).backward();
        assertArrayEquals(new float[] {2f, -3f}, x.gradData()); // d(c·x)/dx = c, not 2x
        assertFalse(x.detach().requiresGrad());
        assertSame(x.data(), x.detach().data());
    }

    @Test
    void disabled_recordsNothing() {
        Tensor x = randn(92, 3);
        Tensor y = Grad.disabled(() -> MathOps.sum(MathOps.tanh(x)));
        assertFalse(y.requiresGrad());
        assertTrue(y.isLeaf());
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().startsWith("Tensor.backward: the tensor must require grad"), e.getMessage());
        assertTrue(MathOps.sum(MathOps.tanh(x)).requiresGrad(), "recording resumes after the scope");
    }

    @Test
    void eval_turnsDropoutOffAndRecordsNothing() {
        Tensor x = randn(93, 4, 4);
        Tensor y = Grad.eval(() -> MathOps.dropout(x, 0.9f, new SplittableRandom(1)));
        assertArrayEquals(x.toArray(), y.toArray());
        Tensor z = Grad.eval(() -> MathOps.mulScalar(x, 2f));
        assertFalse(z.requiresGrad());
    }

    @Test
    void inputUsedTwice_sumsBothPaths() {
        Tensor x = Tensor.vector(1.5f, -2f, 3f).requiresGrad(true);
        MathOps.sum(MathOps.mul(x, x)).backward();
        assertArrayEquals(new float[] {3f, -4f, 6f}, x.gradData());
        x.zeroGrad();
        MathOps.sum(MathOps.add(x, x)).backward();
        assertArrayEquals(new float[] {2f, 2f, 2f}, x.gradData());
        x.zeroGrad();
        // shared through two different ops: d/dx (tanh(x) + x·x) = 1 - tanh² + 2x
        MathOps.sum(MathOps.add(MathOps.tanh(x), MathOps.mul(x, x))).backward();
        for (int i = 0; i < 3; i++) {
            double t = Math.tanh(x.get(i));
            assertEquals(1 - t * t + 2 * x.get(i), x.gradData()[i], 1e-5);
        }
    }

    @Test
    void backward_nonScalar_needsAGradient() {
        Tensor y = MathOps.tanh(randn(94, 2, 2));
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("[2, 2]"), e.getMessage());
    }
}

package rnn4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rnn4j.tensor.TestTensors.awayFromZero;
import static rnn4j.tensor.TestTensors.distinct;
import static rnn4j.tensor.TestTensors.randn;
import static rnn4j.tensor.TestTensors.uniform;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BinaryOperator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MathOpsTest {

    // ------------------------------------------------------------ binary, broadcasting

    @Test
    @GradChecked({"MathOps.add", "MathOps.sub", "MathOps.mul", "MathOps.div"})
    void binaryGradients_sameShape() {
        Tensor a = randn(1, 3, 4);
        Tensor b = uniform(2, 0.5f, 2f, 3, 4);
        GradCheck.check(in -> MathOps.add(in[0], in[1]), a, b);
        GradCheck.check(in -> MathOps.sub(in[0], in[1]), a, b);
        GradCheck.check(in -> MathOps.mul(in[0], in[1]), a, b);
        GradCheck.check(in -> MathOps.div(in[0], in[1]), a, b);
    }

    @Test
    void binaryGradients_broadcasting() {
        int[][][] cases = {
                {{2, 3, 4}, {3, 1}},
                {{2, 3, 4}, {4}},
                {{2, 1, 4}, {3, 1}},
                {{1, 3}, {2, 1}},
                {{2, 3}, {}},
        };
        for (int[][] c : cases) {
            Tensor a = randn(3, c[0]);
            Tensor b = uniform(4, 0.5f, 2f, c[1]);
            GradCheck.check(in -> MathOps.add(in[0], in[1]), a, b);
            GradCheck.check(in -> MathOps.sub(in[1], in[0]), a, b);
            GradCheck.check(in -> MathOps.mul(in[0], in[1]), a, b);
            GradCheck.check(in -> MathOps.div(in[0], in[1]), a, b);
        }
    }

    @Test
    void add_onlyOneInputRequiringGrad_leavesTheOtherWithout() {
        Tensor a = randn(5, 2, 3);
        Tensor b = randn(6, 3).detach();
        MathOps.sum(MathOps.mul(a, b)).backward();
        assertEquals(6, a.gradData().length);
        assertEquals(null, b.gradData());
    }

    @Property(tries = 40)
    void broadcasting_equalsExplicitExpansion(@ForAll @IntRange(min = 1, max = 3) int d0,
                                              @ForAll @IntRange(min = 1, max = 3) int d1,
                                              @ForAll @IntRange(min = 1, max = 3) int d2,
                                              @ForAll @IntRange(min = 0, max = 15) int pattern) {
        // pattern bits 0-2 give b length 1 along that axis; bit 3 drops b's leading axis (rank 2 against rank 3)
        int[] as = {d0, d1, d2};
        int[] full = {(pattern & 1) != 0 ? 1 : d0, (pattern & 2) != 0 ? 1 : d1, (pattern & 4) != 0 ? 1 : d2};
        boolean dropLead = (pattern & 8) != 0;
        int[] bs = dropLead ? new int[] {full[1], full[2]} : full;
        Tensor a = randn(d0 * 100 + d1 * 10 + d2, as).detach();
        Tensor b = uniform(pattern + 7, 0.5f, 2f, bs).detach();
        float[][] expectAB = new float[4][d0 * d1 * d2];
        float[][] expectBA = new float[4][d0 * d1 * d2];
        for (int i = 0; i < d0; i++) {
            for (int j = 0; j < d1; j++) {
                for (int k = 0; k < d2; k++) {
                    float av = a.get(i, j, k);
                    int bj = full[1] == 1 ? 0 : j;
                    int bk = full[2] == 1 ? 0 : k;
                    float bv = dropLead ? b.get(bj, bk) : b.get(full[0] == 1 ? 0 : i, bj, bk);
                    int p = (i * d1 + j) * d2 + k;
                    expectAB[0][p] = av + bv;
                    expectAB[1][p] = av - bv;
                    expectAB[2][p] = av * bv;
                    expectAB[3][p] = av / bv;
                    expectBA[0][p] = bv + av;
                    expectBA[1][p] = bv - av;
                    expectBA[2][p] = bv * av;
                    expectBA[3][p] = bv / av;
                }
            }
        }
        for (int o = 0; o < 4; o++) {
            assertArrayEquals(expectAB[o], BINARY_OPS.get(o).apply(a, b).toArray(), 0f);
            assertArrayEquals(expectBA[o], BINARY_OPS.get(o).apply(b, a).toArray(), 0f);
        }
        assertArrayEquals(expectAB[0], MathOps.add(a, ShapeOps.expand(b, as)).toArray(), 0f);
    }

    private static final List<BinaryOperator<Tensor>> BINARY_OPS =
            List.of(MathOps::add, MathOps::sub, MathOps::mul, MathOps::div);

    @Test
    void add_valuesOfABroadcastRow() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = Tensor.vector(10, 20, 30);
        assertArrayEquals(new float[] {11, 22, 33, 14, 25, 36}, MathOps.add(a, b).toArray());
        assertArrayEquals(new float[] {-9, -18, -27, -6, -15, -24}, MathOps.sub(a, b).toArray());
        assertTrue(MathOps.add(a, b).shape().sameAs(2, 3));
    }

    @Test
    void add_incompatibleShapes_namesOpAndShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MathOps.add(Tensor.zeros(2, 3), Tensor.zeros(4)));
        assertEquals("MathOps.add: shapes must broadcast (equal or 1 along each axis from the last), got [2, 3] "
                + "and [4]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MathOps.mul(Tensor.zeros(2, 3), Tensor.zeros(3, 3)));
        assertTrue(e.getMessage().startsWith("MathOps.mul: shapes must broadcast"), e.getMessage());
        assertTrue(e.getMessage().contains("[2, 3] and [3, 3]"), e.getMessage());
    }

    @Test
    @GradChecked("MathOps.maskedFill")
    void maskedFillGradient_broadcastMask() {
        Tensor x = randn(20, 2, 3, 4);
        Tensor mask = Tensor.of(new float[] {0, 1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0}, 3, 4);
        GradCheck.check(in -> MathOps.maskedFill(in[0], mask, -1e9f), x);
        GradCheck.check(in -> MathOps.softmax(MathOps.maskedFill(in[0], Tensor.of(new float[] {0, 0, 1, 1}, 4),
                Float.NEGATIVE_INFINITY), -1), x);
    }

    @Test
    void maskedFill_valuesAndSoftmaxIgnoresFilled() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor mask = Tensor.of(new float[] {0, 0, 1}, 1, 3);
        assertArrayEquals(new float[] {1, 2, -7, 4, 5, -7}, MathOps.maskedFill(x, mask, -7f).toArray());
        float[] p = MathOps.softmax(MathOps.maskedFill(x, mask, Float.NEGATIVE_INFINITY), 1).toArray();
        assertEquals(0f, p[2]);
        assertEquals(1f, p[0] + p[1], 1e-6f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MathOps.maskedFill(Tensor.zeros(3), Tensor.zeros(2, 3), 0f));
        assertEquals("MathOps.maskedFill: mask shape must broadcast to x's shape [3], got [2, 3]", e.getMessage());
    }

    // ------------------------------------------------------------ scalar operands

    @Test
    @GradChecked({"MathOps.addScalar", "MathOps.subScalar", "MathOps.rsubScalar", "MathOps.mulScalar",
            "MathOps.divScalar", "MathOps.neg"})
    void scalarGradients() {
        Tensor x = randn(7, 2, 3);
        GradCheck.check(in -> MathOps.addScalar(in[0], 1.5f), x);
        GradCheck.check(in -> MathOps.subScalar(in[0], 1.5f), x);
        GradCheck.check(in -> MathOps.rsubScalar(1.5f, in[0]), x);
        GradCheck.check(in -> MathOps.mulScalar(in[0], -2.5f), x);
        GradCheck.check(in -> MathOps.divScalar(in[0], 4f), x);
        GradCheck.check(in -> MathOps.neg(in[0]), x);
    }

    @Test
    void scalarOps_values() {
        Tensor x = Tensor.vector(1, -2, 4);
        assertArrayEquals(new float[] {2.5f, -0.5f, 5.5f}, MathOps.addScalar(x, 1.5f).toArray());
        assertArrayEquals(new float[] {-0.5f, -3.5f, 2.5f}, MathOps.subScalar(x, 1.5f).toArray());
        assertArrayEquals(new float[] {0.5f, 3.5f, -2.5f}, MathOps.rsubScalar(1.5f, x).toArray());
        assertArrayEquals(new float[] {-2, 4, -8}, MathOps.mulScalar(x, -2).toArray());
        assertArrayEquals(new float[] {0.25f, -0.5f, 1}, MathOps.divScalar(x, 4).toArray());
        assertArrayEquals(new float[] {-1, 2, -4}, MathOps.neg(x).toArray());
    }

    // ------------------------------------------------------------ unary

    @Test
    @GradChecked({"MathOps.exp", "MathOps.log", "MathOps.tanh", "MathOps.sigmoid", "MathOps.relu", "MathOps.sqrt",
            "MathOps.pow", "MathOps.abs", "MathOps.clamp"})
    void unaryGradients() {
        Tensor x = randn(8, 3, 4);
        Tensor pos = uniform(9, 0.5f, 2f, 3, 4);
        Tensor kinked = awayFromZero(10, 3, 4);
        GradCheck.check(in -> MathOps.exp(in[0]), x);
        GradCheck.check(in -> MathOps.log(in[0]), pos);
        GradCheck.check(in -> MathOps.tanh(in[0]), x);
        GradCheck.check(in -> MathOps.sigmoid(in[0]), x);
        GradCheck.check(in -> MathOps.relu(in[0]), kinked);
        GradCheck.check(in -> MathOps.sqrt(in[0]), pos);
        GradCheck.check(in -> MathOps.pow(in[0], 2f), x);
        GradCheck.check(in -> MathOps.pow(in[0], 0.5f), pos);
        GradCheck.check(in -> MathOps.pow(in[0], -1.5f), pos);
        GradCheck.check(in -> MathOps.abs(in[0]), kinked);
        // bounds at ±0.7 lie between the |values| in [0.2, 1.2): some clamped, some passing, none within ε
        Tensor c = Tensor.of(new float[] {-1.1f, -0.5f, 0.3f, 0.9f, 1.15f, -0.25f}, 2, 3).requiresGrad(true);
        GradCheck.check(in -> MathOps.clamp(in[0], -0.7f, 0.7f), c);
    }

    @Test
    void unary_valuesMatchJavaMath() {
        Tensor x = Tensor.vector(-3f, -0.5f, 0f, 0.5f, 3f);
        float[] v = x.toArray();
        float[] t = MathOps.tanh(x).toArray();
        float[] s = MathOps.sigmoid(x).toArray();
        float[] r = MathOps.relu(x).toArray();
        float[] e = MathOps.exp(x).toArray();
        float[] c = MathOps.clamp(x, -1f, 1f).toArray();
        for (int i = 0; i < v.length; i++) {
            assertEquals((float) Math.tanh(v[i]), t[i], 1e-7f);
            assertEquals((float) (1 / (1 + Math.exp(-v[i]))), s[i], 1e-7f);
            assertEquals(Math.max(0f, v[i]), r[i]);
            assertEquals((float) Math.exp(v[i]), e[i], 1e-6f * e[i]);
            assertEquals(Math.max(-1f, Math.min(1f, v[i])), c[i]);
        }
    }

    @Test
    void sigmoid_extremeInputs_stayFiniteAndSaturate() {
        float[] s = MathOps.sigmoid(Tensor.vector(-1e4f, 1e4f, -100f)).toArray();
        assertEquals(0f, s[0]);
        assertEquals(1f, s[1]);
        assertTrue(s[2] >= 0f && s[2] < 1e-30f);
    }

    @Test
    void clamp_minAboveMax_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MathOps.clamp(Tensor.zeros(2), 1f, 0f));
        assertEquals("MathOps.clamp: min must be <= max, got 1.0 and 0.0", e.getMessage());
    }

    // ------------------------------------------------------------ reductions

    @Test
    @GradChecked({"MathOps.sum", "MathOps.mean"})
    void sumAndMeanGradients() {
        Tensor x = randn(11, 2, 3, 4);
        GradCheck.check(in -> MathOps.sum(in[0]), x);
        GradCheck.check(in -> MathOps.mean(in[0]), x);
        for (int axis = -3; axis < 3; axis++) {
            int ax = axis;
            GradCheck.check(in -> MathOps.sum(in[0], ax, false), x);
            GradCheck.check(in -> MathOps.sum(in[0], ax, true), x);
            GradCheck.check(in -> MathOps.mean(in[0], ax, true), x);
            GradCheck.check(in -> MathOps.mean(in[0], ax, false), x);
        }
    }

    @Test
    @GradChecked({"MathOps.max", "MathOps.min"})
    void maxAndMinGradients() {
        Tensor x = distinct(12, 2, 3, 4);
        GradCheck.check(in -> MathOps.max(in[0]), x);
        for (int axis = 0; axis < 3; axis++) {
            int ax = axis;
            GradCheck.check(in -> MathOps.max(in[0], ax, false), x);
            GradCheck.check(in -> MathOps.min(in[0], ax, true), x);
        }
    }

    @Test
    void reductions_valuesAndShapes() {
        Tensor x = Tensor.of(new float[] {1, 5, 3, 4, 2, 6}, 2, 3);
        assertEquals(21f, MathOps.sum(x).item());
        assertEquals(3.5f, MathOps.mean(x).item());
        assertEquals(6f, MathOps.max(x).item());
        assertArrayEquals(new float[] {5, 7, 9}, MathOps.sum(x, 0, false).toArray());
        assertTrue(MathOps.sum(x, 0, true).shape().sameAs(1, 3));
        assertTrue(MathOps.sum(x, 1, false).shape().sameAs(2));
        assertArrayEquals(new float[] {3, 4}, MathOps.mean(x, -1, false).toArray());
        assertArrayEquals(new float[] {5, 6}, MathOps.max(x, 1, false).toArray());
        assertArrayEquals(new float[] {1, 2}, MathOps.min(x, 1, false).toArray());
        assertArrayEquals(new int[] {1, 2}, MathOps.argmax(x, 1));
        assertArrayEquals(new int[] {1, 0, 1}, MathOps.argmax(x, 0));
        assertEquals(5, MathOps.argmax(x));
    }

    @Test
    void argmax_ties_takeFirstIndex() {
        assertArrayEquals(new int[] {0}, MathOps.argmax(Tensor.of(new float[] {2, 2, 1}, 1, 3), 1));
    }

    @Test
    void sum_manyValues_accumulatesInDouble() {
        // 2^24 + 1 ones: a float accumulator would stop at 2^24
        Tensor ones = Tensor.ones((1 << 24) + 4);
        assertEquals((1 << 24) + 4, MathOps.sum(ones).item());
    }

    @Test
    void reduction_badAxis_namesShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MathOps.sum(Tensor.zeros(2, 3), 2, false));
        assertEquals("MathOps.sum: axis must be in [-2, 2) for shape [2, 3], got 2", e.getMessage());
    }

    // ------------------------------------------------------------ softmax

    @Test
    @GradChecked({"MathOps.softmax", "MathOps.logSoftmax"})
    void softmaxGradients_everyAxis() {
        Tensor x = randn(13, 2, 3, 4);
        for (int axis = -1; axis < 3; axis++) {
            int ax = axis;
            GradCheck.check(in -> MathOps.softmax(in[0], ax), x);
            GradCheck.check(in -> MathOps.logSoftmax(in[0], ax), x);
        }
    }

    @Test
    void softmax_hugeInputs_finiteAndCorrect() {
        Tensor x = Tensor.of(new float[] {1e4f, -1e4f, 1e4f - 1f, -1e4f, -1e4f + 2f, -1e4f}, 2, 3);
        float[] p = MathOps.softmax(x, 1).toArray();
        float[] lp = MathOps.logSoftmax(x, 1).toArray();
        double z0 = 1 + Math.exp(-1);
        assertEquals(1 / z0, p[0], 1e-6);
        assertEquals(0, p[1], 1e-30);
        assertEquals(Math.exp(-1) / z0, p[2], 1e-6);
        double z1 = 2 + Math.exp(2);
        assertEquals(1 / z1, p[3], 1e-6);
        assertEquals(Math.exp(2) / z1, p[4], 1e-6);
        assertEquals(-Math.log(z0), lp[0], 1e-5);
        assertEquals(-2e4 - Math.log(z0), lp[1], 1e-2);
        assertEquals(2 - Math.log(z1), lp[4], 1e-5);
        for (float v : lp) assertTrue(Float.isFinite(v), "logSoftmax must stay finite at ±1e4");
        Tensor xg = x.copy().requiresGrad(true);
        MathOps.sum(MathOps.mul(MathOps.logSoftmax(xg, 1), Tensor.vector(1, 2, 3))).backward();
        for (float v : xg.gradData()) assertTrue(Float.isFinite(v));
    }

    @Property(tries = 40)
    void softmax_rowsSumToOne(@ForAll @IntRange(min = 1, max = 6) int rows,
                              @ForAll @IntRange(min = 1, max = 9) int cols,
                              @ForAll @IntRange(min = 0, max = 4) int magnitude) {
        float scale = (float) Math.pow(10, magnitude);
        Tensor x = Tensor.normal(new SplittableRandom(rows * 31L + cols), 0f, scale, rows, cols);
        float[] p = MathOps.softmax(x, -1).toArray();
        float[] lp = MathOps.logSoftmax(x, -1).toArray();
        for (int r = 0; r < rows; r++) {
            double s = 0;
            double se = 0;
            for (int c = 0; c < cols; c++) {
                assertTrue(p[r * cols + c] >= 0f && p[r * cols + c] <= 1f);
                s += p[r * cols + c];
                se += Math.exp(lp[r * cols + c]);
            }
            assertEquals(1.0, s, 1e-5);
            assertEquals(1.0, se, 1e-5);
        }
    }

    // ------------------------------------------------------------ dropout

    @Test
    @GradChecked("MathOps.dropout")
    void dropoutGradient_fixedMask() {
        Tensor x = randn(14, 4, 5);
        GradCheck.check(in -> MathOps.dropout(in[0], 0.4f, new SplittableRandom(99)), x);
    }

    @Test
    void dropout_keepsOrZerosAndScales() {
        Tensor x = Tensor.ones(1000);
        float[] y = MathOps.dropout(x, 0.25f, new SplittableRandom(3)).toArray();
        int zeros = 0;
        for (float v : y) {
            assertTrue(v == 0f || v == 1f / 0.75f, "each value is dropped or scaled by 1/(1-p), got " + v);
            if (v == 0f) zeros++;
        }
        assertTrue(zeros > 180 && zeros < 320, "about p of the values are dropped, got " + zeros);
    }

    @Test
    void dropout_sameSeed_sameMask() {
        Tensor x = randn(15, 50);
        assertArrayEquals(MathOps.dropout(x, 0.5f, new SplittableRandom(8)).toArray(),
                MathOps.dropout(x, 0.5f, new SplittableRandom(8)).toArray());
    }

    @Test
    void dropout_evalOrZeroP_returnsInput() {
        Tensor x = randn(16, 3, 3);
        assertSame(x, MathOps.dropout(x, 0f, new SplittableRandom(1)));
        assertSame(x, Grad.eval(() -> MathOps.dropout(x, 0.5f, new SplittableRandom(1))));
        // Grad.disabled stops recording but keeps training mode: dropout still drops
        Tensor y = Grad.disabled(() -> MathOps.dropout(x, 0.5f, new SplittableRandom(1)));
        assertFalse(y.requiresGrad());
        assertFalse(Arrays.equals(x.toArray(), y.toArray()));
    }

    @Test
    void dropout_pOutOfRange_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MathOps.dropout(Tensor.zeros(2), 1f, new SplittableRandom(1)));
        assertEquals("MathOps.dropout: p must be in [0, 1), got 1.0", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> MathOps.dropout(Tensor.zeros(2), -0.1f, new SplittableRandom(1)));
    }

    // ------------------------------------------------------------ layer norm

    @Test
    @GradChecked("MathOps.layerNorm")
    void layerNormGradients_withAndWithoutAffine() {
        Tensor x = randn(17, 2, 3, 5);
        Tensor w = uniform(18, 0.5f, 1.5f, 5);
        Tensor b = randn(19, 5);
        GradCheck.check(in -> MathOps.layerNorm(in[0], in[1], in[2], 1e-5f), x, w, b);
        GradCheck.check(in -> MathOps.layerNorm(in[0], null, null, 1e-5f), x);
        GradCheck.check(in -> MathOps.layerNorm(in[0], in[1], null, 1e-5f), x, w);
        GradCheck.check(in -> MathOps.layerNorm(in[0], null, in[1], 1e-5f), x, b);
    }

    @Test
    void layerNorm_valuesMatchDefinition() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, -1, 0, 5, 2}, 2, 4);
        Tensor w = Tensor.vector(1, 2, 0.5f, -1);
        Tensor b = Tensor.vector(0, 1, 0, 0.5f);
        float[] y = MathOps.layerNorm(x, w, b, 1e-5f).toArray();
        float[] xv = x.toArray();
        for (int r = 0; r < 2; r++) {
            double mean = 0;
            double var = 0;
            for (int j = 0; j < 4; j++) mean += xv[r * 4 + j] / 4.0;
            for (int j = 0; j < 4; j++) var += Math.pow(xv[r * 4 + j] - mean, 2) / 4.0; // biased, as PyTorch
            for (int j = 0; j < 4; j++) {
                double expect = (xv[r * 4 + j] - mean) / Math.sqrt(var + 1e-5) * w.get(j) + b.get(j);
                assertEquals(expect, y[r * 4 + j], 1e-5);
            }
        }
    }

    @Test
    void layerNorm_wrongWeightShape_namesShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MathOps.layerNorm(Tensor.zeros(2, 4), Tensor.zeros(3), null, 1e-5f));
        assertEquals("MathOps.layerNorm: weight shape must be [4] (the last axis of x [2, 4]), got [3]",
                e.getMessage());
    }
}

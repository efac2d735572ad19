package rnn4j.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The step kernels against their equations, for one active row (row 1) and one padded row (row 0). */
class RecurrentGatesTest {
    private static final int H = 3;
    private static final int[] LENGTHS = {1, 4};   // at t = 2 row 0 is past its end, row 1 is active
    private static final int T = 2;

    private static float[] random(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (rng.nextDouble() * 2 - 1);
        return a;
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    private static float[] row(float[] a, int r, int width) {
        return Arrays.copyOfRange(a, r * width, (r + 1) * width);
    }

    @Test
    void lstmForward_followsTheEquationsAndFreezesPaddedRows() {
        float[] pre = random(2 * 4 * H, 1), gates = pre.clone();
        float[] cPrev = random(2 * H, 2), hPrev = random(2 * H, 3);
        float[] cNext = new float[2 * H], hNext = new float[2 * H], tanhC = new float[2 * H];
        float[] out = random(2 * H, 4);   // stale values must be overwritten
        RecurrentGates.lstmForward(2, H, LENGTHS, T, gates, 0, cPrev, 0, hPrev, 0, cNext, 0, hNext, 0, tanhC, 0,
                out, 0);
        assertArrayEquals(row(cPrev, 0, H), row(cNext, 0, H));
        assertArrayEquals(row(hPrev, 0, H), row(hNext, 0, H));
        assertArrayEquals(new float[H], row(out, 0, H));
        for (int j = 0; j < H; j++) {
            int g0 = 4 * H;
            double i = sigmoid(pre[g0 + j]), f = sigmoid(pre[g0 + H + j]);
            double g = Math.tanh(pre[g0 + 2 * H + j]), o = sigmoid(pre[g0 + 3 * H + j]);
            double c = f * cPrev[H + j] + i * g;
            assertEquals(c, cNext[H + j], 1e-6);
            assertEquals(o * Math.tanh(c), hNext[H + j], 1e-6);
            assertEquals(o * Math.tanh(c), out[H + j], 1e-6);
            assertEquals(f, gates[g0 + H + j], 1e-6);
        }
    }

    @Test
    void lstmBackward_passesPaddedRowsGradientThroughUnchanged() {
        float[] gates = random(2 * 4 * H, 5), cPrev = random(2 * H, 6), tanhC = random(2 * H, 7);
        float[] gradOut = random(2 * H, 8), dh = random(2 * H, 9), dc = random(2 * H, 10);
        float[] dcBefore = dc.clone();
        float[] dGates = random(2 * 4 * H, 11), carry = random(2 * H, 12);
        RecurrentGates.lstmBackward(2, H, LENGTHS, T, gates, 0, cPrev, 0, tanhC, 0, gradOut, 0, dh, 0, dc, 0,
                dGates, 0, carry, 0);
        assertArrayEquals(new float[4 * H], row(dGates, 0, 4 * H));
        assertArrayEquals(row(dh, 0, H), row(carry, 0, H));
        assertArrayEquals(row(dcBefore, 0, H), row(dc, 0, H));
        assertArrayEquals(new float[H], row(carry, 1, H));
        for (int j = 0; j < H; j++) {
            int g0 = 4 * H, s = H + j;
            double i = gates[g0 + j], f = gates[g0 + H + j], g = gates[g0 + 2 * H + j], o = gates[g0 + 3 * H + j];
            double dhj = dh[s] + gradOut[s], tc = tanhC[s];
            double dct = dcBefore[s] + dhj * o * (1 - tc * tc);
            assertEquals(dct * g * i * (1 - i), dGates[g0 + j], 1e-6);
            assertEquals(dct * cPrev[s] * f * (1 - f), dGates[g0 + H + j], 1e-6);
            assertEquals(dct * i * (1 - g * g), dGates[g0 + 2 * H + j], 1e-6);
            assertEquals(dhj * tc * o * (1 - o), dGates[g0 + 3 * H + j], 1e-6);
            assertEquals(dct * f, dc[s], 1e-6);
        }
    }

    @Test
    void gruForward_keepsTheResetProductAroundTheHiddenBias() {
        float[] a = random(2 * 3 * H, 13), gates = a.clone(), b = random(2 * 3 * H, 14), hPrev = random(2 * H, 15);
        float[] hn = new float[2 * H], hNext = new float[2 * H], out = random(2 * H, 16);
        RecurrentGates.gruForward(2, H, LENGTHS, T, gates, 0, b, 0, hn, 0, hPrev, 0, hNext, 0, out, 0);
        assertArrayEquals(row(hPrev, 0, H), row(hNext, 0, H));
        assertArrayEquals(new float[H], row(out, 0, H));
        for (int j = 0; j < H; j++) {
            int g0 = 3 * H;
            double r = sigmoid(a[g0 + j] + b[g0 + j]), z = sigmoid(a[g0 + H + j] + b[g0 + H + j]);
            double n = Math.tanh(a[g0 + 2 * H + j] + r * b[g0 + 2 * H + j]);
            double h = (1 - z) * n + z * hPrev[H + j];
            assertEquals(h, hNext[H + j], 1e-6);
            assertEquals(h, out[H + j], 1e-6);
            assertEquals(b[g0 + 2 * H + j], hn[H + j]);
        }
    }

    @Test
    void rnnBackward_reluGradientIsZeroWhereTheOutputIsZero() {
        float[] y = {0f, 0.5f, 0f, 2f, 0f, 1f};   // row 0 padded, row 1 active
        float[] gradOut = random(2 * H, 17), dh = random(2 * H, 18), dA = new float[2 * H], carry = new float[2 * H];
        RecurrentGates.rnnBackward(2, H, true, LENGTHS, T, y, 0, gradOut, 0, dh, 0, dA, 0, carry, 0);
        assertArrayEquals(new float[] {0f, 0f, 0f, dh[3] + gradOut[3], 0f, dh[5] + gradOut[5]}, dA);
        assertArrayEquals(new float[] {dh[0], dh[1], dh[2], 0f, 0f, 0f}, carry);
    }

    @Test
    void lstmKernels_vectorAndScalarPathsAgree() {
        int b = 2, h = 2 * Simd.LANES + 5;   // whole vectors and a masked tail
        int[] lengths = {3, 1};              // at t = 2 row 0 is active, row 1 padded
        assertClose(lstmStep(false, b, h, lengths, 1f), lstmStep(true, b, h, lengths, 1f));
    }

    @Test
    void gruKernels_vectorAndScalarPathsAgree() {
        int b = 2, h = 2 * Simd.LANES + 5;
        int[] lengths = {3, 1};
        assertClose(gruStep(false, b, h, lengths, 1f), gruStep(true, b, h, lengths, 1f));
    }

    @Test
    void backward_storesGradientsBelowTheFloorAsZero() {
        // A gradient of 1e-33 arriving at a step (a vanished one, 784 steps back) must leave as exact zeros, not as
        // subnormal floats that make every later product on them slow; both paths, whole vectors and the tail.
        int b = 2, h = 2 * Simd.LANES + 5;
        int[] lengths = {3, 3};
        for (boolean vector : new boolean[] {false, true}) {
            float[][] lstm = lstmStep(vector, b, h, lengths, 1e-33f);
            float[][] gru = gruStep(vector, b, h, lengths, 1e-33f);
            for (float[] grad : new float[][] {lstm[5], lstm[6], gru[3], gru[4], gru[5]}) {
                assertArrayEquals(new float[grad.length], grad, "vector path " + vector);
            }
            float[] y = random(b * h, 30), tiny = new float[b * h], dA = new float[b * h], carry = new float[b * h];
            Arrays.fill(tiny, 1e-33f);
            for (boolean relu : new boolean[] {false, true}) {
                RecurrentGates.rnnBackward(b, h, relu, null, 0, y, 0, new float[b * h], 0, tiny, 0, dA, 0, carry, 0);
                assertArrayEquals(new float[b * h], dA);
            }
            float[][] normal = gruStep(vector, b, h, lengths, 1e-20f);   // above the floor: kept
            assertEquals(b * 3 * h, countNonZero(normal[3]), "vector path " + vector);
        }
    }

    private static int countNonZero(float[] a) {
        int n = 0;
        for (float v : a) n += v != 0f ? 1 : 0;
        return n;
    }

    private static void assertClose(float[][] scalar, float[][] vector) {
        for (int k = 0; k < vector.length; k++) {
            for (int i = 0; i < vector[k].length; i++) {
                assertEquals(scalar[k][i], vector[k][i], 1e-6 * (1 + Math.abs(scalar[k][i])), "array " + k + "[" + i
                        + "]");
            }
        }
    }

    /** One LSTM step forward and backward, the incoming state gradients scaled by {@code gradScale}. */
    private static float[][] lstmStep(boolean vector, int b, int h, int[] lengths, float gradScale) {
        boolean saved = Simd.enable(vector);
        try {
            float[] gates = random(b * 4 * h, 20), cPrev = random(b * h, 21), hPrev = random(b * h, 22);
            for (int i = 0; i < gates.length; i++) gates[i] *= 4;   // reach the flat parts of σ and tanh
            float[] cNext = new float[b * h], hNext = new float[b * h], tanhC = new float[b * h];
            float[] out = new float[b * h];
            RecurrentGates.lstmForward(b, h, lengths, T, gates, 0, cPrev, 0, hPrev, 0, cNext, 0, hNext, 0, tanhC, 0,
                    out, 0);
            float[] gradOut = scaled(random(b * h, 23), gradScale), dh = scaled(random(b * h, 24), gradScale);
            float[] dc = scaled(random(b * h, 25), gradScale);
            float[] dGates = new float[b * 4 * h], carry = random(b * h, 26);
            RecurrentGates.lstmBackward(b, h, lengths, T, gates, 0, cPrev, 0, tanhC, 0, gradOut, 0, dh, 0, dc, 0,
                    dGates, 0, carry, 0);
            return new float[][] {gates, cNext, hNext, tanhC, out, dGates, dc, carry};
        } finally {
            Simd.enable(saved);
        }
    }

    /** One GRU step forward and backward, the incoming state gradients scaled by {@code gradScale}. */
    private static float[][] gruStep(boolean vector, int b, int h, int[] lengths, float gradScale) {
        boolean saved = Simd.enable(vector);
        try {
            float[] gates = random(b * 3 * h, 40), gatesHh = random(b * 3 * h, 41), hPrev = random(b * h, 42);
            for (int i = 0; i < gates.length; i++) gates[i] *= 4;
            float[] hn = new float[b * h], hNext = new float[b * h], out = new float[b * h];
            RecurrentGates.gruForward(b, h, lengths, T, gates, 0, gatesHh, 0, hn, 0, hPrev, 0, hNext, 0, out, 0);
            float[] gradOut = scaled(random(b * h, 43), gradScale), dh = scaled(random(b * h, 44), gradScale);
            float[] dIh = new float[b * 3 * h], dHh = new float[b * 3 * h], carry = random(b * h, 45);
            RecurrentGates.gruBackward(b, h, lengths, T, gates, 0, hn, 0, hPrev, 0, gradOut, 0, dh, 0, dIh, 0, dHh, 0,
                    carry, 0);
            return new float[][] {gates, hNext, out, dIh, dHh, carry};
        } finally {
            Simd.enable(saved);
        }
    }

    private static float[] scaled(float[] a, float factor) {
        for (int i = 0; i < a.length; i++) a[i] *= factor;
        return a;
    }

    @Test
    void warmUp_leavesTheKernelsWorking() {
        RecurrentGates.warmUp();
        float[] gates = new float[4];   // all pre-activations 0: i = f = o = 0.5, g = 0
        float[] c = {2f}, cNext = new float[1], hNext = new float[1], tanhC = new float[1], out = new float[1];
        RecurrentGates.lstmForward(1, 1, null, 0, gates, 0, c, 0, new float[1], 0, cNext, 0, hNext, 0, tanhC, 0,
                out, 0);
        assertEquals(1f, cNext[0], 1e-7);
        assertEquals(0.5 * Math.tanh(1), hNext[0], 1e-7);
    }
}

package rnn4j.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VectorMathTest {
    @AfterEach
    void restore() {
        Simd.enable(true);
    }

    private interface Kernel {
        void apply(float[] x, int xOff, float[] y, int yOff, int n);
    }

    /**
     * Points over the whole float range: a dense grid over the interesting interval, random bit patterns (every
     * exponent, NaN, infinities, subnormals) and the special values.
     */
    private static float[] points() {
        SplittableRandom rng = new SplittableRandom(42);
        int grid = 400_000;
        int random = 200_000;
        float[] special = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MAX_VALUE,
            -Float.MAX_VALUE, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 1e-20f, -1e-20f, 88.72f, 88.73f,
            -87.33f, -103.97f, -104f, 9.1f, -9.1f, 20f, -20f, 100f, -100f, 200f, -200f};
        float[] x = new float[grid + random + special.length + 3];
        for (int i = 0; i < grid; i++) {
            x[i] = (float) (-120 + 240.0 * i / grid);
        }
        for (int i = 0; i < random; i++) {
            x[grid + i] = Float.intBitsToFloat(rng.nextInt());
        }
        System.arraycopy(special, 0, x, grid + random, special.length);
        return x; // the length is not a multiple of the vector length: the masked tail is covered too
    }

    /**
     * Largest error of {@code kernel} against {@code reference} in double, relative where the exact result is a
     * normal float and absolute (in units of {@code Float.MIN_NORMAL}) below; NaN must map to NaN.
     */
    private static double maxError(Kernel kernel, DoubleUnaryOperator reference, double absoluteFloor) {
        float[] x = points();
        float[] y = new float[x.length + 5];
        kernel.apply(x, 0, y, 5, x.length);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            double exact = reference.applyAsDouble(x[i]);
            float got = y[5 + i];
            if (Double.isNaN(exact)) {
                if (!Float.isNaN(got)) {
                    fail("NaN expected for x = " + x[i] + ", got " + got);
                }
                continue;
            }
            if (Float.isInfinite((float) exact)) {
                if (got != (float) exact) {
                    fail("x = " + x[i] + ": expected " + (float) exact + ", got " + got);
                }
                continue;
            }
            double error = Math.abs(got - exact);
            double relative = Math.abs(exact) >= Float.MIN_NORMAL ? error / Math.abs(exact) : 0;
            if (Math.abs(exact) < Float.MIN_NORMAL && error > absoluteFloor) {
                fail("x = " + x[i] + ": got " + got + ", exact " + exact);
            }
            worst = Math.max(worst, relative);
        }
        return worst;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void tanh_staysWithinStatedError(boolean vector) {
        Simd.enable(vector);
        double error = maxError(VectorMath::tanh, Math::tanh, 0);
        assertTrue(error <= VectorMath.TANH_MAX_RELATIVE_ERROR, "tanh relative error " + error);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void sigmoid_staysWithinStatedError(boolean vector) {
        Simd.enable(vector);
        double error = maxError(VectorMath::sigmoid, x -> 1 / (1 + Math.exp(-x)), Float.MIN_NORMAL);
        assertTrue(error <= VectorMath.SIGMOID_MAX_RELATIVE_ERROR, "sigmoid relative error " + error);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void exp_staysWithinStatedError(boolean vector) {
        Simd.enable(vector);
        double error = maxError(VectorMath::exp, Math::exp, Math.ulp(0f));
        assertTrue(error <= VectorMath.EXP_MAX_RELATIVE_ERROR, "exp relative error " + error);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void transcendentals_saturateExactly(boolean vector) {
        Simd.enable(vector);
        float[] x = {20f, -20f, 9.1f, -9.1f, 50f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        float[] y = new float[x.length];
        VectorMath.tanh(x, 0, y, 0, x.length);
        assertArrayEquals(new float[] {1f, -1f, 1f, -1f, 1f, 1f, -1f}, y);
        float[] s = {-100f, -89f, 17f, 100f, 0f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY};
        VectorMath.sigmoid(s, 0, y, 0, s.length);
        assertArrayEquals(new float[] {0f, 0f, 1f, 1f, 0.5f, 0f, 1f}, y);
        float[] e = {-200f, 100f, 0f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, -104f, 89f};
        VectorMath.exp(e, 0, y, 0, e.length);
        assertArrayEquals(new float[] {0f, Float.POSITIVE_INFINITY, 1f, 0f, Float.POSITIVE_INFINITY, 0f,
            Float.POSITIVE_INFINITY}, y);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void tanh_saturatesToOne_fromNinePointOneUp(boolean vector) {
        Simd.enable(vector);
        float[] x = new float[10_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = 9.1f + i * 0.01f;
        }
        float[] y = new float[x.length];
        VectorMath.tanh(x, 0, y, 0, x.length);
        for (int i = 0; i < x.length; i++) {
            assertEquals(1f, y[i], "tanh(" + x[i] + ")");
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void helpers_computeElementwise_withOffsetsAndTails(boolean vector) {
        Simd.enable(vector);
        SplittableRandom rng = new SplittableRandom(1);
        int n = 37;
        float[] a = new float[n + 3];
        float[] b = new float[n + 2];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rng.nextDouble(-2, 2);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) rng.nextDouble(-2, 2);
        }
        float[] out = new float[n + 1];
        VectorMath.add(a, 3, b, 2, out, 1, n);
        for (int i = 0; i < n; i++) {
            assertEquals(a[3 + i] + b[2 + i], out[1 + i]);
        }
        VectorMath.mul(a, 3, b, 2, out, 1, n);
        for (int i = 0; i < n; i++) {
            assertEquals(a[3 + i] * b[2 + i], out[1 + i]);
        }
        float[] y = b.clone();
        VectorMath.axpy(0.3f, a, 3, y, 2, n);
        for (int i = 0; i < n; i++) {
            assertEquals(Math.fma(0.3f, a[3 + i], b[2 + i]), y[2 + i]);
        }
        VectorMath.scale(-1.5f, a, 3, y, 2, n);
        for (int i = 0; i < n; i++) {
            assertEquals(-1.5f * a[3 + i], y[2 + i]);
        }
        assertEquals(0f, out[0], "nothing written before the offset");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void tanh_worksInPlace(boolean vector) {
        Simd.enable(vector);
        float[] x = {0.5f, -1f, 2f, 0f, 3f};
        VectorMath.tanh(x, 0, x, 0, x.length);
        assertEquals((float) Math.tanh(-1), x[1], 1e-7f);
        assertEquals((float) Math.tanh(3), x[4], 1e-7f);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true})
    void kernels_rejectShortArrays_withMessage(boolean unused) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VectorMath.exp(new float[4], 1, new float[4], 0, 4));
        assertEquals("VectorMath.exp: x must hold 4 elements from offset 1, got length 4", e.getMessage());
    }
}

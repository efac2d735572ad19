package rnn4j.kernel;

import rnn4j.base.Check;

/**
 * Elementwise float kernels over array slices: the transcendental functions of the recurrent gates and the small
 * vector helpers the tensor ops and fused cells share. Each reads {@code n} elements of x from {@code xOff} and writes
 * y from {@code yOff}; x and y may be the same array at the same offset (in place), but must not overlap otherwise.
 *
 * <p>With the Vector API the transcendental functions are polynomials in plain IEEE arithmetic (Cody–Waite range
 * reduction and a degree-7 polynomial for exp; tanh from exp, or its odd series near 0), not
 * {@code VectorOperators.TANH/EXP}: SVML is about twice as fast, but its results differ in the last bit from the
 * per-lane fallback the same code runs before C2 compiles it, so a run's bits depended on JIT timing and an exact
 * resume could drift (see {@code VectorMathVector}). Maximum errors against {@code Math} in double over the whole
 * float range (tested in {@code VectorMathTest}; measured about 1.6e-7 for tanh):
 * <ul>
 *   <li>{@link #tanh}: relative error ≤ {@value #TANH_MAX_RELATIVE_ERROR}; exactly ±1 for |x| ≥ 9.1, odd, NaN to NaN;
 *   <li>{@link #sigmoid} {@code 1/(1+e^-x)}: relative error ≤ {@value #SIGMOID_MAX_RELATIVE_ERROR}; exactly 1 for
 *       x ≥ 17, exactly 0 for x ≤ -88.73 (where e^-x overflows; the exact value is a subnormal), 0.5 at 0;
 *   <li>{@link #exp}: relative error ≤ {@value #EXP_MAX_RELATIVE_ERROR} where the result is a normal float, absolute
 *       error ≤ 2⁻¹⁴⁹ (one subnormal step) below; +inf above 88.73, 0 below -103.98.
 * </ul>
 */
public final class VectorMath {
    private VectorMath() {}

    /** Largest relative error of {@link #tanh} against {@code Math.tanh}. */
    public static final double TANH_MAX_RELATIVE_ERROR = 2.0e-7;
    /** Largest relative error of {@link #sigmoid} against {@code 1 / (1 + Math.exp(-x))}. */
    public static final double SIGMOID_MAX_RELATIVE_ERROR = 2.5e-7;
    /** Largest relative error of {@link #exp} against {@code Math.exp} for normal results. */
    public static final double EXP_MAX_RELATIVE_ERROR = 1.5e-7;

    /** y = tanh(x). */
    public static void tanh(float[] x, int xOff, float[] y, int yOff, int n) {
        check("VectorMath.tanh", x, xOff, y, yOff, n);
        if (Simd.enabled()) {
            VectorMathVector.tanh(x, xOff, y, yOff, n);
        } else {
            for (int i = 0; i < n; i++) {
                y[yOff + i] = (float) Math.tanh(x[xOff + i]);
            }
        }
    }

    /** y = σ(x) = 1 / (1 + e^-x). */
    public static void sigmoid(float[] x, int xOff, float[] y, int yOff, int n) {
        check("VectorMath.sigmoid", x, xOff, y, yOff, n);
        if (Simd.enabled()) {
            VectorMathVector.sigmoid(x, xOff, y, yOff, n);
        } else {
            for (int i = 0; i < n; i++) {
                // In float, as the vector path: e^-x overflows to +inf below -88.7 and the result is exactly 0.
                y[yOff + i] = 1f / (1f + (float) Math.exp(-x[xOff + i]));
            }
        }
    }

    /** y = e^x. */
    public static void exp(float[] x, int xOff, float[] y, int yOff, int n) {
        check("VectorMath.exp", x, xOff, y, yOff, n);
        if (Simd.enabled()) {
            VectorMathVector.exp(x, xOff, y, yOff, n);
        } else {
            for (int i = 0; i < n; i++) {
                y[yOff + i] = (float) Math.exp(x[xOff + i]);
            }
        }
    }

    /** out = a + b, elementwise. */
    public static void add(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        check("VectorMath.add", a, aOff, b, bOff, n);
        checkSlice("VectorMath.add", "out", out, outOff, n);
        if (Simd.enabled()) {
            VectorMathVector.add(a, aOff, b, bOff, out, outOff, n);
        } else {
            for (int i = 0; i < n; i++) {
                out[outOff + i] = a[aOff + i] + b[bOff + i];
            }
        }
    }

    /** out = a ⊙ b, elementwise. */
    public static void mul(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        check("VectorMath.mul", a, aOff, b, bOff, n);
        checkSlice("VectorMath.mul", "out", out, outOff, n);
        if (Simd.enabled()) {
            VectorMathVector.mul(a, aOff, b, bOff, out, outOff, n);
        } else {
            for (int i = 0; i < n; i++) {
                out[outOff + i] = a[aOff + i] * b[bOff + i];
            }
        }
    }

    /** y = alpha·x + y, with one rounding per element (fused multiply-add). */
    public static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        check("VectorMath.axpy", x, xOff, y, yOff, n);
        if (Simd.enabled()) {
            VectorMathVector.axpy(alpha, x, xOff, y, yOff, n);
        } else {
            for (int i = 0; i < n; i++) {
                y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
            }
        }
    }

    /** y = alpha·x. */
    public static void scale(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        check("VectorMath.scale", x, xOff, y, yOff, n);
        if (Simd.enabled()) {
            VectorMathVector.scale(alpha, x, xOff, y, yOff, n);
        } else {
            for (int i = 0; i < n; i++) {
                y[yOff + i] = alpha * x[xOff + i];
            }
        }
    }

    private static void check(String method, float[] x, int xOff, float[] y, int yOff, int n) {
        if (n < 0) {
            Check.argument(false, "%s: n must be >= 0, got %s", method, n);
        }
        checkSlice(method, "x", x, xOff, n);
        checkSlice(method, "y", y, yOff, n);
    }

    private static void checkSlice(String method, String name, float[] x, int off, int n) {
        Check.argument(x != null, "%s: %s must not be null, got null", method, name);
        // Tested before the call: the gate kernels come here for every row of every step, and the boxed arguments
        // of the message were built on each call (Integer.valueOf showed in the layer profiles).
        if (off < 0 || (long) off + n > x.length) {
            Check.argument(false, "%s: %s must hold %s elements from offset %s, got length %s", method, name, n, off,
                    x.length);
        }
    }
}

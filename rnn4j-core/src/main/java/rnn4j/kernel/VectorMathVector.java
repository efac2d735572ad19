package rnn4j.kernel;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API leaves of {@link VectorMath}.
 *
 * <p>exp and tanh are polynomials built from IEEE add, multiply and fused multiply-add only, never
 * {@code VectorOperators.EXP/TANH}: those run Intel SVML once C2 has compiled the caller but a per-lane
 * {@code Math} fallback before, and the two differ in the last bit for about 1% of inputs, so the same seed gave
 * different bits depending on when the JIT got there (a resumed run drifted from the straight one by one ulp).
 * Basic IEEE operations give the same bits interpreted and compiled.
 *
 * <p>exp, sigmoid and tanh are one loop, {@link #transcendental}, with no vector passed to or returned from a method
 * of ours. They used to be three loops calling {@code exp(FloatVector)}, but that method (335 bytes of bytecode) was
 * past what C2 inlines into a hot caller (325), and a vector that crosses a call C2 did not inline is not
 * intrinsified: every operation on it ran the Vector API's per-lane Java fallback, 2–3× slower, for the whole run.
 * In the W1 training profile that was 15% of all samples. {@code VectorInliningTest} keeps such methods out of the
 * package. The last partial vector goes through the same loop, over a padded copy, so every element gets the same
 * arithmetic wherever it falls.
 */
final class VectorMathVector {
    private VectorMathVector() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** The functions {@link #transcendental} computes, each from e^(its argument). */
    private enum Fn { EXP, SIGMOID, TANH }

    static void exp(float[] x, int xo, float[] y, int yo, int n) {
        transcendental(Fn.EXP, x, xo, y, yo, n);
    }

    /** 1/(1+e^-x): e^-x overflows to +inf for x < -88.7 and the quotient is then exactly 0, as it should. */
    static void sigmoid(float[] x, int xo, float[] y, int yo, int n) {
        transcendental(Fn.SIGMOID, x, xo, y, yo, n);
    }

    /**
     * tanh(x) = sign(x)·(1 − 2/(e^(2|x|) + 1)) for |x| ≥ 0.55, where the subtraction loses little; below, the odd
     * Taylor series to x¹⁷ (truncation below 3e-9 relative), which keeps full relative precision near 0.
     */
    static void tanh(float[] x, int xo, float[] y, int yo, int n) {
        transcendental(Fn.TANH, x, xo, y, yo, n);
    }

    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f; // few mantissa bits, so n·LN2_HI is exact (Cody and Waite)
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float ROUNDER = 12582912f; // 1.5·2²³: adding it rounds to an integer in the low bits
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    private static final float EXP_MAX = 88.72284f; // above: +inf
    private static final float EXP_MIN = -103.97208f; // below: 0 (under the smallest subnormal)
    private static final float TANH_SMALL = 0.55f; // below: odd Taylor polynomial; above: via e^(2|x|)
    private static final float TANH_ONE = 9.1f; // from here on tanh(x) rounds to ±1 in float

    /**
     * y = fn(x) for n elements. e^a = 2^k·e^r with k = round(a·log₂e) and |r| ≤ ln2/2; e^r by its Taylor polynomial
     * to degree 7 (truncation below 6e-9 relative); 2^k built in two halves so that subnormal results come out right.
     */
    private static void transcendental(Fn fn, float[] xs, int xo, float[] ys, int yo, int n) {
        int full = S.loopBound(n);
        if (full < n) {
            float[] pad = Scratch.get().lanes(L); // zeros past the tail: computed, never copied back
            Arrays.fill(pad, 0f);
            System.arraycopy(xs, xo + full, pad, 0, n - full);
            transcendental(fn, pad, 0, pad, 0, L);
            System.arraycopy(pad, 0, ys, yo + full, n - full);
        }
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < full; i += L) {
            FloatVector x = FloatVector.fromArray(S, xs, xo + i);
            FloatVector abs = x.abs();
            FloatVector a = fn == Fn.SIGMOID ? x.neg() : fn == Fn.TANH ? abs.add(abs) : x;
            FloatVector t = a.fma(FloatVector.broadcast(S, LOG2E), FloatVector.broadcast(S, ROUNDER));
            FloatVector k = t.sub(ROUNDER); // round(a·log2e), exactly, as a float
            FloatVector r = k.neg().fma(FloatVector.broadcast(S, LN2_HI), a);
            r = k.neg().fma(FloatVector.broadcast(S, LN2_LO), r);
            FloatVector p = FloatVector.broadcast(S, 1f / 5040f);
            p = p.fma(r, FloatVector.broadcast(S, 1f / 720f));
            p = p.fma(r, FloatVector.broadcast(S, 1f / 120f));
            p = p.fma(r, FloatVector.broadcast(S, 1f / 24f));
            p = p.fma(r, FloatVector.broadcast(S, 1f / 6f));
            p = p.fma(r, FloatVector.broadcast(S, 0.5f));
            p = p.fma(r, FloatVector.broadcast(S, 1f));
            p = p.fma(r, FloatVector.broadcast(S, 1f));
            // k as an int, clamped to keep both halves' exponents in range: t holds ROUNDER + k exactly wherever
            // e^a is finite and nonzero (|k| ≤ 150), so its bits minus ROUNDER's are k. Elsewhere the blends below
            // overwrite the lane. (Converting k with F2I gave the same bits but ran un-intrinsified.)
            IntVector ki = t.reinterpretAsInts().sub(ROUNDER_BITS).max(-150).min(128);
            IntVector half = ki.lanewise(VectorOperators.ASHR, 1);
            FloatVector s1 = half.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector s2 = ki.sub(half).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector e = p.mul(s1).mul(s2);
            e = e.blend(FloatVector.broadcast(S, Float.POSITIVE_INFINITY), a.compare(VectorOperators.GT, EXP_MAX));
            e = e.blend(FloatVector.zero(S), a.compare(VectorOperators.LT, EXP_MIN));
            e = e.blend(a, a.test(VectorOperators.IS_NAN));
            FloatVector y;
            if (fn == Fn.EXP) {
                y = e;
            } else if (fn == Fn.SIGMOID) {
                y = one.div(e.add(one));
            } else {
                FloatVector big = one.sub(FloatVector.broadcast(S, 2f).div(e.add(one)));
                FloatVector x2 = x.mul(x);
                FloatVector q = FloatVector.broadcast(S, 6404582f / 10854718875f);
                q = q.fma(x2, FloatVector.broadcast(S, -929569f / 638512875f));
                q = q.fma(x2, FloatVector.broadcast(S, 21844f / 6081075f));
                q = q.fma(x2, FloatVector.broadcast(S, -1382f / 155925f));
                q = q.fma(x2, FloatVector.broadcast(S, 62f / 2835f));
                q = q.fma(x2, FloatVector.broadcast(S, -17f / 315f));
                q = q.fma(x2, FloatVector.broadcast(S, 2f / 15f));
                q = q.fma(x2, FloatVector.broadcast(S, -1f / 3f));
                FloatVector small = q.mul(x2).fma(x, x);
                FloatVector magnitude = big.blend(one, abs.compare(VectorOperators.GE, TANH_ONE));
                FloatVector signed = magnitude.blend(magnitude.neg(), x.compare(VectorOperators.LT, 0f));
                FloatVector result = signed.blend(small, abs.compare(VectorOperators.LT, TANH_SMALL));
                y = result.blend(x, x.test(VectorOperators.IS_NAN));
            }
            y.intoArray(ys, yo + i);
        }
    }

    static void add(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, a, ao + i).add(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = a[ao + i] + b[bo + i];
        }
    }

    static void mul(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, a, ao + i).mul(FloatVector.fromArray(S, b, bo + i)).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = a[ao + i] * b[bo + i];
        }
    }

    static void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        FloatVector va = FloatVector.broadcast(S, alpha);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xo + i).fma(va, FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] = Math.fma(alpha, x[xo + i], y[yo + i]);
        }
    }

    static void scale(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        FloatVector va = FloatVector.broadcast(S, alpha);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xo + i).mul(va).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] = alpha * x[xo + i];
        }
    }
}

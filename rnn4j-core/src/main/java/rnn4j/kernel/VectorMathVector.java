package rnn4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API leaves of {@link VectorMath}. The last partial vector is done masked, so every element goes through
 * the same arithmetic wherever it falls.
 *
 * <p>exp and tanh are polynomials built from IEEE add, multiply and fused multiply-add only, never
 * {@code VectorOperators.EXP/TANH}: those run Intel SVML once C2 has compiled the caller but a per-lane
 * {@code Math} fallback before, and the two differ in the last bit for about 1% of inputs, so the same seed gave
 * different bits depending on when the JIT got there (a resumed run drifted from the straight one by one ulp).
 * Basic IEEE operations give the same bits interpreted and compiled.
 */
final class VectorMathVector {
    private VectorMathVector() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    static void tanh(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            tanh(FloatVector.fromArray(S, x, xo + i)).intoArray(y, yo + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            tanh(FloatVector.fromArray(S, x, xo + i, m)).intoArray(y, yo + i, m);
        }
    }

    static void exp(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            exp(FloatVector.fromArray(S, x, xo + i)).intoArray(y, yo + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            exp(FloatVector.fromArray(S, x, xo + i, m)).intoArray(y, yo + i, m);
        }
    }

    static void sigmoid(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            sigmoid(FloatVector.fromArray(S, x, xo + i)).intoArray(y, yo + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            sigmoid(FloatVector.fromArray(S, x, xo + i, m)).intoArray(y, yo + i, m);
        }
    }

    /** 1/(1+e^-x): e^-x overflows to +inf for x < -88.7 and the quotient is then exactly 0, as it should. */
    static FloatVector sigmoid(FloatVector x) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        return one.div(exp(x.neg()).add(one));
    }

    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f; // few mantissa bits, so n·LN2_HI is exact (Cody and Waite)
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float ROUNDER = 12582912f; // 1.5·2²³: adding it rounds to an integer in the low bits
    private static final float EXP_MAX = 88.72284f; // above: +inf
    private static final float EXP_MIN = -103.97208f; // below: 0 (under the smallest subnormal)

    /**
     * e^x = 2^n·e^r with n = round(x·log₂e) and |r| ≤ ln2/2; e^r by its Taylor polynomial to degree 7 (truncation
     * below 6e-9 relative); 2^n built in two halves so that subnormal results come out right.
     */
    static FloatVector exp(FloatVector x) {
        FloatVector t = x.fma(FloatVector.broadcast(S, LOG2E), FloatVector.broadcast(S, ROUNDER));
        FloatVector n = t.sub(ROUNDER); // round(x·log2e), exactly, as a float
        FloatVector r = n.neg().fma(FloatVector.broadcast(S, LN2_HI), x);
        r = n.neg().fma(FloatVector.broadcast(S, LN2_LO), r);
        FloatVector p = FloatVector.broadcast(S, 1f / 5040f);
        p = p.fma(r, FloatVector.broadcast(S, 1f / 720f));
        p = p.fma(r, FloatVector.broadcast(S, 1f / 120f));
        p = p.fma(r, FloatVector.broadcast(S, 1f / 24f));
        p = p.fma(r, FloatVector.broadcast(S, 1f / 6f));
        p = p.fma(r, FloatVector.broadcast(S, 0.5f));
        p = p.fma(r, FloatVector.broadcast(S, 1f));
        p = p.fma(r, FloatVector.broadcast(S, 1f));
        // Clamp n to keep both halves' exponents in range; the blends below settle the far ends.
        IntVector ni = (IntVector) n.max(-150f).min(128f).convert(VectorOperators.F2I, 0);
        IntVector half = ni.lanewise(VectorOperators.ASHR, 1);
        FloatVector s1 = half.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = ni.sub(half).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector e = p.mul(s1).mul(s2);
        e = e.blend(FloatVector.broadcast(S, Float.POSITIVE_INFINITY), x.compare(VectorOperators.GT, EXP_MAX));
        e = e.blend(FloatVector.zero(S), x.compare(VectorOperators.LT, EXP_MIN));
        return e.blend(x, x.test(VectorOperators.IS_NAN));
    }

    private static final float TANH_SMALL = 0.55f; // below: odd Taylor polynomial; above: via e^(2|x|)
    private static final float TANH_ONE = 9.1f; // from here on tanh(x) rounds to ±1 in float

    /**
     * tanh(x) = sign(x)·(1 − 2/(e^(2|x|) + 1)) for |x| ≥ 0.55, where the subtraction loses little; below, the odd
     * Taylor series to x¹⁷ (truncation below 3e-9 relative), which keeps full relative precision near 0.
     */
    static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector big = one.sub(FloatVector.broadcast(S, 2f).div(exp(a.add(a)).add(one)));
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
        FloatVector magnitude = big.blend(one, a.compare(VectorOperators.GE, TANH_ONE));
        FloatVector signed = magnitude.blend(magnitude.neg(), x.compare(VectorOperators.LT, 0f));
        FloatVector result = signed.blend(small, a.compare(VectorOperators.LT, TANH_SMALL));
        return result.blend(x, x.test(VectorOperators.IS_NAN));
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

package rnn4j.tensor;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import rnn4j.base.Check;
import rnn4j.kernel.VectorMath;

/**
 * Elementwise arithmetic with numpy broadcasting, nonlinearities, reductions, softmax, dropout and layer
 * normalisation, each differentiable.
 *
 * <p>Every method computes its result and records the backward rule written just below the forward; the rule only
 * runs when a gradient was wanted (see {@link Tensor#result}). Binary operations broadcast as numpy does (shapes align
 * at the last axis; along each axis the lengths are equal or one is 1) and their backward sums the gradient over the
 * broadcast axes. Reductions and normalisation statistics accumulate in double. Axes may be negative (from the end).
 */
public final class MathOps {
    private MathOps() {}

    // =============================================================== binary, broadcasting

    /** {@code a + b}, broadcast. */
    public static Tensor add(Tensor a, Tensor b) {
        Broadcast.Plan p = Broadcast.plan("MathOps.add", a.shape(), b.shape());
        float[] y = new float[p.out().size()];
        binaryLoop(ADD, a, b, p, y);
        return Tensor.result("MathOps.add", y, p.out(), g -> new float[][] {
                a.requiresGrad() ? Broadcast.sumTo(g, p, p.a()) : null,
                b.requiresGrad() ? Broadcast.sumTo(g, p, p.b()) : null}, a, b);
    }

    /** {@code a - b}, broadcast. */
    public static Tensor sub(Tensor a, Tensor b) {
        Broadcast.Plan p = Broadcast.plan("MathOps.sub", a.shape(), b.shape());
        float[] y = new float[p.out().size()];
        binaryLoop(SUB, a, b, p, y);
        return Tensor.result("MathOps.sub", y, p.out(), g -> new float[][] {
                a.requiresGrad() ? Broadcast.sumTo(g, p, p.a()) : null,
                b.requiresGrad() ? Broadcast.sumTo(scaled(g, -1f), p, p.b()) : null}, a, b);
    }

    /** {@code a ⊙ b}, broadcast. */
    public static Tensor mul(Tensor a, Tensor b) {
        Broadcast.Plan p = Broadcast.plan("MathOps.mul", a.shape(), b.shape());
        float[] y = new float[p.out().size()];
        binaryLoop(MUL, a, b, p, y);
        return Tensor.result("MathOps.mul", y, p.out(), g -> new float[][] {
                a.requiresGrad() ? Broadcast.sumTo(product(g, Broadcast.expand(b.data(), b.offset(), p, p.b())), p,
                        p.a()) : null, // d(a·b)/da = b
                b.requiresGrad() ? Broadcast.sumTo(product(g, Broadcast.expand(a.data(), a.offset(), p, p.a())), p,
                        p.b()) : null}, a, b);
    }

    /** {@code a / b}, broadcast. */
    public static Tensor div(Tensor a, Tensor b) {
        Broadcast.Plan p = Broadcast.plan("MathOps.div", a.shape(), b.shape());
        float[] y = new float[p.out().size()];
        binaryLoop(DIV, a, b, p, y);
        return Tensor.result("MathOps.div", y, p.out(), g -> {
            float[] bFull = Broadcast.expand(b.data(), b.offset(), p, p.b());
            float[] gOverB = new float[g.length]; // both gradients share g / b
            for (int i = 0; i < g.length; i++) gOverB[i] = g[i] / bFull[i];
            float[] gb = null;
            if (b.requiresGrad()) {
                gb = new float[g.length]; // d(a/b)/db = -(a/b)/b = -y/b
                for (int i = 0; i < g.length; i++) gb[i] = -gOverB[i] * y[i];
                gb = Broadcast.sumTo(gb, p, p.b());
            }
            return new float[][] {a.requiresGrad() ? Broadcast.sumTo(gOverB, p, p.a()) : null, gb};
        }, a, b);
    }

    private static final int ADD = 0;
    private static final int SUB = 1;
    private static final int MUL = 2;
    private static final int DIV = 3;

    /** One broadcast row at a time, so each inner loop is a flat kernel over {@code inner} elements. */
    private static void binaryLoop(int kind, Tensor a, Tensor b, Broadcast.Plan p, float[] y) {
        float[] ad = a.data();
        float[] bd = b.data();
        if (p.same()) {
            rowLoop(kind, ad, a.offset(), 1, bd, b.offset(), 1, y, 0, y.length);
            return;
        }
        Broadcast.Side sa = p.a();
        Broadcast.Side sb = p.b();
        int inner = p.inner();
        for (int r = 0; r < p.rows(); r++) {
            rowLoop(kind, ad, a.offset() + sa.base()[r], sa.step(), bd, b.offset() + sb.base()[r], sb.step(), y,
                    r * inner, inner);
        }
    }

    private static void rowLoop(int kind, float[] a, int ao, int as, float[] b, int bo, int bs, float[] y, int yo,
                                int n) {
        switch (kind) {
            case ADD -> { for (int i = 0; i < n; i++) y[yo + i] = a[ao + i * as] + b[bo + i * bs]; }
            case SUB -> { for (int i = 0; i < n; i++) y[yo + i] = a[ao + i * as] - b[bo + i * bs]; }
            case MUL -> { for (int i = 0; i < n; i++) y[yo + i] = a[ao + i * as] * b[bo + i * bs]; }
            default -> { for (int i = 0; i < n; i++) y[yo + i] = a[ao + i * as] / b[bo + i * bs]; }
        }
    }

    /**
     * {@code x} with {@code value} wherever {@code mask} is non-zero, as {@code torch.masked_fill}: the usual way to
     * hide padded or future positions from a softmax (fill with {@code -inf} or a large negative number). The mask
     * broadcasts to x's shape and receives no gradient; x's gradient is zero where it was replaced.
     */
    public static Tensor maskedFill(Tensor x, Tensor mask, float value) {
        Broadcast.Plan p = Broadcast.plan("MathOps.maskedFill", x.shape(), mask.shape());
        Check.argument(p.out().equals(x.shape()),
                "MathOps.maskedFill: mask shape must broadcast to x's shape %s, got %s", x.shape(), mask.shape());
        float[] m = Broadcast.expand(mask.data(), mask.offset(), p, p.b());
        float[] y = new float[x.size()];
        float[] xd = x.data();
        int xo = x.offset();
        for (int i = 0; i < y.length; i++) y[i] = m[i] != 0f ? value : xd[xo + i];
        return Tensor.result("MathOps.maskedFill", y, x.shape(), g -> {
            float[] gx = new float[g.length];
            for (int i = 0; i < g.length; i++) gx[i] = m[i] != 0f ? 0f : g[i];
            return new float[][] {gx, null};
        }, x, mask);
    }

    // =============================================================== scalar operands

    /** {@code x + s}. */
    public static Tensor addScalar(Tensor x, float s) {
        float[] y = new float[x.size()];
        affineLoop(x.data(), x.offset(), 1f, s, y);
        return Tensor.result("MathOps.addScalar", y, x.shape(), g -> new float[][] {g}, x);
    }

    /** {@code x - s}. */
    public static Tensor subScalar(Tensor x, float s) {
        float[] y = new float[x.size()];
        affineLoop(x.data(), x.offset(), 1f, -s, y);
        return Tensor.result("MathOps.subScalar", y, x.shape(), g -> new float[][] {g}, x);
    }

    /** {@code s - x}. */
    public static Tensor rsubScalar(float s, Tensor x) {
        float[] y = new float[x.size()];
        affineLoop(x.data(), x.offset(), -1f, s, y);
        return Tensor.result("MathOps.rsubScalar", y, x.shape(), g -> new float[][] {scaled(g, -1f)}, x);
    }

    /** {@code x · s}. */
    public static Tensor mulScalar(Tensor x, float s) {
        float[] y = new float[x.size()];
        affineLoop(x.data(), x.offset(), s, 0f, y);
        return Tensor.result("MathOps.mulScalar", y, x.shape(), g -> new float[][] {scaled(g, s)}, x);
    }

    /** {@code x / s}. */
    public static Tensor divScalar(Tensor x, float s) {
        float[] y = new float[x.size()];
        for (int i = 0; i < y.length; i++) y[i] = x.data()[x.offset() + i] / s; // division, not ·(1/s): exact as torch
        return Tensor.result("MathOps.divScalar", y, x.shape(), g -> {
            float[] gx = new float[g.length];
            for (int i = 0; i < g.length; i++) gx[i] = g[i] / s;
            return new float[][] {gx};
        }, x);
    }

    /** {@code -x}. */
    public static Tensor neg(Tensor x) {
        float[] y = new float[x.size()];
        affineLoop(x.data(), x.offset(), -1f, 0f, y);
        return Tensor.result("MathOps.neg", y, x.shape(), g -> new float[][] {scaled(g, -1f)}, x);
    }

    private static void affineLoop(float[] x, int xo, float scale, float shift, float[] y) {
        for (int i = 0; i < y.length; i++) y[i] = x[xo + i] * scale + shift;
    }

    private static float[] scaled(float[] g, float s) {
        float[] out = new float[g.length];
        for (int i = 0; i < g.length; i++) out[i] = g[i] * s;
        return out;
    }

    // =============================================================== unary nonlinearities

    /** {@code exp(x)}; backward {@code g·y}. */
    public static Tensor exp(Tensor x) {
        float[] y = new float[x.size()];
        float[] xd = x.data();
        int xo = x.offset();
        expLoop(xd, xo, y);
        return Tensor.result("MathOps.exp", y, x.shape(), g -> new float[][] {product(g, y)}, x);
    }

    /** Natural logarithm; backward {@code g / x}. */
    public static Tensor log(Tensor x) {
        float[] y = new float[x.size()];
        float[] xd = x.data();
        int xo = x.offset();
        logLoop(xd, xo, y);
        return Tensor.result("MathOps.log", y, x.shape(), g -> {
            float[] gx = new float[g.length];
            for (int i = 0; i < g.length; i++) gx[i] = g[i] / xd[xo + i];
            return new float[][] {gx};
        }, x);
    }

    /** {@code tanh(x)}; backward {@code g·(1 - y²)}. */
    public static Tensor tanh(Tensor x) {
        float[] y = new float[x.size()];
        tanhLoop(x.data(), x.offset(), y);
        return Tensor.result("MathOps.tanh", y, x.shape(), g -> {
            float[] gx = new float[g.length];
            for (int i = 0; i < g.length; i++) gx[i] = g[i] * (1f - y[i] * y[i]);
            return new float[][] {gx};
        }, x);
    }

    /** The logistic function {@code 1 / (1 + exp(-x))}; backward {@code g·y·(1 - y)}. */
    public static Tensor sigmoid(Tensor x) {
        float[] y = new float[x.size()];
        sigmoidLoop(x.data(), x.offset(), y);
        return Tensor.result("MathOps.sigmoid", y, x.shape(), g -> {
            float[] gx = new float[g.length];
            for (int i = 0; i < g.length; i++) gx[i] = g[i] * y[i] * (1f - y[i]);
            return new float[][] {gx};
        }, x);
    }

    /** {@code max(x, 0)}; the gradient at 0 is 0, as PyTorch. */
    public static Tensor relu(Tensor x) {
        float[] y = new float[x.size()];
        float[] xd = x.data();
        int xo = x.offset();
        reluLoop(xd, xo, y);
        return Tensor.result("MathOps.relu", y, x.shape(), g -> {
            float[] gx = new float[g.length];
            for (int i = 0; i < g.length; i++) gx[i] = y[i] > 0f ? g[i] : 0f;
            return new float[][] {gx};
        }, x);
    }

    /** Square root; backward {@code g / (2·y)}. */
    public static Tensor sqrt(Tensor x) {
        float[] y = new float[x.size()];
        float[] xd = x.data();
        int xo = x.offset();
        sqrtLoop(xd, xo, y);
        return Tensor.result("MathOps.sqrt", y, x.shape(), g -> {
            float[] gx = new float[g.length];
            for (int i = 0; i < g.length; i++) gx[i] = g[i] / (2f * y[i]);
            return new float[][] {gx};
        }, x);
    }

    /** {@code x^exponent}; backward {@code g·exponent·x^(exponent-1)}. */
    public static Tensor pow(Tensor x, float exponent) {
        float[] y = new float[x.size()];
        float[] xd = x.data();
        int xo = x.offset();
        for (int i = 0; i < y.length; i++) y[i] = (float) Math.pow(xd[xo + i], exponent);
        return Tensor.result("MathOps.pow", y, x.shape(), g -> {
            float[] gx = new float[g.length];
            for (int i = 0; i < g.length; i++) {
                gx[i] = exponent == 0f ? 0f : (float) (g[i] * exponent * Math.pow(xd[xo + i], exponent - 1f));
            }
            return new float[][] {gx};
        }, x);
    }

    /** {@code |x|}; the gradient at 0 is 0, as PyTorch. */
    public static Tensor abs(Tensor x) {
        float[] y = new float[x.size()];
        float[] xd = x.data();
        int xo = x.offset();
        absLoop(xd, xo, y);
        return Tensor.result("MathOps.abs", y, x.shape(), g -> {
            float[] gx = new float[g.length];
            for (int i = 0; i < g.length; i++) gx[i] = g[i] * Math.signum(xd[xo + i]);
            return new float[][] {gx};
        }, x);
    }

    /** {@code min(max(x, min), max)}; the gradient passes where {@code min <= x <= max}, as PyTorch. */
    public static Tensor clamp(Tensor x, float min, float max) {
        Check.argument(min <= max, "MathOps.clamp: min must be <= max, got %s and %s", min, max);
        float[] y = new float[x.size()];
        float[] xd = x.data();
        int xo = x.offset();
        for (int i = 0; i < y.length; i++) y[i] = Math.min(Math.max(xd[xo + i], min), max);
        return Tensor.result("MathOps.clamp", y, x.shape(), g -> {
            float[] gx = new float[g.length];
            for (int i = 0; i < g.length; i++) {
                float v = xd[xo + i];
                gx[i] = v >= min && v <= max ? g[i] : 0f;
            }
            return new float[][] {gx};
        }, x);
    }

    private static void expLoop(float[] x, int xo, float[] y) {
        VectorMath.exp(x, xo, y, 0, y.length);
    }

    private static void logLoop(float[] x, int xo, float[] y) {
        for (int i = 0; i < y.length; i++) y[i] = (float) Math.log(x[xo + i]);
    }

    private static void reluLoop(float[] x, int xo, float[] y) {
        for (int i = 0; i < y.length; i++) y[i] = Math.max(x[xo + i], 0f);
    }

    private static void sqrtLoop(float[] x, int xo, float[] y) {
        for (int i = 0; i < y.length; i++) y[i] = (float) Math.sqrt(x[xo + i]);
    }

    private static void absLoop(float[] x, int xo, float[] y) {
        for (int i = 0; i < y.length; i++) y[i] = Math.abs(x[xo + i]);
    }

    // tanh, sigmoid and exp run VectorMath's vector polynomials (errors stated and tested there, below 2.5e-7
    // relative): Math.tanh per element through a double took 16% of a translation model's training step, in the
    // tanh of additive attention.
    private static void tanhLoop(float[] x, int xo, float[] y) {
        VectorMath.tanh(x, xo, y, 0, y.length);
    }

    private static void sigmoidLoop(float[] x, int xo, float[] y) {
        VectorMath.sigmoid(x, xo, y, 0, y.length);
    }

    private static float[] product(float[] g, float[] y) {
        float[] out = new float[g.length];
        for (int i = 0; i < g.length; i++) out[i] = g[i] * y[i];
        return out;
    }

    // =============================================================== reductions

    /** Sum of all elements, a scalar. */
    public static Tensor sum(Tensor x) {
        double s = 0;
        float[] xd = x.data();
        int xo = x.offset();
        for (int i = 0; i < x.size(); i++) s += xd[xo + i];
        return Tensor.result("MathOps.sum", new float[] {(float) s}, Shape.scalar(),
                g -> new float[][] {filled(x.size(), g[0])}, x);
    }

    /** Sum along {@code axis}; with {@code keepDim} the axis stays with length 1. */
    public static Tensor sum(Tensor x, int axis, boolean keepDim) {
        return axisSum("MathOps.sum", x, axis, keepDim, 1.0);
    }

    /** Mean of all elements, a scalar. */
    public static Tensor mean(Tensor x) {
        double s = 0;
        float[] xd = x.data();
        int xo = x.offset();
        int n = x.size();
        for (int i = 0; i < n; i++) s += xd[xo + i];
        return Tensor.result("MathOps.mean", new float[] {(float) (s / n)}, Shape.scalar(),
                g -> new float[][] {filled(n, (float) (g[0] / (double) n))}, x);
    }

    /** Mean along {@code axis}; with {@code keepDim} the axis stays with length 1. */
    public static Tensor mean(Tensor x, int axis, boolean keepDim) {
        int ax = Axes.resolve("MathOps.mean", x.shape(), axis);
        return axisSum("MathOps.mean", x, ax, keepDim, 1.0 / x.dim(ax));
    }

    private static Tensor axisSum(String op, Tensor x, int axis, boolean keepDim, double scale) {
        Shape s = x.shape();
        int ax = Axes.resolve(op, s, axis);
        int outer = s.outer(ax);
        int n = s.dim(ax);
        int inner = s.inner(ax);
        float[] xd = x.data();
        int xo = x.offset();
        float[] y = new float[outer * inner];
        double[] acc = new double[inner];
        for (int o = 0; o < outer; o++) {
            Arrays.fill(acc, 0.0);
            int base = xo + o * n * inner;
            for (int j = 0; j < n; j++) {
                int row = base + j * inner;
                for (int i = 0; i < inner; i++) acc[i] += xd[row + i];
            }
            for (int i = 0; i < inner; i++) y[o * inner + i] = (float) (acc[i] * scale);
        }
        Shape out = keepDim ? s.with(ax, 1) : s.without(ax);
        return Tensor.result(op, y, out, g -> {
            float[] gx = new float[s.size()];
            for (int o = 0; o < outer; o++) {
                for (int j = 0; j < n; j++) {
                    int row = (o * n + j) * inner;
                    for (int i = 0; i < inner; i++) gx[row + i] = (float) (g[o * inner + i] * scale);
                }
            }
            return new float[][] {gx};
        }, x);
    }

    /**
     * Maximum along {@code axis}; the gradient flows to the first maximal element of each line (the index
     * {@link #argmax(Tensor, int)} returns), as PyTorch's {@code max(dim)}.
     */
    public static Tensor max(Tensor x, int axis, boolean keepDim) {
        return extreme("MathOps.max", x, axis, keepDim, true);
    }

    /** Minimum along {@code axis}; the gradient flows to the first minimal element of each line. */
    public static Tensor min(Tensor x, int axis, boolean keepDim) {
        return extreme("MathOps.min", x, axis, keepDim, false);
    }

    /** Maximum of all elements, a scalar; the gradient flows to the first maximal element. */
    public static Tensor max(Tensor x) {
        Check.argument(x.size() > 0, "MathOps.max: the tensor must not be empty, got shape %s", x.shape());
        int arg = argmax(x);
        int n = x.size();
        return Tensor.result("MathOps.max", new float[] {x.data()[x.offset() + arg]}, Shape.scalar(), g -> {
            float[] gx = new float[n];
            gx[arg] = g[0];
            return new float[][] {gx};
        }, x);
    }

    private static Tensor extreme(String op, Tensor x, int axis, boolean keepDim, boolean isMax) {
        Shape s = x.shape();
        int ax = Axes.resolve(op, s, axis);
        Check.argument(s.dim(ax) > 0, "%s: axis %s must not be empty, got shape %s", op, axis, s);
        int inner = s.inner(ax);
        int n = s.dim(ax);
        int[] arg = argExtreme(x, ax, isMax);
        float[] y = new float[arg.length];
        for (int k = 0; k < arg.length; k++) {
            int o = k / inner;
            int i = k % inner;
            y[k] = x.data()[x.offset() + (o * n + arg[k]) * inner + i];
        }
        Shape out = keepDim ? s.with(ax, 1) : s.without(ax);
        return Tensor.result(op, y, out, g -> {
            float[] gx = new float[s.size()];
            for (int k = 0; k < arg.length; k++) gx[((k / inner) * n + arg[k]) * inner + k % inner] = g[k];
            return new float[][] {gx};
        }, x);
    }

    /**
     * Index of the maximum along {@code axis} for each line, as an {@code int[]} laid out like the result of
     * {@code max(x, axis, false)} (row-major over the remaining axes). Ties take the first index. Not differentiable.
     */
    public static int[] argmax(Tensor x, int axis) {
        int ax = Axes.resolve("MathOps.argmax", x.shape(), axis);
        Check.argument(x.dim(ax) > 0, "MathOps.argmax: axis %s must not be empty, got shape %s", axis, x.shape());
        return argExtreme(x, ax, true);
    }

    /** Flat row-major index of the first maximum of all elements. Not differentiable. */
    public static int argmax(Tensor x) {
        Check.argument(x.size() > 0, "MathOps.argmax: the tensor must not be empty, got shape %s", x.shape());
        float[] xd = x.data();
        int xo = x.offset();
        int best = 0;
        for (int i = 1; i < x.size(); i++) if (xd[xo + i] > xd[xo + best]) best = i;
        return best;
    }

    private static int[] argExtreme(Tensor x, int ax, boolean isMax) {
        Shape s = x.shape();
        int outer = s.outer(ax);
        int n = s.dim(ax);
        int inner = s.inner(ax);
        float[] xd = x.data();
        int xo = x.offset();
        int[] arg = new int[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = xo + o * n * inner + i;
                int best = 0;
                float bv = xd[base];
                for (int j = 1; j < n; j++) {
                    float v = xd[base + j * inner];
                    if (isMax ? v > bv : v < bv) {
                        bv = v;
                        best = j;
                    }
                }
                arg[o * inner + i] = best;
            }
        }
        return arg;
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }

    // =============================================================== softmax

    /**
     * {@code softmax(x)_j = exp(x_j - m) / Σ_k exp(x_k - m)} along {@code axis}, with {@code m} the line's maximum so
     * no exponent overflows (finite for inputs of any magnitude). Backward {@code y ⊙ (g - Σ g ⊙ y)}.
     */
    public static Tensor softmax(Tensor x, int axis) {
        Shape s = x.shape();
        int ax = Axes.resolve("MathOps.softmax", s, axis);
        int outer = s.outer(ax);
        int n = s.dim(ax);
        int inner = s.inner(ax);
        float[] y = new float[s.size()];
        softmaxLines(x.data(), x.offset(), outer, n, inner, y, false);
        return Tensor.result("MathOps.softmax", y, s, g -> {
            float[] gx = new float[g.length];
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    int base = o * n * inner + i;
                    double dot = 0;
                    for (int j = 0; j < n; j++) dot += (double) g[base + j * inner] * y[base + j * inner];
                    for (int j = 0; j < n; j++) {
                        int p = base + j * inner;
                        gx[p] = (float) (y[p] * (g[p] - dot));
                    }
                }
            }
            return new float[][] {gx};
        }, x);
    }

    /**
     * {@code logSoftmax(x)_j = x_j - m - log Σ_k exp(x_k - m)} along {@code axis} (max-subtracted, stable).
     * Backward {@code g - softmax(x) · Σ g}.
     */
    public static Tensor logSoftmax(Tensor x, int axis) {
        Shape s = x.shape();
        int ax = Axes.resolve("MathOps.logSoftmax", s, axis);
        int outer = s.outer(ax);
        int n = s.dim(ax);
        int inner = s.inner(ax);
        float[] y = new float[s.size()];
        softmaxLines(x.data(), x.offset(), outer, n, inner, y, true);
        return Tensor.result("MathOps.logSoftmax", y, s, g -> {
            float[] gx = new float[g.length];
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    int base = o * n * inner + i;
                    double sum = 0;
                    for (int j = 0; j < n; j++) sum += g[base + j * inner];
                    for (int j = 0; j < n; j++) {
                        int p = base + j * inner;
                        gx[p] = (float) (g[p] - Math.exp(y[p]) * sum);
                    }
                }
            }
            return new float[][] {gx};
        }, x);
    }

    /** Softmax or log-softmax of each line of {@code n} elements {@code inner} apart. */
    static void softmaxLines(float[] x, int xo, int outer, int n, int inner, float[] y, boolean log) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                float m = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) m = Math.max(m, x[xo + base + j * inner]);
                if (m == Float.NEGATIVE_INFINITY) m = 0f; // an all -inf line: keep exp(-inf - 0) = 0, not NaN
                double sum = 0;
                if (log) {
                    for (int j = 0; j < n; j++) sum += Math.exp(x[xo + base + j * inner] - m);
                    double lse = m + Math.log(sum);
                    for (int j = 0; j < n; j++) y[base + j * inner] = (float) (x[xo + base + j * inner] - lse);
                } else {
                    for (int j = 0; j < n; j++) {
                        float e = (float) Math.exp(x[xo + base + j * inner] - m);
                        y[base + j * inner] = e;
                        sum += e;
                    }
                    float inv = (float) (1.0 / sum);
                    for (int j = 0; j < n; j++) y[base + j * inner] *= inv;
                }
            }
        }
    }

    // =============================================================== dropout

    /**
     * Inverted dropout: each element is zeroed with probability {@code p} and the survivors scaled by
     * {@code 1/(1-p)}, so the expectation is unchanged and inference needs no rescaling (Srivastava et al., 2014).
     * Returns {@code x} itself outside training ({@link Grad#isTraining()} false) or when {@code p == 0}.
     *
     * @param p   drop probability in {@code [0, 1)}
     * @param rng the source of the mask; one {@code nextFloat()} per element, in row-major order
     */
    public static Tensor dropout(Tensor x, float p, RandomGenerator rng) {
        Check.argument(p >= 0f && p < 1f, "MathOps.dropout: p must be in [0, 1), got %s", p);
        if (!Grad.isTraining() || p == 0f) return x;
        float scale = 1f / (1f - p);
        float[] mask = new float[x.size()];
        for (int i = 0; i < mask.length; i++) mask[i] = rng.nextFloat() < p ? 0f : scale;
        float[] y = new float[x.size()];
        float[] xd = x.data();
        int xo = x.offset();
        for (int i = 0; i < y.length; i++) y[i] = xd[xo + i] * mask[i];
        return Tensor.result("MathOps.dropout", y, x.shape(), g -> new float[][] {product(g, mask)}, x);
    }

    // =============================================================== layer norm

    /**
     * Layer normalisation over the last axis (Ba et al., 2016), as PyTorch's {@code layer_norm}:
     * {@code y = (x - mean) / sqrt(var + eps) · weight + bias} with the biased variance of each row.
     *
     * @param x      {@code (..., F)}
     * @param weight {@code (F)} or {@code null} (no scale)
     * @param bias   {@code (F)} or {@code null} (no shift)
     */
    public static Tensor layerNorm(Tensor x, Tensor weight, Tensor bias, float eps) {
        Check.argument(x.rank() >= 1, "MathOps.layerNorm: x must have at least one axis, got shape %s", x.shape());
        int f = x.dim(-1);
        Check.argument(weight == null || weight.shape().sameAs(f),
                "MathOps.layerNorm: weight shape must be [%s] (the last axis of x %s), got %s", f, x.shape(),
                weight == null ? null : weight.shape());
        Check.argument(bias == null || bias.shape().sameAs(f),
                "MathOps.layerNorm: bias shape must be [%s] (the last axis of x %s), got %s", f, x.shape(),
                bias == null ? null : bias.shape());
        Check.argument(eps >= 0f, "MathOps.layerNorm: eps must be >= 0, got %s", eps);
        int rows = f == 0 ? 0 : x.size() / f;
        float[] xd = x.data();
        int xo = x.offset();
        float[] xhat = new float[x.size()];
        float[] rstd = new float[rows];
        float[] y = new float[x.size()];
        for (int r = 0; r < rows; r++) {
            int base = r * f;
            double mean = 0;
            for (int j = 0; j < f; j++) mean += xd[xo + base + j];
            mean /= f;
            double var = 0;
            for (int j = 0; j < f; j++) {
                double d = xd[xo + base + j] - mean;
                var += d * d;
            }
            var /= f;
            double rs = 1.0 / Math.sqrt(var + eps);
            rstd[r] = (float) rs;
            for (int j = 0; j < f; j++) {
                float h = (float) ((xd[xo + base + j] - mean) * rs);
                xhat[base + j] = h;
                float w = weight == null ? 1f : weight.data()[weight.offset() + j];
                float b = bias == null ? 0f : bias.data()[bias.offset() + j];
                y[base + j] = h * w + b;
            }
        }
        Tensor[] inputs = weight == null && bias == null ? new Tensor[] {x}
                : weight == null ? new Tensor[] {x, bias}
                : bias == null ? new Tensor[] {x, weight}
                : new Tensor[] {x, weight, bias};
        return Tensor.result("MathOps.layerNorm", y, x.shape(), g -> {
            float[] gx = x.requiresGrad() ? new float[x.size()] : null;
            double[] gw = weight != null && weight.requiresGrad() ? new double[f] : null;
            double[] gb = bias != null && bias.requiresGrad() ? new double[f] : null;
            float[] dxhat = new float[f];
            for (int r = 0; r < rows; r++) {
                int base = r * f;
                double m1 = 0; // mean of dxhat
                double m2 = 0; // mean of dxhat ⊙ xhat
                for (int j = 0; j < f; j++) {
                    float gj = g[base + j];
                    float h = xhat[base + j];
                    if (gw != null) gw[j] += gj * h;
                    if (gb != null) gb[j] += gj;
                    float d = weight == null ? gj : gj * weight.data()[weight.offset() + j];
                    dxhat[j] = d;
                    m1 += d;
                    m2 += (double) d * h;
                }
                if (gx == null) continue;
                m1 /= f;
                m2 /= f;
                // d/dx of (x - mean)·rstd: the mean and the variance both depend on every element of the row.
                for (int j = 0; j < f; j++) gx[base + j] = (float) (rstd[r] * (dxhat[j] - m1 - xhat[base + j] * m2));
            }
            float[][] grads = new float[inputs.length][];
            grads[0] = gx;
            int k = 1;
            if (weight != null) grads[k++] = gw == null ? null : toFloat(gw);
            if (bias != null) grads[k] = gb == null ? null : toFloat(gb);
            return grads;
        }, inputs);
    }

    static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        return f;
    }
}

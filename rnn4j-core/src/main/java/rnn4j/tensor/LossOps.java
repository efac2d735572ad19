package rnn4j.tensor;

import rnn4j.base.Check;
import rnn4j.kernel.Parallel;
import rnn4j.kernel.VectorMath;

/**
 * Loss functions returning a scalar tensor, each accumulated in double and fused with its backward (no intermediate
 * tensors on the tape).
 */
public final class LossOps {
    private LossOps() {}

    /** How per-element losses combine into the scalar, as PyTorch's {@code reduction}. */
    public enum Reduction {
        /** The (weighted) mean over the counted elements. */
        MEAN,
        /** The plain sum. */
        SUM
    }

    /**
     * Settings of {@link #crossEntropy(Tensor, int[], CrossEntropyOptions)}.
     *
     * @param ignoreIndex a target value that contributes nothing (PyTorch's {@code ignore_index}, default -100)
     * @param mask        a weight per prediction ({@code 0} = ignore, e.g. padding), or {@code null} for all 1
     * @param reduction   {@link Reduction#MEAN} divides by the total weight of the counted predictions
     */
    public record CrossEntropyOptions(int ignoreIndex, float[] mask, Reduction reduction) {
        /** PyTorch's default {@code ignore_index}. */
        public static final int DEFAULT_IGNORE_INDEX = -100;

        public CrossEntropyOptions {
            Check.argument(reduction != null, "LossOps.CrossEntropyOptions: reduction must not be null, got null");
        }

        /** {@code ignoreIndex = -100}, no mask, mean: PyTorch's defaults. */
        public static CrossEntropyOptions defaults() {
            return new CrossEntropyOptions(DEFAULT_IGNORE_INDEX, null, Reduction.MEAN);
        }

        /** These options with another ignore index. */
        public CrossEntropyOptions withIgnoreIndex(int index) {
            return new CrossEntropyOptions(index, mask, reduction);
        }

        /** These options with a weight per prediction ({@code 0} = ignore). */
        public CrossEntropyOptions withMask(float[] weights) {
            return new CrossEntropyOptions(ignoreIndex, weights, reduction);
        }

        /** These options with another reduction. */
        public CrossEntropyOptions withReduction(Reduction r) {
            return new CrossEntropyOptions(ignoreIndex, mask, r);
        }
    }

    /** {@link #crossEntropy(Tensor, int[], CrossEntropyOptions)} with PyTorch's defaults. */
    public static Tensor crossEntropy(Tensor logits, int[] targets) {
        return crossEntropy(logits, targets, CrossEntropyOptions.defaults());
    }

    /**
     * Softmax cross-entropy fused with log-softmax over the last axis, as {@code torch.nn.functional.cross_entropy}:
     * {@code ℓ_i = w_i · (log Σ_c exp(x_ic) - x_i,t_i)}, summed, or divided by {@code Σ w_i} for the mean. The
     * weight {@code w_i} is the mask entry (1 without a mask), and 0 where {@code t_i == ignoreIndex}. Backward
     * {@code dx_i = g · w_i / Σw · (softmax(x_i) - onehot(t_i))}. When every prediction is ignored the mean is 0 with
     * a zero gradient (PyTorch returns NaN), so an all-padding batch cannot poison training.
     *
     * @param logits  {@code (N, C)} or {@code (B, T, C)} (any rank: the leading axes are predictions)
     * @param targets one class in {@code [0, C)} per prediction, row-major over the leading axes
     */
    public static Tensor crossEntropy(Tensor logits, int[] targets, CrossEntropyOptions options) {
        Check.argument(logits.rank() >= 1 && logits.dim(-1) > 0,
                "LossOps.crossEntropy: logits must have a non-empty class axis last, got shape %s", logits.shape());
        int c = logits.dim(-1);
        int n = logits.size() / c;
        Check.argument(targets.length == n, "LossOps.crossEntropy: targets must hold one class per prediction (%s "
                + "for logits %s), got %s", n, logits.shape(), targets.length);
        float[] mask = options.mask();
        Check.argument(mask == null || mask.length == n, "LossOps.crossEntropy: mask must hold one weight per "
                + "prediction (%s for logits %s), got %s", n, logits.shape(), mask == null ? 0 : mask.length);
        float[] w = new float[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            int t = targets[i];
            float wi = mask == null ? 1f : mask[i];
            if (!(wi >= 0f && Float.isFinite(wi))) {
                Check.argument(false, "LossOps.crossEntropy: mask weights must be finite and >= 0, got %s at "
                        + "position %s", wi, i);
            }
            if (t == options.ignoreIndex()) {
                wi = 0f;
            } else if (t < 0 || t >= c) {
                Check.index(t, c, "LossOps.crossEntropy: targets must be in [0, %s) (C, the last axis of logits %s) "
                        + "or the ignore index %s, got %s at position %s", c, logits.shape(), options.ignoreIndex(),
                        t, i);
            }
            w[i] = wi;
            total += wi;
        }
        float[] x = logits.data();
        int xo = logits.offset();
        // With a gradient to come, the forward's exponentials stay for backward (softmax = e^(x - max) / Σ), as
        // PyTorch's log_softmax keeps its output: the two exp passes over (N, C) were ~14% of a PTB step.
        boolean keep = Grad.isEnabled() && logits.requiresGrad();
        float[] e = keep ? new float[n * c] : null;
        double[] sums = new double[n];
        double[] lse = new double[n];
        rowBlocks(n, c, (from, to, scratch) -> {
            for (int i = from; i < to; i++) {
                float[] into = keep ? e : scratch;
                int at = keep ? i * c : 0;
                float max = expShifted(x, xo + i * c, c, into, at);
                sums[i] = sum(into, at, c);
                lse[i] = max + Math.log(sums[i]);
            }
        });
        double loss = 0;
        for (int i = 0; i < n; i++) {
            if (w[i] != 0f) loss += w[i] * (lse[i] - x[xo + i * c + targets[i]]);
        }
        boolean mean = options.reduction() == Reduction.MEAN;
        double scale = mean ? (total == 0 ? 0 : 1.0 / total) : 1.0;
        int[] t = targets.clone(); // the caller may refill its buffer before backward
        return Tensor.result("LossOps.crossEntropy", new float[] {(float) (loss * scale)}, Shape.scalar(), g -> {
            float[] gx = new float[n * c];
            rowBlocks(n, c, (from, to, scratch) -> {
                for (int i = from; i < to; i++) {
                    if (w[i] == 0f) continue;
                    float k = (float) (g[0] * scale * w[i]);
                    VectorMath.scale((float) (k / sums[i]), e, i * c, gx, i * c, c); // k · softmax(x_i)
                    gx[i * c + t[i]] -= k;
                }
            });
            return new float[][] {gx};
        }, logits);
    }

    /**
     * {@code out = e^(x - max x)} over {@code n} values; returns the max, whose subtraction keeps every term finite
     * for any finite input. The exponentials go through the vector kernel (a scalar {@code Math.exp} per class was
     * 12% of a translation training step with 6,000 target words).
     */
    private static float expShifted(float[] x, int from, int n, float[] out, int at) {
        float m = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) m = Math.max(m, x[from + j]);
        for (int j = 0; j < n; j++) out[at + j] = x[from + j] - m;
        VectorMath.exp(out, at, out, at, n);
        return m;
    }

    /** Σ of {@code n} values, in double. */
    private static double sum(float[] a, int from, int n) {
        double s = 0;
        for (int j = 0; j < n; j++) s += a[from + j];
        return s;
    }

    /** Work on rows {@code [from, to)} of {@code (N, C)} with a scratch row of {@code C} floats. */
    private interface RowBlock {
        void run(int from, int to, float[] scratch);
    }

    /** Rows {@code [0, n)} split over the kernel threads when there is enough work; each row's result is the same. */
    private static void rowBlocks(int n, int c, RowBlock body) {
        int blocks = (long) n * c < 1 << 16 ? 1 : Math.min(n, 4 * Parallel.threads());
        Parallel.forEach(blocks, k -> body.run((int) ((long) n * k / blocks), (int) ((long) n * (k + 1) / blocks),
                new float[c]));
    }

    /** Mean squared error {@code mean((pred - target)²)}, as {@code torch.nn.functional.mse_loss}. */
    public static Tensor mse(Tensor pred, Tensor target) {
        return mse(pred, target, Reduction.MEAN);
    }

    /** Squared error {@code Σ (pred - target)²}, reduced as asked; both inputs may require grad. */
    public static Tensor mse(Tensor pred, Tensor target, Reduction reduction) {
        Check.argument(target.shape().equals(pred.shape()),
                "LossOps.mse: target shape must equal pred shape %s, got %s", pred.shape(), target.shape());
        int n = pred.size();
        float[] p = pred.data();
        int po = pred.offset();
        float[] y = target.data();
        int yo = target.offset();
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double d = (double) p[po + i] - y[yo + i];
            loss += d * d;
        }
        double scale = reduction == Reduction.MEAN ? (n == 0 ? 0 : 1.0 / n) : 1.0;
        return Tensor.result("LossOps.mse", new float[] {(float) (loss * scale)}, Shape.scalar(), g -> {
            float[] gp = new float[n];
            double k = 2 * g[0] * scale;
            for (int i = 0; i < n; i++) gp[i] = (float) (k * ((double) p[po + i] - y[yo + i]));
            float[] gt = null;
            if (target.requiresGrad()) {
                gt = new float[n];
                for (int i = 0; i < n; i++) gt[i] = -gp[i];
            }
            return new float[][] {pred.requiresGrad() ? gp : null, gt};
        }, pred, target);
    }

    /** {@link #bceWithLogits(Tensor, Tensor, Reduction)} with the mean. */
    public static Tensor bceWithLogits(Tensor logits, Tensor targets) {
        return bceWithLogits(logits, targets, Reduction.MEAN);
    }

    /**
     * Binary cross-entropy on logits, as {@code torch.nn.functional.binary_cross_entropy_with_logits}:
     * {@code ℓ = max(x, 0) - x·y + log(1 + exp(-|x|))}, the form that never overflows; backward
     * {@code dx = g·(σ(x) - y)}, {@code dy = -g·x}.
     *
     * @param targets the same shape as {@code logits}, values in {@code [0, 1]}
     */
    public static Tensor bceWithLogits(Tensor logits, Tensor targets, Reduction reduction) {
        Check.argument(targets.shape().equals(logits.shape()),
                "LossOps.bceWithLogits: targets shape must equal logits shape %s, got %s", logits.shape(),
                targets.shape());
        int n = logits.size();
        float[] x = logits.data();
        int xo = logits.offset();
        float[] y = targets.data();
        int yo = targets.offset();
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double v = x[xo + i];
            loss += Math.max(v, 0) - v * y[yo + i] + Math.log1p(Math.exp(-Math.abs(v)));
        }
        double scale = reduction == Reduction.MEAN ? (n == 0 ? 0 : 1.0 / n) : 1.0;
        return Tensor.result("LossOps.bceWithLogits", new float[] {(float) (loss * scale)}, Shape.scalar(), g -> {
            double k = g[0] * scale;
            float[] gx = null;
            float[] gy = null;
            if (logits.requiresGrad()) {
                gx = new float[n];
                for (int i = 0; i < n; i++) {
                    double v = x[xo + i];
                    double sig = v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
                    gx[i] = (float) (k * (sig - y[yo + i]));
                }
            }
            if (targets.requiresGrad()) {
                gy = new float[n];
                for (int i = 0; i < n; i++) gy[i] = (float) (-k * x[xo + i]);
            }
            return new float[][] {gx, gy};
        }, logits, targets);
    }
}

package rnn4j.tensor;

import rnn4j.base.Check;
import rnn4j.kernel.ColumnSums;
import rnn4j.kernel.Gemm;
import rnn4j.kernel.PackReuse;

/**
 * Matrix products, each one {@link Gemm#gemm} call per batch entry with transposes passed to the kernel (never a
 * transposed copy), and their backward rules, likewise GEMMs.
 *
 * <p>For {@code C = op(A)·op(B)} with {@code op(A)} {@code (m×k)} and {@code op(B)} {@code (k×n)}:
 * {@code dop(A) = G·op(B)ᵀ} and {@code dop(B) = op(A)ᵀ·G}; a stored-transposed operand receives the transpose of its
 * gradient, computed directly as {@code op(B)·Gᵀ} or {@code Gᵀ·op(A)}.
 */
public final class LinalgOps {
    private LinalgOps() {}

    /**
     * The affine map of {@code torch.nn.functional.linear}: {@code y = x·Wᵀ + b}.
     *
     * @param x      {@code (..., in)}
     * @param weight {@code (out, in)}, PyTorch's layout
     * @param bias   {@code (out)} or {@code null}
     * @return {@code (..., out)}
     */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        Check.argument(weight.rank() == 2, "LinalgOps.linear: weight must be (out, in), got shape %s",
                weight.shape());
        int out = weight.dim(0);
        int in = weight.dim(1);
        Check.argument(x.rank() >= 1 && x.dim(-1) == in,
                "LinalgOps.linear: the last axis of x must equal in (weight.dim(1)), got x %s and weight %s",
                x.shape(), weight.shape());
        Check.argument(bias == null || bias.shape().sameAs(out),
                "LinalgOps.linear: bias shape must be [%s], got %s (weight %s)", out,
                bias == null ? null : bias.shape(), weight.shape());
        int rows = in == 0 ? x.shape().outer(x.rank() - 1) : x.size() / in;
        Shape ys = x.shape().with(-1, out);
        float[] y = new float[ys.size()];
        // The GEMM adds the bias to every row as it stores them (its addend D is the one bias row), so y is written
        // once instead of filled with copies of the bias first.
        float beta = bias == null ? 0f : 1f;
        float[] d = bias == null ? y : bias.data();
        int dOff = bias == null ? 0 : bias.offset();
        int ldd = bias == null ? out : 0;
        if (rows >= 2 && PackReuse.active()) { // a decoder's step: the weight is packed once for the whole loop
            Gemm.gemm(false, rows, 1f, x.data(), x.offset(), in,
                    PackReuse.pack(true, in, out, weight.data(), weight.offset(), in), beta, d, dOff, ldd, y, 0, out);
        } else {
            Gemm.gemm(false, true, rows, out, in, 1f, x.data(), x.offset(), in, weight.data(), weight.offset(), in,
                    beta, d, dOff, ldd, y, 0, out); // (rows, in)·(out, in)ᵀ + bias
        }
        Tensor[] inputs = bias == null ? new Tensor[] {x, weight} : new Tensor[] {x, weight, bias};
        return Tensor.result("LinalgOps.linear", y, ys, g -> {
            float[][] grads = new float[inputs.length][];
            if (x.requiresGrad()) {
                float[] gx = new float[x.size()];
                Gemm.gemm(false, false, rows, in, out, 1f, g, 0, out, weight.data(), weight.offset(), in,
                        0f, gx, 0, in); // dx = G·W  (rows, in)
                grads[0] = gx;
            }
            if (weight.requiresGrad()) {
                float[] gw = new float[weight.size()];
                Gemm.gemm(true, false, out, in, rows, 1f, g, 0, out, x.data(), x.offset(), in,
                        0f, gw, 0, in); // dW = Gᵀ·x  (out, in)
                grads[1] = gw;
            }
            if (bias != null && bias.requiresGrad()) {
                grads[2] = ColumnSums.of(g, 0, rows, out);
            }
            return grads;
        }, inputs);
    }

    /** {@code a·b}; see {@link #matmul(Tensor, boolean, Tensor, boolean)}. */
    public static Tensor matmul(Tensor a, Tensor b) {
        return matmul(a, false, b, false);
    }

    /**
     * {@code op(a)·op(b)}, where {@code op} transposes the last two axes when its flag is set (passed to the GEMM, no
     * copy). Shapes: {@code (m, k)·(k, n) → (m, n)}; batched {@code (B, m, k)·(B, k, n) → (B, m, n)}; a 2-D operand
     * is shared by every batch entry of a 3-D one ({@code (B, m, k)·(k, n)} runs as one {@code (B·m, k)} GEMM when
     * {@code a} is not transposed). Shapes are given before the transpose, e.g. {@code transB} takes b as
     * {@code (n, k)}.
     */
    public static Tensor matmul(Tensor a, boolean transA, Tensor b, boolean transB) {
        Check.argument(a.rank() >= 2 && a.rank() <= 3 && b.rank() >= 2 && b.rank() <= 3,
                "matmul: operands must be 2-D or 3-D, got %s and %s", a.shape(), b.shape());
        int ar = a.rank();
        int br = b.rank();
        int m = transA ? a.dim(-1) : a.dim(-2);
        int ka = transA ? a.dim(-2) : a.dim(-1);
        int kb = transB ? b.dim(-1) : b.dim(-2);
        int n = transB ? b.dim(-2) : b.dim(-1);
        if (ka != kb) {
            String flags = transA || transB ? String.format("; with transA=%s, transB=%s", transA, transB) : "";
            throw new IllegalArgumentException(
                    Check.format("matmul: inner dimensions must match, got %s and %s", a.shape(), b.shape()) + flags);
        }
        int k = ka;
        int batch = ar == 3 ? a.dim(0) : br == 3 ? b.dim(0) : 1;
        Check.argument(ar != 3 || br != 3 || a.dim(0) == b.dim(0),
                "matmul: batch sizes must match, got %s and %s", a.shape(), b.shape());
        Shape ys = batch == 1 && ar == 2 && br == 2 ? Shape.of(m, n) : Shape.of(batch, m, n);
        // (B, m, k)·(k, n): the batch folds into the rows of a single GEMM.
        boolean fold = ar == 3 && br == 2 && !transA;
        int steps = fold ? 1 : (ar == 3 || br == 3 ? batch : 1);
        int rows = fold ? batch * m : m;
        int aStep = ar == 3 ? m * k : 0;
        int bStep = br == 3 ? k * n : 0;
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        float[] y = new float[ys.size()];
        for (int s = 0; s < steps; s++) {
            Gemm.gemm(transA, transB, rows, n, k, 1f, a.data(), a.offset() + s * aStep, lda,
                    b.data(), b.offset() + s * bStep, ldb, 0f, y, s * rows * n, n);
        }
        return Tensor.result("LinalgOps.matmul", y, ys, g -> {
            float[] ga = null;
            float[] gb = null;
            if (a.requiresGrad()) {
                ga = new float[a.size()];
                for (int s = 0; s < steps; s++) {
                    // A shared 2-D a sums its gradient over the batch: beta = 1 after the first entry.
                    float beta = ar == 2 && s > 0 ? 1f : 0f;
                    int gaOff = s * aStep;
                    if (!transA) {
                        Gemm.gemm(false, !transB, rows, k, n, 1f, g, s * rows * n, n, b.data(),
                                b.offset() + s * bStep, ldb, beta, ga, gaOff, k); // G·op(B)ᵀ
                    } else {
                        Gemm.gemm(transB, true, k, m, n, 1f, b.data(), b.offset() + s * bStep, ldb,
                                g, s * rows * n, n, beta, ga, gaOff, m); // op(B)·Gᵀ
                    }
                }
            }
            if (b.requiresGrad()) {
                gb = new float[b.size()];
                for (int s = 0; s < steps; s++) {
                    float beta = br == 2 && s > 0 ? 1f : 0f;
                    int gbOff = s * bStep;
                    if (!transB) {
                        Gemm.gemm(!transA, false, k, n, rows, 1f, a.data(), a.offset() + s * aStep, lda,
                                g, s * rows * n, n, beta, gb, gbOff, n); // op(A)ᵀ·G
                    } else {
                        Gemm.gemm(true, transA, n, k, rows, 1f, g, s * rows * n, n,
                                a.data(), a.offset() + s * aStep, lda, beta, gb, gbOff, k); // Gᵀ·op(A)
                    }
                }
            }
            return new float[][] {ga, gb};
        }, a, b);
    }
}

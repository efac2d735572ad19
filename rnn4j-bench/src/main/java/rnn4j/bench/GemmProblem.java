package rnn4j.bench;

import java.util.SplittableRandom;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import rnn4j.kernel.Gemm;
import rnn4j.kernel.PackedMatrix;

/**
 * One W5 product {@code C = op(A)·op(B)}, (M×K)·(K×N), with random operands, run by rnn4j (plain, or with B packed
 * once as a recurrent layer does) or by OpenBLAS {@code cblas_sgemm} on copies of the operands in native memory.
 *
 * <p>A shape is {@code MxKxN}, optionally followed by {@code :nt} (B stored transposed, {@code x·Wᵀ} of a linear
 * layer) or {@code :tn} (A stored transposed, a weight gradient {@code dYᵀ·X}).
 */
final class GemmProblem implements AutoCloseable {
    final String shape;
    final int m;
    final int n;
    final int k;
    private final boolean transA;
    private final boolean transB;
    private final float[] a;
    private final float[] b;
    private final float[] c;
    private PackedMatrix packed;
    private FloatPointer pa;
    private FloatPointer pb;
    private FloatPointer pc;

    GemmProblem(String shape) {
        this.shape = shape;
        String[] parts = shape.split(":");
        String[] dims = parts[0].split("x");
        if (dims.length != 3 || parts.length > 2 || parts.length == 2 && !parts[1].matches("[nt][nt]")) {
            throw new IllegalArgumentException("shape must be MxKxN, optionally with :nt or :tn, got " + shape);
        }
        m = Integer.parseInt(dims[0]);
        k = Integer.parseInt(dims[1]);
        n = Integer.parseInt(dims[2]);
        transA = parts.length > 1 && parts[1].charAt(0) == 't';
        transB = parts.length > 1 && parts[1].charAt(1) == 't';
        SplittableRandom rng = new SplittableRandom(1);
        a = random(rng, m * k);
        b = random(rng, k * n);
        c = new float[m * n];
    }

    /** FLOPs of one product: 2·M·N·K. */
    double flops() {
        return 2.0 * m * n * k;
    }

    /** rnn4j's product, B as given. */
    Object rnn4j() {
        Gemm.gemm(transA, transB, m, n, k, 1f, a, 0, lda(), b, 0, ldb(), 0f, c, 0, n);
        return c;
    }

    /** rnn4j's product with B packed once, on first use. */
    Object rnn4jPacked() {
        if (packed == null) {
            packed = Gemm.pack(transB, k, n, b, 0, ldb());
        }
        Gemm.gemm(transA, m, 1f, a, 0, lda(), packed, 0f, c, 0, n);
        return c;
    }

    /** OpenBLAS's product on native copies of the operands, made on first use. */
    Object openBlas() {
        if (pa == null) {
            pa = new FloatPointer(a);
            pb = new FloatPointer(b);
            pc = new FloatPointer(c);
        }
        openblas.cblas_sgemm(openblas.CblasRowMajor, op(transA), op(transB), m, n, k, 1f, pa, lda(), pb, ldb(), 0f,
                pc, n);
        return pc;
    }

    @Override
    public void close() {
        for (FloatPointer p : new FloatPointer[] {pa, pb, pc}) {
            if (p != null) {
                p.close();
            }
        }
    }

    private int lda() {
        return transA ? m : k;
    }

    private int ldb() {
        return transB ? k : n;
    }

    private static int op(boolean transposed) {
        return transposed ? openblas.CblasTrans : openblas.CblasNoTrans;
    }

    private static float[] random(SplittableRandom rng, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) rng.nextDouble(-1, 1);
        }
        return x;
    }
}

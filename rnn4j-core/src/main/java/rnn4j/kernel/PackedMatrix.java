package rnn4j.kernel;

/**
 * A {@code (k×n)} right-hand GEMM operand {@code op(B)} copied once into the layout the GEMM microkernel streams, so a
 * weight used at every time step of a recurrent layer is rearranged once per pass instead of once per step.
 *
 * <p>Layout: k is cut into chunks of {@link Gemm#KC} rows; chunk {@code pc} (its first row) starts at
 * {@code PACKED_BASE + pc·nPadded} ({@link Gemm#PACKED_BASE}, a pad that puts the panels on cache lines) and holds
 * {@code ceil(n/NR)} panels of {@code kc×NR} floats, row after row, where {@code NR} is the microkernel width and
 * columns past n are zero. Made by {@link Gemm#pack}.
 */
public final class PackedMatrix {
    private final int k;
    private final int n;
    private final int nPadded;
    final float[] data;

    PackedMatrix(int k, int n, int nPadded, float[] data) {
        this.k = k;
        this.n = n;
        this.nPadded = nPadded;
        this.data = data;
    }

    /** Rows of {@code op(B)}: the inner dimension of the product. */
    public int k() {
        return k;
    }

    /** Columns of {@code op(B)}: the columns of the result. */
    public int n() {
        return n;
    }

    int nPadded() {
        return nPadded;
    }

    @Override
    public String toString() {
        return "PackedMatrix[k=" + k + ", n=" + n + "]";
    }
}

package rnn4j.kernel;

/**
 * Per-thread work buffers of the kernels, grown on demand and kept, so no kernel allocates on the per-step path.
 * Each kind has its own buffer: a GEMM packs B into the caller's {@link #packedB} while every team thread packs A into
 * its own {@link #packedA}.
 */
final class Scratch {
    private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

    private float[] packedA = new float[0];
    private float[] packedB = new float[0];
    private float[] sharedA = new float[0];
    private float[] groupB = new float[0];
    private int[] rowOffsets = new int[0];
    private int rowOffsetsStride = -1;
    private int[] blockOffsets = new int[0];
    private int blockOffsetsStride = -1;
    private float[] row = new float[0];
    private float[] sums = new float[0];
    private float[] accumulators = new float[0];
    private float[] lanes = new float[0];
    private final float[] tile = new float[8 * 64];

    static Scratch get() {
        return LOCAL.get();
    }

    float[] packedA(int size) {
        if (packedA.length < size) {
            packedA = new float[size];
        }
        return packedA;
    }

    float[] packedB(int size) {
        if (packedB.length < size) {
            packedB = new float[size];
        }
        return packedB;
    }

    /** All of A packed by the caller for column tasks that share it. */
    float[] sharedA(int size) {
        if (sharedA.length < size) {
            sharedA = new float[size];
        }
        return sharedA;
    }

    /** A group of B panels packed just before use. */
    float[] groupB(int size) {
        if (groupB.length < size) {
            groupB = new float[size];
        }
        return groupB;
    }

    /** {@code i·stride} for i in [0, count): the gather map of a transposed panel. */
    int[] rowOffsets(int count, int stride) {
        if (rowOffsets.length < count || rowOffsetsStride != stride) {
            rowOffsets = new int[Math.max(count, rowOffsets.length)];
            for (int i = 0; i < rowOffsets.length; i++) {
                rowOffsets[i] = i * stride;
            }
            rowOffsetsStride = stride;
        }
        return rowOffsets;
    }

    /**
     * The gather indices of {@link GemmVector#gatherBlock} for A rows {@code stride} apart: lane l reads row
     * {@code l mod MR} at column {@code l / MR}, {@code (l mod MR)·stride + l / MR}, for {@link Simd#LANES} lanes.
     */
    int[] blockOffsets(int stride) {
        if (blockOffsetsStride != stride) {
            blockOffsets = new int[Simd.LANES];
            for (int l = 0; l < blockOffsets.length; l++) {
                blockOffsets[l] = l % Gemm.MR * stride + l / Gemm.MR;
            }
            blockOffsetsStride = stride;
        }
        return blockOffsets;
    }

    /** A gathered row of a transposed A. */
    float[] row(int size) {
        if (row.length < size) {
            row = new float[size];
        }
        return row;
    }

    /** GEMV accumulators. */
    float[] sums(int size) {
        if (sums.length < size) {
            sums = new float[size];
        }
        return sums;
    }

    /** Accumulators of the scalar microkernel. */
    float[] accumulators(int size) {
        if (accumulators.length < size) {
            accumulators = new float[size];
        }
        return accumulators;
    }

    /** The last partial vector of an elementwise kernel, padded to a whole one. */
    float[] lanes(int size) {
        if (lanes.length < size) {
            lanes = new float[size];
        }
        return lanes;
    }

    /** One MR×NR microkernel tile, for edges. */
    float[] tile(int size) {
        return size <= tile.length ? tile : new float[size];
    }
}

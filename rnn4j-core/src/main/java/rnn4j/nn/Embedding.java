package rnn4j.nn;

import java.util.Arrays;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;
import rnn4j.base.Check;
import rnn4j.tensor.IndexOps;
import rnn4j.tensor.Tensor;

/**
 * A lookup table of {@code numEmbeddings} vectors of size {@code embeddingDim}, as {@code torch.nn.Embedding}.
 *
 * <p>Shapes: ids of shape {@code (...)} give {@code (..., embeddingDim)}; {@code weight (numEmbeddings,
 * embeddingDim)} starts from {@code N(0, 1)}. With a padding index, that row starts at zero and receives no gradient,
 * so padding tokens stay the zero vector through training (PyTorch's {@code padding_idx}).
 */
public final class Embedding extends Module {
    private final int numEmbeddings;
    private final int embeddingDim;
    private final int paddingIdx; // -1 for none; stored normalised to [0, numEmbeddings)
    private final Parameter weight;

    /** A table without a padding index. */
    public Embedding(int numEmbeddings, int embeddingDim, RandomGenerator rng) {
        this(numEmbeddings, embeddingDim, rng, null);
    }

    /**
     * A table whose row {@code paddingIdx} is zero and never updated; a negative index counts from the end, as in
     * PyTorch.
     */
    public Embedding(int numEmbeddings, int embeddingDim, int paddingIdx, RandomGenerator rng) {
        this(numEmbeddings, embeddingDim, rng, paddingIdx);
    }

    private Embedding(int numEmbeddings, int embeddingDim, RandomGenerator rng, Integer paddingIdx) {
        Check.argument(numEmbeddings >= 1 && embeddingDim >= 1,
                "Embedding: numEmbeddings and embeddingDim must be >= 1, got %s and %s", numEmbeddings, embeddingDim);
        Check.argument(rng != null, "Embedding: rng must not be null, got null");
        Check.argument(paddingIdx == null || (paddingIdx >= -numEmbeddings && paddingIdx < numEmbeddings),
                "Embedding: paddingIdx must be in [%s, %s), got %s", -numEmbeddings, numEmbeddings, paddingIdx);
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        this.paddingIdx = paddingIdx == null ? -1 : paddingIdx < 0 ? paddingIdx + numEmbeddings : paddingIdx;
        Tensor w = Init.normal(Tensor.zeros(numEmbeddings, embeddingDim), 0, 1, rng);
        if (this.paddingIdx >= 0) {
            Arrays.fill(w.data(), this.paddingIdx * embeddingDim, (this.paddingIdx + 1) * embeddingDim, 0f);
        }
        this.weight = parameter("weight", w);
    }

    /**
     * The vectors of {@code ids}, laid out row-major over {@code shape} (empty: one axis of {@code ids.length}).
     *
     * @return {@code (shape..., embeddingDim)}
     * @throws IndexOutOfBoundsException for an id outside {@code [0, numEmbeddings)}
     */
    public Tensor forward(int[] ids, int... shape) {
        Tensor out = IndexOps.embedding(weight.value(), ids, shape); // (shape..., D)
        if (paddingIdx < 0 || !out.requiresGrad() || !contains(ids, paddingIdx)) {
            return out;
        }
        // Cut the gradient of padding positions before the scatter-add reaches the weight.
        int[] idsCopy = ids.clone();
        int d = embeddingDim;
        int pad = paddingIdx;
        return Tensor.resultView("Embedding.paddingIdx", out.data(), out.offset(), out.shape(), g -> {
            float[] masked = g.clone();
            for (int p = 0; p < idsCopy.length; p++) {
                if (idsCopy[p] == pad) Arrays.fill(masked, p * d, (p + 1) * d, 0f);
            }
            return new float[][] {masked};
        }, out);
    }

    private static boolean contains(int[] ids, int id) {
        for (int x : ids) if (x == id) return true;
        return false;
    }

    /** The table, {@code (numEmbeddings, embeddingDim)}. */
    public Parameter weight() {
        return weight;
    }

    public int numEmbeddings() {
        return numEmbeddings;
    }

    public int embeddingDim() {
        return embeddingDim;
    }

    /** The padding row (normalised to {@code [0, numEmbeddings)}), if any. */
    public OptionalInt paddingIdx() {
        return paddingIdx < 0 ? OptionalInt.empty() : OptionalInt.of(paddingIdx);
    }

    @Override
    protected String extraRepr() {
        return numEmbeddings + ", " + embeddingDim + (paddingIdx >= 0 ? ", paddingIdx=" + paddingIdx : "");
    }
}

package rnn4j.models;

import rnn4j.base.Check;
import rnn4j.kernel.Gemm;
import rnn4j.nn.Embedding;
import rnn4j.nn.Linear;
import rnn4j.nn.recurrent.RecurrentLayer;
import rnn4j.nn.recurrent.RecurrentState;
import rnn4j.nn.recurrent.RecurrentStepper;
import rnn4j.tensor.Grad;
import rnn4j.tensor.Tensor;

/**
 * An {@link Lm} run one token at a time on a single sequence, for sampling: each step gives the bits of
 * {@link Lm#forward} on one token in evaluation mode, without building tensors (see {@link RecurrentStepper}).
 *
 * <p>The embedding is folded into the first layer's input projection: the projections {@code b + E[v]·W_ihᵀ} of the
 * whole table are computed once, as one product ({@link RecurrentLayer#projectInputs}, which {@code Lm.forward} also
 * uses), and each step starts from its token's row, so a step does not read the first layer's {@code W_ih}, which is
 * a quarter of the weights of a two-layer LSTM with {@code E = H}. Sampling is bound by reading weights, so that is a
 * quarter less work per token. The table is kept up to {@link #FOLD_BUDGET} floats (vocabulary × gates × H); past
 * it the step projects each token's embedding itself.
 *
 * <p>The stepper reads the weights as they are when it is made; make a new one after changing them.
 */
public final class LmStepper {
    /** Most floats the folded projections may take (64 MB). */
    static final long FOLD_BUDGET = 1L << 24;

    private final Tensor embedWeight;
    private final int embedSize;
    private final RecurrentStepper recurrent;
    private final Tensor headWeight;
    private final Tensor headBias;
    private final float[] logits;
    private final float[] folded; // (V, G·H) projections, or null when over budget

    LmStepper(Embedding embed, RecurrentLayer rnn, Linear head, RecurrentState state, long foldBudget) {
        this.embedWeight = embed.weight().value();
        this.embedSize = embed.embeddingDim();
        this.recurrent = new RecurrentStepper(rnn, state);
        this.headWeight = head.weight().value();
        this.headBias = head.bias() == null ? null : head.bias().value();
        this.logits = new float[head.outFeatures()];
        long foldSize = (long) embed.numEmbeddings() * recurrent.gateWidth();
        this.folded = foldSize <= foldBudget ? Grad.disabled(() -> rnn.projectInputs(embedWeight)).toArray() : null;
    }

    /** Feeds {@code token} and returns the next-token scores {@code (V)}, valid until the next call. */
    public float[] next(int token) {
        int vocab = embedWeight.dim(0);
        Check.argument(token >= 0 && token < vocab, "LmStepper.next: token must be in [0, %s), got %s", vocab, token);
        int row = embedWeight.offset() + token * embedSize;
        float[] h = folded == null ? recurrent.step(embedWeight.data(), row)
                : recurrent.stepProjected(folded, token * recurrent.gateWidth());
        int in = headWeight.dim(1);
        int out = logits.length;
        float beta = 0f;
        if (headBias != null) {
            System.arraycopy(headBias.data(), headBias.offset(), logits, 0, out);
            beta = 1f;
        }
        // as Linear does it for one row, so the scores have Lm.forward's bits
        Gemm.gemm(false, true, 1, out, in, 1f, h, 0, in, headWeight.data(), headWeight.offset(), in, beta, logits, 0,
                out);
        return logits;
    }

    /** The recurrent state after the last token, {@code (L, 1, H)}. */
    public RecurrentState state() {
        return recurrent.state();
    }
}

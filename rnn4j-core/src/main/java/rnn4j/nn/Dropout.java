package rnn4j.nn;

import java.util.random.RandomGenerator;
import rnn4j.base.Check;
import rnn4j.tensor.MathOps;
import rnn4j.tensor.Tensor;

/**
 * Inverted dropout, as {@code torch.nn.Dropout}: while training, each value is zeroed with probability {@code p} and
 * the rest scaled by {@code 1/(1 − p)}; otherwise the identity.
 *
 * <p>Active only when this module is in training mode and {@link rnn4j.tensor.Grad#isTraining()} holds, so either
 * {@code model.eval()} or {@code Grad.eval(...)} switches it off. Source: Srivastava et al. 2014, "Dropout: A Simple
 * Way to Prevent Neural Networks from Overfitting".
 */
public final class Dropout extends Module implements Layer {
    private final float p;
    private final RandomGenerator rng;

    /** Drops with probability {@code p} in {@code [0, 1)}, drawing masks from {@code rng}. */
    public Dropout(float p, RandomGenerator rng) {
        Check.argument(p >= 0f && p < 1f, "Dropout: p must be in [0, 1), got %s", p);
        Check.argument(rng != null, "Dropout: rng must not be null, got null");
        this.p = p;
        this.rng = rng;
    }

    /** Same shape as {@code x}. */
    @Override
    public Tensor forward(Tensor x) {
        return isTraining() ? MathOps.dropout(x, p, rng) : x;
    }

    /** The drop probability. */
    public float p() {
        return p;
    }

    @Override
    protected String extraRepr() {
        return "p=" + p;
    }
}

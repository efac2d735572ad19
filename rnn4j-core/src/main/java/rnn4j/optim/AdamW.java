package rnn4j.optim;

import java.util.List;
import rnn4j.nn.Parameter;

/**
 * Adam with decoupled weight decay, exactly as {@code torch.optim.AdamW}: each step first shrinks the weights,
 * {@code w ← w·(1 − η·λ)}, and the gradient is left alone; the rest is {@link Adam}. PyTorch's default λ is 0.01.
 *
 * <p>Source: Loshchilov and Hutter 2019, "Decoupled Weight Decay Regularization".
 */
public final class AdamW extends Adam {
    /** PyTorch's AdamW defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 0.01, no AMSGrad. */
    public static Config defaults() {
        return new Config(1e-3, 0.9, 0.999, 1e-8, 0.01, false);
    }

    /** AdamW with PyTorch's defaults and learning rate {@code lr}. */
    public AdamW(List<Parameter> parameters, double lr) {
        this(parameters, defaults().withLr(lr));
    }

    /** AdamW with the given settings; {@code weightDecay} is the decoupled λ. */
    public AdamW(List<Parameter> parameters, Config config) {
        super(parameters, config, true);
    }
}

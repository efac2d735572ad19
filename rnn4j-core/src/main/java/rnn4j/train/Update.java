package rnn4j.train;

import java.util.List;
import rnn4j.nn.Parameter;
import rnn4j.optim.GradClip;
import rnn4j.optim.Optimizer;
import rnn4j.tensor.Tensor;

/**
 * One optimizer update, the same in every trainer: back-propagate the loss, clip the global gradient norm (as
 * {@code torch.nn.utils.clip_grad_norm_}; 0 = off), step, and clear the gradients.
 *
 * @param gradNorm the global L2 norm of the gradients before clipping
 * @param lr       the learning rate the step used
 */
record Update(double gradNorm, double lr) {
    static Update apply(Tensor loss, Optimizer optimizer, List<Parameter> parameters, double clip) {
        loss.backward();
        double norm = clip > 0 ? GradClip.clipGradNorm(parameters, clip) : GradClip.totalNorm(parameters, 2);
        double lr = optimizer.lr();
        optimizer.step();
        optimizer.zeroGrad();
        return new Update(norm, lr);
    }
}

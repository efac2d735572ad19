package rnn4j.train;

import java.util.List;
import rnn4j.base.Check;
import rnn4j.models.SequenceRegressor;
import rnn4j.nn.Parameter;
import rnn4j.optim.Optimizer;
import rnn4j.tensor.Grad;
import rnn4j.tensor.LossOps;
import rnn4j.tensor.Tensor;

/** The training loop of a {@link SequenceRegressor}: mean squared error, backward, optional clipping, one step. */
public final class RegressorTrainer {
    /** What one step did. */
    public record StepReport(long step, double loss, double gradNorm, double lr, int examples) {}

    private final SequenceRegressor model;
    private final Optimizer optimizer;
    private final List<Parameter> parameters;
    private final double clip;
    private long step;

    /** Trains {@code model} with {@code optimizer}, clipping the global gradient norm to {@code clip} (0 = off). */
    public RegressorTrainer(SequenceRegressor model, Optimizer optimizer, double clip) {
        Check.argument(clip >= 0, "RegressorTrainer: clip must be >= 0 (0 = off), got %s", clip);
        this.model = model;
        this.optimizer = optimizer;
        this.parameters = model.parameters();
        this.clip = clip;
    }

    /** Steps taken. */
    public long steps() {
        return step;
    }

    /** One step on windows {@code x (B, T, F)} with targets shaped as the model's output. */
    public StepReport step(Tensor x, Tensor y) {
        model.train();
        Tensor loss = LossOps.mse(model.forward(x), y);
        double value = loss.item();
        if (!Double.isFinite(value)) {
            throw new IllegalStateException(String.format("RegressorTrainer.step: the loss must stay finite, got %s "
                    + "at step %d (lr %.3g); lower --lr or set --clip (e.g. 5)", value, step + 1, optimizer.lr()));
        }
        Update update = Update.apply(loss, optimizer, parameters, clip);
        step++;
        return new StepReport(step, value, update.gradNorm(), update.lr(), x.dim(0));
    }

    /** Predictions in evaluation mode (no dropout, no graph). */
    public static Tensor predict(SequenceRegressor model, Tensor x) {
        Check.argument(x.rank() == 3, "RegressorTrainer.predict: x must be (B, T, F), got %s", x.shape());
        boolean was = model.isTraining();
        model.eval();
        try {
            return Grad.eval(() -> model.forward(x));
        } finally {
            model.train(was);
        }
    }
}

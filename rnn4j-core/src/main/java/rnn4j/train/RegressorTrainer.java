package rnn4j.train;

import rnn4j.base.Check;
import rnn4j.models.SequenceRegressor;
import rnn4j.optim.Optimizer;
import rnn4j.tensor.Grad;
import rnn4j.tensor.LossOps;
import rnn4j.tensor.Tensor;

/** The training loop of a {@link SequenceRegressor}: mean squared error, backward, optional clipping, one step. */
public final class RegressorTrainer extends BatchTrainer {
    /** What one step did. */
    public record StepReport(long step, double loss, double gradNorm, double lr, int examples) {}

    private final SequenceRegressor model;

    /** Trains {@code model} with {@code optimizer}, clipping the global gradient norm to {@code clip} (0 = off). */
    public RegressorTrainer(SequenceRegressor model, Optimizer optimizer, double clip) {
        super("RegressorTrainer", "rnn4j forecast train", model.parameters(), model.dropoutRandom(), optimizer, clip);
        this.model = model;
    }

    /** One step on windows {@code x (B, T, F)} with targets shaped as the model's output. */
    public StepReport step(Tensor x, Tensor y) {
        model.train();
        Tensor loss = LossOps.mse(model.forward(x), y);
        double value = loss.item();
        Update update = update(loss, value);
        return new StepReport(steps(), value, update.gradNorm(), update.lr(), x.dim(0));
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

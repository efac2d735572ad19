package rnn4j.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

    // ---------------------------------------------------------------- exact resume

    /**
     * Writes the training progress to {@code file} (the {@code *.train.safetensors} sibling of the model checkpoint):
     * optimizer state, the step, the dropout generator and the batch {@code order}, plus {@code extra} metadata.
     */
    public void saveProgress(Path file, EpochOrder order, Map<String, String> extra) {
        ProgressFile.write(file, optimizer, step, model.dropoutRandom(), order, extra);
    }

    /**
     * Restores what {@link #saveProgress} wrote (into this trainer and {@code order}); stepping on then gives the
     * same bits as never stopping, at the same thread count. Returns the file's metadata.
     */
    public Map<String, String> restoreProgress(Path file, EpochOrder order) {
        ProgressFile progress = ProgressFile.read(file, "rnn4j forecast train");
        step = progress.restore(optimizer, model.dropoutRandom(), order);
        return progress.metadata();
    }
}

package rnn4j.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import rnn4j.base.Check;
import rnn4j.base.SplitMix;
import rnn4j.nn.Parameter;
import rnn4j.optim.LrSchedule;
import rnn4j.optim.Optimizer;
import rnn4j.tensor.Tensor;

/**
 * What the trainers of models fed mini-batches of fixed examples share ({@link ClassifierTrainer},
 * {@link RegressorTrainer}): the update of each step with the finite-loss check, the step count, and the exact
 * resume of everything but the weights (optimizer state, step, dropout generator, batch order).
 */
public abstract class BatchTrainer {
    private final String name;
    private final String writer;
    private final Optimizer optimizer;
    private final List<Parameter> parameters;
    private final SplitMix dropout;
    private final double clip;
    private LrSchedule schedule;
    private long step;

    /**
     * @param name    the trainer's class, for messages
     * @param writer  the command whose runs this trainer's progress files belong to, for messages
     * @param dropout the model's dropout generator, whose state the progress file keeps
     * @param clip    maximum global gradient norm, 0 for no clipping
     */
    BatchTrainer(String name, String writer, List<Parameter> parameters, SplitMix dropout, Optimizer optimizer,
                 double clip) {
        Check.argument(clip >= 0, "%s: clip must be >= 0 (0 = off), got %s", name, clip);
        this.name = name;
        this.writer = writer;
        this.optimizer = optimizer;
        this.parameters = parameters;
        this.dropout = dropout;
        this.clip = clip;
    }

    /**
     * Sets the learning-rate schedule (null = constant): stepped after every training step, or, for a
     * {@link LrSchedule.ReduceOnPlateau}, on every {@link #validated} loss. Set it before {@link #restoreProgress},
     * which restores its state.
     */
    public void schedule(LrSchedule schedule) {
        this.schedule = schedule;
    }

    /** Reports a validation loss: a plateau schedule steps on it; the others step with every training step. */
    public void validated(double loss) {
        if (schedule instanceof LrSchedule.ReduceOnPlateau plateau) {
            plateau.step(loss);
        }
    }

    /** Steps taken (including those before a resume). */
    public long steps() {
        return step;
    }

    /** Back-propagates {@code loss} (whose value is {@code value}, which must be finite), clips and steps. */
    final Update update(Tensor loss, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalStateException(String.format("%s.step: the loss must stay finite, got %s at step %d "
                    + "(lr %.3g); lower --lr or set --clip (e.g. 5)", name, value, step + 1, optimizer.lr()));
        }
        Update update = Update.apply(loss, optimizer, parameters, clip);
        if (schedule != null && !(schedule instanceof LrSchedule.ReduceOnPlateau)) {
            schedule.step();
        }
        step++;
        return update;
    }

    // ---------------------------------------------------------------- exact resume

    /**
     * Writes the training progress to {@code file} (the {@code *.train.safetensors} sibling of the model checkpoint):
     * optimizer and schedule state, the step, the dropout generator and the batch {@code order}, plus {@code extra}
     * metadata.
     */
    public void saveProgress(Path file, EpochOrder<?> order, Map<String, String> extra) {
        ProgressFile.write(file, optimizer, schedule, step, dropout, order, extra);
    }

    /**
     * Restores what {@link #saveProgress} wrote (into this trainer and {@code order}); stepping on then gives the
     * same bits as never stopping, at the same thread count. Returns the file's metadata.
     */
    public Map<String, String> restoreProgress(Path file, EpochOrder<?> order) {
        ProgressFile progress = ProgressFile.read(file, writer);
        step = progress.restore(optimizer, schedule, dropout, order);
        return progress.metadata();
    }
}

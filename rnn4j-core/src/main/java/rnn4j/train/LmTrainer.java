package rnn4j.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rnn4j.base.Check;
import rnn4j.data.TextStream;
import rnn4j.io.Checkpoint;
import rnn4j.io.SafeTensors;
import rnn4j.models.Lm;
import rnn4j.nn.Parameter;
import rnn4j.nn.recurrent.RecurrentState;
import rnn4j.optim.LrSchedule;
import rnn4j.optim.Optimizer;
import rnn4j.tensor.LossOps;
import rnn4j.tensor.Tensor;

/**
 * Trains a language model by truncated backpropagation through time, as char-rnn and Zaremba et al. (2014) do: each
 * step takes the next segment of every stream, carries the recurrent state in from the previous segment (detached,
 * so gradients stop at the segment boundary), minimises the mean next-token cross-entropy, clips the global gradient
 * norm, and updates the parameters.
 *
 * <p>Everything a run needs to continue exactly is saved by {@link #saveProgress}: optimizer and schedule state, the
 * carried recurrent state, the data position and the dropout generator. Restoring it and stepping on gives the same
 * bits as never stopping (at the same thread count).
 */
public final class LmTrainer {
    /** The outcome of one step. */
    public record StepReport(long step, double epoch, double loss, double gradNorm, double lr, int tokens) {}

    private final Lm model;
    private final Optimizer optimizer;
    private final LrSchedule schedule;
    private final TextStream stream;
    private final double clip;
    private final List<Parameter> parameters;
    private RecurrentState carried;
    private long step;

    /**
     * @param schedule stepped after every training step (a {@link LrSchedule.ReduceOnPlateau} after every
     *                 validation instead, see {@link #validated}), or {@code null} for a constant learning rate
     * @param clip     maximum global gradient norm, 0 for no clipping
     */
    public LmTrainer(Lm model, Optimizer optimizer, LrSchedule schedule, TextStream stream, double clip) {
        Check.argument(clip >= 0, "LmTrainer: clip must be >= 0 (0 = off), got %s", clip);
        this.model = model;
        this.optimizer = optimizer;
        this.schedule = schedule;
        this.stream = stream;
        this.clip = clip;
        this.parameters = model.parameters();
    }

    /** Steps taken so far (including those before a resume). */
    public long steps() {
        return step;
    }

    /** The data stream, whose position is the step count. */
    public TextStream stream() {
        return stream;
    }

    /** One truncated-BPTT step. */
    public StepReport step() {
        model.train();
        TextStream.Segment seg = stream.next();
        if (seg.startsEpoch()) {
            carried = null; // a new pass over the streams starts from zero state, as at the first step
        }
        Lm.Output out = model.forward(seg.inputs(), seg.batch(), seg.length(), carried);
        Tensor loss = LossOps.crossEntropy(out.logits(), seg.targets()); // mean over B·T predictions
        double value = loss.item();
        if (!Double.isFinite(value)) {
            throw new IllegalStateException(String.format("LmTrainer.step: the loss must stay finite, got %s at step "
                    + "%d (lr %.3g); lower --lr or set --clip (e.g. 5)", value, step + 1, optimizer.lr()));
        }
        Update update = Update.apply(loss, optimizer, parameters, clip);
        if (schedule != null && !(schedule instanceof LrSchedule.ReduceOnPlateau)) {
            schedule.step();
        }
        carried = out.state().detach();
        step++;
        return new StepReport(step, stream.epochs(), value, update.gradNorm(), update.lr(), seg.targets().length);
    }

    /** Reports a validation loss: a plateau schedule steps on it; the others step with every training step. */
    public void validated(double loss) {
        if (schedule instanceof LrSchedule.ReduceOnPlateau plateau) {
            plateau.step(loss);
        }
    }

    // ---------------------------------------------------------------- exact resume

    /**
     * Writes the training progress to {@code file} (the {@code *.train.safetensors} sibling of the model checkpoint):
     * optimizer state ({@code optimizer.*}), schedule state ({@code schedule.*}), the carried state ({@code carry.h},
     * {@code carry.c}) and, in metadata, the step and the dropout generator's state plus {@code extra}.
     */
    public void saveProgress(Path file, Map<String, String> extra) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        optimizer.stateDict().forEach((k, v) -> tensors.put("optimizer." + k, v));
        if (schedule != null) {
            schedule.stateDict().forEach((k, v) -> tensors.put("schedule." + k, v));
        }
        if (carried != null) {
            tensors.put("carry.h", carried.h());
            if (carried.c() != null) tensors.put("carry.c", carried.c());
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", Checkpoint.FORMAT);
        meta.put("step", Long.toString(step));
        meta.put("dropoutState", Long.toString(model.dropoutRandom().state()));
        meta.putAll(extra);
        SafeTensors.write(file, tensors, meta);
    }

    /** Restores what {@link #saveProgress} wrote; returns the file's metadata (with the caller's extra entries). */
    public Map<String, String> restoreProgress(Path file) {
        ProgressFile progress = ProgressFile.read(file, "rnn4j train");
        step = progress.number("step");
        model.dropoutRandom().setState(progress.number("dropoutState"));
        optimizer.loadStateDict(progress.prefixed("optimizer."));
        if (schedule != null) {
            schedule.loadStateDict(progress.prefixed("schedule."));
        }
        Tensor h = progress.tensorOrNull("carry.h");
        Tensor c = progress.tensorOrNull("carry.c");
        carried = h == null ? null : new RecurrentState(h.copy(), c == null ? null : c.copy());
        stream.seek(step);
        return progress.metadata();
    }
}

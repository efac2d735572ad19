package rnn4j.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import rnn4j.base.Check;
import rnn4j.base.SplitMix;
import rnn4j.data.ParallelText;
import rnn4j.models.Seq2Seq;
import rnn4j.nn.Parameter;
import rnn4j.optim.LrSchedule;
import rnn4j.optim.Optimizer;
import rnn4j.tensor.LossOps;
import rnn4j.tensor.Tensor;

/**
 * Trains a {@link Seq2Seq} model on sentence pairs: each epoch shuffles the examples into padded batches; each step
 * minimises the mean cross-entropy of the target tokens (padding ignored, {@code <eos>} counted), clips the global
 * gradient norm and updates the parameters. Teacher forcing with ratio {@code r}: each decoder step reads the true
 * previous token with probability {@code r}, else its own prediction (Williams and Zipser 1989; Bengio et al. 2015).
 *
 * <p>{@link #saveProgress} and {@link #restoreProgress} keep everything a run needs to continue exactly: optimizer
 * and schedule state, the step, the position in the epoch, the generator states of shuffling, teacher forcing and
 * dropout.
 */
public final class Seq2SeqTrainer {
    /** The outcome of one step; {@code tokens} counts the target tokens of the batch. */
    public record StepReport(long step, double epoch, double loss, double gradNorm, double lr, int tokens) {}

    private final Seq2Seq model;
    private final Optimizer optimizer;
    private final LrSchedule schedule;
    private final List<ParallelText.Example> examples;
    private final int batchSize;
    private final double clip;
    private final double teacherForcing;
    private final SplitMix rng;
    private final EpochOrder<ParallelText.Batch> order; // shuffled by rng, whose state it keeps
    private final List<Parameter> parameters;
    private final LossOps.CrossEntropyOptions lossOptions =
            LossOps.CrossEntropyOptions.defaults().withIgnoreIndex(Seq2Seq.PAD);
    private long step;

    /**
     * @param schedule       called after every step, or {@code null} for a constant learning rate
     * @param clip           maximum global gradient norm, 0 for no clipping
     * @param teacherForcing probability of feeding the true previous token, in {@code [0, 1]}
     * @param rng            shuffles the batches and draws the teacher-forcing coins
     */
    public Seq2SeqTrainer(Seq2Seq model, Optimizer optimizer, LrSchedule schedule,
                          List<ParallelText.Example> examples, int batchSize, double clip, double teacherForcing,
                          SplitMix rng) {
        Check.argument(!examples.isEmpty(), "Seq2SeqTrainer: examples must not be empty, got none");
        Check.argument(batchSize >= 1, "Seq2SeqTrainer: batchSize must be >= 1, got %s", batchSize);
        Check.argument(clip >= 0, "Seq2SeqTrainer: clip must be >= 0 (0 = off), got %s", clip);
        Check.argument(teacherForcing >= 0 && teacherForcing <= 1,
                "Seq2SeqTrainer: teacherForcing must be in [0, 1], got %s", teacherForcing);
        this.model = model;
        this.optimizer = optimizer;
        this.schedule = schedule;
        this.examples = List.copyOf(examples);
        this.batchSize = batchSize;
        this.clip = clip;
        this.teacherForcing = teacherForcing;
        this.rng = rng;
        this.order = new EpochOrder<>(r -> ParallelText.batches(this.examples, batchSize, r), rng);
        this.parameters = model.parameters();
    }

    /** Steps taken so far. */
    public long steps() {
        return step;
    }

    /** Batches per epoch. */
    public int batchesPerEpoch() {
        return (examples.size() + batchSize - 1) / batchSize;
    }

    /** One optimisation step on the next batch. */
    public StepReport step() {
        model.train();
        ParallelText.Batch b = order.next();
        Seq2Seq.Output out = model.forward(b.src(), b.batch(), b.srcLen(), b.srcLengths(), b.tgtIn(), b.tgtLen(),
                teacherForcing, rng);
        Tensor loss = LossOps.crossEntropy(out.logits(), b.tgtOut(), lossOptions); // mean over real tokens
        double value = loss.item();
        if (!Double.isFinite(value)) {
            throw new IllegalStateException(String.format("Seq2SeqTrainer.step: the loss must stay finite, got %s at "
                    + "step %d (lr %.3g); lower --lr or set --clip (e.g. 1)", value, step + 1, optimizer.lr()));
        }
        Update update = Update.apply(loss, optimizer, parameters, clip);
        if (schedule != null) schedule.step();
        step++;
        int tokens = 0;
        for (int t : b.tgtOut()) if (t != Seq2Seq.PAD) tokens++;
        return new StepReport(step, order.epoch(), value, update.gradNorm(), update.lr(), tokens);
    }

    // ---------------------------------------------------------------- exact resume

    /**
     * Writes the training progress to {@code file} (the {@code *.train.safetensors} sibling of the model checkpoint):
     * optimizer and schedule state as tensors, and in metadata the step, the epoch position and the generator states,
     * plus {@code extra}.
     */
    public void saveProgress(Path file, Map<String, String> extra) {
        ProgressFile.write(file, optimizer, schedule, step, model.dropoutRandom(), order, extra);
    }

    /** Restores what {@link #saveProgress} wrote; returns the file's metadata (with the caller's extra entries). */
    public Map<String, String> restoreProgress(Path file) {
        ProgressFile progress = ProgressFile.read(file, "rnn4j translate train");
        step = progress.restore(optimizer, schedule, model.dropoutRandom(), order);
        return progress.metadata();
    }
}

package rnn4j.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import rnn4j.base.Check;
import rnn4j.data.PaddedBatch;
import rnn4j.models.SequenceClassifier;
import rnn4j.nn.Parameter;
import rnn4j.optim.Optimizer;
import rnn4j.tensor.Grad;
import rnn4j.tensor.LossOps;
import rnn4j.tensor.MathOps;
import rnn4j.tensor.Tensor;

/**
 * The training loop of a {@link SequenceClassifier}, one mini-batch per {@link #step}: forward, mean cross-entropy,
 * backward, optional global-norm clipping, optimizer step. Evaluation runs without recording and without dropout.
 */
public final class ClassifierTrainer {
    /** What one step did. */
    public record StepReport(long step, double loss, double gradNorm, double lr, int examples) {}

    /**
     * One mini-batch: padded token ids, or feature sequences {@code (B, T, F)} with optional lengths; and the gold
     * class of each row ({@code null} when predicting).
     */
    public record Batch(PaddedBatch tokens, Tensor features, int[] lengths, int[] labels) {
        /** A token batch. */
        public static Batch of(PaddedBatch tokens, int[] labels) {
            return new Batch(tokens, null, tokens.lengths(), labels);
        }

        /** A feature batch, every row {@code T} long when {@code lengths} is null. */
        public static Batch of(Tensor features, int[] lengths, int[] labels) {
            return new Batch(null, features, lengths, labels);
        }

        /** Rows in the batch. */
        public int size() {
            return tokens != null ? tokens.batch() : features.dim(0);
        }
    }

    private final SequenceClassifier model;
    private final Optimizer optimizer;
    private final List<Parameter> parameters;
    private final double clip;
    private long step;

    /** Trains {@code model} with {@code optimizer}, clipping the global gradient norm to {@code clip} (0 = off). */
    public ClassifierTrainer(SequenceClassifier model, Optimizer optimizer, double clip) {
        Check.argument(clip >= 0, "ClassifierTrainer: clip must be >= 0 (0 = off), got %s", clip);
        this.model = model;
        this.optimizer = optimizer;
        this.parameters = model.parameters();
        this.clip = clip;
    }

    /** Steps taken. */
    public long steps() {
        return step;
    }

    /** One optimisation step on {@code batch}. */
    public StepReport step(Batch batch) {
        Check.argument(batch.labels() != null, "ClassifierTrainer.step: the batch must have labels, got none");
        model.train();
        Tensor loss = LossOps.crossEntropy(logits(model, batch), batch.labels()); // mean over B
        double value = loss.item();
        if (!Double.isFinite(value)) {
            throw new IllegalStateException(String.format("ClassifierTrainer.step: the loss must stay finite, got %s "
                    + "at step %d (lr %.3g); lower --lr or set --clip (e.g. 5)", value, step + 1, optimizer.lr()));
        }
        Update update = Update.apply(loss, optimizer, parameters, clip);
        step++;
        return new StepReport(step, value, update.gradNorm(), update.lr(), batch.size());
    }

    /** The scores {@code (B, C)} of a batch, recorded when gradients are on. */
    public static Tensor logits(SequenceClassifier model, Batch batch) {
        return batch.tokens() != null
                ? model.forward(batch.tokens().ids(), batch.tokens().batch(), batch.tokens().length(),
                        batch.tokens().lengths())
                : model.forward(batch.features(), batch.lengths());
    }

    /** Class probabilities {@code (B, C)} in evaluation mode (no dropout, no graph). */
    public static Tensor probabilities(SequenceClassifier model, Batch batch) {
        boolean was = model.isTraining();
        model.eval();
        try {
            return Grad.eval(() -> MathOps.softmax(logits(model, batch), -1));
        } finally {
            model.train(was);
        }
    }

    /** The most probable class of each row. */
    public static int[] predict(SequenceClassifier model, Batch batch) {
        return MathOps.argmax(probabilities(model, batch), 1);
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
        ProgressFile progress = ProgressFile.read(file, "rnn4j classify train");
        step = progress.restore(optimizer, model.dropoutRandom(), order);
        return progress.metadata();
    }
}

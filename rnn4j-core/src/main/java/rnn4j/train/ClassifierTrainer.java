package rnn4j.train;

import rnn4j.base.Check;
import rnn4j.data.PaddedBatch;
import rnn4j.models.SequenceClassifier;
import rnn4j.optim.Optimizer;
import rnn4j.tensor.Grad;
import rnn4j.tensor.LossOps;
import rnn4j.tensor.MathOps;
import rnn4j.tensor.Tensor;

/**
 * The training loop of a {@link SequenceClassifier}, one mini-batch per {@link #step}: forward, mean cross-entropy,
 * backward, optional global-norm clipping, optimizer step. Evaluation runs without recording and without dropout.
 */
public final class ClassifierTrainer extends BatchTrainer {
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

    /** Trains {@code model} with {@code optimizer}, clipping the global gradient norm to {@code clip} (0 = off). */
    public ClassifierTrainer(SequenceClassifier model, Optimizer optimizer, double clip) {
        super("ClassifierTrainer", "rnn4j classify train", model.parameters(), model.dropoutRandom(), optimizer, clip);
        this.model = model;
    }

    /** One optimisation step on {@code batch}. */
    public StepReport step(Batch batch) {
        Check.argument(batch.labels() != null, "ClassifierTrainer.step: the batch must have labels, got none");
        model.train();
        Tensor loss = LossOps.crossEntropy(logits(model, batch), batch.labels()); // mean over B
        double value = loss.item();
        Update update = update(loss, value);
        return new StepReport(steps(), value, update.gradNorm(), update.lr(), batch.size());
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
}

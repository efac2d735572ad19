package rnn4j.train;

import rnn4j.data.TextStream;
import rnn4j.models.Lm;
import rnn4j.nn.recurrent.RecurrentState;
import rnn4j.tensor.Grad;
import rnn4j.tensor.LossOps;
import rnn4j.tensor.Tensor;

/**
 * The next-token loss of a language model over a whole text, in nats per predicted token, with the state carried
 * across segments as in training (no gradient, no dropout).
 *
 * <p>With batch 1 this is the mean over all N−1 predictions of the text whatever the segment length, since the state
 * flows through every segment boundary; with batch B it covers the B streams of {@link TextStream}.
 */
public final class LmEvaluator {
    /** Mean loss over {@code predictions} next-token predictions. */
    public record Result(double loss, long predictions) {
        /** Bits per token: the loss in base 2. */
        public double bitsPerToken() {
            return loss / Math.log(2);
        }

        /** Perplexity, {@code e^loss}. */
        public double perplexity() {
            return Math.exp(loss);
        }
    }

    private LmEvaluator() {}

    /** Evaluates {@code model} on {@code ids}, cut into {@code batch} streams of segments of {@code seq} tokens. */
    public static Result evaluate(Lm model, int[] ids, int batch, int seq) {
        TextStream stream = new TextStream(ids, batch, seq);
        return Grad.eval(() -> {
            double total = 0;
            long count = 0;
            RecurrentState state = null;
            for (int s = 0; s < stream.segmentsPerEpoch(); s++) {
                TextStream.Segment seg = stream.next();
                Lm.Output out = model.forward(seg.inputs(), seg.batch(), seg.length(), state);
                Tensor sum = LossOps.crossEntropy(out.logits(), seg.targets(), SUM);
                total += sum.item();
                count += seg.targets().length;
                state = out.state();
            }
            return new Result(total / count, count);
        });
    }

    private static final LossOps.CrossEntropyOptions SUM = new LossOps.CrossEntropyOptions(
            LossOps.CrossEntropyOptions.DEFAULT_IGNORE_INDEX, null, LossOps.Reduction.SUM);
}

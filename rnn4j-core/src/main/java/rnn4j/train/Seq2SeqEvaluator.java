package rnn4j.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import rnn4j.base.Check;
import rnn4j.data.ParallelText;
import rnn4j.data.Seq2SeqVocab;
import rnn4j.decode.BeamSearch;
import rnn4j.decode.GreedySearch;
import rnn4j.decode.Hypothesis;
import rnn4j.kernel.PackReuse;
import rnn4j.models.Seq2Seq;
import rnn4j.tensor.Grad;
import rnn4j.tensor.LossOps;

/**
 * Translates held-out examples (greedy, or beam search when {@code beam > 1}) and scores them: corpus BLEU over the
 * detokenised outputs, exact match (the whole output equals the reference) and token accuracy (reference positions
 * whose token the output has at the same position, over all reference tokens).
 */
public final class Seq2SeqEvaluator {
    /** The scores and the detokenised outputs, in example order. */
    public record Metrics(Bleu.Score bleu, double exactMatch, double tokenAccuracy, int sentences,
                          List<String> outputs) {}

    private Seq2SeqEvaluator() {}

    /**
     * The teacher-forced cross-entropy per target token ({@code <eos>} included, padding not), in nats, over all
     * {@code examples}: the validation loss.
     */
    public static double loss(Seq2Seq model, List<ParallelText.Example> examples, int batchSize) {
        Check.argument(!examples.isEmpty(), "Seq2SeqEvaluator.loss: examples must not be empty, got none");
        LossOps.CrossEntropyOptions sum = LossOps.CrossEntropyOptions.defaults().withIgnoreIndex(Seq2Seq.PAD)
                .withReduction(LossOps.Reduction.SUM);
        model.eval();
        double total = 0;
        long tokens = 0;
        for (int i = 0; i < examples.size(); i += batchSize) {
            ParallelText.Batch b = ParallelText.batch(examples.subList(i, Math.min(examples.size(), i + batchSize)));
            total += Grad.eval(() -> PackReuse.during(() -> LossOps.crossEntropy(model.forward(b.src(), b.batch(),
                    b.srcLen(), b.srcLengths(), b.tgtIn(), b.tgtLen(), 1.0, null).logits(), b.tgtOut(), sum).item()));
            for (int t : b.tgtOut()) if (t != Seq2Seq.PAD) tokens++;
        }
        model.train();
        return total / tokens;
    }

    /**
     * Evaluates {@code model} on {@code examples}.
     *
     * @param detokenize tokens of the target vocabulary → text (for BLEU)
     * @param alpha      length-penalty exponent of beam search
     * @param maxLength  the longest output
     */
    public static Metrics evaluate(Seq2Seq model, List<ParallelText.Example> examples, Seq2SeqVocab tgtVocab,
                                   Function<List<String>, String> detokenize, int batchSize, int beam, double alpha,
                                   int maxLength) {
        Check.argument(!examples.isEmpty(), "Seq2SeqEvaluator.evaluate: examples must not be empty, got none");
        Check.argument(beam >= 1, "Seq2SeqEvaluator.evaluate: beam must be >= 1, got %s", beam);
        model.eval();
        List<String> outputs = new ArrayList<>(examples.size());
        List<String> references = new ArrayList<>(examples.size());
        long exact = 0;
        long correct = 0;
        long total = 0;
        BeamSearch search = beam > 1 ? new BeamSearch(beam, alpha, maxLength) : null;
        for (int i = 0; i < examples.size(); i += batchSize) {
            List<ParallelText.Example> chunk = examples.subList(i, Math.min(examples.size(), i + batchSize));
            ParallelText.Batch b = ParallelText.batch(chunk);
            List<Hypothesis> hyps = search != null
                    ? search.decode(model, b.src(), b.batch(), b.srcLen(), b.srcLengths())
                    : GreedySearch.decode(model, b.src(), b.batch(), b.srcLen(), b.srcLengths(), maxLength);
            for (int j = 0; j < chunk.size(); j++) {
                int[] out = hyps.get(j).tokens();
                int[] ref = chunk.get(j).target();
                if (Arrays.equals(out, ref)) exact++;
                for (int p = 0; p < ref.length; p++) if (p < out.length && out[p] == ref[p]) correct++;
                total += ref.length;
                outputs.add(detokenize.apply(tgtVocab.decode(out)));
                references.add(detokenize.apply(tgtVocab.decode(ref)));
            }
        }
        model.train();
        return new Metrics(Bleu.corpus(outputs, references), (double) exact / examples.size(),
                total == 0 ? 0 : (double) correct / total, examples.size(), outputs);
    }
}

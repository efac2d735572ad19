package rnn4j.decode;

import java.util.ArrayList;
import java.util.List;
import rnn4j.base.Check;
import rnn4j.kernel.PackReuse;
import rnn4j.models.Seq2Seq;
import rnn4j.tensor.Grad;
import rnn4j.tensor.MathOps;
import rnn4j.tensor.Tensor;

/**
 * Greedy decoding of a {@link Seq2Seq} model: at each step the most probable token (the lowest id on a tie), for a
 * whole batch at once (one decoder step per output position), until every row has produced {@code <eos>} or
 * {@code maxLength} tokens. No gradient, no dropout.
 */
public final class GreedySearch {
    private GreedySearch() {}

    /** Decodes {@code src (batch, srcLen)} row-major with each row's valid length; one hypothesis per row. */
    public static List<Hypothesis> decode(Seq2Seq model, int[] src, int batch, int srcLen, int[] lengths,
                                          int maxLength) {
        Check.argument(maxLength >= 1, "GreedySearch.decode: maxLength must be >= 1, got %s", maxLength);
        return Grad.eval(() -> PackReuse.during(() -> {
            Seq2Seq.Encoded enc = model.encode(src, batch, srcLen, lengths);
            Seq2Seq.DecoderState state = enc.initial();
            int[] previous = new int[batch];
            java.util.Arrays.fill(previous, Seq2Seq.SOS);
            List<List<Integer>> tokens = new ArrayList<>();
            List<List<float[]>> attention = new ArrayList<>();
            double[] logProb = new double[batch];
            boolean[] done = new boolean[batch];
            for (int b = 0; b < batch; b++) {
                tokens.add(new ArrayList<>());
                attention.add(new ArrayList<>());
            }
            int open = batch;
            for (int t = 0; t < maxLength && open > 0; t++) {
                Seq2Seq.Step s = model.step(previous, state, enc);
                state = s.state();
                Tensor logp = MathOps.logSoftmax(model.logits(s.features()), 1); // (B, V)
                int[] next = MathOps.argmax(logp, 1);
                for (int b = 0; b < batch; b++) {
                    if (done[b]) continue;
                    logProb[b] += logp.get(b, next[b]);
                    attention.get(b).add(Beams.row(s.weights(), b, lengths == null ? srcLen : lengths[b]));
                    if (next[b] == Seq2Seq.EOS) {
                        done[b] = true;
                        open--;
                    } else {
                        tokens.get(b).add(next[b]);
                    }
                }
                previous = next;
            }
            List<Hypothesis> out = new ArrayList<>(batch);
            for (int b = 0; b < batch; b++) {
                int[] ids = tokens.get(b).stream().mapToInt(Integer::intValue).toArray();
                out.add(new Hypothesis(ids, attention.get(b).toArray(float[][]::new), logProb[b], logProb[b]));
            }
            return out;
        }));
    }
}

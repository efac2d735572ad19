package rnn4j.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import rnn4j.base.Check;
import rnn4j.kernel.PackReuse;
import rnn4j.models.Seq2Seq;
import rnn4j.tensor.Grad;
import rnn4j.tensor.MathOps;
import rnn4j.tensor.Tensor;

/**
 * Beam search over a {@link Seq2Seq} model, batched: the {@code B} sources each keep {@code K} live hypotheses, run
 * as one decoder batch of {@code B·K} rows per step.
 *
 * <p>Each step extends every live hypothesis by every token and keeps, per source, the best {@code 2K} candidates by
 * log-probability; a candidate ending in {@code <eos>} among the top {@code K} is finished, the others (not
 * {@code <eos>}) fill the {@code K} live slots. A source stops when it has {@code K} finished hypotheses (or at
 * {@code maxLength}, when its live ones count as finished).
 * Finished hypotheses are ranked by {@code log p / lp(|y|)} with Wu et al.'s (2016, GNMT) length penalty
 * {@code lp(n) = ((5 + n) / 6)^α}, where {@code n} counts the {@code <eos>}; {@code α = 0} ranks by log-probability.
 * With {@code K = 1} this is exactly greedy decoding.
 */
public final class BeamSearch {
    private final int beamSize;
    private final double alpha;
    private final int maxLength;

    /** {@code beamSize} beams, length-penalty exponent {@code alpha}, at most {@code maxLength} output tokens. */
    public BeamSearch(int beamSize, double alpha, int maxLength) {
        Check.argument(beamSize >= 1, "BeamSearch: beamSize must be >= 1, got %s", beamSize);
        Check.argument(alpha >= 0, "BeamSearch: alpha must be >= 0, got %s", alpha);
        Check.argument(maxLength >= 1, "BeamSearch: maxLength must be >= 1, got %s", maxLength);
        this.beamSize = beamSize;
        this.alpha = alpha;
        this.maxLength = maxLength;
    }

    /** Wu et al.'s length penalty {@code ((5 + n) / 6)^α}. */
    public double lengthPenalty(int n) {
        return Math.pow((5.0 + n) / 6.0, alpha);
    }

    private record Live(int[] tokens, List<float[]> attention, double logProb) {}

    private record Candidate(int source, int beam, int token, double logProb) {}

    /** The best hypothesis of each source {@code (batch, srcLen)} row-major, with each row's valid length. */
    public List<Hypothesis> decode(Seq2Seq model, int[] src, int batch, int srcLen, int[] lengths) {
        return Grad.eval(() -> PackReuse.during(() -> search(model, src, batch, srcLen, lengths)));
    }

    private List<Hypothesis> search(Seq2Seq model, int[] src, int batch, int srcLen, int[] lengths) {
        int k = beamSize;
        Seq2Seq.Encoded enc0 = model.encode(src, batch, srcLen, lengths);
        int[] expand = new int[batch * k];
        for (int i = 0; i < expand.length; i++) expand[i] = i / k;
        Seq2Seq.Encoded enc = enc0.select(expand);
        Seq2Seq.DecoderState state = enc.initial();
        List<List<Live>> live = new ArrayList<>();
        List<List<Hypothesis>> finished = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            live.add(new ArrayList<>(List.of(new Live(new int[0], List.of(), 0))));
            finished.add(new ArrayList<>());
        }
        int[] previous = new int[batch * k];
        Arrays.fill(previous, Seq2Seq.SOS);
        for (int t = 0; t < maxLength; t++) {
            Seq2Seq.Step s = model.step(previous, state, enc);
            Tensor logp = MathOps.logSoftmax(model.logits(s.features()), 1); // (B·K, V)
            int v = logp.dim(1);
            float[] lp = logp.data();
            int lo = logp.offset();
            int[] rows = new int[batch * k];
            int[] next = new int[batch * k];
            boolean anyLive = false;
            for (int b = 0; b < batch; b++) {
                List<Live> beams = live.get(b);
                List<Live> kept = new ArrayList<>(k);
                if (!beams.isEmpty()) {
                    List<Candidate> cands = best(beams, b, k, lp, lo, v);
                    int length = lengths == null ? srcLen : lengths[b];
                    for (int rank = 0; rank < cands.size(); rank++) {
                        Candidate c = cands.get(rank);
                        Live parent = beams.get(c.beam());
                        List<float[]> att = new ArrayList<>(parent.attention());
                        att.add(Beams.row(s.weights(), b * k + c.beam(), length));
                        if (c.token() == Seq2Seq.EOS) {
                            // As fairseq: an <eos> ranked below the top K does not finish a hypothesis; the 2K
                            // candidates exist only so that K live ones remain after the top-K <eos> ones leave.
                            if (rank < k) finished.get(b).add(finish(parent.tokens(), att, c.logProb(), 1));
                        } else if (kept.size() < k) {
                            int[] tok = Arrays.copyOf(parent.tokens(), parent.tokens().length + 1);
                            tok[tok.length - 1] = c.token();
                            kept.add(new Live(tok, att, c.logProb()));
                            rows[b * k + kept.size() - 1] = b * k + c.beam();
                            next[b * k + kept.size() - 1] = c.token();
                        }
                        if (finished.get(b).size() >= k) {
                            kept.clear();
                            break;
                        }
                    }
                }
                // Unused slots repeat row b·K; their hypotheses do not exist, so whatever they compute is ignored.
                for (int j = kept.size(); j < k; j++) {
                    rows[b * k + j] = b * k;
                    next[b * k + j] = Seq2Seq.PAD;
                }
                live.set(b, kept);
                anyLive |= !kept.isEmpty();
            }
            if (!anyLive) break;
            state = s.state().select(rows);
            previous = next;
        }
        List<Hypothesis> out = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            for (Live l : live.get(b)) finished.get(b).add(finish(l.tokens(), l.attention(), l.logProb(), 0));
            out.add(finished.get(b).stream().max(Comparator.comparingDouble(Hypothesis::score)).orElseThrow());
        }
        return out;
    }

    private Hypothesis finish(int[] tokens, List<float[]> attention, double logProb, int eos) {
        return new Hypothesis(tokens, attention.toArray(float[][]::new), logProb,
                logProb / lengthPenalty(tokens.length + eos));
    }

    /** The best {@code 2K} extensions of a source's live beams, best first; ties go to the lower beam, then token. */
    private static List<Candidate> best(List<Live> beams, int b, int k, float[] lp, int lo, int v) {
        int want = Math.min(2 * k, beams.size() * v);
        List<Candidate> top = new ArrayList<>(want + 1);
        Comparator<Candidate> order = Comparator.comparingDouble(Candidate::logProb).reversed();
        for (int j = 0; j < beams.size(); j++) {
            double base = beams.get(j).logProb();
            int off = lo + (b * k + j) * v;
            for (int tok = 0; tok < v; tok++) {
                double score = base + lp[off + tok];
                if (top.size() == want && score <= top.getLast().logProb()) continue;
                Candidate c = new Candidate(b, j, tok, score);
                int at = top.size();
                while (at > 0 && order.compare(top.get(at - 1), c) > 0) at--;
                top.add(at, c);
                if (top.size() > want) top.removeLast();
            }
        }
        return top;
    }
}

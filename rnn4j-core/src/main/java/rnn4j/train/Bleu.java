package rnn4j.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import rnn4j.base.Check;

/**
 * Corpus BLEU as sacreBLEU computes it by default (Papineni et al. 2002; Post 2018): both sides tokenised with
 * mteval's {@code 13a} rules, clipped n-gram matches for n = 1..4 summed over the whole corpus, no smoothing, and
 * the brevity penalty over the total lengths:
 * <pre>
 * p_n  = Σ_sentences |hyp n-grams ∩ ref n-grams| / Σ_sentences max(0, |hyp| − n + 1)
 * BP   = 1 if c ≥ r else exp(1 − r / c)        (c, r: total hypothesis and reference tokens)
 * BLEU = 100 · BP · exp(¼ Σ_n log p_n)          (0 when any p_n is 0)
 * </pre>
 * One reference per sentence.
 */
public final class Bleu {
    /** The score and its parts: precisions in percent, brevity penalty, total lengths. */
    public record Score(double bleu, double[] precisions, double brevityPenalty, long hypothesisLength,
                        long referenceLength) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "BLEU = %.2f %.1f/%.1f/%.1f/%.1f (BP = %.3f hyp_len = %d "
                    + "ref_len = %d)", bleu, precisions[0], precisions[1], precisions[2], precisions[3],
                    brevityPenalty, hypothesisLength, referenceLength);
        }
    }

    private static final int MAX_ORDER = 4;
    // mteval-v13a: split off the symbols {|}~ [\]^_` space-& (-+ :-@ / ...
    private static final Pattern SYMBOLS = Pattern.compile("([\\{-~\\[-` -&(-+:-@/])");
    // ... period and comma unless preceded by a digit ...
    private static final Pattern PERIOD_AFTER = Pattern.compile("([^0-9])([\\.,])");
    // ... unless followed by a digit ...
    private static final Pattern PERIOD_BEFORE = Pattern.compile("([\\.,])([^0-9])");
    // ... and a dash preceded by a digit.
    private static final Pattern DASH = Pattern.compile("([0-9])(-)");

    private Bleu() {}

    /** sacreBLEU's {@code 13a} tokenisation of one line. */
    public static List<String> tokenize13a(String line) {
        String s = line.replace("<skipped>", "").replace("-\n", "").replace("\n", " ");
        if (s.indexOf('&') >= 0) {
            s = s.replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
        }
        s = " " + s + " ";
        s = SYMBOLS.matcher(s).replaceAll(" $1 ");
        s = PERIOD_AFTER.matcher(s).replaceAll("$1 $2 ");
        s = PERIOD_BEFORE.matcher(s).replaceAll(" $1 $2");
        s = DASH.matcher(s).replaceAll("$1 $2 ");
        String trimmed = s.strip();
        return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("\\s+"));
    }

    /** Corpus BLEU of detokenised hypotheses against one reference each. */
    public static Score corpus(List<String> hypotheses, List<String> references) {
        Check.argument(hypotheses.size() == references.size(), "Bleu.corpus: hypotheses and references must be "
                + "equally many, got %s and %s", hypotheses.size(), references.size());
        long[] correct = new long[MAX_ORDER];
        long[] total = new long[MAX_ORDER];
        long c = 0;
        long r = 0;
        for (int i = 0; i < hypotheses.size(); i++) {
            List<String> hyp = tokenize13a(hypotheses.get(i));
            List<String> ref = tokenize13a(references.get(i));
            c += hyp.size();
            r += ref.size();
            for (int n = 1; n <= MAX_ORDER; n++) {
                Map<List<String>, Integer> refCounts = ngrams(ref, n);
                for (Map.Entry<List<String>, Integer> e : ngrams(hyp, n).entrySet()) {
                    correct[n - 1] += Math.min(e.getValue(), refCounts.getOrDefault(e.getKey(), 0));
                }
                total[n - 1] += Math.max(0, hyp.size() - n + 1);
            }
        }
        double[] precisions = new double[MAX_ORDER];
        double logSum = 0;
        boolean zero = false;
        for (int n = 0; n < MAX_ORDER; n++) {
            precisions[n] = total[n] == 0 ? 0 : 100.0 * correct[n] / total[n];
            if (correct[n] == 0) zero = true;
            else logSum += Math.log((double) correct[n] / total[n]);
        }
        double bp = c == 0 ? 0 : c >= r ? 1 : Math.exp(1 - (double) r / c);
        double bleu = zero ? 0 : 100 * bp * Math.exp(logSum / MAX_ORDER);
        return new Score(bleu, precisions, bp, c, r);
    }

    private static Map<List<String>, Integer> ngrams(List<String> tokens, int n) {
        Map<List<String>, Integer> out = new HashMap<>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            out.merge(new ArrayList<>(tokens.subList(i, i + n)), 1, Integer::sum);
        }
        return out;
    }
}

package rnn4j.decode;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import rnn4j.base.Check;

/**
 * Chooses the next token from a row of scores (logits): argmax at temperature 0, else a draw from
 * {@code softmax(logits / T)} restricted to the {@code k} best tokens (top-k; Fan et al. 2018) and to the smallest set
 * whose probability reaches {@code p} (top-p, nucleus; Holtzman et al. 2020).
 *
 * @param temperature {@code T ≥ 0}; 0 means always the most likely token
 * @param topK        keep the {@code k} most likely tokens, 0 for all
 * @param topP        keep the smallest most-likely set with total probability ≥ {@code p}, in (0, 1]; 1 for all
 */
public record Sampler(double temperature, int topK, double topP) {
    public Sampler {
        Check.argument(temperature >= 0 && Double.isFinite(temperature),
                "Sampler: temperature must be >= 0 (0 = argmax), got %s", temperature);
        Check.argument(topK >= 0, "Sampler: topK must be >= 0 (0 = all tokens), got %s", topK);
        Check.argument(topP > 0 && topP <= 1, "Sampler: topP must be in (0, 1], got %s", topP);
    }

    /** Plain sampling at temperature 1. */
    public static Sampler plain() {
        return new Sampler(1, 0, 1);
    }

    /** The id chosen from {@code logits[offset .. offset + n)}. */
    public int choose(float[] logits, int offset, int n, RandomGenerator rng) {
        if (temperature == 0) {
            return argmax(logits, offset, n);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) max = Math.max(max, logits[offset + i]);
        double[] p = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            p[i] = Math.exp((logits[offset + i] - max) / temperature);
            sum += p[i];
        }
        for (int i = 0; i < n; i++) p[i] /= sum;
        if (topK > 0 && topK < n || topP < 1) {
            truncate(p);
        }
        double u = rng.nextDouble();
        double total = 0;
        for (double v : p) total += v;
        double acc = 0;
        int last = -1;
        for (int i = 0; i < n; i++) {
            if (p[i] == 0) continue;
            acc += p[i];
            last = i;
            if (u * total < acc) return i;
        }
        return last; // rounding left u·total just above the final sum
    }

    /** Zeroes the tokens outside the top-k and the nucleus (ties at the cut-off kept in index order). */
    private void truncate(double[] p) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < p.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
        int keep = topK > 0 ? Math.min(topK, p.length) : p.length;
        double mass = 0;
        for (int r = 0; r < keep; r++) {
            mass += p[order[r]];
            if (mass >= topP) {
                keep = r + 1;
                break;
            }
        }
        for (int r = keep; r < p.length; r++) p[order[r]] = 0;
    }

    private static int argmax(float[] v, int offset, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (v[offset + i] > v[offset + best]) best = i;
        }
        return best;
    }
}

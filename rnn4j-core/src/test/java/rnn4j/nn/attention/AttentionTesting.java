package rnn4j.nn.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import rnn4j.tensor.GradCheck;
import rnn4j.tensor.Tensor;

/** Shared checks of the attention contract, run by each attention's test class. */
final class AttentionTesting {
    private AttentionTesting() {}

    /** Masked weights are exactly 0, each row sums to 1, and the context is the weighted sum of the keys. */
    static void checkWeights(Attention att, int batch, int s, int[] lengths) {
        var rng = new SplittableRandom(11);
        Tensor q = Tensor.normal(rng, 0, 1, batch, att.querySize());
        Tensor h = Tensor.normal(rng, 0, 1, batch, s, att.keySize());
        Attention.Result r = att.forward(q, h, lengths);
        assertEquals(batch, r.weights().dim(0));
        assertEquals(s, r.weights().dim(1));
        for (int b = 0; b < batch; b++) {
            double sum = 0;
            for (int i = 0; i < s; i++) {
                float a = r.weights().get(b, i);
                if (i >= lengths[b]) assertEquals(0f, a, 0f, "masked weight at row " + b + " position " + i);
                sum += a;
            }
            assertEquals(1.0, sum, 1e-5, "row " + b);
            for (int k = 0; k < att.keySize(); k++) {
                double c = 0;
                for (int i = 0; i < s; i++) c += r.weights().get(b, i) * h.get(b, i, k);
                assertEquals(c, r.context().get(b, k), 1e-5);
            }
        }
    }

    /** Finite-difference check of the context and the weights w.r.t. query, keys and every parameter. */
    static void checkGradients(Attention att, int[] lengths) {
        var rng = new SplittableRandom(12);
        int batch = lengths.length;
        int s = 4;
        Tensor q = Tensor.normal(rng, 0, 1, batch, att.querySize()).requiresGrad(true);
        Tensor h = Tensor.normal(rng, 0, 1, batch, s, att.keySize()).requiresGrad(true);
        Tensor[] inputs = new Tensor[2 + att.parameters().size()];
        inputs[0] = q;
        inputs[1] = h;
        for (int i = 0; i < att.parameters().size(); i++) inputs[2 + i] = att.parameters().get(i).value();
        GradCheck.check(in -> att.forward(in[0], in[1], lengths).context(), inputs);
        GradCheck.check(in -> att.forward(in[0], in[1], lengths).weights(), inputs);
    }

    /** Padded keys get no gradient at all: they cannot influence anything. */
    static void checkPaddedKeysGetNoGradient(Attention att) {
        var rng = new SplittableRandom(13);
        int[] lengths = {2, 3};
        Tensor q = Tensor.normal(rng, 0, 1, 2, att.querySize());
        Tensor h = Tensor.normal(rng, 0, 1, 2, 3, att.keySize()).requiresGrad(true);
        rnn4j.tensor.MathOps.sum(att.forward(q, h, lengths).context()).backward();
        for (int k = 0; k < att.keySize(); k++) assertEquals(0f, h.grad().get(0, 2, k), 0f);
    }
}

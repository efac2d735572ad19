package rnn4j.nn.attention;

import java.util.random.RandomGenerator;
import rnn4j.base.Check;
import rnn4j.nn.Linear;
import rnn4j.tensor.MathOps;
import rnn4j.tensor.ShapeOps;
import rnn4j.tensor.Tensor;

/**
 * Bahdanau's additive attention: {@code e_i = vᵀ tanh(W s + U h_i + b)}, with {@code W (A, Hq)}, {@code U (A, Hk)},
 * {@code b (A)} (the bias of {@code U}) and {@code v (1, A)}.
 *
 * <p>{@code U h} does not depend on the query, so it is computed once per source in {@link #memory}; each decoder
 * step then costs one {@code (B, Hq)·(Hq, A)} product, a tanh over {@code (B, S, A)} and the {@code v} product.
 * State dict of this PyTorch module ({@code W.weight}, {@code U.weight}, {@code U.bias}, {@code v.weight}):
 * <pre>
 * class AdditiveAttention(nn.Module):
 *     def __init__(self, query_size, key_size, attention_size):
 *         super().__init__()
 *         self.W = nn.Linear(query_size, attention_size, bias=False)
 *         self.U = nn.Linear(key_size, attention_size)
 *         self.v = nn.Linear(attention_size, 1, bias=False)
 *     def forward(self, s, h, mask):                       # s (B, Hq), h (B, S, Hk), mask (B, S) True = pad
 *         e = self.v(torch.tanh(self.W(s).unsqueeze(1) + self.U(h))).squeeze(2)   # (B, S)
 *         a = e.masked_fill(mask, float("-inf")).softmax(1)
 *         return torch.bmm(a.unsqueeze(1), h).squeeze(1), a
 * </pre>
 * Source: Bahdanau, Cho, Bengio 2015, "Neural Machine Translation by Jointly Learning to Align and Translate",
 * appendix A.1.2.
 */
public final class AdditiveAttention extends Attention {
    private final int attentionSize;
    private final Linear w;
    private final Linear u;
    private final Linear v;

    /** Attention with a hidden layer of {@code attentionSize} units, initialised as nn.Linear. */
    public AdditiveAttention(int querySize, int keySize, int attentionSize, RandomGenerator rng) {
        super(querySize, keySize);
        Check.argument(attentionSize >= 1, "AdditiveAttention: attentionSize must be >= 1, got %s", attentionSize);
        this.attentionSize = attentionSize;
        this.w = child("W", new Linear(querySize, attentionSize, false, rng));
        this.u = child("U", new Linear(keySize, attentionSize, true, rng));
        this.v = child("v", new Linear(attentionSize, 1, false, rng));
    }

    /** Hidden units {@code A}. */
    public int attentionSize() {
        return attentionSize;
    }

    @Override
    Tensor project(Tensor keys) {
        return u.forward(keys); // (B, S, A)
    }

    @Override
    Tensor score(Tensor query, Memory memory) {
        int batch = query.dim(0);
        Tensor ws = ShapeOps.reshape(w.forward(query), batch, 1, attentionSize); // (B, 1, A)
        Tensor t = MathOps.tanh(MathOps.add(memory.projected(), ws)); // (B, S, A)
        return ShapeOps.reshape(v.forward(t), batch, memory.sourceLength()); // (B, S)
    }

    @Override
    protected String extraRepr() {
        return super.extraRepr() + ", attentionSize=" + attentionSize;
    }
}

package rnn4j.nn.attention;

import java.util.random.RandomGenerator;
import rnn4j.nn.Linear;
import rnn4j.tensor.Tensor;

/**
 * Luong's general (bilinear) attention: {@code e_i = h_iᵀ W s}, with {@code W (Hk, Hq)}.
 *
 * <p>State dict of this PyTorch module ({@code W.weight}):
 * <pre>
 * class GeneralAttention(nn.Module):
 *     def __init__(self, query_size, key_size):
 *         super().__init__()
 *         self.W = nn.Linear(query_size, key_size, bias=False)
 *     def forward(self, s, h, mask):                       # s (B, Hq), h (B, S, Hk), mask (B, S) True = pad
 *         e = torch.bmm(h, self.W(s).unsqueeze(2)).squeeze(2)
 *         a = e.masked_fill(mask, float("-inf")).softmax(1)
 *         return torch.bmm(a.unsqueeze(1), h).squeeze(1), a
 * </pre>
 * Source: Luong, Pham, Manning 2015, §3.1.
 */
public final class GeneralAttention extends Attention {
    private final Linear w;

    /** Attention from {@code querySize} queries to {@code keySize} keys, {@code W} initialised as nn.Linear. */
    public GeneralAttention(int querySize, int keySize, RandomGenerator rng) {
        super(querySize, keySize);
        this.w = child("W", new Linear(querySize, keySize, false, rng));
    }

    @Override
    Tensor score(Tensor query, Memory memory) {
        return dot(memory.keys(), w.forward(query)); // W s: (B, Hk)
    }
}

package rnn4j.nn.attention;

import rnn4j.base.Check;
import rnn4j.tensor.Tensor;

/**
 * Luong's dot attention: {@code e_i = h_iᵀ s}; no parameters, so query and keys must have the same width.
 *
 * <p>Its PyTorch equivalent has an empty state dict:
 * <pre>
 * class DotAttention(nn.Module):
 *     def forward(self, s, h, mask):                       # s (B, H), h (B, S, H), mask (B, S) True = pad
 *         e = torch.bmm(h, s.unsqueeze(2)).squeeze(2)      # (B, S)
 *         a = e.masked_fill(mask, float("-inf")).softmax(1)
 *         return torch.bmm(a.unsqueeze(1), h).squeeze(1), a
 * </pre>
 * Source: Luong, Pham, Manning 2015, "Effective Approaches to Attention-based Neural Machine Translation", §3.1.
 */
public final class DotAttention extends Attention {
    /** Attention of queries and keys of equal width. */
    public DotAttention(int querySize, int keySize) {
        super(querySize, keySize);
        Check.argument(querySize == keySize, "DotAttention: querySize must equal keySize, got %s and %s; use "
                + "general or additive attention for different widths", querySize, keySize);
    }

    @Override
    Tensor score(Tensor query, Memory memory) {
        return dot(memory.keys(), query);
    }
}

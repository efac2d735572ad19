package rnn4j.nn.attention;

import java.util.Arrays;
import java.util.Locale;
import java.util.random.RandomGenerator;
import rnn4j.base.Check;
import rnn4j.nn.Module;
import rnn4j.tensor.IndexOps;
import rnn4j.tensor.LinalgOps;
import rnn4j.tensor.MathOps;
import rnn4j.tensor.ShapeOps;
import rnn4j.tensor.Tensor;

/**
 * Soft attention of a query over a memory of keys (which are also the values): scores {@code e_i = score(s, h_i)},
 * weights {@code a = softmax(e)} over the valid source positions, context {@code c = Σ_i a_i h_i}.
 *
 * <p>Shapes: query {@code s (B, Hq)}, keys {@code h (B, S, Hk)}, one valid length per row; context {@code (B, Hk)},
 * weights {@code (B, S)}. Padded positions ({@code i ≥ length}) are filled with {@code −∞} before the softmax, so
 * their weight is exactly 0 and they receive no gradient. Sources: Bahdanau et al. 2015 (additive), Luong et al.
 * 2015 (dot, general).
 *
 * <p>A decoder attends to the same memory at every step, so {@link #memory} does the per-source work (the key
 * projection of additive attention, the mask) once, and {@link #forward(Tensor, Memory)} only the per-step work.
 */
public abstract sealed class Attention extends Module permits AdditiveAttention, DotAttention, GeneralAttention {
    /** The attention kinds by option name. */
    public enum Kind {
        /** No attention: the context is the encoder's final state (Sutskever et al. 2014; Cho et al. 2014). */
        NONE,
        /** {@link AdditiveAttention}. */
        ADDITIVE,
        /** {@link DotAttention}. */
        DOT,
        /** {@link GeneralAttention}. */
        GENERAL;

        /** The lower-case name used in configs and on the command line. */
        public String optionName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind of an option name; an unknown name lists the valid ones. */
        public static Kind parse(String name) {
            for (Kind k : values()) {
                if (k.optionName().equals(name)) return k;
            }
            throw new IllegalArgumentException("Attention.Kind.parse: attention must be one of "
                    + Arrays.stream(values()).map(Kind::optionName).toList() + ", got '" + name + "'");
        }
    }

    /** The context vectors {@code (B, Hk)} and the attention weights {@code (B, S)}. */
    public record Result(Tensor context, Tensor weights) {}

    /**
     * A prepared source: the keys {@code (B, S, Hk)}, their projection (additive attention, else {@code null}), a
     * mask {@code (B, S)} with 1 at padded positions (or {@code null} when every row is full) and the lengths.
     */
    public record Memory(Tensor keys, Tensor projected, Tensor mask, int[] lengths) {
        /** The memory of the given batch rows, in that order (rows may repeat: beam search expands by them). */
        public Memory select(int[] rows) {
            int[] l = lengths == null ? null : new int[rows.length];
            if (l != null) for (int i = 0; i < rows.length; i++) l[i] = lengths[rows[i]];
            return new Memory(IndexOps.indexSelect(keys, 0, rows),
                    projected == null ? null : IndexOps.indexSelect(projected, 0, rows),
                    mask == null ? null : IndexOps.indexSelect(mask, 0, rows), l);
        }

        /** Batch rows {@code B}. */
        public int batch() {
            return keys.dim(0);
        }

        /** Source positions {@code S}. */
        public int sourceLength() {
            return keys.dim(1);
        }
    }

    private final int querySize;
    private final int keySize;

    Attention(int querySize, int keySize) {
        Check.argument(querySize >= 1 && keySize >= 1, "%s: querySize and keySize must be >= 1, got %s and %s",
                getClass().getSimpleName(), querySize, keySize);
        this.querySize = querySize;
        this.keySize = keySize;
    }

    /**
     * The attention module of a kind; {@code attentionSize} is the hidden width of additive attention (ignored by
     * the others). {@link Kind#NONE} has no module.
     */
    public static Attention of(Kind kind, int querySize, int keySize, int attentionSize, RandomGenerator rng) {
        return switch (kind) {
            case ADDITIVE -> new AdditiveAttention(querySize, keySize, attentionSize, rng);
            case DOT -> new DotAttention(querySize, keySize);
            case GENERAL -> new GeneralAttention(querySize, keySize, rng);
            case NONE -> throw new IllegalArgumentException(
                    "Attention.of: kind must be additive, dot or general, got none; build no attention module");
        };
    }

    /** Query features {@code Hq}. */
    public int querySize() {
        return querySize;
    }

    /** Key (and value) features {@code Hk}. */
    public int keySize() {
        return keySize;
    }

    /**
     * Prepares {@code keys (B, S, Hk)} with each row's valid length ({@code null}: all {@code S} valid).
     *
     * @throws IllegalArgumentException when a length is outside {@code [1, S]}
     */
    public final Memory memory(Tensor keys, int[] lengths) {
        String op = getClass().getSimpleName() + ".memory";
        Check.argument(keys.rank() == 3 && keys.dim(2) == keySize, "%s: keys must be (B, S, %s), got %s", op,
                keySize, keys.shape());
        int batch = keys.dim(0);
        int s = keys.dim(1);
        Tensor mask = null;
        if (lengths != null) {
            Check.argument(lengths.length == batch, "%s: lengths must hold one length per batch row (%s), got %s", op,
                    batch, lengths.length);
            float[] m = new float[batch * s];
            boolean any = false;
            for (int b = 0; b < batch; b++) {
                Check.argument(lengths[b] >= 1 && lengths[b] <= s,
                        "%s: lengths must be in [1, %s], got %s at row %s", op, s, lengths[b], b);
                for (int i = lengths[b]; i < s; i++) {
                    m[b * s + i] = 1f;
                    any = true;
                }
            }
            mask = any ? Tensor.of(m, batch, s) : null;
        }
        return new Memory(keys, project(keys), mask, lengths == null ? null : lengths.clone());
    }

    /** Attends with {@code query (B, Hq)} over a prepared memory. */
    public final Result forward(Tensor query, Memory memory) {
        String op = getClass().getSimpleName() + ".forward";
        Check.argument(query.rank() == 2 && query.dim(0) == memory.batch() && query.dim(1) == querySize,
                "%s: query must be (B, Hq) = [%s, %s], got %s", op, memory.batch(), querySize, query.shape());
        int batch = memory.batch();
        int s = memory.sourceLength();
        Tensor e = score(query, memory); // (B, S)
        if (memory.mask() != null) {
            // −∞ rather than a large negative number: exp(−∞) is exactly 0, so padding gets exactly zero weight
            e = MathOps.maskedFill(e, memory.mask(), Float.NEGATIVE_INFINITY);
        }
        Tensor a = MathOps.softmax(e, 1); // (B, S)
        Tensor c = LinalgOps.matmul(ShapeOps.reshape(a, batch, 1, s), memory.keys()); // (B, 1, Hk)
        return new Result(ShapeOps.reshape(c, batch, keySize), a);
    }

    /** One-shot attention: {@link #memory} then {@link #forward(Tensor, Memory)}. */
    public final Result forward(Tensor query, Tensor keys, int[] lengths) {
        return forward(query, memory(keys, lengths));
    }

    /** The per-source precomputation stored in {@link Memory#projected()}, or {@code null}. */
    Tensor project(Tensor keys) {
        return null;
    }

    /** The unnormalised scores {@code (B, S)}. */
    abstract Tensor score(Tensor query, Memory memory);

    /** {@code keys (B, S, Hk)} · {@code q (B, Hk)} → {@code (B, S)}: one batched GEMM. */
    static Tensor dot(Tensor keys, Tensor q) {
        int batch = keys.dim(0);
        Tensor e = LinalgOps.matmul(keys, ShapeOps.reshape(q, batch, q.dim(1), 1)); // (B, S, 1)
        return ShapeOps.reshape(e, batch, keys.dim(1));
    }

    @Override
    protected String extraRepr() {
        return "querySize=" + querySize + ", keySize=" + keySize;
    }
}

package rnn4j.models;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import rnn4j.base.Check;
import rnn4j.base.SplitMix;
import rnn4j.data.Seq2SeqVocab;
import rnn4j.nn.Embedding;
import rnn4j.nn.Linear;
import rnn4j.nn.Module;
import rnn4j.nn.Parameter;
import rnn4j.nn.attention.Attention;
import rnn4j.nn.recurrent.CellType;
import rnn4j.nn.recurrent.GruCell;
import rnn4j.nn.recurrent.LstmCell;
import rnn4j.nn.recurrent.RecurrentConfig;
import rnn4j.nn.recurrent.RecurrentLayer;
import rnn4j.nn.recurrent.RecurrentState;
import rnn4j.nn.recurrent.StepCell;
import rnn4j.tensor.IndexOps;
import rnn4j.tensor.LinalgOps;
import rnn4j.tensor.MathOps;
import rnn4j.tensor.ShapeOps;
import rnn4j.tensor.Tensor;

/**
 * An encoder–decoder for translation, with or without attention (Sutskever et al. 2014; Cho et al. 2014; Bahdanau et
 * al. 2015; Luong et al. 2015).
 *
 * <p>The encoder reads the source with a (bidirectional) GRU/LSTM stack; its final states pass through a bridge
 * ({@code tanh(Linear)} over the concatenated directions, only when bidirectional) to start a stack of decoder cells.
 * At step t the decoder reads {@code [embed(y_{t−1}); c_{t−1}]} (input feeding, Luong et al. §3.3; {@code c_0 = 0}
 * with attention), updates its state to {@code s_t}, attends with the top state over all encoder outputs to get
 * {@code c_t} (without attention {@code c_t} is the encoder's final top-layer state at every step), and scores the
 * next token from {@code [s_t; c_t]}.
 *
 * <p>Its state dict is exactly that of this PyTorch module ({@code Cell} = {@code nn.GRUCell} or {@code nn.LSTMCell},
 * {@code Attention} = one of the modules of {@code rnn4j.nn.attention}, D = 2 when bidirectional, C = D·H):
 * <pre>
 * class Seq2Seq(nn.Module):
 *     def __init__(self, src_vocab, tgt_vocab, E, H, L, cell, bidirectional, attention, A, dropout, tie):
 *         super().__init__()
 *         D = 2 if bidirectional else 1; C = D * H
 *         self.src_embed = nn.Embedding(src_vocab, E, padding_idx=0)
 *         rnn = {"gru": nn.GRU, "lstm": nn.LSTM}[cell]
 *         self.encoder = rnn(E, H, L, batch_first=True, dropout=dropout, bidirectional=bidirectional)
 *         if bidirectional:
 *             self.bridge = nn.Linear(2 * H, H)
 *             if cell == "lstm": self.bridge_c = nn.Linear(2 * H, H)
 *         self.tgt_embed = nn.Embedding(tgt_vocab, E, padding_idx=0)
 *         Cell = {"gru": nn.GRUCell, "lstm": nn.LSTMCell}[cell]
 *         self.decoder = nn.ModuleList([Cell(E + C if k == 0 else H, H) for k in range(L)])
 *         if attention == "additive": self.attention = AdditiveAttention(H, C, A)
 *         if attention == "dot":      self.attention = DotAttention()
 *         if attention == "general":  self.attention = GeneralAttention(H, C)
 *         if tie:
 *             self.combine = nn.Linear(H + C, E)        # Luong's attentional vector tanh(W_c [s; c])
 *             self.head = nn.Linear(E, tgt_vocab)
 *             self.head.weight = self.tgt_embed.weight
 *         else:
 *             self.head = nn.Linear(H + C, tgt_vocab)
 * </pre>
 * Dropout {@code p} acts on both embeddings, between stacked layers and on {@code [s_t; c_t]} before the head.
 * Token ids 0–3 are {@code <pad>}, {@code <sos>}, {@code <eos>}, {@code <unk>} in both vocabularies.
 *
 * <p>Shapes: source ids {@code (B, S)} with lengths, target inputs {@code (B, T)}, logits {@code (B, T, V)}.
 */
public final class Seq2Seq extends Module {
    /** The model kind in checkpoint metadata. */
    public static final String KIND = "seq2seq";
    /** Padding id (no loss, zero embedding). */
    public static final int PAD = Seq2SeqVocab.PAD;
    /** Start-of-sequence id, the decoder's first input. */
    public static final int SOS = Seq2SeqVocab.SOS;
    /** End-of-sequence id, where decoding stops. */
    public static final int EOS = Seq2SeqVocab.EOS;
    /** Unknown-token id. */
    public static final int UNK = Seq2SeqVocab.UNK;

    /**
     * The architecture, stored as the checkpoint's {@code config}.
     *
     * @param srcVocabSize  source tokens
     * @param tgtVocabSize  target tokens {@code V}
     * @param embedSize     embedding width {@code E}
     * @param hiddenSize    encoder and decoder state width {@code H}
     * @param numLayers     stacked layers of encoder and decoder {@code L}
     * @param cell          {@code gru} or {@code lstm}
     * @param bidirectional a bidirectional encoder
     * @param attention     {@code none}, {@code additive}, {@code dot} or {@code general}
     * @param attentionSize hidden units of additive attention {@code A}
     * @param dropout       dropout probability while training
     * @param tieWeights    share the target embedding with the output layer (through a {@code combine} layer)
     */
    public record Config(int srcVocabSize, int tgtVocabSize, int embedSize, int hiddenSize, int numLayers,
                         String cell, boolean bidirectional, String attention, int attentionSize, float dropout,
                         boolean tieWeights) {
        public Config {
            Check.argument(srcVocabSize > UNK && tgtVocabSize > UNK,
                    "Seq2Seq.Config: vocabulary sizes must be > 4 (the four special tokens), got %s and %s",
                    srcVocabSize, tgtVocabSize);
            Check.argument(embedSize >= 1, "Seq2Seq.Config: embedSize must be >= 1, got %s", embedSize);
            Check.argument(hiddenSize >= 1, "Seq2Seq.Config: hiddenSize must be >= 1, got %s", hiddenSize);
            Check.argument(numLayers >= 1, "Seq2Seq.Config: numLayers must be >= 1, got %s", numLayers);
            Check.argument(attentionSize >= 1, "Seq2Seq.Config: attentionSize must be >= 1, got %s", attentionSize);
            Check.argument(dropout >= 0 && dropout < 1, "Seq2Seq.Config: dropout must be in [0, 1), got %s", dropout);
            CellType c = CellType.parse(cell);
            Check.argument(c == CellType.GRU || c == CellType.LSTM, "Seq2Seq.Config: cell must be gru or lstm, got "
                    + "'%s'", cell);
            Attention.Kind kind = Attention.Kind.parse(attention);
            Check.argument(kind != Attention.Kind.DOT || !bidirectional, "Seq2Seq.Config: dot attention must have "
                    + "a unidirectional encoder (query width H, key width 2H), got bidirectional; use general or "
                    + "additive attention");
        }

        /** The cell type. */
        public CellType cellType() {
            return CellType.parse(cell);
        }

        /** The attention kind. */
        public Attention.Kind attentionKind() {
            return Attention.Kind.parse(attention);
        }

        /** Width of the context vector {@code C = D·H}. */
        public int contextSize() {
            return (bidirectional ? 2 : 1) * hiddenSize;
        }
    }

    /**
     * The decoder's state between steps: each layer's state ({@code h, c (B, H)}) and the last context
     * {@code (B, C)}.
     */
    public record DecoderState(List<RecurrentState> layers, Tensor context) {
        /** The state of the given batch rows, in that order (beam search reorders by them). */
        public DecoderState select(int[] rows) {
            List<RecurrentState> out = new ArrayList<>(layers.size());
            for (RecurrentState s : layers) {
                out.add(new RecurrentState(IndexOps.indexSelect(s.h(), 0, rows),
                        s.c() == null ? null : IndexOps.indexSelect(s.c(), 0, rows)));
            }
            return new DecoderState(out, IndexOps.indexSelect(context, 0, rows));
        }
    }

    /**
     * An encoded source: the attention memory over the encoder outputs {@code (B, S, C)}, the fixed context of
     * attention-free models {@code (B, C)} (else {@code null}), and the decoder's initial state.
     */
    public record Encoded(Attention.Memory memory, Tensor fixedContext, DecoderState initial) {
        /** The encoding of the given batch rows, in that order (rows may repeat). */
        public Encoded select(int[] rows) {
            return new Encoded(memory.select(rows),
                    fixedContext == null ? null : IndexOps.indexSelect(fixedContext, 0, rows), initial.select(rows));
        }
    }

    /**
     * One decoder step: the features {@code [s_t; c_t] (B, H + C)} that {@link #logits} scores, the attention weights
     * {@code (B, S)} (or {@code null} without attention), and the next state.
     */
    public record Step(Tensor features, Tensor weights, DecoderState state) {}

    /** Scores for every target position and, with attention, the weights of every step {@code (B, T, S)}. */
    public record Output(Tensor logits, Tensor weights) {}

    private final Config config;
    private final SplitMix dropoutRng;
    private final Embedding srcEmbed;
    private final RecurrentLayer encoder;
    private final Linear bridge;
    private final Linear bridgeC;
    private final Embedding tgtEmbed;
    private final List<StepCell> decoder;
    private final Attention attention;
    private final Linear combine;
    private final Module head;

    /** A model with PyTorch's default initialisation from {@code rng}; dropout masks from a stream seeded by it. */
    public Seq2Seq(Config config, RandomGenerator rng) {
        Check.argument(config != null && rng != null, "Seq2Seq: config and rng must not be null");
        this.config = config;
        this.dropoutRng = new SplitMix(rng.nextLong());
        int e = config.embedSize();
        int h = config.hiddenSize();
        int c = config.contextSize();
        this.srcEmbed = child("src_embed", new Embedding(config.srcVocabSize(), e, PAD, rng));
        RecurrentConfig rc = new RecurrentConfig(e, h, config.numLayers(), true, true, config.dropout(),
                config.bidirectional(), false);
        this.encoder = child("encoder", RecurrentLayer.of(config.cellType(), rc, rng, dropoutRng));
        boolean lstm = config.cellType() == CellType.LSTM;
        this.bridge = config.bidirectional() ? child("bridge", new Linear(c, h, rng)) : null;
        this.bridgeC = config.bidirectional() && lstm ? child("bridge_c", new Linear(c, h, rng)) : null;
        this.tgtEmbed = child("tgt_embed", new Embedding(config.tgtVocabSize(), e, PAD, rng));
        CellList cells = child("decoder", new CellList());
        for (int k = 0; k < config.numLayers(); k++) {
            int in = k == 0 ? e + c : h;
            cells.add(lstm ? new LstmCell(in, h, rng) : new GruCell(in, h, rng));
        }
        this.decoder = cells.cells;
        Attention.Kind kind = config.attentionKind();
        this.attention = kind == Attention.Kind.NONE ? null
                : child("attention", Attention.of(kind, h, c, config.attentionSize(), rng));
        if (config.tieWeights()) {
            this.combine = child("combine", new Linear(h + c, e, rng));
            this.head = child("head", new TiedHead(tgtEmbed, rng));
        } else {
            this.combine = null;
            this.head = child("head", new Linear(h + c, config.tgtVocabSize(), rng));
        }
    }

    /** The architecture. */
    public Config config() {
        return config;
    }

    /** The generator of all dropout masks of this model; save and restore its state to resume exactly. */
    public SplitMix dropoutRandom() {
        return dropoutRng;
    }

    /**
     * Encodes {@code src (batch, srcLen)} row-major with each row's valid length ({@code null}: all full).
     */
    public Encoded encode(int[] src, int batch, int srcLen, int[] lengths) {
        Check.argument(src.length == batch * srcLen, "Seq2Seq.encode: src must hold batch·srcLen = %s·%s ids, got %s",
                batch, srcLen, src.length);
        Tensor x = dropout(srcEmbed.forward(src, batch, srcLen)); // (B, S, E)
        RecurrentLayer.Output r = encoder.forward(x, null, lengths);
        Tensor keys = r.output(); // (B, S, C)
        int d = config.bidirectional() ? 2 : 1;
        List<RecurrentState> init = new ArrayList<>(config.numLayers());
        Tensor top = null;
        for (int k = 0; k < config.numLayers(); k++) {
            Tensor hk = directions(r.state().h(), k, d); // (B, D·H)
            Tensor ck = r.state().c() == null ? null : directions(r.state().c(), k, d);
            top = hk;
            if (bridge != null) {
                hk = MathOps.tanh(bridge.forward(hk)); // (B, H)
                ck = ck == null ? null : MathOps.tanh(bridgeC.forward(ck));
            }
            init.add(new RecurrentState(hk, ck));
        }
        Attention.Memory memory = attention != null ? attention.memory(keys, lengths)
                : new Attention.Memory(keys, null, null, lengths == null ? null : lengths.clone());
        Tensor fixed = attention == null ? top : null;
        Tensor context0 = attention == null ? top : Tensor.zeros(batch, config.contextSize());
        return new Encoded(memory, fixed, new DecoderState(init, context0));
    }

    /** Layer k's final states of every direction, concatenated: {@code (B, D·H)}. */
    private static Tensor directions(Tensor states, int k, int d) {
        if (d == 1) return ShapeOps.select(states, 0, k);
        return ShapeOps.concat(1, ShapeOps.select(states, 0, 2 * k), ShapeOps.select(states, 0, 2 * k + 1));
    }

    /** One decoder step for the whole batch from the previous tokens {@code (B)}. */
    public Step step(int[] previous, DecoderState state, Encoded encoded) {
        int batch = previous.length;
        Tensor x = ShapeOps.concat(1, dropout(tgtEmbed.forward(previous, batch)), state.context()); // (B, E + C)
        List<RecurrentState> next = new ArrayList<>(decoder.size());
        for (int k = 0; k < decoder.size(); k++) {
            if (k > 0) x = dropout(x);
            RecurrentState s = decoder.get(k).step(x, state.layers().get(k));
            next.add(s);
            x = s.h(); // (B, H)
        }
        Tensor context;
        Tensor weights = null;
        if (attention != null) {
            Attention.Result a = attention.forward(x, encoded.memory());
            context = a.context(); // (B, C)
            weights = a.weights(); // (B, S)
        } else {
            context = encoded.fixedContext();
        }
        return new Step(ShapeOps.concat(1, x, context), weights, new DecoderState(next, context));
    }

    /** Next-token scores from step features {@code (..., H + C)} → {@code (..., V)}. */
    public Tensor logits(Tensor features) {
        Tensor f = dropout(features);
        if (combine != null) {
            return ((TiedHead) head).forward(MathOps.tanh(combine.forward(f)));
        }
        return ((Linear) head).forward(f);
    }

    /**
     * Scores every target position given the decoder inputs {@code tgtIn (batch, tgtLen)} (starting with
     * {@code <sos>}). With probability {@code 1 − teacherForcing} per step (one draw for the whole batch, from
     * {@code rng}) the decoder reads its own previous argmax instead of the true token.
     */
    public Output forward(int[] src, int batch, int srcLen, int[] srcLengths, int[] tgtIn, int tgtLen,
                          double teacherForcing, RandomGenerator rng) {
        Check.argument(tgtIn.length == batch * tgtLen, "Seq2Seq.forward: tgtIn must hold batch·tgtLen = %s·%s ids, "
                + "got %s", batch, tgtLen, tgtIn.length);
        Check.argument(teacherForcing >= 0 && teacherForcing <= 1, "Seq2Seq.forward: teacherForcing must be in "
                + "[0, 1], got %s", teacherForcing);
        Check.argument(teacherForcing >= 1 || rng != null, "Seq2Seq.forward: rng must not be null when "
                + "teacherForcing < 1, got null");
        Encoded enc = encode(src, batch, srcLen, srcLengths);
        DecoderState state = enc.initial();
        Tensor[] features = new Tensor[tgtLen];
        Tensor[] logits = teacherForcing < 1 ? new Tensor[tgtLen] : null;
        Tensor[] weights = attention != null ? new Tensor[tgtLen] : null;
        int[] previous = new int[batch];
        for (int t = 0; t < tgtLen; t++) {
            boolean forced = t == 0 || teacherForcing >= 1 || rng.nextDouble() < teacherForcing;
            if (forced) {
                for (int b = 0; b < batch; b++) previous[b] = tgtIn[b * tgtLen + t];
            } else {
                previous = MathOps.argmax(logits[t - 1], 1);
            }
            Step s = step(previous.clone(), state, enc);
            state = s.state();
            features[t] = s.features();
            if (weights != null) weights[t] = s.weights();
            if (logits != null) logits[t] = logits(s.features());
        }
        // With full teacher forcing the output layer runs once over all steps: one (B·T, H + C) GEMM.
        Tensor out = logits == null ? logits(ShapeOps.stack(1, features)) : ShapeOps.stack(1, logits); // (B, T, V)
        return new Output(out, weights == null ? null : ShapeOps.stack(1, weights));
    }

    private Tensor dropout(Tensor x) {
        return config.dropout() > 0 && isTraining() ? MathOps.dropout(x, config.dropout(), dropoutRng) : x;
    }

    /** PyTorch's {@code nn.ModuleList} of decoder cells: keys {@code decoder.0.weight_ih}, ... */
    private static final class CellList extends Module {
        final List<StepCell> cells = new ArrayList<>();

        void add(StepCell cell) {
            child(Integer.toString(cells.size()), cell);
            cells.add(cell);
        }
    }

    /** An output layer whose weight is the target embedding's ({@code head.weight = tgt_embed.weight}). */
    private static final class TiedHead extends Module {
        private final Parameter weight;
        private final Parameter bias;

        TiedHead(Embedding embed, RandomGenerator rng) {
            this.weight = parameter("weight", embed.weight());
            double bound = 1 / Math.sqrt(embed.embeddingDim()); // nn.Linear's bias init for in = E
            this.bias = parameter("bias", Tensor.uniform(rng, (float) -bound, (float) bound, embed.numEmbeddings()));
        }

        Tensor forward(Tensor x) {
            return LinalgOps.linear(x, weight.value(), bias.value());
        }
    }
}

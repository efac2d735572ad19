package rnn4j.models;

import java.util.random.RandomGenerator;
import rnn4j.base.Check;
import rnn4j.base.SplitMix;
import rnn4j.data.Tokens;
import rnn4j.nn.Embedding;
import rnn4j.nn.Linear;
import rnn4j.nn.Module;
import rnn4j.nn.recurrent.CellType;
import rnn4j.nn.recurrent.RecurrentConfig;
import rnn4j.nn.recurrent.RecurrentLayer;
import rnn4j.nn.recurrent.RecurrentState;
import rnn4j.tensor.Grad;
import rnn4j.tensor.IndexOps;
import rnn4j.tensor.MathOps;
import rnn4j.tensor.Tensor;

/**
 * A recurrent language model over characters or words: embedding, a stack of RNN/LSTM/GRU layers, and a linear head
 * that scores the next token (Karpathy's char-rnn; Zaremba et al. 2014 for words).
 *
 * <p>Its state dict is exactly that of this PyTorch module, so checkpoints move both ways:
 * <pre>
 * class Lm(nn.Module):
 *     def __init__(self, vocab_size, embed_size, hidden_size, num_layers, cell="lstm", dropout=0.0):
 *         super().__init__()
 *         self.embed = nn.Embedding(vocab_size, embed_size)
 *         rnn = {"lstm": nn.LSTM, "gru": nn.GRU, "rnn_tanh": nn.RNN, "rnn_relu": nn.RNN}[cell]
 *         extra = {"nonlinearity": cell[4:]} if cell.startswith("rnn_") else {}
 *         self.rnn = rnn(embed_size, hidden_size, num_layers, batch_first=True, dropout=dropout, **extra)
 *         self.head = nn.Linear(hidden_size, vocab_size)
 * </pre>
 * While training, dropout {@code p} also acts on the embeddings and on the last layer's outputs, as in PyTorch's
 * word_language_model example and Zaremba et al. (dropout on every non-recurrent connection); it has no parameters,
 * so the state dict is unchanged.
 *
 * <p>Shapes: ids {@code (B, T)} → logits {@code (B, T, V)}; state {@code (L, B, H)}.
 */
public final class Lm extends Module {
    /** The model kind in checkpoint metadata. */
    public static final String KIND = "lm";

    /**
     * The architecture, stored as the checkpoint's {@code config}.
     *
     * @param vocabSize  tokens in the vocabulary {@code V}
     * @param embedSize  embedding width
     * @param hiddenSize recurrent state width {@code H}
     * @param numLayers  stacked recurrent layers
     * @param cell       {@code lstm}, {@code gru}, {@code rnn_tanh} or {@code rnn_relu}
     * @param dropout    dropout probability while training
     * @param tokens     {@code chars} or {@code words}
     */
    public record Config(int vocabSize, int embedSize, int hiddenSize, int numLayers, String cell, float dropout,
                         String tokens) {
        public Config {
            Check.argument(vocabSize >= 1, "Lm.Config: vocabSize must be >= 1, got %s", vocabSize);
            Check.argument(embedSize >= 1, "Lm.Config: embedSize must be >= 1, got %s", embedSize);
            Check.argument(hiddenSize >= 1, "Lm.Config: hiddenSize must be >= 1, got %s", hiddenSize);
            Check.argument(numLayers >= 1, "Lm.Config: numLayers must be >= 1, got %s", numLayers);
            Check.argument(dropout >= 0 && dropout < 1, "Lm.Config: dropout must be in [0, 1), got %s", dropout);
            CellType.parse(cell);
            Check.argument(tokens.equals("chars") || tokens.equals("words"),
                    "Lm.Config: tokens must be chars or words, got '%s'", tokens);
        }

        /** The cell type. */
        public CellType cellType() {
            return CellType.parse(cell);
        }

        /** The tokenisation. */
        public Tokens tokenization() {
            return Tokens.valueOf(tokens.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** Next-token scores for every position and the recurrent state after the last one. */
    public record Output(Tensor logits, RecurrentState state) {}

    private final Config config;
    private final Embedding embed;
    private final RecurrentLayer rnn;
    private final Linear head;
    private final SplitMix dropoutRng;

    /**
     * A model with PyTorch's default initialisation drawn from {@code rng}; dropout masks come from a stream seeded
     * from it whose state {@link #dropoutRandom()} exposes for exact resume.
     */
    public Lm(Config config, RandomGenerator rng) {
        this.config = config;
        this.dropoutRng = new SplitMix(rng.nextLong());
        this.embed = child("embed", new Embedding(config.vocabSize(), config.embedSize(), rng));
        RecurrentConfig rc = new RecurrentConfig(config.embedSize(), config.hiddenSize(), config.numLayers(), true,
                true, config.dropout(), false, false);
        this.rnn = child("rnn", RecurrentLayer.of(config.cellType(), rc, rng, dropoutRng));
        this.head = child("head", new Linear(config.hiddenSize(), config.vocabSize(), true, rng));
    }

    /** The generator of all dropout masks of this model; save and restore its state to resume exactly. */
    public SplitMix dropoutRandom() {
        return dropoutRng;
    }

    /** The architecture. */
    public Config config() {
        return config;
    }

    /**
     * Scores the next token at every position of {@code ids} {@code (batch, length)}, row-major, starting from
     * {@code state} (or zeros when {@code null}).
     */
    public Output forward(int[] ids, int batch, int length, RecurrentState state) {
        Check.argument(ids.length == batch * length, "Lm.forward: ids must hold batch·length = %s·%s values, got %s",
                batch, length, ids.length);
        RecurrentLayer.Output r; // (B, T, H)
        if (foldsEmbedding(ids.length)) {
            Tensor table = rnn.projectInputs(embed.weight().value()); // (V, G·H)
            int[] timeMajor = new int[ids.length];
            for (int b = 0; b < batch; b++) {
                for (int t = 0; t < length; t++) timeMajor[t * batch + b] = ids[b * length + t];
            }
            r = rnn.forwardProjected(IndexOps.embedding(table, timeMajor, length, batch), state, null);
        } else {
            r = rnn.forward(dropout(embed.forward(ids, batch, length)), state, null); // from (B, T, E)
        }
        Tensor logits = head.forward(dropout(r.output())); // (B, T, V)
        return new Output(logits, r.state());
    }

    /**
     * A batch-1 runner of this model one token at a time from {@code state} (zeros when null), for generation; see
     * {@link LmStepper}.
     */
    public LmStepper stepper(RecurrentState state) {
        return stepper(state, LmStepper.FOLD_BUDGET);
    }

    /** As {@link #stepper(RecurrentState)}, folding the embedding only within {@code foldBudget} floats. */
    LmStepper stepper(RecurrentState state, long foldBudget) {
        return new LmStepper(embed, rnn, head, state, foldBudget);
    }

    private Tensor dropout(Tensor x) {
        return dropsOut() ? MathOps.dropout(x, config.dropout(), dropoutRng) : x;
    }

    private boolean dropsOut() {
        return config.dropout() > 0 && isTraining() && Grad.isTraining();
    }

    /**
     * Whether to project the whole embedding table through the first layer's {@code W_ih} (V rows) instead of the
     * embedded tokens (B·T rows), then pick each token's row: the same forward bits with less work when the
     * vocabulary is small against the tokens of a call (a character model: 65 rows for 6,400 tokens saves a quarter
     * of a two-layer LSTM's products, forward and backward). Not while dropout acts on the embeddings, which makes
     * each token's input its own. The weight gradients are then summed per vocabulary entry first, a different
     * order of the same sums.
     */
    private boolean foldsEmbedding(int tokens) {
        return !dropsOut() && 2L * config.vocabSize() <= tokens;
    }
}

package rnn4j.models;

import java.util.Arrays;
import java.util.Locale;
import java.util.random.RandomGenerator;
import rnn4j.base.Check;
import rnn4j.base.SplitMix;
import rnn4j.nn.Embedding;
import rnn4j.nn.Linear;
import rnn4j.nn.Module;
import rnn4j.nn.recurrent.CellType;
import rnn4j.nn.recurrent.RecurrentConfig;
import rnn4j.nn.recurrent.RecurrentLayer;
import rnn4j.tensor.MathOps;
import rnn4j.tensor.Tensor;

/**
 * A many-to-one sequence classifier: token embedding (or a dense projection of feature vectors), a stacked, optionally
 * bidirectional RNN/LSTM/GRU over padded sequences with per-row lengths, pooling over the valid steps only, dropout,
 * and a linear head that scores the classes (Graves 2012 ch. 7; Tang et al. 2015 for sentiment).
 *
 * <p>Its state dict is exactly that of this PyTorch module:
 * <pre>
 * class SequenceClassifier(nn.Module):
 *     def __init__(self, vocab_size, input_size, embed_size, hidden_size, num_layers, num_classes,
 *                  cell="lstm", bidirectional=False, dropout=0.0):
 *         super().__init__()
 *         if vocab_size > 0:                       # token ids; id 0 is &lt;pad&gt;
 *             self.embed = nn.Embedding(vocab_size, embed_size, padding_idx=0)
 *         elif embed_size > 0:                     # feature vectors, projected
 *             self.proj = nn.Linear(input_size, embed_size)
 *         rnn = {"lstm": nn.LSTM, "gru": nn.GRU, "rnn_tanh": nn.RNN, "rnn_relu": nn.RNN}[cell]
 *         extra = {"nonlinearity": cell[4:]} if cell.startswith("rnn_") else {}
 *         width = embed_size if (vocab_size > 0 or embed_size > 0) else input_size
 *         self.rnn = rnn(width, hidden_size, num_layers, batch_first=True, dropout=dropout,
 *                        bidirectional=bidirectional, **extra)
 *         self.head = nn.Linear(hidden_size * (2 if bidirectional else 1), num_classes)
 * </pre>
 * Pooling (no parameters): {@code last} takes the final states {@code h_n} of the last layer (for a bidirectional
 * layer, the forward direction at each row's last valid step concatenated with the reverse direction at step 0, as
 * {@code torch.cat([h_n[-2], h_n[-1]], 1)} with packed sequences); {@code mean} averages the outputs over the valid
 * steps; {@code max} takes each feature's maximum over the valid steps. Dropout {@code p} acts on the pooled vector
 * (and between recurrent layers) while training.
 *
 * <p>Shapes: ids {@code (B, T)} or features {@code (B, T, F)} with {@code lengths (B)} → logits {@code (B, C)}.
 */
public final class SequenceClassifier extends Module {
    /** The model kind in checkpoint metadata. */
    public static final String KIND = "classifier";

    /** How the per-step outputs become one vector per sequence. */
    public enum Pooling {
        LAST, MEAN, MAX;

        /** The name used in configs and on the command line. */
        public String optionName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The pooling of a config or option name; an unknown name lists the valid ones. */
        public static Pooling parse(String name) {
            for (Pooling p : values()) {
                if (p.optionName().equals(name)) return p;
            }
            throw new IllegalArgumentException("SequenceClassifier.Pooling.parse: pooling must be one of [last, mean, "
                    + "max], got '" + name + "'");
        }
    }

    /**
     * The architecture, stored as the checkpoint's {@code config}.
     *
     * @param vocabSize     tokens in the vocabulary (id 0 = padding), or 0 for feature-vector input
     * @param inputSize     features per step for feature-vector input (0 for tokens)
     * @param embedSize     embedding / projection width; 0 with feature input feeds the features straight in
     * @param hiddenSize    recurrent state width {@code H}
     * @param numLayers     stacked recurrent layers
     * @param numClasses    classes {@code C}
     * @param cell          {@code lstm}, {@code gru}, {@code rnn_tanh} or {@code rnn_relu}
     * @param bidirectional a reverse direction per layer
     * @param dropout       dropout probability while training
     * @param pooling       {@code last}, {@code mean} or {@code max}
     */
    public record Config(int vocabSize, int inputSize, int embedSize, int hiddenSize, int numLayers, int numClasses,
                         String cell, boolean bidirectional, float dropout, String pooling) {
        public Config {
            Check.argument(vocabSize >= 0 && inputSize >= 0 && (vocabSize > 0) != (inputSize > 0),
                    "SequenceClassifier.Config: exactly one of vocabSize (tokens) and inputSize (features) must be "
                            + "> 0, got %s and %s", vocabSize, inputSize);
            Check.argument(embedSize >= 1 || (vocabSize == 0 && embedSize == 0),
                    "SequenceClassifier.Config: embedSize must be >= 1 (0 only for feature input), got %s", embedSize);
            Check.argument(hiddenSize >= 1, "SequenceClassifier.Config: hiddenSize must be >= 1, got %s", hiddenSize);
            Check.argument(numLayers >= 1, "SequenceClassifier.Config: numLayers must be >= 1, got %s", numLayers);
            Check.argument(numClasses >= 2, "SequenceClassifier.Config: numClasses must be >= 2, got %s", numClasses);
            Check.argument(dropout >= 0 && dropout < 1, "SequenceClassifier.Config: dropout must be in [0, 1), got %s",
                    dropout);
            CellType.parse(cell);
            Pooling.parse(pooling);
        }

        /** The cell type. */
        public CellType cellType() {
            return CellType.parse(cell);
        }

        /** The pooling. */
        public Pooling poolingType() {
            return Pooling.parse(pooling);
        }

        /** True for token-id input. */
        public boolean tokens() {
            return vocabSize > 0;
        }

        /** The width of each recurrent input step. */
        int rnnInput() {
            return vocabSize > 0 || embedSize > 0 ? embedSize : inputSize;
        }
    }

    private final Config config;
    private final Embedding embed;
    private final Linear proj;
    private final RecurrentLayer rnn;
    private final Linear head;
    private final SplitMix dropoutRng;

    /** A model with PyTorch's default initialisation drawn from {@code rng}; dropout masks from a stream seeded by it. */
    public SequenceClassifier(Config config, RandomGenerator rng) {
        this.config = config;
        this.dropoutRng = new SplitMix(rng.nextLong());
        this.embed = config.tokens() ? child("embed", new Embedding(config.vocabSize(), config.embedSize(), 0, rng))
                : null;
        this.proj = !config.tokens() && config.embedSize() > 0
                ? child("proj", new Linear(config.inputSize(), config.embedSize(), rng)) : null;
        RecurrentConfig rc = new RecurrentConfig(config.rnnInput(), config.hiddenSize(), config.numLayers(), true,
                true, config.dropout(), config.bidirectional(), false);
        this.rnn = child("rnn", RecurrentLayer.of(config.cellType(), rc, rng, dropoutRng));
        this.head = child("head", new Linear(rc.outputSize(), config.numClasses(), rng));
    }

    /** The architecture. */
    public Config config() {
        return config;
    }

    /** The generator of all dropout masks of this model. */
    public SplitMix dropoutRandom() {
        return dropoutRng;
    }

    /**
     * Class scores for padded token ids {@code (batch, length)}, row-major, each row valid for {@code lengths[b]}
     * steps (the rest is padding, whatever its ids).
     *
     * @return logits {@code (B, C)}
     */
    public Tensor forward(int[] ids, int batch, int length, int[] lengths) {
        Check.state(embed != null, "SequenceClassifier.forward: token ids need a token model (vocabSize > 0), got a "
                + "feature model with inputSize %s", config.inputSize());
        Check.argument(ids.length == batch * length, "SequenceClassifier.forward: ids must hold batch·length = %s·%s "
                + "values, got %s", batch, length, ids.length);
        return classify(embed.forward(ids, batch, length), lengths); // (B, T, E)
    }

    /**
     * Class scores for padded feature sequences {@code (B, T, F)}, each row valid for {@code lengths[b]} steps
     * ({@code null}: all {@code T}).
     *
     * @return logits {@code (B, C)}
     */
    public Tensor forward(Tensor features, int[] lengths) {
        Check.state(embed == null, "SequenceClassifier.forward: features need a feature model (inputSize > 0), got a "
                + "token model with vocabSize %s", config.vocabSize());
        Check.argument(features.rank() == 3 && features.dim(2) == config.inputSize(),
                "SequenceClassifier.forward: features must be (B, T, %s), got %s", config.inputSize(),
                features.shape());
        return classify(proj == null ? features : proj.forward(features), lengths);
    }

    /** The pooled sequence vectors {@code (B, D·H)} before dropout and head, for inspection and tests. */
    public Tensor pooled(Tensor x, int[] lengths) {
        int batch = x.dim(0);
        int length = x.dim(1);
        int[] valid = lengths == null ? full(batch, length) : lengths;
        checkLengths(valid, batch, length);
        RecurrentLayer.Output r = rnn.forward(x, null, valid); // (B, T, D·H), zero past each row's end
        return SequenceClassifierPooling.pool(config.poolingType(), r, valid, config.numLayers(), config.bidirectional());
    }

    private Tensor classify(Tensor x, int[] lengths) {
        Tensor pooled = pooled(x, lengths); // (B, D·H)
        if (config.dropout() > 0 && isTraining()) {
            pooled = MathOps.dropout(pooled, config.dropout(), dropoutRng);
        }
        return head.forward(pooled); // (B, C)
    }

    static int[] full(int batch, int length) {
        int[] l = new int[batch];
        Arrays.fill(l, length);
        return l;
    }

    static void checkLengths(int[] lengths, int batch, int length) {
        Check.argument(lengths.length == batch, "SequenceClassifier.forward: lengths must hold one value per row (%s),"
                + " got %s", batch, lengths.length);
        for (int b = 0; b < batch; b++) {
            Check.argument(lengths[b] >= 1 && lengths[b] <= length, "SequenceClassifier.forward: lengths must be in "
                    + "[1, %s], got %s at row %s", length, lengths[b], b);
        }
    }
}

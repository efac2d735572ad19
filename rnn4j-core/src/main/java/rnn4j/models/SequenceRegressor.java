package rnn4j.models;

import java.util.random.RandomGenerator;
import rnn4j.base.Check;
import rnn4j.base.SplitMix;
import rnn4j.nn.Linear;
import rnn4j.nn.Module;
import rnn4j.nn.recurrent.CellType;
import rnn4j.nn.recurrent.RecurrentConfig;
import rnn4j.nn.recurrent.RecurrentLayer;
import rnn4j.tensor.MathOps;
import rnn4j.tensor.ShapeOps;
import rnn4j.tensor.Tensor;

/**
 * A recurrent forecaster for real-valued series: windows {@code (B, T, F)} run through a stacked RNN/LSTM/GRU and a
 * linear head that predicts either the next {@code horizon} values of {@code targets} columns from the last step
 * (many-to-one) or {@code targets} values at every step (many-to-many, aligned). Trained with the mean squared error.
 *
 * <p>Its state dict is exactly that of this PyTorch module:
 * <pre>
 * class SequenceRegressor(nn.Module):
 *     def __init__(self, input_size, hidden_size, num_layers, targets, horizon=1, per_step=False,
 *                  cell="lstm", dropout=0.0):
 *         super().__init__()
 *         rnn = {"lstm": nn.LSTM, "gru": nn.GRU, "rnn_tanh": nn.RNN, "rnn_relu": nn.RNN}[cell]
 *         extra = {"nonlinearity": cell[4:]} if cell.startswith("rnn_") else {}
 *         self.rnn = rnn(input_size, hidden_size, num_layers, batch_first=True, dropout=dropout, **extra)
 *         self.head = nn.Linear(hidden_size, targets if per_step else horizon * targets)
 *     def forward(self, x):                     # x (B, T, F)
 *         y, h_n = self.rnn(x)
 *         if self.per_step: return self.head(y)                       # (B, T, targets)
 *         return self.head(h_n[-1]).view(len(x), -1, self.targets)   # (B, horizon, targets)
 * </pre>
 */
public final class SequenceRegressor extends Module {
    /** The model kind in checkpoint metadata. */
    public static final String KIND = "forecaster";

    /**
     * The architecture, stored as the checkpoint's {@code config}.
     *
     * @param inputSize  features per step {@code F}
     * @param hiddenSize recurrent state width {@code H}
     * @param numLayers  stacked recurrent layers
     * @param targets    predicted columns
     * @param horizon    future steps predicted from the last step (many-to-one); 1 when {@code perStep}
     * @param perStep    one prediction per input step (many-to-many) instead of from the last step
     * @param cell       {@code lstm}, {@code gru}, {@code rnn_tanh} or {@code rnn_relu}
     * @param dropout    dropout between recurrent layers and before the head, while training
     */
    public record Config(int inputSize, int hiddenSize, int numLayers, int targets, int horizon, boolean perStep,
                         String cell, float dropout) {
        public Config {
            Check.argument(inputSize >= 1, "SequenceRegressor.Config: inputSize must be >= 1, got %s", inputSize);
            Check.argument(hiddenSize >= 1, "SequenceRegressor.Config: hiddenSize must be >= 1, got %s", hiddenSize);
            Check.argument(numLayers >= 1, "SequenceRegressor.Config: numLayers must be >= 1, got %s", numLayers);
            Check.argument(targets >= 1, "SequenceRegressor.Config: targets must be >= 1, got %s", targets);
            Check.argument(horizon >= 1 && (!perStep || horizon == 1),
                    "SequenceRegressor.Config: horizon must be >= 1 (and 1 when perStep), got %s", horizon);
            Check.argument(dropout >= 0 && dropout < 1, "SequenceRegressor.Config: dropout must be in [0, 1), got %s",
                    dropout);
            CellType.parse(cell);
        }

        /** The cell type. */
        public CellType cellType() {
            return CellType.parse(cell);
        }
    }

    private final Config config;
    private final RecurrentLayer rnn;
    private final Linear head;
    private final SplitMix dropoutRng;

    /** A model with PyTorch's default initialisation drawn from {@code rng}. */
    public SequenceRegressor(Config config, RandomGenerator rng) {
        this.config = config;
        this.dropoutRng = new SplitMix(rng.nextLong());
        RecurrentConfig rc = new RecurrentConfig(config.inputSize(), config.hiddenSize(), config.numLayers(), true,
                true, config.dropout(), false, false);
        this.rnn = child("rnn", RecurrentLayer.of(config.cellType(), rc, rng, dropoutRng));
        int out = config.perStep() ? config.targets() : config.horizon() * config.targets();
        this.head = child("head", new Linear(config.hiddenSize(), out, rng));
    }

    /** The architecture. */
    public Config config() {
        return config;
    }

    /** The generator of all dropout masks of this model (its state goes into the progress file of a resumable run). */
    public SplitMix dropoutRandom() {
        return dropoutRng;
    }

    /**
     * Predictions for windows {@code (B, T, F)}: {@code (B, horizon, targets)} many-to-one, or {@code (B, T, targets)}
     * per step.
     */
    public Tensor forward(Tensor x) {
        Check.argument(x.rank() == 3 && x.dim(2) == config.inputSize(),
                "SequenceRegressor.forward: x must be (B, T, %s), got %s", config.inputSize(), x.shape());
        RecurrentLayer.Output r = rnn.forward(x);
        if (config.perStep()) {
            return head.forward(dropout(r.output())); // (B, T, targets)
        }
        Tensor last = SequenceClassifierPooling.last(r.state().h(), config.numLayers(), false); // (B, H)
        Tensor y = head.forward(dropout(last)); // (B, horizon·targets)
        return ShapeOps.reshape(y, x.dim(0), config.horizon(), config.targets());
    }

    private Tensor dropout(Tensor x) {
        return config.dropout() > 0 && isTraining() ? MathOps.dropout(x, config.dropout(), dropoutRng) : x;
    }
}

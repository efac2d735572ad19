package rnn4j.experiments;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import rnn4j.base.Check;
import rnn4j.models.SequenceRegressor;
import rnn4j.nn.recurrent.CellType;
import rnn4j.nn.recurrent.GruCell;
import rnn4j.nn.recurrent.LstmCell;
import rnn4j.nn.recurrent.RecurrentState;
import rnn4j.nn.recurrent.RnnCell;
import rnn4j.nn.recurrent.StepCell;
import rnn4j.tensor.LinalgOps;
import rnn4j.tensor.LossOps;
import rnn4j.tensor.MathOps;
import rnn4j.tensor.ShapeOps;
import rnn4j.tensor.Tensor;

/**
 * The gradient-flow view: {@code ‖∂L/∂h_t‖} for every step {@code t} of a one-layer forecaster whose loss depends on
 * the last step only, the quantity whose decay with {@code T − t} is the vanishing-gradient problem (Bengio et al.
 * 1994; Pascanu et al. 2013).
 *
 * <p>The fused layer keeps no per-step tensors, so the sequence is replayed with a {@link StepCell} holding the same
 * weights, and a zero "probe" leaf {@code z_t} is added to each hidden state: {@code h'_t = h_t + z_t}. Since
 * {@code ∂h'_t/∂z_t = I}, the gradient the engine leaves on {@code z_t} is exactly the total derivative
 * {@code ∂L/∂h_t}, through every later step, while the forward values are unchanged.
 */
public final class GradientFlow {
    private GradientFlow() {}

    /**
     * The mean over the batch of {@code ‖∂L/∂h_t‖₂} for {@code t = 0..T−1}, with {@code L} the MSE of the model's
     * prediction from the last step against {@code y}.
     *
     * @param model a one-layer, many-to-one forecaster
     * @param x     {@code (B, T, F)}
     * @param y     {@code (B, horizon, targets)}
     */
    public static double[] hiddenGradientNorms(SequenceRegressor model, Tensor x, Tensor y, RandomGenerator rng) {
        SequenceRegressor.Config c = model.config();
        Check.argument(c.numLayers() == 1 && !c.perStep(), "GradientFlow.hiddenGradientNorms: the model must be a "
                + "one-layer many-to-one forecaster, got %s layers, perStep %s", c.numLayers(), c.perStep());
        StepCell cell = cellOf(c.cellType(), c.inputSize(), c.hiddenSize(), rng);
        Map<String, Tensor> state = model.stateDict();
        Map<String, Tensor> weights = new LinkedHashMap<>();
        for (String name : new String[] {"weight_ih", "weight_hh", "bias_ih", "bias_hh"}) {
            weights.put(name, state.get("rnn." + name + "_l0"));
        }
        cell.loadStateDict(weights);
        int batch = x.dim(0);
        int length = x.dim(1);
        Tensor[] probes = new Tensor[length];
        RecurrentState h = null;
        for (int t = 0; t < length; t++) {
            Tensor xt = ShapeOps.select(x, 1, t); // (B, F)
            RecurrentState next = cell.step(xt, h);
            probes[t] = Tensor.zeros(batch, c.hiddenSize()).requiresGrad(true);
            h = new RecurrentState(MathOps.add(next.h(), probes[t]), next.c());
        }
        Tensor head = LinalgOps.linear(h.h(), state.get("head.weight"), state.get("head.bias")); // (B, h·k)
        Tensor loss = LossOps.mse(ShapeOps.reshape(head, batch, c.horizon(), c.targets()), y);
        loss.backward();
        double[] norms = new double[length];
        for (int t = 0; t < length; t++) {
            float[] g = probes[t].gradData();
            double sum = 0;
            for (int b = 0; b < batch; b++) {
                double sq = 0;
                for (int j = 0; j < c.hiddenSize(); j++) {
                    double v = g == null ? 0 : g[b * c.hiddenSize() + j];
                    sq += v * v;
                }
                sum += Math.sqrt(sq);
            }
            norms[t] = sum / batch;
        }
        return norms;
    }

    private static StepCell cellOf(CellType type, int in, int hidden, RandomGenerator rng) {
        return switch (type) {
            case LSTM -> new LstmCell(in, hidden, rng);
            case GRU -> new GruCell(in, hidden, rng);
            case RNN_TANH, RNN_RELU -> new RnnCell(type, in, hidden, rng);
        };
    }
}

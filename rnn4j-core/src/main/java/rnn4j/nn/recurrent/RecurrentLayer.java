package rnn4j.nn.recurrent;

import java.util.random.RandomGenerator;
import rnn4j.base.Check;
import rnn4j.nn.Module;
import rnn4j.nn.Parameter;
import rnn4j.tensor.LinalgOps;
import rnn4j.tensor.MathOps;
import rnn4j.tensor.RecurrentOps;
import rnn4j.tensor.ShapeOps;
import rnn4j.tensor.Tensor;

/**
 * A stack of recurrent layers over whole sequences, PyTorch's {@code nn.RNN/LSTM/GRU}: same parameters, names, shapes,
 * equations, state layout and initialisation {@code U(−1/√H, 1/√H)}, so state dicts move both ways.
 *
 * <p>Parameters of layer {@code k}: {@code weight_ih_l{k}} {@code (G·H, I or D·H)}, {@code weight_hh_l{k}}
 * {@code (G·H, H)}, {@code bias_ih_l{k}}, {@code bias_hh_l{k}} {@code (G·H)}, with suffix {@code _reverse} for the
 * second direction. Each layer and direction runs as one fused node ({@link RecurrentOps}); bidirectional outputs are
 * concatenated {@code [forward, reverse]} along the features; dropout acts between layers, never after the last.
 *
 * <p>Shapes: input {@code (B, T, I)} when {@code batchFirst} (else {@code (T, B, I)}); output {@code (B, T, D·H)};
 * states {@code (L·D, B, H)}. With {@code lengths} (one per batch row), outputs past a row's end are zero and its
 * final state is the state at its last valid step (PyTorch's packed sequences).
 */
public abstract sealed class RecurrentLayer extends Module permits Rnn, Lstm, Gru {
    /** The output sequence and the final state. */
    public record Output(Tensor output, RecurrentState state) {}

    private final CellType cell;
    private final RecurrentConfig config;
    private final Parameter[][] weights; // [layer·D + direction][w_ih, w_hh, b_ih, b_hh]
    private final RandomGenerator dropoutRng;

    RecurrentLayer(CellType cell, RecurrentConfig config, RandomGenerator rng, RandomGenerator dropoutRng) {
        this.cell = cell;
        this.config = config;
        int d = config.directions();
        int h = config.hiddenSize();
        int rows = cell.gates() * h;
        float bound = (float) (1 / Math.sqrt(h));
        this.weights = new Parameter[config.numLayers() * d][];
        for (int k = 0; k < config.numLayers(); k++) {
            int in = k == 0 ? config.inputSize() : config.outputSize();
            for (int dir = 0; dir < d; dir++) {
                String suffix = "_l" + k + (dir == 1 ? "_reverse" : "");
                Parameter[] w = new Parameter[4];
                w[0] = parameter("weight_ih" + suffix, Tensor.uniform(rng, -bound, bound, rows, in));
                w[1] = parameter("weight_hh" + suffix, Tensor.uniform(rng, -bound, bound, rows, h));
                if (config.bias()) {
                    w[2] = parameter("bias_ih" + suffix, Tensor.uniform(rng, -bound, bound, rows));
                    w[3] = parameter("bias_hh" + suffix, Tensor.uniform(rng, -bound, bound, rows));
                }
                weights[k * d + dir] = w;
            }
        }
        this.dropoutRng = dropoutRng;
    }

    /**
     * A stack of the given cell type (an {@link Lstm}, a {@link Gru} or an {@link Rnn}), initialised from {@code rng},
     * with dropout masks drawn from {@code dropoutRng} (a stream of its own, so that the weights do not depend on
     * whether dropout is used, and whose state a resumed run can restore).
     */
    public static RecurrentLayer of(CellType cell, RecurrentConfig config, RandomGenerator rng,
                                    RandomGenerator dropoutRng) {
        return switch (cell) {
            case LSTM -> new Lstm(config, rng, dropoutRng);
            case GRU -> new Gru(config, rng, dropoutRng);
            case RNN_TANH, RNN_RELU -> new Rnn(cell, config, rng, dropoutRng);
        };
    }

    /** The cell type. */
    public CellType cell() {
        return cell;
    }

    /** The settings. */
    public RecurrentConfig config() {
        return config;
    }

    /** Runs the whole sequence from zero state over all steps. */
    public Output forward(Tensor input) {
        return forward(input, null, null);
    }

    /**
     * Runs the whole sequence.
     *
     * @param input   {@code (B, T, I)} when batch-first, else {@code (T, B, I)}
     * @param initial the state to start from, or {@code null} for zeros
     * @param lengths each batch row's valid length, or {@code null} when all rows are {@code T} long
     */
    public Output forward(Tensor input, RecurrentState initial, int[] lengths) {
        String op = getClass().getSimpleName() + ".forward";
        Check.argument(input.rank() == 3 && input.dim(2) == config.inputSize(),
                "%s: input must be %s with %s features, got %s", op, config.batchFirst() ? "(B, T, I)" : "(T, B, I)",
                config.inputSize(), input.shape());
        return run(op, input, false, initial, lengths);
    }

    /**
     * The first layer's input projection of each row of {@code rows} {@code (N, I)}: {@code b + rows·W_ihᵀ}
     * {@code (N, G·H)}, where b is the bias the layer adds along with it ({@code b_ih + b_hh}; {@code b_ih} for GRU);
     * differentiable in all of them. Rows of it can stand in for the inputs in {@link #forwardProjected}, which pays
     * when the inputs are rows of a small table, such as a language model's embedding: the table is projected once
     * instead of every token. The product sums each element as the layer's own projection does, so the result has
     * the same bits, but for the sign of a zero bias.
     */
    public Tensor projectInputs(Tensor rows) {
        checkUnidirectional("projectInputs");
        Parameter[] w = weights[0];
        Tensor bias = valueOf(w[2]);
        if (cell != CellType.GRU && w[3] != null) {
            bias = bias == null ? w[3].value() : MathOps.add(bias, w[3].value());
        }
        return LinalgOps.linear(rows, w[0].value(), bias);
    }

    /**
     * As {@link #forward(Tensor, RecurrentState, int[])} from the first layer's input projection instead of its
     * inputs: {@code projected} is {@code (T, B, G·H)}, time-major whatever {@code batchFirst} says (it is gathered
     * from rows of {@link #projectInputs}, and gathering it in the order the layer runs saves transposing it there
     * and back). The first layer then skips its input product; its {@code W_ih} and biases get their gradients
     * through the projection. The output and state are laid out as {@code forward}'s.
     */
    public Output forwardProjected(Tensor projected, RecurrentState initial, int[] lengths) {
        String op = getClass().getSimpleName() + ".forwardProjected";
        checkUnidirectional("forwardProjected");
        int width = cell.gates() * config.hiddenSize();
        Check.argument(projected.rank() == 3 && projected.dim(2) == width,
                "%s: projected input must be (T, B, G·H) with G·H = %s features, got %s", op, width,
                projected.shape());
        return run(op, projected, true, initial, lengths);
    }

    private void checkUnidirectional(String method) {
        Check.argument(config.directions() == 1, "%s.%s: the input projection is shared by one direction only; a "
                + "bidirectional layer takes its inputs through forward", getClass().getSimpleName(), method);
    }

    private Output run(String op, Tensor input, boolean projected, RecurrentState initial, int[] lengths) {
        Tensor x = config.batchFirst() && !projected ? ShapeOps.transpose(input, 0, 1) : input; // (T, B, I)
        int batch = x.dim(1);
        checkState(op, initial, batch);
        int d = config.directions();
        Tensor[] hN = new Tensor[weights.length];
        Tensor[] cN = new Tensor[weights.length];
        for (int k = 0; k < config.numLayers(); k++) {
            Tensor[] outs = new Tensor[d];
            for (int dir = 0; dir < d; dir++) {
                int i = k * d + dir;
                Parameter[] w = weights[i];
                boolean folded = projected && k == 0; // W_ih and the biases it adds are inside the projection
                RecurrentOps.Sequence s = cell.run(x, initialOf(initial == null ? null : initial.h(), i),
                        initialOf(initial == null ? null : initial.c(), i), folded ? null : w[0].value(),
                        w[1].value(), folded ? null : valueOf(w[2]),
                        folded && cell != CellType.GRU ? null : valueOf(w[3]), lengths, dir == 1);
                outs[dir] = s.output();
                hN[i] = s.hN();
                cN[i] = s.cN();
            }
            Tensor y = d == 1 ? outs[0] : ShapeOps.concat(2, outs); // (T, B, D·H)
            if (config.residual() && k > 0 && y.dim(2) == x.dim(2)) {
                y = MathOps.add(y, x);
            }
            if (k < config.numLayers() - 1 && config.dropout() > 0 && isTraining()) {
                y = MathOps.dropout(y, config.dropout(), dropoutRng);
            }
            x = y;
        }
        Tensor output = config.batchFirst() ? ShapeOps.transpose(x, 0, 1) : x;
        Tensor h = ShapeOps.stack(0, hN); // (L·D, B, H)
        Tensor c = cell.hasCellState() ? ShapeOps.stack(0, cN) : null;
        return new Output(output, new RecurrentState(h, c));
    }

    /** The values {@code [W_ih, W_hh, b_ih, b_hh]} of weight set {@code index} = layer·directions + direction. */
    Tensor[] weightValues(int index) {
        Parameter[] w = weights[index];
        return new Tensor[] {w[0].value(), w[1].value(), valueOf(w[2]), valueOf(w[3])};
    }

    private void checkState(String op, RecurrentState state, int batch) {
        if (state == null) {
            return;
        }
        int[] want = {weights.length, batch, config.hiddenSize()};
        Check.argument(state.h() != null && state.h().shape().sameAs(want),
                "%s: initial h must be (layers·directions, B, H) = %s, got %s", op, want,
                state.h() == null ? "null" : state.h().shape());
        if (cell.hasCellState()) {
            Check.argument(state.c() != null && state.c().shape().sameAs(want),
                    "%s: initial c must be (layers·directions, B, H) = %s, got %s", op, want,
                    state.c() == null ? "null" : state.c().shape());
        }
    }

    private static Tensor initialOf(Tensor stacked, int index) {
        return stacked == null ? null : ShapeOps.select(stacked, 0, index);
    }

    private static Tensor valueOf(Parameter p) {
        return p == null ? null : p.value();
    }
}

package rnn4j.nn.recurrent;

import rnn4j.base.Check;
import rnn4j.kernel.Gemm;
import rnn4j.kernel.RecurrentGates;
import rnn4j.tensor.RecurrentOps;
import rnn4j.tensor.Tensor;

/**
 * A unidirectional {@link RecurrentLayer} run one step at a time on a single sequence, for generation: batch-1
 * sampling and decoding, where each step's input depends on the previous step's output.
 *
 * <p>A step gives the bits of {@link RecurrentLayer#forward(Tensor, RecurrentState, int[])} on a {@code (1, 1, I)}
 * input, as it runs the same kernels in the same order: per layer the bias, then {@code x·W_ihᵀ} and {@code h·W_hhᵀ}
 * in one pass of the thread team ({@link Gemm#gemvDots}), then the cell's gate kernel. What it saves is everything
 * around them: the state lives in plain arrays, no tensor, tape node or workspace is made per step. A caller that
 * knows its first layer's inputs in advance (a language model's embedding rows) can also project them all at once
 * with {@link RecurrentLayer#projectInputs} and step from rows of that, which skips reading the first layer's
 * {@code W_ih}.
 *
 * <p>Inference only: no gradient flows and dropout between layers is off, as in evaluation mode.
 */
public final class RecurrentStepper {
    private final CellType cell;
    private final int hidden;
    private final int gateWidth;
    private final boolean residual;
    private final Tensor[][] weights;   // per layer: W_ih, W_hh, b_ih, b_hh
    private final float[][] inputBias;  // per layer, see RecurrentOps.inputBias
    private final float[][] h;
    private final float[][] c;
    private final float[][] out;        // per layer: its output, the next layer's input
    private final float[] gates;
    private final float[] gatesHh;      // GRU: h·W_hhᵀ + b_hh, kept apart for the reset gate
    private final float[] scratch;      // LSTM: tanh(c'); GRU: W_hn h + b_hn
    private final Gemm.Dot[] recurrent; // per layer: h·W_hhᵀ into the gates (GRU: apart, onto b_hh)
    private final Gemm.Dot[][] both;    // per layer past the first: its input product, then its recurrent one

    /** A stepper over {@code layer}'s current weights from {@code state} {@code (L, 1, H)}, or zeros when null. */
    public RecurrentStepper(RecurrentLayer layer, RecurrentState state) {
        RecurrentConfig config = layer.config();
        Check.argument(config.directions() == 1,
                "RecurrentStepper: a bidirectional layer cannot run step by step (its reverse direction needs the "
                        + "whole sequence); run forward on the sequence instead");
        this.cell = layer.cell();
        this.hidden = config.hiddenSize();
        this.gateWidth = cell.gates() * hidden;
        this.residual = config.residual();
        int layers = config.numLayers();
        this.weights = new Tensor[layers][];
        this.inputBias = new float[layers][];
        for (int k = 0; k < layers; k++) {
            weights[k] = layer.weightValues(k);
            inputBias[k] = RecurrentOps.inputBias(cell == CellType.GRU, weights[k][2], weights[k][3], gateWidth);
        }
        this.h = new float[layers][hidden];
        this.c = new float[layers][hidden];
        this.out = new float[layers][hidden];
        this.gates = new float[gateWidth];
        this.gatesHh = new float[gateWidth];
        this.scratch = new float[hidden];
        // Every operand but the first layer's input stays in place, so the products are described once, not per step.
        this.recurrent = new Gemm.Dot[layers];
        this.both = new Gemm.Dot[layers][];
        for (int k = 0; k < layers; k++) {
            Tensor wHh = weights[k][1];
            boolean gru = cell == CellType.GRU;
            float hhBeta = gru && weights[k][3] == null ? 0f : 1f;
            recurrent[k] = new Gemm.Dot(hidden, h[k], 0, wHh.data(), wHh.offset(), hhBeta, gru ? gatesHh : gates, 0);
            if (k > 0) both[k] = new Gemm.Dot[] {inputProduct(k, out[k - 1], 0), recurrent[k]};
        }
        if (state != null) {
            Check.argument(state.h().shape().sameAs(layers, 1, hidden),
                    "RecurrentStepper: state h must be (layers, 1, H) = [%s, 1, %s], got %s", layers, hidden,
                    state.h().shape());
            load(state.h(), h);
            if (cell.hasCellState()) load(state.c(), c);
        }
    }

    private static void load(Tensor stacked, float[][] into) {
        float[] data = stacked.data();
        for (int k = 0; k < into.length; k++) {
            System.arraycopy(data, stacked.offset() + k * into[k].length, into[k], 0, into[k].length);
        }
    }

    /** Width of a projected input: gates × H. */
    public int gateWidth() {
        return gateWidth;
    }

    /**
     * One step from the first layer's input {@code x[xOff, xOff + I)}; returns the last layer's output {@code (H)},
     * valid until the next step.
     */
    public float[] step(float[] x, int xOff) {
        return advance(x, xOff, null, 0);
    }

    /**
     * One step from the first layer's input projection {@code projected[offset, offset + G·H)}: a row of
     * {@link RecurrentLayer#projectInputs}, which already holds the bias. See {@link #step}.
     */
    public float[] stepProjected(float[] projected, int offset) {
        Check.argument(offset >= 0 && offset <= projected.length - gateWidth,
                "RecurrentStepper.stepProjected: a projection of G·H = %s values from offset %s does not fit in %s",
                gateWidth, offset, projected.length);
        return advance(null, 0, projected, offset);
    }

    /** The state after the last step, {@code (L, 1, H)} as {@link RecurrentLayer#forward} returns it. */
    public RecurrentState state() {
        return new RecurrentState(stack(h), cell.hasCellState() ? stack(c) : null);
    }

    private Tensor stack(float[][] rows) {
        float[] data = new float[rows.length * hidden];
        for (int k = 0; k < rows.length; k++) System.arraycopy(rows[k], 0, data, k * hidden, hidden);
        return Tensor.of(data, rows.length, 1, hidden);
    }

    private float[] advance(float[] x, int xOff, float[] projected, int projectedOff) {
        float[] in = x;
        int inOff = xOff;
        for (int k = 0; k < weights.length; k++) {
            Tensor bHh = weights[k][3];
            if (cell == CellType.GRU && bHh != null) System.arraycopy(bHh.data(), bHh.offset(), gatesHh, 0, gateWidth);
            if (k == 0 && projected != null) {
                System.arraycopy(projected, projectedOff, gates, 0, gateWidth);
                Gemm.gemvDots(gateWidth, recurrent[0]);
            } else {
                float[] bias = inputBias[k];
                if (bias != null) System.arraycopy(bias, 0, gates, 0, gateWidth);
                Gemm.gemvDots(gateWidth, k > 0 ? both[k] : new Gemm.Dot[] {inputProduct(0, x, xOff), recurrent[0]});
            }
            gateKernel(k);
            if (residual && k > 0) {
                for (int j = 0; j < hidden; j++) out[k][j] += in[inOff + j];
            }
            in = out[k];
            inOff = 0;
        }
        return out[weights.length - 1];
    }

    /** {@code gates = x·W_ihᵀ + gates} (onto the bias; {@code = x·W_ihᵀ} without one) for layer k. */
    private Gemm.Dot inputProduct(int k, float[] x, int xOff) {
        Tensor wIh = weights[k][0];
        float beta = inputBias[k] == null ? 0f : 1f;
        return new Gemm.Dot(wIh.dim(1), x, xOff, wIh.data(), wIh.offset(), beta, gates, 0);
    }

    /** Layer k's gate kernel: h[k] (and c[k]) advance in place, out[k] gets the output. */
    private void gateKernel(int k) {
        switch (cell) {
            case LSTM -> RecurrentGates.lstmForward(1, hidden, null, 0, gates, 0, c[k], 0, h[k], 0, c[k], 0, h[k], 0,
                    scratch, 0, out[k], 0);
            case GRU -> RecurrentGates.gruForward(1, hidden, null, 0, gates, 0, gatesHh, 0, scratch, 0, h[k], 0, h[k],
                    0, out[k], 0);
            case RNN_TANH, RNN_RELU -> RecurrentGates.rnnForward(1, hidden, cell == CellType.RNN_RELU, null, 0, gates,
                    0, h[k], 0, h[k], 0, out[k], 0);
        }
    }
}

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
 * knows its first layer's inputs in advance (a language model's embedding rows) can also project them once with
 * {@link #projectInput} and step from the projection, which skips reading {@code W_ih} of the first layer.
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
     * The first layer's input projection of {@code x[xOff, xOff + I)}: the bias plus {@code x·W_ihᵀ}, a new
     * {@code (G·H)} array for {@link #stepProjected}.
     */
    public float[] projectInput(float[] x, int xOff) {
        float[] projected = new float[gateWidth];
        float[] bias = inputBias[0];
        if (bias != null) System.arraycopy(bias, 0, projected, 0, gateWidth);
        Gemm.gemvDots(gateWidth, inputProduct(0, x, xOff, bias == null ? 0f : 1f, projected));
        return projected;
    }

    /**
     * One step from the first layer's input {@code x[xOff, xOff + I)}; returns the last layer's output {@code (H)},
     * valid until the next step.
     */
    public float[] step(float[] x, int xOff) {
        return advance(x, xOff, null);
    }

    /** One step from a first-layer input projected by {@link #projectInput}; see {@link #step}. */
    public float[] stepProjected(float[] projected) {
        Check.argument(projected.length == gateWidth,
                "RecurrentStepper.stepProjected: projection must hold G·H = %s values, got %s", gateWidth,
                projected.length);
        return advance(null, 0, projected);
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

    private float[] advance(float[] x, int xOff, float[] projected) {
        float[] in = x;
        int inOff = xOff;
        for (int k = 0; k < weights.length; k++) {
            boolean gru = cell == CellType.GRU;
            float[] hhOut = gru ? gatesHh : gates;
            float hhBeta = 1f;
            if (gru) {
                Tensor bHh = weights[k][3];
                hhBeta = bHh == null ? 0f : 1f;
                if (bHh != null) System.arraycopy(bHh.data(), bHh.offset(), gatesHh, 0, gateWidth);
            }
            Tensor wHh = weights[k][1];
            Gemm.Dot recurrent = new Gemm.Dot(hidden, h[k], 0, wHh.data(), wHh.offset(), hhBeta, hhOut, 0);
            if (k == 0 && projected != null) {
                System.arraycopy(projected, 0, gates, 0, gateWidth);
                Gemm.gemvDots(gateWidth, recurrent);
            } else {
                float[] bias = inputBias[k];
                if (bias != null) System.arraycopy(bias, 0, gates, 0, gateWidth);
                Gemm.gemvDots(gateWidth, inputProduct(k, in, inOff, bias == null ? 0f : 1f, gates), recurrent);
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

    /** {@code target = x·W_ihᵀ + beta·target} for layer k. */
    private Gemm.Dot inputProduct(int k, float[] x, int xOff, float beta, float[] target) {
        Tensor wIh = weights[k][0];
        return new Gemm.Dot(wIh.dim(1), x, xOff, wIh.data(), wIh.offset(), beta, target, 0);
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

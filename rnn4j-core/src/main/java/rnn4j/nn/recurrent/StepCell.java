package rnn4j.nn.recurrent;

import java.util.random.RandomGenerator;
import rnn4j.base.Check;
import rnn4j.nn.Module;
import rnn4j.nn.Parameter;
import rnn4j.tensor.RecurrentOps;
import rnn4j.tensor.ShapeOps;
import rnn4j.tensor.Tensor;

/**
 * One recurrent step at a time, PyTorch's {@code nn.RNNCell/LSTMCell/GRUCell}: for decoders, sampling and streaming,
 * where the next input depends on the last output.
 *
 * <p>Parameters {@code weight_ih (G·H, I)}, {@code weight_hh (G·H, H)}, {@code bias_ih}, {@code bias_hh (G·H)},
 * initialised {@code U(−1/√H, 1/√H)}. A step is the fused sequence kernel with {@code T = 1}, so cells and layers
 * share one implementation and give the same bits for the same weights.
 */
public abstract sealed class StepCell extends Module permits RnnCell, LstmCell, GruCell {
    private final CellType cell;
    private final int inputSize;
    private final int hiddenSize;
    private final Parameter weightIh;
    private final Parameter weightHh;
    private final Parameter biasIh;
    private final Parameter biasHh;

    StepCell(CellType cell, int inputSize, int hiddenSize, boolean bias, RandomGenerator rng) {
        Check.argument(inputSize >= 1 && hiddenSize >= 1, "%s: inputSize and hiddenSize must be >= 1, got %s and %s",
                getClass().getSimpleName(), inputSize, hiddenSize);
        this.cell = cell;
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        int rows = cell.gates() * hiddenSize;
        float bound = (float) (1 / Math.sqrt(hiddenSize));
        weightIh = parameter("weight_ih", Tensor.uniform(rng, -bound, bound, rows, inputSize));
        weightHh = parameter("weight_hh", Tensor.uniform(rng, -bound, bound, rows, hiddenSize));
        biasIh = bias ? parameter("bias_ih", Tensor.uniform(rng, -bound, bound, rows)) : null;
        biasHh = bias ? parameter("bias_hh", Tensor.uniform(rng, -bound, bound, rows)) : null;
    }

    /** Hidden features {@code H}. */
    public int hiddenSize() {
        return hiddenSize;
    }

    /**
     * One step: {@code x (B, I)} and the state {@code h, c (B, H)} (or {@code null} for zeros) give the next state.
     */
    public RecurrentState step(Tensor x, RecurrentState state) {
        String op = getClass().getSimpleName() + ".step";
        Check.argument(x.rank() == 2 && x.dim(1) == inputSize, "%s: input must be (B, %s), got %s", op, inputSize,
                x.shape());
        int batch = x.dim(0);
        if (state != null) {
            Check.argument(state.h().shape().sameAs(batch, hiddenSize), "%s: h must be (B, H) = [%s, %s], got %s",
                    op, batch, hiddenSize, state.h().shape());
        }
        Tensor h0 = state == null ? null : state.h();
        Tensor c0 = state == null ? null : state.c();
        RecurrentOps.Sequence s = cell.run(ShapeOps.reshape(x, 1, batch, inputSize), h0, c0, weightIh.value(),
                weightHh.value(), biasIh == null ? null : biasIh.value(), biasHh == null ? null : biasHh.value(),
                null, false);
        return new RecurrentState(s.hN(), s.cN());
    }
}

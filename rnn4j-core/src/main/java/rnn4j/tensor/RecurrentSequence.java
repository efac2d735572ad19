package rnn4j.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import rnn4j.base.Check;
import rnn4j.kernel.ColumnSums;
import rnn4j.kernel.Gemm;
import rnn4j.kernel.PackReuse;
import rnn4j.kernel.PackedMatrix;
import rnn4j.kernel.Parallel;
import rnn4j.kernel.RecurrentGates;

/**
 * One call of a fused recurrent layer: validates the arguments, runs the forward pass over all steps and keeps the
 * workspaces its backward pass needs; the recorded node's backward rule is {@link #backward}.
 *
 * <p>The node's output is one packed buffer {@code (T + 1 or T + 2, B, H)} holding {@code output}, then {@code hN},
 * then (LSTM) {@code cN}; the three public results are views of it along the first axis, so a single backward sees
 * the gradients of all three at once.
 *
 * <p>Workspaces are indexed by time {@code t} (not processing order), so the weight gradients of both directions are
 * each one GEMM over all steps. The state buffers {@code hs}, {@code cs} have {@code T + 1} slots: the state entering
 * time {@code t} is slot {@code t} going forward and slot {@code t + 1} in reverse, and the state leaving it the other
 * one; the slots entering the steps, in time order, are thus contiguous.
 */
final class RecurrentSequence {
    private final RecurrentCell cell;
    private final String op;
    private final int steps;
    private final int batch;
    private final int inputSize;
    private final int hidden;
    private final int gateWidth;
    private final int[] lengths;
    private final boolean reverse;
    private final Tensor x;
    private final Tensor h0;
    private final Tensor c0;
    private final Tensor wIh;
    private final Tensor wHh;
    private final Tensor bIh;
    private final Tensor bHh;

    /** {@code (T, B, G·H)}: pre-activations, then the gate activations saved for backward. */
    private final float[] gates;
    /** {@code (T + 1, B, H)} hidden states, see the class comment for the slots. */
    private final float[] hs;
    /** LSTM: {@code (T + 1, B, H)} cell states. */
    private final float[] cs;
    /** LSTM: {@code (T, B, H)} {@code tanh(c_t)}. */
    private final float[] tanhC;
    /** GRU: {@code (T, B, H)} {@code W_hn h + b_hn}. */
    private final float[] hn;
    /** {@code (T + 1 or 2, B, H)}: output, hN, cN. */
    private final float[] packed;

    private RecurrentSequence(RecurrentCell cell, String op, Tensor x, Tensor h0, Tensor c0, Tensor wIh, Tensor wHh,
                              Tensor bIh, Tensor bHh, int[] lengths, boolean reverse) {
        this.cell = cell;
        this.op = op;
        this.x = x;
        this.h0 = h0;
        this.c0 = c0;
        this.wIh = wIh;
        this.wHh = wHh;
        this.bIh = bIh;
        this.bHh = bHh;
        this.reverse = reverse;
        Check.argument(x != null && x.rank() == 3 && x.size() > 0, "%s: x must have shape [T, B, I] (time-major, "
                + "non-empty), got %s", op, x == null ? "null" : x.shape());
        Check.argument(wHh != null && wHh.rank() == 2 && wHh.dim(1) > 0 && wHh.dim(0) == cell.gates * wHh.dim(1),
                "%s: wHh must have shape [%s·H, H], got %s", op, cell.gates, wHh == null ? "null" : wHh.shape());
        this.steps = x.dim(0);
        this.batch = x.dim(1);
        this.inputSize = x.dim(2);
        this.hidden = wHh.dim(1);
        this.gateWidth = cell.gates * hidden;
        if (wIh != null) {
            checkShape("wIh", wIh, gateWidth, inputSize);
        } else {
            Check.argument(inputSize == gateWidth, "%s: without wIh, x must be the input projection [T, B, G·H] = "
                    + "[%s, %s, %s], got %s", op, steps, batch, gateWidth, x.shape());
            Check.argument(bIh == null && (cell == RecurrentCell.GRU || bHh == null), "%s: without wIh, the input "
                    + "projection x already holds the biases it adds; pass bIh%s as null", op,
                    cell == RecurrentCell.GRU ? "" : " and bHh");
        }
        if (h0 != null) checkShape("h0", h0, batch, hidden);
        if (c0 != null) checkShape("c0", c0, batch, hidden);
        if (bIh != null) checkShape("bIh", bIh, gateWidth);
        if (bHh != null) checkShape("bHh", bHh, gateWidth);
        RecurrentOps.checkLengths(op, lengths, batch, steps);
        this.lengths = lengths == null ? null : lengths.clone();

        int stateSize = batch * hidden;
        boolean lstm = cell == RecurrentCell.LSTM;
        this.gates = new float[steps * batch * gateWidth];
        this.hs = new float[(steps + 1) * stateSize];
        this.cs = lstm ? new float[(steps + 1) * stateSize] : null;
        this.tanhC = lstm ? new float[steps * stateSize] : null;
        this.hn = cell == RecurrentCell.GRU ? new float[steps * stateSize] : null;
        this.packed = new float[(steps + (lstm ? 2 : 1)) * stateSize];
    }

    private void checkShape(String name, Tensor t, int... dims) {
        Check.argument(t.shape().sameAs(dims), "%s: %s must have shape %s, got %s", op, name, dims, t.shape());
    }

    /** Runs the layer and returns its three results as views of one recorded node. */
    static RecurrentOps.Sequence run(RecurrentCell cell, String op, Tensor x, Tensor h0, Tensor c0, Tensor wIh,
                                     Tensor wHh, Tensor bIh, Tensor bHh, int[] lengths, boolean reverse) {
        RecurrentSequence run = new RecurrentSequence(cell, op, x, h0, c0, wIh, wHh, bIh, bHh, lengths, reverse);
        run.forward();
        List<Tensor> inputs = new ArrayList<>();
        for (Tensor t : run.allInputs()) if (t != null) inputs.add(t);
        int stateSize = run.batch * run.hidden;
        int slabs = run.packed.length / stateSize;
        Tensor whole = Tensor.result(op, run.packed, Shape.of(slabs, run.batch, run.hidden),
                run::backward, inputs.toArray(new Tensor[0]));
        Tensor output = view(op + ".output", whole, 0, Shape.of(run.steps, run.batch, run.hidden));
        Tensor hN = view(op + ".hN", whole, run.steps * stateSize, Shape.of(run.batch, run.hidden));
        Tensor cN = cell == RecurrentCell.LSTM
                ? view(op + ".cN", whole, (run.steps + 1) * stateSize, Shape.of(run.batch, run.hidden)) : null;
        return new RecurrentOps.Sequence(output, hN, cN);
    }

    /** A slice of the packed result along its first axis; its gradient lands in the same place of the whole. */
    private static Tensor view(String op, Tensor whole, int offset, Shape shape) {
        int total = whole.size();
        return Tensor.resultView(op, whole.data(), whole.offset() + offset, shape, g -> {
            float[] full = new float[total];
            System.arraycopy(g, 0, full, offset, g.length);
            return new float[][] {full};
        }, whole);
    }

    private Tensor[] allInputs() {
        return new Tensor[] {x, h0, c0, wIh, wHh, bIh, bHh};
    }

    // ---------------------------------------------------------------- forward

    private void forward() {
        int t0 = steps, b = batch, gw = gateWidth, stateSize = b * hidden;
        float[] bias = inputBias();
        int first = reverse ? t0 : 0;
        if (h0 != null) System.arraycopy(h0.data(), h0.offset(), hs, first * stateSize, stateSize);
        if (c0 != null) System.arraycopy(c0.data(), c0.offset(), cs, first * stateSize, stateSize);

        boolean wide = !weightsInL2();
        boolean upFront = wIh == null || wide && t0 * b > 1;  // the input projection of all steps before the loop
        if (wIh == null) {
            float[] xd = x.data();
            int xo = x.offset();
            Parallel.forRows(t0 * b, gw, (r0, r1) -> System.arraycopy(xd, xo + r0 * gw, gates, r0 * gw,
                    (r1 - r0) * gw));
        } else if (upFront) {
            projectInputs(bias);
        }
        StepWeight wihT = upFront ? null : StepWeight.of(true, inputSize, gw, wIh, packWorthIt());
        StepWeight whhT = StepWeight.of(true, hidden, gw, wHh, packWorthIt());      // op = W_hhᵀ (H, G·H)
        float[] stepHh = cell == RecurrentCell.GRU ? new float[b * gw] : null;     // (B, 3H) h·W_hhᵀ + b_hh
        if (wide) {
            // Step by step over the whole batch: each product splits its columns over the team, so every thread
            // streams only its share of W_hh; then the gate kernel splits the rows.
            RowBlock all = wholeBatch();
            RowBlock[] parts = rowBlocks();
            for (int s = 0; s < t0; s++) {
                int t = reverse ? t0 - 1 - s : s;
                forwardProducts(all, t, bias, wihT, whhT, stepHh);
                Parallel.forEach(parts.length, k -> forwardGates(parts[k], t, stepHh));
            }
        } else {
            RowBlock[] blocks = rowBlocks();
            Parallel.forEach(blocks.length, k -> forwardRows(blocks[k], bias, wihT, whhT, stepHh));
        }
        int last = reverse ? 0 : t0;
        System.arraycopy(hs, last * stateSize, packed, t0 * stateSize, stateSize);
        if (cs != null) System.arraycopy(cs, last * stateSize, packed, (t0 + 1) * stateSize, stateSize);
    }

    /**
     * {@code gates = bias + x·W_ihᵀ} for all steps at once, one product over all {@code T·B} rows: what
     * {@link #forwardRows} does step by step when the weights fit in L2, with the same sums in the same order.
     */
    private void projectInputs(float[] bias) {
        int rowsAll = steps * batch, gw = gateWidth;
        // The bias is the product's addend, one row for all (no pass filling the T·B gate rows with it first).
        float beta = bias == null ? 0f : 1f;
        float[] d = bias == null ? gates : bias;
        int ldd = bias == null ? gw : 0;
        if (PackReuse.active()) { // a decoder calling the layer step by step: W_ih is packed once for its loop
            Gemm.gemm(false, rowsAll, 1f, x.data(), x.offset(), inputSize,
                    PackReuse.pack(true, inputSize, gw, wIh.data(), wIh.offset(), inputSize), beta, d, 0, ldd, gates,
                    0, gw);
        } else {
            Gemm.gemm(false, true, rowsAll, gw, inputSize, 1f, x.data(), x.offset(), inputSize, wIh.data(),
                    wIh.offset(), inputSize, beta, d, 0, ldd, gates, 0, gw);
        }
    }

    /**
     * The whole time loop for one block of batch rows: rows never interact, so blocks need no step-by-step sync.
     * With {@code wihT} the input projection is done step by step too, {@code bias + x_t·W_ihᵀ} then
     * {@code + h·W_hhᵀ} (the same sums in the same order as one product over all steps), so the step's gate block is
     * still in cache for the recurrent product and the gate kernel instead of making a round trip through memory.
     * That pays while both weights stay in L2; past it, see {@link #forward}.
     */
    private void forwardRows(RowBlock blk, float[] bias, StepWeight wihT, StepWeight whhT, float[] stepHh) {
        for (int s = 0; s < steps; s++) {
            int t = reverse ? steps - 1 - s : s;
            forwardProducts(blk, t, bias, wihT, whhT, stepHh);
            forwardGates(blk, t, stepHh);
        }
    }

    /** Step t's products for the block's rows: input projection (when {@code wihT} is given), then h·W_hhᵀ. */
    private void forwardProducts(RowBlock blk, int t, float[] bias, StepWeight wihT, StepWeight whhT,
                                 float[] stepHh) {
        int gw = gateWidth, r0 = blk.start();
        int before = (reverse ? t + 1 : t) * batch * hidden + r0 * hidden;
        int gOff = (t * batch + r0) * gw;
        int rows = blk.productRows(t);   // rows past it are all padding: no product needed for them
        if (rows == 0) return;
        // GRU keeps h·W_hhᵀ + b_hh apart for its reset gate; the other cells add it to the gates
        boolean apart = cell == RecurrentCell.GRU;
        float[] hhOut = apart ? stepHh : gates;
        int hhOff = apart ? r0 * gw : gOff;
        float hhBeta = apart && bHh == null ? 0f : 1f;
        float[] hhBias = apart && bHh != null ? bHh.data() : null;   // null: add to the gates in place
        int hhBiasOff = apart && bHh != null ? bHh.offset() : 0;
        int xOff = x.offset() + (t * batch + r0) * inputSize;
        float ihBeta = bias == null ? 0f : 1f;
        if (rows == 1 && wihT != null && wihT.streamsRows() && whhT.streamsRows()) {
            if (bias != null) System.arraycopy(bias, 0, gates, gOff, gw);   // the dot products update in place
            if (hhBias != null) System.arraycopy(hhBias, hhBiasOff, stepHh, hhOff, gw);
            Gemm.gemvDots(gw, wihT.dot(x.data(), xOff, ihBeta, gates, gOff),
                    whhT.dot(hs, before, hhBeta, hhOut, hhOff));
            return;
        }
        // Each bias is its product's addend, one row for all rows, rather than copied into them first.
        if (wihT != null) wihT.multiply(rows, x.data(), xOff, ihBeta, bias, 0, gates, gOff);
        whhT.multiply(rows, hs, before, hhBeta, hhBias, hhBiasOff, hhOut, hhOff);
    }

    /** Step t's gate and state kernel for the block's rows, after {@link #forwardProducts}. */
    private void forwardGates(RowBlock blk, int t, float[] stepHh) {
        int h = hidden, gw = gateWidth, stateSize = batch * h, n = blk.size(), r0 = blk.start();
        int before = (reverse ? t + 1 : t) * stateSize + r0 * h;
        int after = (reverse ? t : t + 1) * stateSize + r0 * h;
        int state = t * stateSize + r0 * h;
        int gOff = (t * batch + r0) * gw;
        switch (cell) {
            case LSTM -> RecurrentGates.lstmForward(n, h, blk.lengths(), t, gates, gOff, cs, before, hs, before, cs,
                    after, hs, after, tanhC, state, packed, state);
            case GRU -> RecurrentGates.gruForward(n, h, blk.lengths(), t, gates, gOff, stepHh, r0 * gw, hn, state,
                    hs, before, hs, after, packed, state);
            case RNN_TANH, RNN_RELU -> RecurrentGates.rnnForward(n, h, cell == RecurrentCell.RNN_RELU, blk.lengths(),
                    t, gates, gOff, hs, before, hs, after, packed, state);
        }
    }

    /**
     * Whether to pack {@code W_hh} once for the pass: always with several rows (an unpacked product packs it at every
     * step anyway); with one row (batch-1 sampling) only for a few steps or more, as one GEMV reads it just once.
     */
    private boolean packWorthIt() {
        return batch > 1 || steps >= 4;
    }

    /**
     * The batch split into blocks of whole microkernel tiles (8 rows), each run on its own for the whole sequence.
     * Every element's sums are the same whatever the split (the GEMM sums each element of C in a fixed order
     * independent of its row block), so results do not depend on the thread count.
     */
    private RowBlock[] rowBlocks() {
        // Up to two blocks per thread, claimed dynamically, so a thread whose core is taken by another process hands
        // its second block on instead of keeping the others waiting. But each block streams the packed weights
        // through the cache once per step: past L2 (4 MB each at H = 512) blocks keep at least 32 rows, so fewer,
        // taller blocks read less. (Past L2 the products run over the whole batch and these blocks only split the
        // gate kernels; see forward.)
        // Alone, a thread has nothing to hand on, and a block of all rows is the fewest partial tiles: 64 rows on
        // AVX2 are 10 tiles of 6 and one of 4, two blocks of 32 were 5 tiles and a remainder of 2 each.
        int threads = Parallel.threads();
        int tiles = batch / 8;
        int count = 1;
        if (threads > 1) {
            count = Math.min(2 * threads, batch / (weightsInL2() ? 16 : 32));
            if (count < threads) count = Math.min(threads, tiles);
            count = Math.max(1, count);
        }
        RowBlock[] blocks = new RowBlock[count];
        for (int k = 0; k < count; k++) {
            int start = count == 1 ? 0 : tiles * k / count * 8;
            int end = k == count - 1 ? batch : tiles * (k + 1) / count * 8;
            blocks[k] = new RowBlock(start, end, lengths == null ? null : Arrays.copyOfRange(lengths, start, end));
        }
        return blocks;
    }

    /** All rows as one block. */
    private RowBlock wholeBatch() {
        return new RowBlock(0, batch, lengths);
    }

    /**
     * Whether the weights each step reads fit in (half of) a core's L2 cache: {@code W_ih} and {@code W_hh}, or
     * {@code W_hh} alone when x is the input projection already.
     */
    private boolean weightsInL2() {
        return 4L * ((wIh == null ? 0 : inputSize) + hidden) * gateWidth <= 1 << 20;
    }

    /** Batch rows {@code [start, end)} and their lengths (or null). */
    private record RowBlock(int start, int end, int[] lengths) {
        int size() {
            return end - start;
        }

        /**
         * Rows of the block the step's product covers: one past its last active row (0 if none is), but never just 1
         * of several, so the product never switches to its GEMV path (which sums in another order) because of how
         * the batch was split; the extra row is inactive and its result unused.
         */
        int productRows(int t) {
            if (lengths == null) return size();
            for (int r = size() - 1; r >= 0; r--) {
                if (t < lengths[r]) return Math.max(r + 1, Math.min(2, size()));
            }
            return 0;
        }
    }

    /** {@code op(W_hh)} of the per-step products, packed once per pass when it pays. */
    private record StepWeight(boolean trans, int k, int n, Tensor w, PackedMatrix packed) {
        static StepWeight of(boolean trans, int k, int n, Tensor w, boolean pack) {
            int ld = trans ? k : n;
            return new StepWeight(trans, k, n, w, pack ? PackReuse.pack(trans, k, n, w.data(), w.offset(), ld) : null);
        }

        /** Whether a one-row product reads W's rows as dot products (unpacked, stored {@code (n×k)}). */
        boolean streamsRows() {
            return packed == null && trans;
        }

        /** The one-row product {@code c(1, n) = a(1, k)·op(W) + beta·c} for {@link Gemm#gemvDots}. */
        Gemm.Dot dot(float[] a, int aOff, float beta, float[] c, int cOff) {
            return new Gemm.Dot(k, a, aOff, w.data(), w.offset(), beta, c, cOff);
        }

        /**
         * {@code c(rows, n) = a(rows, k)·op(W) + beta·D}, rows contiguous, where D is {@code row} (n values from
         * {@code rowOff}) for every row, or c itself when {@code row} is null.
         */
        void multiply(int rows, float[] a, int aOff, float beta, float[] row, int rowOff, float[] c, int cOff) {
            if (rows == 0) return;
            float[] d = row == null ? c : row;
            int dOff = row == null ? cOff : rowOff;
            int ldd = row == null ? n : 0;
            if (packed != null) {
                Gemm.gemm(false, rows, 1f, a, aOff, k, packed, beta, d, dOff, ldd, c, cOff, n);
            } else {
                Gemm.gemm(false, trans, rows, n, k, 1f, a, aOff, k, w.data(), w.offset(), trans ? k : n, beta, d,
                        dOff, ldd, c, cOff, n);
            }
        }
    }

    private float[] inputBias() {
        return RecurrentOps.inputBias(cell == RecurrentCell.GRU, bIh, bHh, gateWidth);
    }

    // ---------------------------------------------------------------- backward

    /** Gradients of the non-null inputs, in {@link #allInputs} order, from the gradient of the packed result. */
    private float[][] backward(float[] g) {
        int t0 = steps, b = batch, h = hidden, gw = gateWidth, stateSize = b * h;
        boolean gru = cell == RecurrentCell.GRU;
        float[] dGates = new float[t0 * b * gw];                 // (T, B, G·H) d pre-activations (GRU: of x·W_ihᵀ)
        float[] dGatesHh = gru ? new float[t0 * b * gw] : dGates; // GRU: d of h·W_hhᵀ + b_hh
        float[] dhN = Arrays.copyOfRange(g, t0 * stateSize, (t0 + 1) * stateSize);   // (B, H) from hN
        float[] dhOther = new float[stateSize];
        float[] dc = cell == RecurrentCell.LSTM ? Arrays.copyOfRange(g, (t0 + 1) * stateSize, (t0 + 2) * stateSize)
                : null;
        StepWeight whh = StepWeight.of(false, gw, h, wHh, packWorthIt());   // op = W_hh (G·H, H)
        RowBlock[] blocks = rowBlocks();
        if (weightsInL2()) {
            Parallel.forEach(blocks.length, k -> backwardRows(blocks[k], whh, g, dGates, dGatesHh, dhN, dhOther,
                    dc));
        } else {
            // As the forward pass: the gate kernels split the rows, each product the columns of W_hh.
            RowBlock all = wholeBatch();
            float[] dhStep = dhN, dhPrev = dhOther;
            for (int s = t0 - 1; s >= 0; s--) {
                int t = reverse ? t0 - 1 - s : s;
                float[] into = dhStep, carry = dhPrev;
                Parallel.forEach(blocks.length, k -> backwardGates(blocks[k], t, g, dGates, dGatesHh, into, carry,
                        dc));
                backwardProduct(all, t, whh, dGatesHh, dhPrev);
                dhPrev = dhStep;
                dhStep = carry;
            }
        }
        float[] dh = t0 % 2 == 0 ? dhN : dhOther;   // each step swaps the two state-gradient buffers

        int rowsAll = t0 * b;
        float[] dx = null, dWih = null, dWhh = null, dbIh = null, dbHh = null;
        if (x.requiresGrad() && wIh == null) {
            dx = dGates;                           // x is the input projection: its gradient is the gates'
        } else if (x.requiresGrad()) {
            dx = new float[rowsAll * inputSize];   // (T·B, G·H)·(G·H, I)
            Gemm.gemm(false, false, rowsAll, inputSize, gw, 1f, dGates, 0, gw, wIh.data(), wIh.offset(), inputSize,
                    0f, dx, 0, inputSize);
        }
        int hsFirst = reverse ? stateSize : 0;   // the states entering each step, in time order
        if (!gru && wIh != null && wIh.requiresGrad() && wHh.requiresGrad()) {
            // Both weights share dG: one product dGᵀ·[x | h] packs the large transposed dG once, not twice.
            int width = inputSize + h;
            float[] inputs = new float[rowsAll * width];   // (T·B, I + H)
            float[] xd = x.data();
            int xo = x.offset();
            Parallel.forRows(rowsAll, width, (r0, r1) -> {
                for (int r = r0; r < r1; r++) {
                    System.arraycopy(xd, xo + r * inputSize, inputs, r * width, inputSize);
                    System.arraycopy(hs, hsFirst + r * h, inputs, r * width + inputSize, h);
                }
            });
            float[] both = new float[gw * width];          // (G·H, I + H)
            Gemm.gemm(true, false, gw, width, rowsAll, 1f, dGates, 0, gw, inputs, 0, width, 0f, both, 0, width);
            dWih = new float[gw * inputSize];
            dWhh = new float[gw * h];
            for (int r = 0; r < gw; r++) {
                System.arraycopy(both, r * width, dWih, r * inputSize, inputSize);
                System.arraycopy(both, r * width + inputSize, dWhh, r * h, h);
            }
        } else {
            if (wIh != null && wIh.requiresGrad()) {
                dWih = new float[gw * inputSize];      // (G·H, T·B)·(T·B, I)
                Gemm.gemm(true, false, gw, inputSize, rowsAll, 1f, dGates, 0, gw, x.data(), x.offset(), inputSize,
                        0f, dWih, 0, inputSize);
            }
            if (wHh.requiresGrad()) {
                dWhh = new float[gw * h];              // (G·H, T·B)·(T·B, H) over the states entering each step
                Gemm.gemm(true, false, gw, h, rowsAll, 1f, dGatesHh, 0, gw, hs, hsFirst, h, 0f, dWhh, 0, h);
            }
        }
        if (bIh != null && bIh.requiresGrad()) dbIh = ColumnSums.of(dGates, 0, rowsAll, gw);
        if (bHh != null && bHh.requiresGrad()) {
            dbHh = !gru && dbIh != null ? dbIh.clone() : ColumnSums.of(dGatesHh, 0, rowsAll, gw);
        }
        float[] dh0 = h0 != null && h0.requiresGrad() ? dh : null;
        float[] dc0 = c0 != null && c0.requiresGrad() ? dc : null;

        float[][] all = {dx, dh0, dc0, dWih, dWhh, dbIh, dbHh};
        Tensor[] in = allInputs();
        List<float[]> grads = new ArrayList<>();
        for (int k = 0; k < in.length; k++) if (in[k] != null) grads.add(all[k]);
        return grads.toArray(new float[0][]);
    }

    /**
     * The reverse time loop for one block of batch rows: gate gradients into {@code dGates} (and {@code dGatesHh}),
     * the cell-state gradient in {@code dc}; {@code dh} and {@code dhPrev} swap at every step, so after an odd number
     * of steps the gradient of the initial state is in {@code dhPrev}.
     */
    private void backwardRows(RowBlock blk, StepWeight whh, float[] g, float[] dGates, float[] dGatesHh,
                              float[] dh, float[] dhPrev, float[] dc) {
        for (int s = steps - 1; s >= 0; s--) {
            int t = reverse ? steps - 1 - s : s;
            backwardGates(blk, t, g, dGates, dGatesHh, dh, dhPrev, dc);
            backwardProduct(blk, t, whh, dGatesHh, dhPrev);
            float[] swap = dh;
            dh = dhPrev;
            dhPrev = swap;
        }
    }

    /** Step t's gate gradients for the block's rows, from dh (the state gradient into the step). */
    private void backwardGates(RowBlock blk, int t, float[] g, float[] dGates, float[] dGatesHh, float[] dh,
                               float[] dhPrev, float[] dc) {
        int h = hidden, gw = gateWidth, stateSize = batch * h, n = blk.size(), mine = blk.start() * h;
        int before = (reverse ? t + 1 : t) * stateSize + mine;
        int state = t * stateSize + mine;
        int gOff = (t * batch + blk.start()) * gw;
        switch (cell) {
            case LSTM -> RecurrentGates.lstmBackward(n, h, blk.lengths(), t, gates, gOff, cs, before,
                    tanhC, state, g, state, dh, mine, dc, mine, dGates, gOff, dhPrev, mine);
            case GRU -> RecurrentGates.gruBackward(n, h, blk.lengths(), t, gates, gOff, hn, state,
                    hs, before, g, state, dh, mine, dGates, gOff, dGatesHh, gOff, dhPrev, mine);
            case RNN_TANH, RNN_RELU -> RecurrentGates.rnnBackward(n, h, cell == RecurrentCell.RNN_RELU,
                    blk.lengths(), t, gates, gOff, g, state, dh, mine, dGates, gOff, dhPrev, mine);
        }
    }

    /** dh_{t-1} += dG_t·W_hh for the block's rows: (rows, G·H)·(G·H, H). */
    private void backwardProduct(RowBlock blk, int t, StepWeight whh, float[] dGatesHh, float[] dhPrev) {
        whh.multiply(blk.productRows(t), dGatesHh, (t * batch + blk.start()) * gateWidth, 1f, null, 0, dhPrev,
                blk.start() * hidden);
    }
}

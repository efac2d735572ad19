package rnn4j.kernel;

/**
 * Fused per-time-step kernels of the recurrent cells: gate nonlinearities plus state update (forward), and gate
 * gradients plus state-gradient update (backward), for a whole batch at one time step.
 *
 * <p>Every array argument comes with its offset; each block is {@code (batch, width)} row-major and contiguous. The
 * matrix products ({@code x·W_ihᵀ}, {@code h·W_hhᵀ}, {@code dG·W_hh}) are not done here but by {@link Gemm} around
 * these calls, so a step is: one GEMM, one call here.
 *
 * <p><b>Masking.</b> Row {@code r} is <em>active</em> at time {@code t} when {@code lengths == null} or
 * {@code t < lengths[r]} (PyTorch packed-sequence semantics). An inactive row keeps its state ({@code h_next = h_prev},
 * {@code c_next = c_prev}), outputs zero, gets zero gate gradients and passes its state gradient through unchanged;
 * so a sequence's final state is its state at its last valid step and no gradient flows through padding.
 *
 * <p>With the Vector API the nonlinearities run through {@link VectorMath} (IEEE-arithmetic polynomials, within
 * about one float rounding of the {@link Math#tanh} and {@link Math#exp} of the scalar fallback) and the LSTM state
 * update and gate gradients through Vector API loops ({@code RecurrentGatesVector}) with the scalar arithmetic.
 * Rows are independent, so a caller may split a batch into row blocks on several threads;
 * within a row every loop runs in a fixed order, so results do not depend on the split.
 *
 * <p><b>Tiny gradients.</b> Every gradient these kernels store is flushed to zero when its magnitude is below
 * {@link #GRADIENT_FLOOR}. Through a long sequence the gradient reaching early steps shrinks geometrically (vanishing
 * gradients) into the subnormal range, where every x86 multiply on it is slow: a 128×384×128 product on subnormal
 * inputs ran at 0.7 GFLOP/s instead of 45 here, which made sequential MNIST over pixels (784 steps) 3× slower than
 * its arithmetic. Java cannot set the processor's flush-to-zero mode, so the kernels do it themselves.
 *
 * <p>Gate order is PyTorch's: LSTM {@code i, f, g, o}; GRU {@code r, z, n}. Equations: Hochreiter and Schmidhuber
 * (1997) with the forget gate of Gers et al. (2000) for LSTM; Cho et al. (2014) for GRU in PyTorch's form with
 * {@code b_hn} inside the reset product.
 */
public final class RecurrentGates {
    private RecurrentGates() {}

    /**
     * Stored gradients below this magnitude become zero: at 1e-30 a gradient cannot move a parameter, and stopping
     * eight decades above the subnormal range keeps its products with the weights normal too.
     */
    public static final float GRADIENT_FLOOR = 1e-30f;

    private static volatile boolean warm;

    /**
     * Runs every step kernel on tiny shapes (full vectors and a masked tail, active and padded rows) until the JIT has
     * compiled them, as {@link Kernels#warmUp()} does for the GEMM and elementwise kernels: a vector path first met
     * in the middle of a run de-optimises its caller (DESIGN.md §4 rule 3). At most about 0.3 s, once per JVM.
     */
    public static synchronized void warmUp() {
        if (warm) {
            return;
        }
        // Three active rows and a padded one, four whole vectors and a partial one: the loops reach C2's thresholds
        // (about 5,000 calls, or 15,000 calls plus loop iterations) in 2,000 iterations.
        int b = 4, h = 4 * Simd.LANES + 3;
        int[] lengths = {2, 2, 1, 2};
        float[] g4 = new float[b * 4 * h], g3 = new float[b * 3 * h], s1 = new float[b * h], s2 = new float[b * h];
        float[] s3 = new float[b * h], s4 = new float[b * h], s5 = new float[b * h], d4 = new float[b * 4 * h];
        float[] d3 = new float[b * 3 * h];
        long deadline = System.nanoTime() + 300_000_000L;
        for (int iteration = 0; iteration < 2000 && System.nanoTime() < deadline; iteration++) {
            java.util.Arrays.fill(g4, (iteration % 7) * 0.1f - 0.3f);
            java.util.Arrays.fill(g3, (iteration % 5) * 0.1f - 0.2f);
            lstmForward(b, h, lengths, 1, g4, 0, s1, 0, s2, 0, s3, 0, s4, 0, s5, 0, s4, 0);
            lstmBackward(b, h, lengths, 1, g4, 0, s1, 0, s5, 0, s2, 0, s3, 0, s4, 0, d4, 0, s2, 0);
            gruForward(b, h, lengths, 1, g3, 0, d3, 0, s1, 0, s2, 0, s3, 0, s4, 0);
            gruBackward(b, h, lengths, 1, g3, 0, s1, 0, s2, 0, s3, 0, s4, 0, d3, 0, g3, 0, s5, 0);
            rnnForward(b, h, (iteration & 1) == 0, lengths, 1, s1, 0, s2, 0, s3, 0, s4, 0);
            rnnBackward(b, h, (iteration & 1) == 0, lengths, 1, s1, 0, s2, 0, s3, 0, s4, 0, s5, 0);
        }
        warm = true;
    }

    /** True when row {@code row} has a valid input at time {@code t}. */
    public static boolean active(int[] lengths, int row, int t) {
        return lengths == null || t < lengths[row];
    }

    // ---------------------------------------------------------------- LSTM

    /**
     * LSTM step: {@code i, f, o = σ(·)}, {@code g = tanh(·)}, {@code c' = f ⊙ c + i ⊙ g}, {@code h' = o ⊙ tanh(c')}.
     *
     * @param gates    {@code (B, 4H)}: in, the pre-activations {@code x·W_ihᵀ + h·W_hhᵀ + b}; out, the activations
     *                 {@code i, f, g, o} (active rows only), saved for backward
     * @param cPrev    {@code (B, H)} cell state before the step
     * @param hPrev    {@code (B, H)} hidden state before the step
     * @param cNext    {@code (B, H)} out: cell state after the step
     * @param hNext    {@code (B, H)} out: hidden state after the step
     * @param tanhC    {@code (B, H)} out: {@code tanh(c')}, saved for backward (zero for inactive rows)
     * @param out      {@code (B, H)} out: the step's output, {@code h'} or zero for inactive rows
     */
    public static void lstmForward(int batch, int hidden, int[] lengths, int t,
                                   float[] gates, int gatesOff, float[] cPrev, int cPrevOff,
                                   float[] hPrev, int hPrevOff, float[] cNext, int cNextOff,
                                   float[] hNext, int hNextOff, float[] tanhC, int tanhCOff,
                                   float[] out, int outOff) {
        int h = hidden;
        for (int r = 0; r < batch; r++) {
            int g0 = gatesOff + r * 4 * h;
            int row = r * h;
            if (!active(lengths, r, t)) {
                System.arraycopy(cPrev, cPrevOff + row, cNext, cNextOff + row, h);
                System.arraycopy(hPrev, hPrevOff + row, hNext, hNextOff + row, h);
                fill(tanhC, tanhCOff + row, h, 0f);
                fill(out, outOff + row, h, 0f);
                continue;
            }
            sigmoidInPlace(gates, g0, 2 * h);        // i, f
            tanhInPlace(gates, g0 + 2 * h, h);       // g
            sigmoidInPlace(gates, g0 + 3 * h, h);    // o
            if (Simd.enabled()) {
                RecurrentGatesVector.lstmCell(h, gates, g0, cPrev, cPrevOff + row, cNext, cNextOff + row);
            } else {
                lstmCell(gates, g0, h, cPrev, cPrevOff + row, cNext, cNextOff + row);
            }
            tanh(cNext, cNextOff + row, tanhC, tanhCOff + row, h);
            if (Simd.enabled()) {
                RecurrentGatesVector.lstmOutput(h, gates, g0 + 3 * h, tanhC, tanhCOff + row, hNext, hNextOff + row,
                        out, outOff + row);
            } else {
                lstmOutput(gates, g0 + 3 * h, tanhC, tanhCOff + row, hNext, hNextOff + row, out, outOff + row, h);
            }
        }
    }

    private static void lstmCell(float[] gates, int g0, int h, float[] cPrev, int cp, float[] cNext, int cn) {
        int i = g0, f = g0 + h, g = g0 + 2 * h;
        for (int j = 0; j < h; j++) {
            cNext[cn + j] = gates[f + j] * cPrev[cp + j] + gates[i + j] * gates[g + j];
        }
    }

    private static void lstmOutput(float[] gates, int o, float[] tanhC, int tc, float[] hNext, int hn,
                                   float[] out, int oo, int h) {
        for (int j = 0; j < h; j++) {
            float v = gates[o + j] * tanhC[tc + j];
            hNext[hn + j] = v;
            out[oo + j] = v;
        }
    }

    /**
     * LSTM step backward. With {@code dh = dL/dh' + dL/dout}: {@code dc ← dc + dh ⊙ o ⊙ (1 − tanh²c')},
     * {@code dG = [dc⊙g⊙i(1−i), dc⊙c⊙f(1−f), dc⊙i⊙(1−g²), dh⊙tanh c'⊙o(1−o)]}, then {@code dc ← dc ⊙ f}. The caller
     * completes {@code dL/dh} before the step as {@code dhCarry + dG·W_hh}.
     *
     * @param gates    {@code (B, 4H)} activations saved by {@link #lstmForward}
     * @param cPrev    {@code (B, H)} cell state before the step
     * @param tanhC    {@code (B, H)} {@code tanh(c')} saved by {@link #lstmForward}
     * @param gradOut  {@code (B, H)} gradient of the step's output
     * @param dh       {@code (B, H)} gradient of the hidden state after the step (from later steps and {@code h_n})
     * @param dc       {@code (B, H)} in: gradient of the cell state after the step; out: before the step
     * @param dGates   {@code (B, 4H)} out: gradient of the gate pre-activations (zero for inactive rows)
     * @param dhCarry  {@code (B, H)} out: the part of the gradient of the hidden state before the step that does not
     *                 go through {@code W_hh}: {@code dh} for inactive rows, zero for active ones
     */
    public static void lstmBackward(int batch, int hidden, int[] lengths, int t,
                                    float[] gates, int gatesOff, float[] cPrev, int cPrevOff,
                                    float[] tanhC, int tanhCOff, float[] gradOut, int gradOutOff,
                                    float[] dh, int dhOff, float[] dc, int dcOff,
                                    float[] dGates, int dGatesOff, float[] dhCarry, int dhCarryOff) {
        int h = hidden;
        for (int r = 0; r < batch; r++) {
            int g0 = gatesOff + r * 4 * h;
            int d0 = dGatesOff + r * 4 * h;
            int row = r * h;
            if (!active(lengths, r, t)) {
                fill(dGates, d0, 4 * h, 0f);
                System.arraycopy(dh, dhOff + row, dhCarry, dhCarryOff + row, h);
                continue;
            }
            if (Simd.enabled()) {
                RecurrentGatesVector.lstmBackwardRow(h, gates, g0, cPrev, cPrevOff + row, tanhC, tanhCOff + row,
                        gradOut, gradOutOff + row, dh, dhOff + row, dc, dcOff + row, dGates, d0,
                        dhCarry, dhCarryOff + row);
                continue;
            }
            lstmGateGradients(gates, g0, cPrev, cPrevOff + row, tanhC, tanhCOff + row, gradOut, gradOutOff + row,
                    dh, dhOff + row, dc, dcOff + row, dGates, d0, h, h);
            fill(dhCarry, dhCarryOff + row, h, 0f);
        }
    }

    /** Gate gradients of elements {@code [0, n)} of a row whose gate blocks are {@code h} apart. */
    static void lstmGateGradients(float[] gates, int g0, float[] cPrev, int cp, float[] tanhC, int tc,
                                  float[] gradOut, int go, float[] dh, int dhr, float[] dc, int dcr,
                                  float[] dGates, int d0, int h, int n) {
        int i = g0, f = g0 + h, g = g0 + 2 * h, o = g0 + 3 * h;
        for (int j = 0; j < n; j++) {
            float dhj = dh[dhr + j] + gradOut[go + j];
            float tcj = tanhC[tc + j];
            float oj = gates[o + j], ij = gates[i + j], fj = gates[f + j], gj = gates[g + j];
            float dcj = dc[dcr + j] + dhj * oj * (1f - tcj * tcj);
            dGates[d0 + j] = flush(dcj * gj * ij * (1f - ij));
            dGates[d0 + h + j] = flush(dcj * cPrev[cp + j] * fj * (1f - fj));
            dGates[d0 + 2 * h + j] = flush(dcj * ij * (1f - gj * gj));
            dGates[d0 + 3 * h + j] = flush(dhj * tcj * oj * (1f - oj));
            dc[dcr + j] = flush(dcj * fj);
        }
    }

    // ---------------------------------------------------------------- GRU

    /**
     * GRU step: {@code r = σ(a_r + b_r)}, {@code z = σ(a_z + b_z)}, {@code n = tanh(a_n + r ⊙ b_n)},
     * {@code h' = (1 − z) ⊙ n + z ⊙ h}, where {@code a = x·W_ihᵀ + b_ih} and {@code b = h·W_hhᵀ + b_hh}.
     *
     * @param gatesIh  {@code (B, 3H)}: in, {@code a}; out, the activations {@code r, z, n} (active rows), saved
     * @param gatesHh  {@code (B, 3H)} {@code b}, read only
     * @param hn       {@code (B, H)} out: {@code b_n = W_hn h + b_hn}, saved for backward
     * @param hPrev    {@code (B, H)} hidden state before the step
     * @param hNext    {@code (B, H)} out: hidden state after the step
     * @param out      {@code (B, H)} out: {@code h'} or zero for inactive rows
     */
    public static void gruForward(int batch, int hidden, int[] lengths, int t,
                                  float[] gatesIh, int gatesIhOff, float[] gatesHh, int gatesHhOff,
                                  float[] hn, int hnOff, float[] hPrev, int hPrevOff,
                                  float[] hNext, int hNextOff, float[] out, int outOff) {
        int h = hidden;
        for (int r = 0; r < batch; r++) {
            int a0 = gatesIhOff + r * 3 * h;
            int b0 = gatesHhOff + r * 3 * h;
            int row = r * h;
            if (!active(lengths, r, t)) {
                System.arraycopy(hPrev, hPrevOff + row, hNext, hNextOff + row, h);
                fill(hn, hnOff + row, h, 0f);
                fill(out, outOff + row, h, 0f);
                continue;
            }
            add(gatesHh, b0, gatesIh, a0, 2 * h);
            sigmoidInPlace(gatesIh, a0, 2 * h);   // r, z
            gruNewGatePreactivation(gatesIh, a0, gatesHh, b0 + 2 * h, hn, hnOff + row, h);
            tanhInPlace(gatesIh, a0 + 2 * h, h);  // n
            gruUpdate(gatesIh, a0, hPrev, hPrevOff + row, hNext, hNextOff + row, out, outOff + row, h);
        }
    }

    private static void gruNewGatePreactivation(float[] gates, int a0, float[] gatesHh, int bn, float[] hn, int hr,
                                                int h) {
        int r = a0, n = a0 + 2 * h;
        for (int j = 0; j < h; j++) {
            float bnj = gatesHh[bn + j];
            hn[hr + j] = bnj;
            gates[n + j] += gates[r + j] * bnj;
        }
    }

    private static void gruUpdate(float[] gates, int a0, float[] hPrev, int hp, float[] hNext, int hNx,
                                  float[] out, int oo, int h) {
        int z = a0 + h, n = a0 + 2 * h;
        for (int j = 0; j < h; j++) {
            float nj = gates[n + j];
            // n + z·(h − n) is (1 − z)·n + z·h with one multiply less.
            float v = nj + gates[z + j] * (hPrev[hp + j] - nj);
            hNext[hNx + j] = v;
            out[oo + j] = v;
        }
    }

    /**
     * GRU step backward. With {@code dh = dL/dh' + dL/dout}: {@code dn = dh ⊙ (1 − z) ⊙ (1 − n²)},
     * {@code dz = dh ⊙ (h − n) ⊙ z(1 − z)}, {@code dr = dn ⊙ b_n ⊙ r(1 − r)}; the gradient of {@code a} is
     * {@code [dr, dz, dn]}, that of {@code b} is {@code [dr, dz, dn ⊙ r]}, and {@code dh ⊙ z} goes to the previous
     * state directly ({@code dhCarry}); the caller adds {@code dGatesHh·W_hh}.
     *
     * @param gates     {@code (B, 3H)} activations {@code r, z, n} saved by {@link #gruForward}
     * @param hn        {@code (B, H)} {@code b_n} saved by {@link #gruForward}
     * @param hPrev     {@code (B, H)} hidden state before the step
     * @param gradOut   {@code (B, H)} gradient of the step's output
     * @param dh        {@code (B, H)} gradient of the hidden state after the step
     * @param dGatesIh  {@code (B, 3H)} out: gradient of {@code a} (zero for inactive rows)
     * @param dGatesHh  {@code (B, 3H)} out: gradient of {@code b} (zero for inactive rows)
     * @param dhCarry   {@code (B, H)} out: {@code dh ⊙ z} for active rows, {@code dh} for inactive ones
     */
    public static void gruBackward(int batch, int hidden, int[] lengths, int t,
                                   float[] gates, int gatesOff, float[] hn, int hnOff, float[] hPrev, int hPrevOff,
                                   float[] gradOut, int gradOutOff, float[] dh, int dhOff,
                                   float[] dGatesIh, int dGatesIhOff, float[] dGatesHh, int dGatesHhOff,
                                   float[] dhCarry, int dhCarryOff) {
        int h = hidden;
        for (int r = 0; r < batch; r++) {
            int a0 = gatesOff + r * 3 * h;
            int di = dGatesIhOff + r * 3 * h;
            int dd = dGatesHhOff + r * 3 * h;
            int row = r * h;
            if (!active(lengths, r, t)) {
                fill(dGatesIh, di, 3 * h, 0f);
                fill(dGatesHh, dd, 3 * h, 0f);
                System.arraycopy(dh, dhOff + row, dhCarry, dhCarryOff + row, h);
                continue;
            }
            if (Simd.enabled()) {
                RecurrentGatesVector.gruBackwardRow(h, gates, a0, hn, hnOff + row, hPrev, hPrevOff + row, gradOut,
                        gradOutOff + row, dh, dhOff + row, dGatesIh, di, dGatesHh, dd, dhCarry, dhCarryOff + row);
                continue;
            }
            gruGateGradients(gates, a0, hn, hnOff + row, hPrev, hPrevOff + row, gradOut, gradOutOff + row,
                    dh, dhOff + row, dGatesIh, di, dGatesHh, dd, dhCarry, dhCarryOff + row, h, h);
        }
    }

    /** Gate gradients of elements {@code [0, n)} of a row whose gate blocks are {@code h} apart. */
    static void gruGateGradients(float[] gates, int a0, float[] hn, int hr, float[] hPrev, int hp,
                                 float[] gradOut, int go, float[] dh, int dhr, float[] dIh, int di,
                                 float[] dHh, int dd, float[] dhCarry, int dcr, int h, int count) {
        int r = a0, z = a0 + h, n = a0 + 2 * h;
        for (int j = 0; j < count; j++) {
            float dhj = dh[dhr + j] + gradOut[go + j];
            float rj = gates[r + j], zj = gates[z + j], nj = gates[n + j];
            float dn = dhj * (1f - zj) * (1f - nj * nj);
            float dz = dhj * (hPrev[hp + j] - nj) * zj * (1f - zj);
            float dr = dn * hn[hr + j] * rj * (1f - rj);
            dIh[di + j] = flush(dr);
            dIh[di + h + j] = flush(dz);
            dIh[di + 2 * h + j] = flush(dn);
            dHh[dd + j] = flush(dr);
            dHh[dd + h + j] = flush(dz);
            dHh[dd + 2 * h + j] = flush(dn * rj);
            dhCarry[dcr + j] = flush(dhj * zj);
        }
    }

    // ---------------------------------------------------------------- Elman RNN

    /**
     * Elman RNN step: {@code h' = act(a)}, {@code act} = tanh or ReLU, with {@code a = x·W_ihᵀ + h·W_hhᵀ + b}.
     *
     * @param gates {@code (B, H)}: in, {@code a}; out, {@code h'} (active rows), saved for backward
     * @param hPrev {@code (B, H)} hidden state before the step
     * @param hNext {@code (B, H)} out: hidden state after the step
     * @param out   {@code (B, H)} out: {@code h'} or zero for inactive rows
     */
    public static void rnnForward(int batch, int hidden, boolean relu, int[] lengths, int t,
                                  float[] gates, int gatesOff, float[] hPrev, int hPrevOff,
                                  float[] hNext, int hNextOff, float[] out, int outOff) {
        int h = hidden;
        for (int r = 0; r < batch; r++) {
            int row = r * h;
            if (!active(lengths, r, t)) {
                System.arraycopy(hPrev, hPrevOff + row, hNext, hNextOff + row, h);
                fill(out, outOff + row, h, 0f);
                continue;
            }
            int a = gatesOff + row;
            if (relu) {
                reluInPlace(gates, a, h);
            } else {
                tanhInPlace(gates, a, h);
            }
            System.arraycopy(gates, a, hNext, hNextOff + row, h);
            System.arraycopy(gates, a, out, outOff + row, h);
        }
    }

    /**
     * Elman RNN step backward: {@code dA = (dh + dout) ⊙ act'(h')}, with {@code tanh' = 1 − h'²} and
     * {@code relu' = [h' > 0]} (PyTorch's convention at 0).
     *
     * @param gates   {@code (B, H)} {@code h'} saved by {@link #rnnForward}
     * @param gradOut {@code (B, H)} gradient of the step's output
     * @param dh      {@code (B, H)} gradient of the hidden state after the step
     * @param dGates  {@code (B, H)} out: gradient of {@code a} (zero for inactive rows)
     * @param dhCarry {@code (B, H)} out: zero for active rows, {@code dh} for inactive ones
     */
    public static void rnnBackward(int batch, int hidden, boolean relu, int[] lengths, int t,
                                   float[] gates, int gatesOff, float[] gradOut, int gradOutOff,
                                   float[] dh, int dhOff, float[] dGates, int dGatesOff,
                                   float[] dhCarry, int dhCarryOff) {
        int h = hidden;
        for (int r = 0; r < batch; r++) {
            int row = r * h;
            if (!active(lengths, r, t)) {
                fill(dGates, dGatesOff + row, h, 0f);
                System.arraycopy(dh, dhOff + row, dhCarry, dhCarryOff + row, h);
                continue;
            }
            if (relu) {
                reluGradient(gates, gatesOff + row, gradOut, gradOutOff + row, dh, dhOff + row,
                        dGates, dGatesOff + row, h);
            } else {
                tanhGradient(gates, gatesOff + row, gradOut, gradOutOff + row, dh, dhOff + row,
                        dGates, dGatesOff + row, h);
            }
            fill(dhCarry, dhCarryOff + row, h, 0f);
        }
    }

    private static void tanhGradient(float[] y, int yo, float[] gradOut, int go, float[] dh, int dho,
                                     float[] dA, int dao, int h) {
        for (int j = 0; j < h; j++) {
            float yj = y[yo + j];
            dA[dao + j] = flush((dh[dho + j] + gradOut[go + j]) * (1f - yj * yj));
        }
    }

    private static void reluGradient(float[] y, int yo, float[] gradOut, int go, float[] dh, int dho,
                                     float[] dA, int dao, int h) {
        for (int j = 0; j < h; j++) {
            dA[dao + j] = y[yo + j] > 0f ? flush(dh[dho + j] + gradOut[go + j]) : 0f;
        }
    }

    // ---------------------------------------------------------------- elementwise helpers

    /** {@code v}, or zero below {@link #GRADIENT_FLOOR} in magnitude. */
    static float flush(float v) {
        return Math.abs(v) < GRADIENT_FLOOR ? 0f : v;
    }

    private static void fill(float[] a, int off, int n, float v) {
        java.util.Arrays.fill(a, off, off + n, v);
    }

    private static void add(float[] src, int so, float[] dst, int d, int n) {
        if (Simd.enabled()) {
            VectorMath.add(src, so, dst, d, dst, d, n);
            return;
        }
        for (int j = 0; j < n; j++) dst[d + j] += src[so + j];
    }

    private static void sigmoidInPlace(float[] a, int off, int n) {
        if (Simd.enabled()) {
            VectorMath.sigmoid(a, off, a, off, n);
            return;
        }
        for (int j = off; j < off + n; j++) a[j] = (float) (1.0 / (1.0 + Math.exp(-a[j])));
    }

    private static void tanhInPlace(float[] a, int off, int n) {
        tanh(a, off, a, off, n);
    }

    private static void tanh(float[] src, int so, float[] dst, int d, int n) {
        if (Simd.enabled()) {
            VectorMath.tanh(src, so, dst, d, n);
            return;
        }
        for (int j = 0; j < n; j++) dst[d + j] = (float) Math.tanh(src[so + j]);
    }

    private static void reluInPlace(float[] a, int off, int n) {
        for (int j = off; j < off + n; j++) a[j] = Math.max(a[j], 0f);
    }
}

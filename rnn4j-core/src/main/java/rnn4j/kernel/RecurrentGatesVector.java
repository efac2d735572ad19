package rnn4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API leaves of {@link RecurrentGates}: the gate arithmetic of one batch row, in registers. The
 * transcendental functions are not here but in {@link VectorMath}'s own loop: a leaf holding several
 * transcendental calls next to its arithmetic grew past what C2 inlines, and the calls it left out ran
 * un-intrinsified (boxed, ~100× slow) for a whole run. No method here takes or returns a vector
 * ({@code VectorInliningTest}).
 *
 * <p>The arithmetic is the scalar path's, operation for operation (Java never contracts {@code a·b + c} into an FMA),
 * and the last partial vector is finished by the same scalar expressions, so every element of a row gets the same
 * bits wherever it falls and whichever path runs.
 */
final class RecurrentGatesVector {
    private RecurrentGatesVector() {}

    // A static final species: held anywhere else the JIT stops emitting vector code (DESIGN.md §4 rule 2).
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** {@code c' = f ⊙ c + i ⊙ g} for one row; {@code g0} is the row's block of activations {@code i, f, g, o}. */
    static void lstmCell(int h, float[] gates, int g0, float[] cPrev, int cp, float[] cNext, int cn) {
        int j = 0;
        for (int bound = S.loopBound(h); j < bound; j += L) {
            FloatVector i = FloatVector.fromArray(S, gates, g0 + j);
            FloatVector f = FloatVector.fromArray(S, gates, g0 + h + j);
            FloatVector g = FloatVector.fromArray(S, gates, g0 + 2 * h + j);
            f.mul(FloatVector.fromArray(S, cPrev, cp + j)).add(i.mul(g)).intoArray(cNext, cn + j);
        }
        for (; j < h; j++) {
            cNext[cn + j] = gates[g0 + h + j] * cPrev[cp + j] + gates[g0 + j] * gates[g0 + 2 * h + j];
        }
    }

    /** {@code h' = o ⊙ tanh(c')} for one row, written to both {@code hNext} and {@code out}. */
    static void lstmOutput(int h, float[] gates, int o, float[] tanhC, int tc, float[] hNext, int hn, float[] out,
                           int oo) {
        int j = 0;
        for (int bound = S.loopBound(h); j < bound; j += L) {
            FloatVector y = FloatVector.fromArray(S, gates, o + j).mul(FloatVector.fromArray(S, tanhC, tc + j));
            y.intoArray(hNext, hn + j);
            y.intoArray(out, oo + j);
        }
        for (; j < h; j++) {
            float y = gates[o + j] * tanhC[tc + j];
            hNext[hn + j] = y;
            out[oo + j] = y;
        }
    }

    /** One LSTM row backward: see {@link RecurrentGates#lstmBackward}; also zeroes the row's {@code dhCarry}. */
    static void lstmBackwardRow(int h, float[] gates, int g0, float[] cPrev, int cp, float[] tanhC, int tc,
                                float[] gradOut, int go, float[] dh, int dhr, float[] dc, int dcr,
                                float[] dGates, int d0, float[] dhCarry, int dcy) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector zero = FloatVector.zero(S);
        float floor = RecurrentGates.GRADIENT_FLOOR;
        int j = 0;
        for (int bound = S.loopBound(h); j < bound; j += L) {
            FloatVector dhj = FloatVector.fromArray(S, dh, dhr + j).add(FloatVector.fromArray(S, gradOut, go + j));
            FloatVector t = FloatVector.fromArray(S, tanhC, tc + j);
            FloatVector i = FloatVector.fromArray(S, gates, g0 + j);
            FloatVector f = FloatVector.fromArray(S, gates, g0 + h + j);
            FloatVector g = FloatVector.fromArray(S, gates, g0 + 2 * h + j);
            FloatVector o = FloatVector.fromArray(S, gates, g0 + 3 * h + j);
            FloatVector dcj = FloatVector.fromArray(S, dc, dcr + j).add(dhj.mul(o).mul(one.sub(t.mul(t))));
            FloatVector di = dcj.mul(g).mul(i).mul(one.sub(i));
            FloatVector df = dcj.mul(FloatVector.fromArray(S, cPrev, cp + j)).mul(f).mul(one.sub(f));
            FloatVector dg = dcj.mul(i).mul(one.sub(g.mul(g)));
            FloatVector dO = dhj.mul(t).mul(o).mul(one.sub(o));
            FloatVector dcPrev = dcj.mul(f);
            // RecurrentGates.flush lane by lane, written out: a helper taking a vector is not always inlined
            // (VectorInliningTest says why).
            di.blend(0f, di.abs().lt(floor)).intoArray(dGates, d0 + j);
            df.blend(0f, df.abs().lt(floor)).intoArray(dGates, d0 + h + j);
            dg.blend(0f, dg.abs().lt(floor)).intoArray(dGates, d0 + 2 * h + j);
            dO.blend(0f, dO.abs().lt(floor)).intoArray(dGates, d0 + 3 * h + j);
            dcPrev.blend(0f, dcPrev.abs().lt(floor)).intoArray(dc, dcr + j);
            zero.intoArray(dhCarry, dcy + j);
        }
        if (j < h) {
            RecurrentGates.lstmGateGradients(gates, g0 + j, cPrev, cp + j, tanhC, tc + j, gradOut, go + j, dh,
                    dhr + j, dc, dcr + j, dGates, d0 + j, h, h - j);
            java.util.Arrays.fill(dhCarry, dcy + j, dcy + h, 0f);
        }
    }

    /** One GRU row backward: see {@link RecurrentGates#gruBackward}. */
    static void gruBackwardRow(int h, float[] gates, int a0, float[] hn, int hr, float[] hPrev, int hp,
                               float[] gradOut, int go, float[] dh, int dhr, float[] dIh, int di, float[] dHh, int dd,
                               float[] dhCarry, int dcy) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        float floor = RecurrentGates.GRADIENT_FLOOR;
        int j = 0;
        for (int bound = S.loopBound(h); j < bound; j += L) {
            FloatVector dhj = FloatVector.fromArray(S, dh, dhr + j).add(FloatVector.fromArray(S, gradOut, go + j));
            FloatVector r = FloatVector.fromArray(S, gates, a0 + j);
            FloatVector z = FloatVector.fromArray(S, gates, a0 + h + j);
            FloatVector n = FloatVector.fromArray(S, gates, a0 + 2 * h + j);
            FloatVector dn = dhj.mul(one.sub(z)).mul(one.sub(n.mul(n)));
            FloatVector dz = dhj.mul(FloatVector.fromArray(S, hPrev, hp + j).sub(n)).mul(z).mul(one.sub(z));
            FloatVector dr = dn.mul(FloatVector.fromArray(S, hn, hr + j)).mul(r).mul(one.sub(r));
            FloatVector dnHh = dn.mul(r);
            FloatVector dhPrev = dhj.mul(z);
            // RecurrentGates.flush lane by lane, written out as in lstmBackwardRow.
            dz = dz.blend(0f, dz.abs().lt(floor));
            dr = dr.blend(0f, dr.abs().lt(floor));
            dn = dn.blend(0f, dn.abs().lt(floor));
            dr.intoArray(dIh, di + j);
            dz.intoArray(dIh, di + h + j);
            dn.intoArray(dIh, di + 2 * h + j);
            dr.intoArray(dHh, dd + j);
            dz.intoArray(dHh, dd + h + j);
            dnHh.blend(0f, dnHh.abs().lt(floor)).intoArray(dHh, dd + 2 * h + j);
            dhPrev.blend(0f, dhPrev.abs().lt(floor)).intoArray(dhCarry, dcy + j);
        }
        if (j < h) {
            RecurrentGates.gruGateGradients(gates, a0 + j, hn, hr + j, hPrev, hp + j, gradOut, go + j, dh, dhr + j,
                    dIh, di + j, dHh, dd + j, dhCarry, dcy + j, h, h - j);
        }
    }
}

package rnn4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API leaves of {@link RecurrentGates}: one pass over a batch row per step, every gate of a lane computed
 * in registers. Loaded only when the Vector API is present. The arithmetic apart from {@code tanh} and {@code exp}
 * is the scalar path's, operation for operation (Java never contracts {@code a·b + c} into an FMA), and the last
 * partial vector is done masked, so every element of a row goes through the same arithmetic wherever it falls.
 */
final class RecurrentGatesVector {
    private RecurrentGatesVector() {}

    // A static final species: held anywhere else the JIT stops emitting vector code (DESIGN.md §4 rule 2).
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private static FloatVector sigmoid(FloatVector x) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        return one.div(x.neg().lanewise(VectorOperators.EXP).add(one));
    }

    private static FloatVector tanh(FloatVector x) {
        return x.lanewise(VectorOperators.TANH);
    }

    /** One LSTM row: see {@link RecurrentGates#lstmForward}; {@code g0} is the row's gate block. */
    static void lstmForwardRow(int h, float[] gates, int g0, float[] cPrev, int cp, float[] cNext, int cn,
                               float[] tanhC, int tc, float[] hNext, int hn, float[] out, int oo) {
        int j = 0;
        for (int bound = S.loopBound(h); j < bound; j += L) {
            FloatVector i = sigmoid(FloatVector.fromArray(S, gates, g0 + j));
            FloatVector f = sigmoid(FloatVector.fromArray(S, gates, g0 + h + j));
            FloatVector g = tanh(FloatVector.fromArray(S, gates, g0 + 2 * h + j));
            FloatVector o = sigmoid(FloatVector.fromArray(S, gates, g0 + 3 * h + j));
            i.intoArray(gates, g0 + j);
            f.intoArray(gates, g0 + h + j);
            g.intoArray(gates, g0 + 2 * h + j);
            o.intoArray(gates, g0 + 3 * h + j);
            FloatVector c = f.mul(FloatVector.fromArray(S, cPrev, cp + j)).add(i.mul(g));
            FloatVector t = tanh(c);
            FloatVector y = o.mul(t);
            c.intoArray(cNext, cn + j);
            t.intoArray(tanhC, tc + j);
            y.intoArray(hNext, hn + j);
            y.intoArray(out, oo + j);
        }
        if (j < h) {
            VectorMask<Float> m = S.indexInRange(j, h);
            FloatVector i = sigmoid(FloatVector.fromArray(S, gates, g0 + j, m));
            FloatVector f = sigmoid(FloatVector.fromArray(S, gates, g0 + h + j, m));
            FloatVector g = tanh(FloatVector.fromArray(S, gates, g0 + 2 * h + j, m));
            FloatVector o = sigmoid(FloatVector.fromArray(S, gates, g0 + 3 * h + j, m));
            i.intoArray(gates, g0 + j, m);
            f.intoArray(gates, g0 + h + j, m);
            g.intoArray(gates, g0 + 2 * h + j, m);
            o.intoArray(gates, g0 + 3 * h + j, m);
            FloatVector c = f.mul(FloatVector.fromArray(S, cPrev, cp + j, m)).add(i.mul(g));
            FloatVector t = tanh(c);
            FloatVector y = o.mul(t);
            c.intoArray(cNext, cn + j, m);
            t.intoArray(tanhC, tc + j, m);
            y.intoArray(hNext, hn + j, m);
            y.intoArray(out, oo + j, m);
        }
    }

    /** One LSTM row backward: see {@link RecurrentGates#lstmBackward}; also zeroes the row's {@code dhCarry}. */
    static void lstmBackwardRow(int h, float[] gates, int g0, float[] cPrev, int cp, float[] tanhC, int tc,
                                float[] gradOut, int go, float[] dh, int dhr, float[] dc, int dcr,
                                float[] dGates, int d0, float[] dhCarry, int dcy) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector zero = FloatVector.zero(S);
        int j = 0;
        for (int bound = S.loopBound(h); j < bound; j += L) {
            FloatVector dhj = FloatVector.fromArray(S, dh, dhr + j).add(FloatVector.fromArray(S, gradOut, go + j));
            FloatVector t = FloatVector.fromArray(S, tanhC, tc + j);
            FloatVector i = FloatVector.fromArray(S, gates, g0 + j);
            FloatVector f = FloatVector.fromArray(S, gates, g0 + h + j);
            FloatVector g = FloatVector.fromArray(S, gates, g0 + 2 * h + j);
            FloatVector o = FloatVector.fromArray(S, gates, g0 + 3 * h + j);
            FloatVector dcj = FloatVector.fromArray(S, dc, dcr + j).add(dhj.mul(o).mul(one.sub(t.mul(t))));
            dcj.mul(g).mul(i).mul(one.sub(i)).intoArray(dGates, d0 + j);
            dcj.mul(FloatVector.fromArray(S, cPrev, cp + j)).mul(f).mul(one.sub(f)).intoArray(dGates, d0 + h + j);
            dcj.mul(i).mul(one.sub(g.mul(g))).intoArray(dGates, d0 + 2 * h + j);
            dhj.mul(t).mul(o).mul(one.sub(o)).intoArray(dGates, d0 + 3 * h + j);
            dcj.mul(f).intoArray(dc, dcr + j);
            zero.intoArray(dhCarry, dcy + j);
        }
        if (j < h) {
            VectorMask<Float> m = S.indexInRange(j, h);
            FloatVector dhj = FloatVector.fromArray(S, dh, dhr + j, m)
                    .add(FloatVector.fromArray(S, gradOut, go + j, m));
            FloatVector t = FloatVector.fromArray(S, tanhC, tc + j, m);
            FloatVector i = FloatVector.fromArray(S, gates, g0 + j, m);
            FloatVector f = FloatVector.fromArray(S, gates, g0 + h + j, m);
            FloatVector g = FloatVector.fromArray(S, gates, g0 + 2 * h + j, m);
            FloatVector o = FloatVector.fromArray(S, gates, g0 + 3 * h + j, m);
            FloatVector dcj = FloatVector.fromArray(S, dc, dcr + j, m).add(dhj.mul(o).mul(one.sub(t.mul(t))));
            dcj.mul(g).mul(i).mul(one.sub(i)).intoArray(dGates, d0 + j, m);
            dcj.mul(FloatVector.fromArray(S, cPrev, cp + j, m)).mul(f).mul(one.sub(f))
                    .intoArray(dGates, d0 + h + j, m);
            dcj.mul(i).mul(one.sub(g.mul(g))).intoArray(dGates, d0 + 2 * h + j, m);
            dhj.mul(t).mul(o).mul(one.sub(o)).intoArray(dGates, d0 + 3 * h + j, m);
            dcj.mul(f).intoArray(dc, dcr + j, m);
            zero.intoArray(dhCarry, dcy + j, m);
        }
    }
}

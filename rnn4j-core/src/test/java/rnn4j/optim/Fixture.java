package rnn4j.optim;

import java.util.List;
import java.util.function.Function;
import rnn4j.nn.Parameter;
import rnn4j.tensor.Shape;
import rnn4j.tensor.Tensor;

/** Test helpers: the three-value problem of {@code optimizer_reference.py} and a way to set a gradient directly. */
final class Fixture {
    /** The script's starting point W0. */
    static final float[] W0 = {0.5f, -1.0f, 2.0f};
    /** The script's curvature C: loss = sum(C·w²), gradient 2·C·w. */
    static final float[] C = {1.0f, 0.5f, 2.0f};
    /** The script's fixed gradient sequence SEQ (one row per step). */
    static final float[][] SEQ = {{1.0f, -2.0f, 0.5f}, {0.1f, 0.1f, 3.0f}, {-0.5f, 0.0f, 0.01f}};

    /** The gradient of one step, given the current values and the step number from 1. */
    interface GradientRule {
        float[] at(float[] w, int step);
    }

    static final GradientRule QUADRATIC = (w, t) -> new float[] {2 * C[0] * w[0], 2 * C[1] * w[1], 2 * C[2] * w[2]};
    static final GradientRule SEQUENCE = (w, t) -> SEQ[t - 1].clone();

    private Fixture() {}

    static Parameter parameter(float... values) {
        return new Parameter(Tensor.vector(values));
    }

    /** Replaces {@code p}'s gradient with {@code g} by back-propagating through a one-node graph. */
    static void setGrad(Parameter p, float... g) {
        p.zeroGrad();
        float[] copy = g.clone();
        Tensor.result("setGrad", new float[1], Shape.scalar(), gradOut -> new float[][] {copy.clone()}, p.value())
                .backward();
    }

    /** Runs {@code steps} steps of a fresh optimizer over W0 with the given gradients; returns the final values. */
    static float[] run(Function<List<Parameter>, Optimizer> make, GradientRule rule, int steps) {
        Parameter p = parameter(W0);
        Optimizer opt = make.apply(List.of(p));
        for (int t = 1; t <= steps; t++) {
            setGrad(p, rule.at(p.data().clone(), t));
            opt.step();
        }
        return p.data().clone();
    }
}

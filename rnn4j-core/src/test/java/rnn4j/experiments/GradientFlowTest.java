package rnn4j.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import rnn4j.models.SequenceRegressor;
import rnn4j.tensor.Grad;
import rnn4j.tensor.Tensor;

class GradientFlowTest {
    @ParameterizedTest
    @ValueSource(strings = {"rnn_tanh", "lstm", "gru"})
    void lastStepGradient_equalsTheHeadsClosedForm(String cell) {
        var model = new SequenceRegressor(new SequenceRegressor.Config(2, 6, 1, 1, 1, false, cell, 0f),
                new SplittableRandom(1));
        MemoryTasks.Batch b = MemoryTasks.adding(4, 10, new SplittableRandom(2));
        double[] norms = GradientFlow.hiddenGradientNorms(model, b.x(), b.y(), new SplittableRandom(3));
        // L = mean((w·h_T + c − y)²) over B, so ∂L/∂h_T = 2/B · (pred − y) · w, whose norm is |2/B·(pred − y)|·‖w‖.
        Tensor pred = Grad.disabled(() -> model.forward(b.x())); // the fused layer: the replay must agree with it
        float[] w = model.stateDict().get("head.weight").toArray();
        double wNorm = 0;
        for (float v : w) wNorm += v * v;
        wNorm = Math.sqrt(wNorm);
        double expected = 0;
        for (int i = 0; i < 4; i++) expected += Math.abs(2.0 / 4 * (pred.get(i, 0, 0) - b.y().get(i, 0, 0))) * wNorm;
        assertEquals(expected / 4, norms[9], 1e-5);
        assertEquals(10, norms.length);
    }

    @org.junit.jupiter.api.Test
    void vanillaRnn_gradientVanishesBackInTime_atInitialisation() {
        var model = new SequenceRegressor(new SequenceRegressor.Config(2, 16, 1, 1, 1, false, "rnn_tanh", 0f),
                new SplittableRandom(4));
        MemoryTasks.Batch b = MemoryTasks.adding(8, 40, new SplittableRandom(5));
        double[] norms = GradientFlow.hiddenGradientNorms(model, b.x(), b.y(), new SplittableRandom(6));
        assertTrue(norms[0] < 1e-2 * norms[39], "‖∂L/∂h_0‖ " + norms[0] + " vs ‖∂L/∂h_39‖ " + norms[39]);
    }
}

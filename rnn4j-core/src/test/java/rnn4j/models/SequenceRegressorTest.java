package rnn4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnn4j.io.Checkpoint;
import rnn4j.io.SafeTensors;
import rnn4j.nn.Parameter;
import rnn4j.optim.Adam;
import rnn4j.tensor.GradCheck;
import rnn4j.tensor.Grad;
import rnn4j.tensor.LossOps;
import rnn4j.tensor.Tensor;

class SequenceRegressorTest {
    @Test
    void shapes_manyToOneAndManyToMany() {
        Tensor x = Tensor.normal(new SplittableRandom(1), 0, 1, 3, 5, 2);
        var one = new SequenceRegressor(new SequenceRegressor.Config(2, 4, 2, 2, 3, false, "gru", 0f),
                new SplittableRandom(2));
        assertArrayEquals(new int[] {3, 3, 2}, one.forward(x).shape().dims());
        var many = new SequenceRegressor(new SequenceRegressor.Config(2, 4, 1, 1, 1, true, "lstm", 0f),
                new SplittableRandom(2));
        assertArrayEquals(new int[] {3, 5, 1}, many.forward(x).shape().dims());
    }

    @Test
    void gradients_matchFiniteDifferences() {
        var model = new SequenceRegressor(new SequenceRegressor.Config(2, 3, 2, 1, 2, false, "lstm", 0f),
                new SplittableRandom(3));
        Tensor x = Tensor.normal(new SplittableRandom(4), 0, 1, 2, 3, 2).requiresGrad(true);
        Map<String, Parameter> p = model.namedParameters();
        GradCheck.check(in -> model.forward(in[0]), x, p.get("rnn.weight_ih_l0").value(),
                p.get("rnn.bias_hh_l1").value(), p.get("head.weight").value());
    }

    @Test
    void training_fitsASine() {
        // Next value of a sine from the previous 8: a smooth target every cell learns in a few hundred steps.
        int n = 32;
        int t = 8;
        float[] x = new float[n * t];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < t; s++) x[i * t + s] = (float) Math.sin(0.4 * (i + s));
            y[i] = (float) Math.sin(0.4 * (i + t));
        }
        Tensor input = Tensor.of(x, n, t, 1);
        Tensor target = Tensor.of(y, n, 1, 1);
        var model = new SequenceRegressor(new SequenceRegressor.Config(1, 8, 1, 1, 1, false, "gru", 0f),
                new SplittableRandom(5));
        var adam = new Adam(model.parameters(), 0.02);
        double first = LossOps.mse(model.forward(input), target).item();
        double loss = first;
        for (int step = 0; step < 150; step++) {
            Tensor l = LossOps.mse(model.forward(input), target);
            loss = l.item();
            l.backward();
            adam.step();
            adam.zeroGrad();
        }
        assertTrue(loss < 0.01 && loss < first / 10, "loss " + first + " -> " + loss);
    }

    @Test
    void pyTorchLayoutFile_loadsAndComputesByHand(@TempDir Path dir) {
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put("rnn.weight_ih_l0", Tensor.of(new float[] {0.5f}, 1, 1));
        state.put("rnn.weight_hh_l0", Tensor.of(new float[] {0.3f}, 1, 1));
        state.put("rnn.bias_ih_l0", Tensor.of(new float[] {0f}, 1));
        state.put("rnn.bias_hh_l0", Tensor.of(new float[] {-0.1f}, 1));
        state.put("head.weight", Tensor.of(new float[] {1.5f, -2f}, 2, 1));
        state.put("head.bias", Tensor.of(new float[] {0f, 1f}, 2));
        var config = new SequenceRegressor.Config(1, 1, 1, 1, 2, false, "rnn_tanh", 0f);
        Path file = dir.resolve("torch.safetensors");
        SafeTensors.write(file, state, Map.of("format", Checkpoint.FORMAT, "model", SequenceRegressor.KIND, "config",
                Checkpoint.toJson(config)));
        Checkpoint.Loaded loaded = Checkpoint.load(file);
        loaded.requireKind(SequenceRegressor.KIND);
        var model = new SequenceRegressor(loaded.config(SequenceRegressor.Config.class), new SplittableRandom(1));
        loaded.loadInto(model);
        float[] got = Grad.disabled(() -> model.forward(Tensor.of(new float[] {1f, 2f}, 1, 2, 1))).toArray();
        double h1 = Math.tanh(0.5 - 0.1);
        double h2 = Math.tanh(1.0 + 0.3 * h1 - 0.1);
        assertArrayEquals(new float[] {(float) (1.5 * h2), (float) (-2 * h2 + 1)}, got, 1e-6f);
        assertEquals(List.of("rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0", "rnn.bias_hh_l0",
                "head.weight", "head.bias"), List.copyOf(model.stateDict().keySet()));
    }
}

package rnn4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static rnn4j.tensor.RecurrentTesting.assertClose;
import static rnn4j.tensor.RecurrentTesting.call;
import static rnn4j.tensor.RecurrentTesting.concatLast;
import static rnn4j.tensor.RecurrentTesting.select;
import static rnn4j.tensor.RecurrentTesting.weightedSum;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rnn4j.tensor.RecurrentTesting.Layer;

/**
 * The fused ops against PyTorch (libtorch 2.7.1 {@code torch::lstm/gru/rnn_*}): the files in
 * {@code shared/reference} hold inputs, weights, outputs and gradients of multi-layer and bidirectional layers, which
 * this test composes from single-layer, single-direction calls as {@code nn.LSTM} does (layer k's input is the
 * concatenation of both directions of layer k − 1).
 */
class RecurrentOpsReferenceTest {
    /** float32 rounding against libtorch's stays near 1e-6 (see peers/torch/README.md); 1e-5 leaves room. */
    private static final double TOLERANCE = 1e-5;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"lstm_l1, LSTM", "lstm_l2_bidir, LSTM", "gru_l2, GRU", "rnn_tanh_l1, RNN_TANH",
            "rnn_relu_l1, RNN_RELU"})
    void stackedLayers_matchPyTorch(String name, RecurrentCell cell) throws IOException {
        Path dir = ReferenceFile.directory().orElse(null);
        Assumptions.assumeTrue(dir != null, "PyTorch reference files not found: set RNN4J_REFERENCE_DIR or place "
                + "them in ../shared/reference (made by shared/peers/torch/run.sh peers.torch.RefCases)");
        Map<String, Tensor> ref = ReferenceFile.read(dir.resolve(name + ".safetensors"));
        int layers = 0;
        while (ref.containsKey("weight_ih_l" + layers)) layers++;
        int dirs = ref.containsKey("weight_ih_l0_reverse") ? 2 : 1;
        boolean lstm = cell == RecurrentCell.LSTM;

        List<String> leafNames = new ArrayList<>(List.of("x", "h0"));
        if (lstm) leafNames.add("c0");
        for (int k = 0; k < layers; k++) {
            for (int d = 0; d < dirs; d++) {
                for (String p : new String[] {"weight_ih", "weight_hh", "bias_ih", "bias_hh"}) {
                    leafNames.add(p + "_l" + k + (d == 1 ? "_reverse" : ""));
                }
            }
        }
        for (String n : leafNames) ref.get(n).requiresGrad(true);

        Tensor input = ref.get("x");
        List<Tensor> finalStates = new ArrayList<>();   // h_n slices in index order layer·dirs + d
        List<Tensor> finalCells = new ArrayList<>();
        for (int k = 0; k < layers; k++) {
            Tensor[] outputs = new Tensor[dirs];
            for (int d = 0; d < dirs; d++) {
                String sfx = "_l" + k + (d == 1 ? "_reverse" : "");
                int index = k * dirs + d;
                Layer layer = new Layer(input, select(ref.get("h0"), index), lstm ? select(ref.get("c0"), index) : null,
                        ref.get("weight_ih" + sfx), ref.get("weight_hh" + sfx), ref.get("bias_ih" + sfx),
                        ref.get("bias_hh" + sfx));
                RecurrentOps.Sequence s = call(cell, layer, null, d == 1);
                outputs[d] = s.output();
                finalStates.add(s.hN());
                if (lstm) finalCells.add(s.cN());
            }
            input = dirs == 2 ? concatLast(outputs[0], outputs[1]) : outputs[0];
        }
        Tensor output = input;

        assertClose(ref.get("output").toArray(), output.toArray(), TOLERANCE, name + " output");
        List<Tensor> stateTensors = new ArrayList<>(finalStates);
        stateTensors.addAll(finalCells);
        List<float[]> stateSeeds = new ArrayList<>();
        stateSeeds.addAll(slices(ref.get("R_h"), finalStates.size()));
        if (lstm) stateSeeds.addAll(slices(ref.get("R_c"), finalCells.size()));
        assertClose(ref.get("h_n").toArray(), concat(finalStates), TOLERANCE, name + " h_n");
        if (lstm) assertClose(ref.get("c_n").toArray(), concat(finalCells), TOLERANCE, name + " c_n");

        Tensor loss = weightedSum(List.of(output), List.of(ref.get("R").toArray()));
        Tensor lossState = weightedSum(stateTensors, stateSeeds);
        assertEquals(ref.get("loss").item(), loss.item(), TOLERANCE * Math.max(1, Math.abs(loss.item())));
        assertEquals(ref.get("loss_state").item(), lossState.item(),
                TOLERANCE * Math.max(1, Math.abs(lossState.item())));

        loss.backward();
        for (String n : leafNames) {
            assertClose(ref.get("grad." + n).toArray(), ref.get(n).gradData(), TOLERANCE, name + " grad." + n);
        }
        for (String n : leafNames) ref.get(n).zeroGrad();
        lossState.backward();
        for (String n : leafNames) {
            float[] g = ref.get(n).gradData();
            // A leaf the state loss does not reach (none here, but keep the comparison honest) has gradient zero.
            float[] actual = g == null ? new float[ref.get(n).size()] : g;
            assertClose(ref.get("grad_state." + n).toArray(), actual, TOLERANCE, name + " grad_state." + n);
        }
    }

    private static List<float[]> slices(Tensor t, int count) {
        int n = t.size() / count;
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) out.add(Arrays.copyOfRange(t.toArray(), i * n, (i + 1) * n));
        return out;
    }

    private static float[] concat(List<Tensor> ts) {
        int total = 0;
        for (Tensor t : ts) total += t.size();
        float[] out = new float[total];
        int at = 0;
        for (Tensor t : ts) {
            System.arraycopy(t.data(), t.offset(), out, at, t.size());
            at += t.size();
        }
        return out;
    }
}

package rnn4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static rnn4j.testing.Bits.assertBitsEqual;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import rnn4j.nn.Parameter;
import rnn4j.nn.recurrent.RecurrentState;
import rnn4j.tensor.MathOps;
import rnn4j.tensor.ShapeOps;
import rnn4j.tensor.Tensor;

class LmTest {
    @ParameterizedTest
    @ValueSource(strings = {"lstm", "gru", "rnn_tanh", "rnn_relu"})
    void aCallThatFoldsTheEmbedding_equalsShortCallsThatDoNot(String cell) {
        Lm model = new Lm(new Lm.Config(5, 4, 3, 2, cell, 0f, "chars"), new SplittableRandom(1));
        int[] ids = {4, 0, 2, 2, 1, 3, 0, 4, 4, 1, 2, 0};

        // 12 tokens ≥ 2 × 5 in the vocabulary: one call projects the embedding table through W_ih instead
        Tensor whole = model.forward(ids, 1, ids.length, null).logits();
        MathOps.sum(MathOps.mul(whole, whole)).backward();
        List<float[]> wholeGrads = gradients(model);
        model.zeroGrad();

        // three calls of 4 tokens each (fewer than 2 × 5): each embeds its tokens; the state carries the graph on
        List<Tensor> parts = new ArrayList<>();
        RecurrentState state = null;
        for (int from = 0; from < ids.length; from += 4) {
            Lm.Output out = model.forward(Arrays.copyOfRange(ids, from, from + 4), 1, 4, state);
            parts.add(out.logits());
            state = out.state();
        }
        Tensor pieces = ShapeOps.concat(1, parts.toArray(new Tensor[0]));
        MathOps.sum(MathOps.mul(pieces, pieces)).backward();
        List<float[]> pieceGrads = gradients(model);

        assertBitsEqual(pieces.toArray(), whole.toArray(), cell + " logits");
        for (int i = 0; i < wholeGrads.size(); i++) {
            float[] want = pieceGrads.get(i);
            float[] got = wholeGrads.get(i);
            for (int j = 0; j < want.length; j++) {
                assertEquals(want[j], got[j], 1e-5 * Math.max(1, Math.abs(want[j])), cell + " gradient " + i);
            }
        }
    }

    private static List<float[]> gradients(Lm model) {
        return model.parameters().stream().map(Parameter::value).map(t -> t.grad().toArray()).toList();
    }
}

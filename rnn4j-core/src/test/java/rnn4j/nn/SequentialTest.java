package rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rnn4j.tensor.GradCheck;
import rnn4j.tensor.MathOps;
import rnn4j.tensor.Tensor;

class SequentialTest {

    @Test
    void children_areNumberedLikePyTorch() {
        var rng = new SplittableRandom(1);
        Sequential s = new Sequential(new Linear(3, 5, rng), new Lambda("ReLU", MathOps::relu),
                new Dropout(0.1f, rng), new Linear(5, 2, false, rng));
        assertEquals(List.of("0.weight", "0.bias", "3.weight"), List.copyOf(s.stateDict().keySet()));
        assertEquals(4, s.size());
        assertEquals(List.of("0", "1", "2", "3"), List.copyOf(s.namedChildren().keySet()));
    }

    @Test
    void forward_composesInOrder() {
        var rng = new SplittableRandom(2);
        Linear a = new Linear(3, 4, rng);
        Lambda tanh = new Lambda("Tanh", MathOps::tanh);
        Linear b = new Linear(4, 2, rng);
        Sequential s = new Sequential(a, tanh, b);
        assertSame(tanh, s.get(1));
        Tensor x = Tensor.normal(rng, 0, 1, 2, 3);
        assertArrayEquals(b.forward(MathOps.tanh(a.forward(x))).toArray(), s.forward(x).toArray(), 0f);
    }

    @Test
    void gradients_matchFiniteDifferences() {
        var rng = new SplittableRandom(3);
        Sequential s = new Sequential(new Linear(3, 4, rng), new Lambda("Tanh", MathOps::tanh), new LayerNorm(4));
        Tensor x = Tensor.normal(rng, 0, 1, 2, 3).requiresGrad(true);
        Tensor[] inputs = new Tensor[1 + s.parameters().size()];
        inputs[0] = x;
        for (int i = 0; i < s.parameters().size(); i++) inputs[i + 1] = s.parameters().get(i).value();
        GradCheck.check(in -> s.forward(in[0]), inputs);
    }
}

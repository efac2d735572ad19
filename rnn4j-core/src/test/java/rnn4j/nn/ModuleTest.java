package rnn4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rnn4j.tensor.MathOps;
import rnn4j.tensor.Tensor;

/** Registration, PyTorch state-dict keys, strict loading, modes and printing. */
class ModuleTest {

    /**
     * The Java twin of this PyTorch model, whose {@code state_dict()} keys and shapes are listed in
     * {@link #stateDict_hasPyTorchKeysAndShapes}:
     * <pre>
     * class Net(nn.Module):
     *     def __init__(self):
     *         super().__init__()
     *         self.scale = nn.Parameter(torch.ones(2))
     *         self.register_buffer("steps", torch.zeros(1))
     *         self.embed = nn.Embedding(10, 4)
     *         self.body = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.LayerNorm(8))
     *         self.head = nn.Linear(8, 3, bias=False)
     * </pre>
     */
    static final class Net extends Module {
        final Embedding embed;
        final Sequential body;
        final Linear head;
        final Tensor steps;

        Net(long seed) {
            var rng = new SplittableRandom(seed);
            parameter("scale", Tensor.ones(2));
            steps = buffer("steps", Tensor.zeros(1));
            embed = child("embed", new Embedding(10, 4, rng));
            body = child("body", new Sequential(new Linear(4, 8, rng), new Lambda("Tanh", MathOps::tanh),
                    new LayerNorm(8)));
            head = child("head", new Linear(8, 3, false, rng));
        }
    }

    private static Map<String, List<Integer>> shapes(Map<String, Tensor> state) {
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        state.forEach((k, v) -> out.put(k, Arrays.stream(v.shape().dims()).boxed().toList()));
        return out;
    }

    private static Map<String, Tensor> copyOf(Map<String, Tensor> state) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        state.forEach((k, v) -> out.put(k, v.copy()));
        return out;
    }

    @Test
    void stateDict_hasPyTorchKeysAndShapes() {
        Map<String, List<Integer>> expected = new LinkedHashMap<>();
        expected.put("scale", List.of(2));
        expected.put("steps", List.of(1));
        expected.put("embed.weight", List.of(10, 4));
        expected.put("body.0.weight", List.of(8, 4));
        expected.put("body.0.bias", List.of(8));
        expected.put("body.2.weight", List.of(8));
        expected.put("body.2.bias", List.of(8));
        expected.put("head.weight", List.of(3, 8));
        Net net = new Net(1);
        assertEquals(expected, shapes(net.stateDict()));
        assertEquals(List.of("scale", "embed.weight", "body.0.weight", "body.0.bias", "body.2.weight", "body.2.bias",
                "head.weight"), List.copyOf(net.namedParameters().keySet()));
        assertEquals(List.of("steps"), List.copyOf(net.namedBuffers().keySet()));
    }

    @Test
    void parameterCount_sumsAllParameters() {
        // 2 + 10·4 + (8·4 + 8) + (8 + 8) + 3·8
        assertEquals(2 + 40 + 40 + 16 + 24, new Net(1).parameterCount());
    }

    @Test
    void loadStateDict_roundTripCopiesInPlace() {
        Net source = new Net(1);
        source.steps.data()[0] = 7f;
        Net target = new Net(2);
        float[] headArray = target.head.weight().data();
        target.loadStateDict(copyOf(source.stateDict()));
        assertSame(headArray, target.head.weight().data());
        source.stateDict().forEach((k, v) -> assertArrayEquals(v.toArray(), target.stateDict().get(k).toArray(), 0f,
                k));
        assertEquals(7f, target.steps.data()[0]);
    }

    @Test
    void loadStateDict_listsEveryProblemAndChangesNothing() {
        Net net = new Net(1);
        Map<String, Tensor> before = copyOf(net.stateDict());
        Map<String, Tensor> bad = copyOf(new Net(2).stateDict());
        bad.remove("head.weight");
        bad.remove("scale");
        bad.put("foo", Tensor.zeros(1));
        bad.put("body.0.weight", Tensor.zeros(8, 5));
        bad.put("body.2.bias", Tensor.zeros(1, 8));
        var e = assertThrows(IllegalArgumentException.class, () -> net.loadStateDict(bad));
        assertEquals("Module.loadStateDict: state dict must match the model; missing: [scale, head.weight]; "
                + "unexpected: [foo]; mis-shaped: [body.0.weight: expected [8, 4], got [8, 5], body.2.bias: expected "
                + "[8], got [1, 8]]", e.getMessage());
        net.stateDict().forEach((k, v) -> assertArrayEquals(before.get(k).toArray(), v.toArray(), 0f, k));
    }

    @Test
    void tiedParameter_savedUnderBothKeysCountedOnce() {
        var rng = new SplittableRandom(3);
        Embedding embed = new Embedding(5, 4, rng);
        // PyTorch: self.embed = nn.Embedding(5, 4); self.head = nn.Linear(4, 5, bias=False);
        // self.head.weight = self.embed.weight
        Module head = new Module() {
            {
                parameter("weight", embed.weight());
            }
        };
        Module tied = new Module() {
            {
                child("embed", embed);
                child("head", head);
            }
        };
        assertEquals(List.of("embed.weight", "head.weight"), List.copyOf(tied.stateDict().keySet()));
        assertEquals(List.of("embed.weight"), List.copyOf(tied.namedParameters().keySet()));
        assertEquals(20, tied.parameterCount());
    }

    @Test
    void trainAndEval_reachEveryDescendant() {
        Net net = new Net(1);
        assertTrue(net.isTraining());
        net.eval();
        assertFalse(net.isTraining());
        assertFalse(((Module) net.body.get(2)).isTraining());
        assertFalse(net.head.isTraining());
        net.train();
        assertTrue(((Module) net.body.get(0)).isTraining());
    }

    @Test
    void zeroGrad_dropsEveryGradient() {
        Net net = new Net(1);
        Tensor y = net.head.forward(net.body.forward(net.embed.forward(new int[] {1, 2})));
        MathOps.sum(y).backward();
        assertTrue(net.head.weight().gradData() != null);
        net.zeroGrad();
        for (Parameter p : net.parameters()) assertNull(p.gradData());
    }

    @Test
    void registration_rejectsDuplicateAndDottedNames() {
        var dup = assertThrows(IllegalArgumentException.class, () -> new Module() {
            {
                parameter("w", Tensor.zeros(1));
                buffer("w", Tensor.zeros(1));
            }
        });
        assertEquals("Module.buffer: name must be unique within Module, got 'w' twice", dup.getMessage());
        var dotted = assertThrows(IllegalArgumentException.class, () -> new Module() {
            {
                parameter("a.b", Tensor.zeros(1));
            }
        });
        assertEquals("Module.parameter: name must be non-empty and without '.', got 'a.b'", dotted.getMessage());
    }

    @Test
    void toString_printsTreeLikePyTorch() {
        assertEquals("""
                Net(
                  (embed): Embedding(10, 4)
                  (body): Sequential(
                    (0): Linear(inFeatures=4, outFeatures=8, bias=true)
                    (1): Tanh()
                    (2): LayerNorm(8, eps=1.0E-5, elementwiseAffine=true)
                  )
                  (head): Linear(inFeatures=8, outFeatures=3, bias=false)
                )""", new Net(1).toString());
    }
}

package rnn4j.nn.recurrent;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rnn4j.testing.Bits.assertBitsEqual;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import rnn4j.kernel.Parallel;
import rnn4j.tensor.Grad;
import rnn4j.tensor.ShapeOps;
import rnn4j.tensor.Tensor;

class RecurrentStepperTest {
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(savedThreads);
    }

    /** Every cell, with and without bias and residual connections, narrow and wide (H = 96: past the L2 rule). */
    static Stream<Arguments> settings() {
        return Stream.of(CellType.values()).flatMap(cell -> Stream.of(
                Arguments.of(cell, new RecurrentConfig(5, 7, 2, true, true, 0f, false, false), 1),
                Arguments.of(cell, new RecurrentConfig(5, 7, 3, false, true, 0f, false, true), 2),
                Arguments.of(cell, new RecurrentConfig(40, 96, 2, true, true, 0.3f, false, false), 2)));
    }

    @ParameterizedTest
    @MethodSource("settings")
    void eachStep_hasTheBitsOfTheLayerOnOneStep(CellType cell, RecurrentConfig config, int threads) {
        Parallel.setThreads(threads);
        RecurrentLayer layer = RecurrentLayer.of(cell, config, new SplittableRandom(3), new SplittableRandom(4));
        layer.eval(); // the stepper never drops out; the layer does not in evaluation mode either
        SplittableRandom rng = new SplittableRandom(5);
        int in = config.inputSize();
        Grad.eval(() -> {
            // a few steps through the layer first, so both start from a state that is not zero
            RecurrentLayer.Output warm = layer.forward(Tensor.uniform(rng, -1, 1, 1, 3, in), null, null);
            RecurrentState state = warm.state();
            RecurrentStepper stepper = new RecurrentStepper(layer, state);
            for (int step = 0; step < 4; step++) {
                Tensor x = Tensor.uniform(rng, -1, 1, 1, 1, in);
                RecurrentLayer.Output want = layer.forward(x, state, null);
                state = want.state();
                float[] got = step % 2 == 0 ? stepper.step(x.data(), x.offset())
                        : stepper.stepProjected(layer.projectInputs(ShapeOps.reshape(x, 1, in)).toArray(), 0);
                String what = cell + " " + config + " step " + step;
                assertBitsEqual(want.output().toArray(), got, what + " output");
                assertBitsEqual(state.h().toArray(), stepper.state().h().toArray(), what + " h");
                if (cell.hasCellState()) {
                    assertBitsEqual(state.c().toArray(), stepper.state().c().toArray(), what + " c");
                } else {
                    assertNull(stepper.state().c(), what + " c");
                }
            }
            return null;
        });
    }

    @Test
    void startsFromZerosWithoutAState() {
        RecurrentLayer layer = new Lstm(RecurrentConfig.of(3, 4, 2), new SplittableRandom(0));
        Tensor x = Tensor.uniform(new SplittableRandom(1), -1, 1, 1, 1, 3);
        Grad.eval(() -> {
            RecurrentLayer.Output want = layer.forward(x, null, null);
            float[] got = new RecurrentStepper(layer, null).step(x.data(), x.offset());
            assertBitsEqual(want.output().toArray(), got, "from zeros");
            return null;
        });
    }

    @Test
    void refusesABidirectionalLayerAndAStateOfTheWrongShape() {
        RecurrentLayer both = new Gru(RecurrentConfig.of(3, 4, 1).withBidirectional(true), new SplittableRandom(0));
        var e = assertThrows(IllegalArgumentException.class, () -> new RecurrentStepper(both, null));
        assertTrue(e.getMessage().contains("bidirectional"), e.getMessage());

        RecurrentLayer gru = new Gru(RecurrentConfig.of(3, 4, 2), new SplittableRandom(0));
        RecurrentState batchOfTwo = new RecurrentState(Tensor.zeros(2, 2, 4), null);
        e = assertThrows(IllegalArgumentException.class, () -> new RecurrentStepper(gru, batchOfTwo));
        assertTrue(e.getMessage().contains("(layers, 1, H) = [2, 1, 4], got [2, 2, 4]"), e.getMessage());
        RecurrentStepper stepper = new RecurrentStepper(gru, null);
        e = assertThrows(IllegalArgumentException.class, () -> stepper.stepProjected(new float[4], 0));
        assertTrue(e.getMessage().contains("G·H = 12 values from offset 0 does not fit in 4"), e.getMessage());
    }
}

package rnn4j.nn.recurrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import rnn4j.tensor.GradCheck;
import rnn4j.tensor.ShapeOps;
import rnn4j.tensor.Tensor;

class StepCellTest {
    private static StepCell cellOf(CellType type, int in, int hidden, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return switch (type) {
            case LSTM -> new LstmCell(in, hidden, rng);
            case GRU -> new GruCell(in, hidden, rng);
            case RNN_TANH, RNN_RELU -> new RnnCell(type, in, hidden, rng);
        };
    }

    @ParameterizedTest
    @EnumSource(CellType.class)
    void steppingTheCell_equalsTheLayerOverTheSequence_withTheSameWeights(CellType type) {
        StepCell cell = cellOf(type, 3, 4, 1);
        RecurrentLayer layer = RecurrentLayer.of(type, RecurrentConfig.of(3, 4, 1), new SplittableRandom(2),
                new SplittableRandom(3));
        Map<String, Tensor> renamed = new LinkedHashMap<>();
        cell.stateDict().forEach((name, t) -> renamed.put(name + "_l0", t));
        layer.loadStateDict(renamed);

        Tensor x = Tensor.normal(new SplittableRandom(4), 0, 1, 2, 5, 3); // (B, T, I)
        RecurrentLayer.Output whole = layer.forward(x);
        RecurrentState state = null;
        for (int t = 0; t < 5; t++) {
            state = cell.step(ShapeOps.select(x, 1, t).copy(), state);
            assertArrayEquals(ShapeOps.select(whole.output(), 1, t).toArray(), state.h().toArray(), 1e-6f,
                    "step " + t);
        }
        if (!type.hasCellState()) assertNull(state.c());
    }

    @Test
    void stateDict_usesPyTorchCellNames() {
        assertEquals(List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh"),
                List.copyOf(new GruCell(2, 3, new SplittableRandom(0)).stateDict().keySet()));
        assertArrayEquals(new int[] {12, 2}, new LstmCell(2, 3, new SplittableRandom(0)).stateDict()
                .get("weight_ih").shape().dims());
    }

    @ParameterizedTest
    @EnumSource(CellType.class)
    void step_gradientsMatchFiniteDifferences(CellType type) {
        StepCell cell = cellOf(type, 3, 3, 5);
        Tensor x = Tensor.normal(new SplittableRandom(6), 0, 1, 2, 3).requiresGrad(true);
        Tensor h = Tensor.normal(new SplittableRandom(7), 0, 0.5f, 2, 3).requiresGrad(true);
        Tensor c = Tensor.normal(new SplittableRandom(8), 0, 0.5f, 2, 3).requiresGrad(true);
        Tensor[] inputs = Stream.concat(Stream.of(x, h, c), cell.parameters().stream().map(p -> p.value()))
                .toArray(Tensor[]::new);
        GradCheck.withTolerance(1e-2, 2e-3, 2e-2).verify(in -> {
            RecurrentState next = cell.step(in[0], new RecurrentState(in[1], type.hasCellState() ? in[2] : null));
            return next.c() == null ? next.h() : ShapeOps.concat(1, next.h(), next.c());
        }, inputs);
    }

    @Test
    void constructorsAndStep_rejectBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new RnnCell(CellType.LSTM, 2, 3, new SplittableRandom(0)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LstmCell(2, 3, new SplittableRandom(0)).step(Tensor.zeros(4, 5), null));
        assertEquals("LstmCell.step: input must be (B, 2), got [4, 5]", e.getMessage());
    }
}

package rnn4j.models;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rnn4j.testing.Bits.assertBitsEqual;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rnn4j.nn.recurrent.RecurrentState;
import rnn4j.tensor.Grad;

class LmStepperTest {
    @ParameterizedTest
    @CsvSource({"lstm, 64", "gru, 64", "rnn_tanh, 0", "rnn_relu, 64", "lstm, 0"})
    void eachToken_getsTheScoresOfTheModelOnThatToken(String cell, long foldBudget) {
        // vocabulary 11 × gates·H ≤ 64 floats only for rnn_* (1·5): with lstm and gru the budget 64 does not fold
        Lm model = new Lm(new Lm.Config(11, 6, 5, 2, cell, 0.2f, "chars"), new SplittableRandom(7));
        model.eval();
        int[] prime = {3, 1, 4};
        int[] tokens = {1, 5, 9, 2, 6, 5, 3, 5, 1};  // repeats: a folded projection is reused
        Grad.eval(() -> {
            Lm.Output out = model.forward(prime, 1, prime.length, null);
            RecurrentState state = out.state();
            LmStepper stepper = model.stepper(state, foldBudget);
            for (int token : tokens) {
                Lm.Output want = model.forward(new int[] {token}, 1, 1, state);
                state = want.state();
                float[] got = stepper.next(token);
                assertBitsEqual(want.logits().toArray(), got, cell + " token " + token);
                assertBitsEqual(state.h().toArray(), stepper.state().h().toArray(), cell + " h after " + token);
            }
            return null;
        });
        Lm plain = new Lm(new Lm.Config(11, 6, 5, 2, cell, 0f, "chars"), new SplittableRandom(7));
        var e = assertThrows(IllegalArgumentException.class, () -> plain.stepper(null).next(11));
        assertTrue(e.getMessage().contains("token must be in [0, 11), got 11"), e.getMessage());
    }
}

package rnn4j.tensor;

import java.util.function.Supplier;

/**
 * Whether operations record the graph for backward, and whether layers run in training mode.
 *
 * <p>Both are {@link ScopedValue}s, so a scope ends exactly where its lambda returns, even on an exception, and holds
 * for the virtual or platform thread that entered it. {@link #eval} is PyTorch's {@code torch.no_grad()} and
 * {@code model.eval()} together: the form inference wants, so that dropout can never be left on by mistake.
 */
public final class Grad {
    private static final ScopedValue<Boolean> RECORDING = ScopedValue.newInstance();
    private static final ScopedValue<Boolean> TRAINING = ScopedValue.newInstance();

    private Grad() {}

    /** True unless inside {@link #disabled} or {@link #eval}. */
    public static boolean isEnabled() {
        return RECORDING.orElse(Boolean.TRUE);
    }

    /** True unless inside {@link #eval}: dropout is active only while training. */
    public static boolean isTraining() {
        return TRAINING.orElse(Boolean.TRUE);
    }

    /** Runs {@code body} without recording a graph (like {@code torch.no_grad()}). */
    public static <T> T disabled(Supplier<T> body) {
        return ScopedValue.where(RECORDING, Boolean.FALSE).call(body::get);
    }

    /** Runs {@code body} without recording and with dropout off (no_grad + eval), as inference should. */
    public static <T> T eval(Supplier<T> body) {
        return ScopedValue.where(RECORDING, Boolean.FALSE).where(TRAINING, Boolean.FALSE).call(body::get);
    }

    /** Runs {@code body} without recording a graph. */
    public static void disabled(Runnable body) {
        ScopedValue.where(RECORDING, Boolean.FALSE).run(body);
    }

    /** Runs {@code body} without recording and with dropout off. */
    public static void eval(Runnable body) {
        ScopedValue.where(RECORDING, Boolean.FALSE).where(TRAINING, Boolean.FALSE).run(body);
    }
}

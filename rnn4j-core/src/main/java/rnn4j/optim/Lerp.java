package rnn4j.optim;

/** PyTorch's {@code lerp}, the form its optimizers use for running averages. */
final class Lerp {
    private Lerp() {}

    /**
     * {@code a + w·(b − a)}, computed from the nearer end as ATen does: for {@code |w| >= 0.5} it is
     * {@code b − (b − a)·(1 − w)}, which keeps the result exact at {@code w = 1}.
     */
    static float lerp(float a, float b, float w) {
        return Math.abs(w) < 0.5f ? a + w * (b - a) : b - (b - a) * (1f - w);
    }
}

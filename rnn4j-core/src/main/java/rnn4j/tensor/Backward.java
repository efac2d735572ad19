package rnn4j.tensor;

/**
 * The backward rule of one recorded operation: given the gradient of the loss with respect to the operation's output,
 * returns one gradient per input, in input order, each laid out like that input (offset 0, row-major).
 *
 * <p>An entry may be {@code null} when that input needs no gradient ({@link Tensor#requiresGrad()} is false); the
 * engine alone accumulates the returned arrays into the inputs with {@code +=}, so a rule never mutates state and a
 * tensor used many times (a weight at every time step) sums its contributions. The returned arrays pass to the
 * engine, which may add into them: return fresh arrays or {@code gradOutput} itself, never an array the op keeps.
 */
@FunctionalInterface
public interface Backward {
    /** Gradients of the inputs, given {@code gradOutput} (offset 0, the output's shape). */
    float[][] apply(float[] gradOutput);
}

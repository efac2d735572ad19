package rnn4j.nn;

import rnn4j.tensor.Tensor;

/**
 * A module that maps one tensor to one tensor, the form {@link Sequential} chains ({@link Linear}, {@link Dropout},
 * {@link LayerNorm}, {@link Lambda}, and {@code Sequential} itself).
 */
@FunctionalInterface
public interface Layer {
    /** The output for input {@code x}. */
    Tensor forward(Tensor x);
}

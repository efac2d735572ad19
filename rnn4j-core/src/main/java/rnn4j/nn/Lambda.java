package rnn4j.nn;

import java.util.function.UnaryOperator;
import rnn4j.base.Check;
import rnn4j.tensor.Tensor;

/**
 * A parameter-free module around a function, for activations inside a {@link Sequential}: {@code new
 * Lambda("Tanh", MathOps::tanh)} plays the part of PyTorch's {@code nn.Tanh()} and, having no state, leaves the
 * state-dict keys of the other children unchanged.
 */
public final class Lambda extends Module implements Layer {
    private final String name;
    private final UnaryOperator<Tensor> function;

    /** A module named {@code name} (as printed) applying {@code function}. */
    public Lambda(String name, UnaryOperator<Tensor> function) {
        Check.argument(name != null && !name.isBlank(), "Lambda: name must not be blank, got '%s'", name);
        Check.argument(function != null, "Lambda: function must not be null, got null");
        this.name = name;
        this.function = function;
    }

    @Override
    public Tensor forward(Tensor x) {
        return function.apply(x);
    }

    @Override
    public String toString() {
        return name + "()";
    }
}

package rnn4j.nn;

import java.util.ArrayList;
import java.util.List;
import rnn4j.base.Check;
import rnn4j.tensor.Tensor;

/**
 * Layers applied in order, as {@code torch.nn.Sequential}: children are named {@code "0"}, {@code "1"}, ..., so a
 * state dict has PyTorch's keys ({@code 0.weight}, {@code 2.bias}).
 */
public final class Sequential extends Module implements Layer {
    private final List<Layer> layers;

    /** The given layers, each a {@link Module} that is also a {@link Layer}. */
    @SafeVarargs
    public <M extends Module & Layer> Sequential(M... layers) {
        Check.argument(layers != null, "Sequential: layers must not be null, got null");
        // Copied element by element: the varargs array is a Module[] at run time, never a Layer[].
        List<Layer> list = new ArrayList<>(layers.length);
        for (int i = 0; i < layers.length; i++) {
            Check.argument(layers[i] != null, "Sequential: layer %s must not be null, got null", i);
            child(Integer.toString(i), layers[i]);
            list.add(layers[i]);
        }
        this.layers = List.copyOf(list);
    }

    /** Applies each layer to the previous one's output. */
    @Override
    public Tensor forward(Tensor x) {
        Tensor y = x;
        for (Layer layer : layers) y = layer.forward(y);
        return y;
    }

    /** Number of layers. */
    public int size() {
        return layers.size();
    }

    /** Layer {@code i}. */
    public Layer get(int i) {
        Check.index(i, layers.size(), "Sequential.get: index must be in [0, %s), got %s", layers.size(), i);
        return layers.get(i);
    }
}

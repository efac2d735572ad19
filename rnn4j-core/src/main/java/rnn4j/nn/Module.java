package rnn4j.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import rnn4j.base.Check;
import rnn4j.tensor.Tensor;

/**
 * A layer or model: a tree of named parameters, buffers and child modules, registered explicitly in the constructor.
 *
 * <p>Subclasses call {@link #parameter}, {@link #buffer} and {@link #child} in their constructor; insertion order is
 * kept, and paths join with {@code .} so that {@link #stateDict()} has exactly the keys of PyTorch's
 * {@code state_dict()} for the same architecture ({@code rnn.weight_ih_l0}, {@code head.bias}). Within one module the
 * order is parameters, then buffers, then children, as PyTorch saves them. No reflection: what is registered is what
 * is saved, loaded and optimised.
 *
 * <p>{@link #train(boolean)} sets the mode of the whole subtree; dropout is active only when its module is training
 * and {@link rnn4j.tensor.Grad#isTraining()} holds.
 */
public abstract class Module {
    private final LinkedHashMap<String, Parameter> parameters = new LinkedHashMap<>();
    private final LinkedHashMap<String, Tensor> buffers = new LinkedHashMap<>();
    private final LinkedHashMap<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    protected Module() {}

    // ---------------------------------------------------------------- registration

    /** Registers a new parameter holding {@code initial}'s values (see {@link Parameter#Parameter}); returns it. */
    protected final Parameter parameter(String name, Tensor initial) {
        return parameter(name, new Parameter(initial));
    }

    /**
     * Registers an existing parameter, e.g. to tie a decoder's weight to an embedding's: the state dict then holds it
     * under both keys while {@link #parameters()} lists it once, as in PyTorch.
     */
    protected final Parameter parameter(String name, Parameter parameter) {
        checkName(name, "parameter");
        Check.argument(parameter != null, "Module.parameter: parameter '%s' must not be null, got null", name);
        parameters.put(name, parameter);
        return parameter;
    }

    /**
     * Registers non-trainable state saved in the state dict (running statistics); returns the tensor to update in
     * place. Like {@link Parameter}, the values always start at offset 0 of the returned tensor's own array.
     */
    protected final Tensor buffer(String name, Tensor initial) {
        checkName(name, "buffer");
        Check.argument(initial != null, "Module.buffer: buffer '%s' must not be null, got null", name);
        boolean ownsArray = initial.offset() == 0 && initial.data().length == initial.size() && initial.isLeaf();
        Tensor stored = ownsArray ? initial.detach() : initial.copy();
        buffers.put(name, stored);
        return stored;
    }

    /** Registers a child module, whose keys get the prefix {@code name.}; returns the child. */
    protected final <M extends Module> M child(String name, M module) {
        checkName(name, "child");
        Check.argument(module != null, "Module.child: child '%s' must not be null, got null", name);
        Check.argument(module != this, "Module.child: child '%s' must not be the module itself", name);
        children.put(name, module);
        return module;
    }

    private void checkName(String name, String kind) {
        Check.argument(name != null && !name.isEmpty() && name.indexOf('.') < 0,
                "Module.%s: name must be non-empty and without '.', got '%s'", kind, name);
        Check.argument(!parameters.containsKey(name) && !buffers.containsKey(name) && !children.containsKey(name),
                "Module.%s: name must be unique within %s, got '%s' twice", kind, typeName(), name);
    }

    // ---------------------------------------------------------------- traversal

    /** Every parameter by dotted path, each listed once (the first path wins for tied ones), in registration order. */
    public final LinkedHashMap<String, Parameter> namedParameters() {
        LinkedHashMap<String, Parameter> out = new LinkedHashMap<>();
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        collectParameters("", out, seen);
        return out;
    }

    private void collectParameters(String prefix, Map<String, Parameter> out, Set<Parameter> seen) {
        parameters.forEach((name, p) -> {
            if (seen.add(p)) out.put(prefix + name, p);
        });
        children.forEach((name, m) -> m.collectParameters(prefix + name + ".", out, seen));
    }

    /** Every parameter once, in {@link #namedParameters()} order; what an optimizer takes. */
    public final List<Parameter> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Every buffer by dotted path, in registration order. */
    public final LinkedHashMap<String, Tensor> namedBuffers() {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        collectBuffers("", out);
        return out;
    }

    private void collectBuffers(String prefix, Map<String, Tensor> out) {
        buffers.forEach((name, b) -> out.putIfAbsent(prefix + name, b));
        children.forEach((name, m) -> m.collectBuffers(prefix + name + ".", out));
    }

    /** The direct children by name, in registration order (read-only). */
    public final Map<String, Module> namedChildren() {
        return Collections.unmodifiableMap(children);
    }

    /**
     * Parameters and buffers by PyTorch key, each module's parameters then buffers then children. The tensors share
     * the module's arrays (detached, no gradient), as PyTorch's {@code state_dict()} does: copy them to keep a
     * snapshot.
     */
    public final LinkedHashMap<String, Tensor> stateDict() {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        collectState("", out);
        return out;
    }

    private void collectState(String prefix, Map<String, Tensor> out) {
        parameters.forEach((name, p) -> out.put(prefix + name, p.value().detach()));
        buffers.forEach((name, b) -> out.put(prefix + name, b.detach()));
        children.forEach((name, m) -> m.collectState(prefix + name + ".", out));
    }

    /**
     * Copies every tensor of {@code state} into the parameter or buffer with the same key, in place. Strict: the keys
     * and shapes must match exactly; otherwise it throws one {@link IllegalArgumentException} that lists every
     * missing, unexpected and mis-shaped tensor, and changes nothing.
     */
    public final void loadStateDict(Map<String, Tensor> state) {
        Check.argument(state != null, "Module.loadStateDict: state dict must not be null, got null");
        LinkedHashMap<String, Tensor> targets = stateDict();
        List<String> missing = new ArrayList<>();
        List<String> misShaped = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : targets.entrySet()) {
            String key = e.getKey();
            if (!state.containsKey(key)) {
                missing.add(key);
                continue;
            }
            Tensor given = state.get(key);
            if (given == null || !given.shape().equals(e.getValue().shape())) {
                misShaped.add(key + ": expected " + e.getValue().shape() + ", got "
                        + (given == null ? "null" : given.shape()));
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (String key : state.keySet()) {
            if (!targets.containsKey(key)) unexpected.add(key);
        }
        if (!missing.isEmpty() || !unexpected.isEmpty() || !misShaped.isEmpty()) {
            StringBuilder msg = new StringBuilder("Module.loadStateDict: state dict must match the model");
            if (!missing.isEmpty()) msg.append("; missing: ").append(missing);
            if (!unexpected.isEmpty()) msg.append("; unexpected: ").append(unexpected);
            if (!misShaped.isEmpty()) msg.append("; mis-shaped: ").append(misShaped);
            throw new IllegalArgumentException(msg.toString());
        }
        for (Map.Entry<String, Tensor> e : targets.entrySet()) {
            Tensor src = state.get(e.getKey());
            Tensor dst = e.getValue();
            System.arraycopy(src.data(), src.offset(), dst.data(), dst.offset(), dst.size());
        }
    }

    // ---------------------------------------------------------------- modes and gradients

    /** Sets training mode on this module and every descendant; returns this. */
    public Module train(boolean on) {
        training = on;
        for (Module m : children.values()) m.train(on);
        return this;
    }

    /** Training mode for the whole subtree, as {@code model.train()}; returns this. */
    public final Module train() {
        return train(true);
    }

    /** Evaluation mode for the whole subtree (dropout off), as {@code model.eval()}; returns this. */
    public final Module eval() {
        return train(false);
    }

    /** True in training mode (the default). */
    public final boolean isTraining() {
        return training;
    }

    /** Drops every parameter's gradient. */
    public final void zeroGrad() {
        for (Parameter p : parameters()) p.zeroGrad();
    }

    /** Number of trainable values, each tied parameter counted once. */
    public final long parameterCount() {
        long n = 0;
        for (Parameter p : parameters()) n += p.size();
        return n;
    }

    // ---------------------------------------------------------------- printing

    /** The settings shown between the parentheses of {@link #toString()}, e.g. {@code inFeatures=3, outFeatures=4}. */
    protected String extraRepr() {
        return "";
    }

    /** A PyTorch-like summary: the type with its settings, then each child indented as {@code (name): ...}. */
    @Override
    public String toString() {
        String extra = extraRepr();
        if (children.isEmpty()) {
            return typeName() + "(" + extra + ")";
        }
        StringBuilder sb = new StringBuilder(typeName()).append("(\n");
        if (!extra.isEmpty()) sb.append("  ").append(extra.replace("\n", "\n  ")).append('\n');
        children.forEach((name, m) -> sb.append("  (").append(name).append("): ")
                .append(m.toString().replace("\n", "\n  ")).append('\n'));
        return sb.append(')').toString();
    }

    private String typeName() {
        String simple = getClass().getSimpleName();
        return simple.isEmpty() ? "Module" : simple;
    }
}

package rnn4j.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rnn4j.base.Check;
import rnn4j.nn.Parameter;
import rnn4j.tensor.Tensor;

/**
 * A gradient-descent rule over a fixed list of parameters (one PyTorch parameter group), updating their values in
 * place.
 *
 * <p>{@link #step()} visits the parameters in order and skips those without a gradient, as {@code torch.optim} does;
 * per-parameter state (step counts, moment buffers) is created on a parameter's first update. Hyperparameters are
 * doubles, like PyTorch's Python floats, and scalars derived from them (bias corrections, step sizes) are computed in
 * double and rounded to float once before the per-element float32 arithmetic, in PyTorch's operation order.
 *
 * <p>{@link #stateDict()} holds {@code lr} and, for each parameter index {@code i} with state, {@code state.i.step}
 * and {@code state.i.<buffer>} (PyTorch's buffer names, e.g. {@code exp_avg}); counts and the learning rate are
 * stored exactly with {@link ExactScalars}, so save, load and continue equals an uninterrupted run bit for bit.
 */
public abstract class Optimizer {
    /** The name of the per-parameter step count in {@link #stateNames()} and in state dicts. */
    protected static final String STEP = "step";

    /** The state of one parameter: its update count and named buffers laid out like the parameter. */
    protected static final class State {
        private long step;
        private final LinkedHashMap<String, float[]> buffers = new LinkedHashMap<>();

        /** Increments the update count and returns the new value (1 on the first update). */
        protected long nextStep() {
            return ++step;
        }

        /** The update count so far. */
        protected long step() {
            return step;
        }

        /** True when the buffer exists (PyTorch's "buffer is None" test for SGD momentum). */
        protected boolean has(String name) {
            return buffers.containsKey(name);
        }

        /** The named buffer, created filled with {@code initial} on first use. */
        protected float[] buffer(String name, int size, float initial) {
            float[] b = buffers.get(name);
            if (b == null) {
                b = new float[size];
                if (initial != 0f) Arrays.fill(b, initial);
                buffers.put(name, b);
            }
            return b;
        }

        /** The named buffer, created as zeros on first use. */
        protected float[] buffer(String name, int size) {
            return buffer(name, size, 0f);
        }
    }

    private final List<Parameter> parameters;
    private final State[] states;
    private double lr;

    /** Checks the parameter list (non-empty, no duplicates, as PyTorch) and sets the initial learning rate. */
    protected Optimizer(List<Parameter> parameters, double lr) {
        String name = getClass().getSimpleName();
        Check.argument(parameters != null && !parameters.isEmpty(),
                "%s: parameters must be a non-empty list, got %s", name, parameters == null ? "null" : "[]");
        IdentityHashMap<Parameter, Integer> seen = new IdentityHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            Check.argument(p != null, "%s: parameters must not contain null, got null at index %s", name, i);
            Integer first = seen.put(p, i);
            Check.argument(first == null, "%s: parameters must be distinct, got the same parameter at indices %s "
                    + "and %s", name, first, i);
        }
        this.parameters = List.copyOf(parameters);
        this.states = new State[parameters.size()];
        checkLr(name, lr);
        this.lr = lr;
    }

    private static void checkLr(String owner, double lr) {
        Check.argument(lr >= 0 && Double.isFinite(lr), "%s: lr must be finite and >= 0, got %s", owner, lr);
    }

    /** The parameters in update order (read-only). */
    public final List<Parameter> parameters() {
        return parameters;
    }

    /** The current learning rate. */
    public final double lr() {
        return lr;
    }

    /** Sets the learning rate used by the next steps (schedules call this). */
    public final void setLr(double lr) {
        checkLr(getClass().getSimpleName() + ".setLr", lr);
        this.lr = lr;
    }

    /** Drops every parameter's gradient, as {@code zero_grad(set_to_none=True)}. */
    public final void zeroGrad() {
        for (Parameter p : parameters) p.zeroGrad();
    }

    /** Updates every parameter that has a gradient, in place. */
    public final void step() {
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            float[] g = p.gradData();
            if (g == null) continue;
            if (states[i] == null) states[i] = new State();
            update(p.data(), g, states[i]);
        }
    }

    /**
     * Updates one parameter's values {@code w} from its gradient {@code g} (same length; never modified) and its
     * state.
     */
    protected abstract void update(float[] w, float[] g, State state);

    /**
     * The complete set of per-parameter state names this configuration keeps once a parameter has been updated
     * ({@link #STEP} included when counted); a loaded state must have exactly these.
     */
    protected abstract List<String> stateNames();

    // ---------------------------------------------------------------- state dict

    /**
     * The learning rate and per-parameter state. Buffer tensors share the optimizer's arrays (as PyTorch's
     * {@code state_dict()}): write or copy them before the next step to keep a snapshot.
     */
    public final LinkedHashMap<String, Tensor> stateDict() {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        out.put("lr", ExactScalars.ofDouble(lr));
        for (int i = 0; i < states.length; i++) {
            State s = states[i];
            if (s == null) continue;
            int[] shape = parameters.get(i).shape().dims();
            for (String name : stateNames()) {
                String key = "state." + i + "." + name;
                out.put(key, name.equals(STEP) ? ExactScalars.ofLong(s.step) : Tensor.of(s.buffers.get(name), shape));
            }
        }
        return out;
    }

    /**
     * Replaces the learning rate and all per-parameter state with copies of {@code state}'s. Strict: throws one
     * {@link IllegalArgumentException} listing every missing, unexpected and invalid entry, and changes nothing then.
     */
    public final void loadStateDict(Map<String, Tensor> state) {
        String owner = getClass().getSimpleName() + ".loadStateDict";
        Check.argument(state != null, "%s: state dict must not be null, got null", owner);
        List<String> names = stateNames();
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        boolean[] present = new boolean[states.length];
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            String key = e.getKey();
            Tensor t = e.getValue();
            if (key.equals("lr")) {
                if (!ExactScalars.isEncoded(t) || !(ExactScalars.toDouble(t) >= 0)
                        || !Double.isFinite(ExactScalars.toDouble(t))) {
                    invalid.add("lr: expected a finite lr >= 0 encoded by ExactScalars");
                }
                continue;
            }
            int index = stateIndex(key, names);
            if (index < 0) {
                unexpected.add(key);
                continue;
            }
            present[index] = true;
            String name = key.substring(key.indexOf('.', "state.".length()) + 1);
            if (name.equals(STEP)) {
                if (!ExactScalars.isEncoded(t) || ExactScalars.toLong(t) < 0) {
                    invalid.add(key + ": expected a step count >= 0 encoded by ExactScalars");
                }
            } else if (t == null || !t.shape().equals(parameters.get(index).shape())) {
                invalid.add(key + ": expected " + parameters.get(index).shape() + ", got "
                        + (t == null ? "null" : t.shape()));
            }
        }
        if (!state.containsKey("lr")) missing.add("lr");
        for (int i = 0; i < states.length; i++) {
            if (!present[i]) continue;
            for (String name : names) {
                if (!state.containsKey("state." + i + "." + name)) missing.add("state." + i + "." + name);
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty() || !invalid.isEmpty()) {
            StringBuilder msg = new StringBuilder(owner).append(": state dict must match this optimizer (")
                    .append(states.length).append(" parameters, state ").append(names).append(')');
            if (!missing.isEmpty()) msg.append("; missing: ").append(missing);
            if (!unexpected.isEmpty()) msg.append("; unexpected: ").append(unexpected);
            if (!invalid.isEmpty()) msg.append("; invalid: ").append(invalid);
            throw new IllegalArgumentException(msg.toString());
        }
        lr = ExactScalars.toDouble(state.get("lr"));
        for (int i = 0; i < states.length; i++) {
            if (!present[i]) {
                states[i] = null;
                continue;
            }
            State s = new State();
            for (String name : names) {
                Tensor t = state.get("state." + i + "." + name);
                if (name.equals(STEP)) {
                    s.step = ExactScalars.toLong(t);
                } else {
                    s.buffers.put(name, t.toArray());
                }
            }
            states[i] = s;
        }
    }

    /** The parameter index of a well-formed {@code state.<i>.<name>} key, or -1. */
    private int stateIndex(String key, List<String> names) {
        if (!key.startsWith("state.")) return -1;
        int dot = key.indexOf('.', "state.".length());
        if (dot < 0 || !names.contains(key.substring(dot + 1))) return -1;
        String digits = key.substring("state.".length(), dot);
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) return -1;
        if (digits.length() > 1 && digits.charAt(0) == '0') return -1;
        int i = Integer.parseInt(digits);
        return i < states.length ? i : -1;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(lr=" + lr + ", parameters=" + parameters.size() + ")";
    }
}

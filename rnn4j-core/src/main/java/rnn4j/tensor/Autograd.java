package rnn4j.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import rnn4j.base.Check;
import rnn4j.kernel.Parallel;
import rnn4j.kernel.VectorMath;

/**
 * Reverse-mode differentiation over the graph recorded by the operations.
 *
 * <p>The topological order is computed with an explicit stack, never recursion, so a 10,000-step chain (a long
 * unrolled sequence) cannot overflow the thread's stack. Gradients of intermediate tensors live only while the pass
 * needs them; leaves keep theirs, summed over calls as in PyTorch until {@code zeroGrad}. The graph itself is kept, so
 * calling backward twice accumulates twice.
 */
final class Autograd {
    private Autograd() {}

    static void backward(Tensor root, float[] seed) {
        Check.state(root.requiresGrad(), "Tensor.backward: the tensor must require grad (made from parameters while "
                + "recording), got a tensor without a graph; was it computed inside Grad.disabled/eval or detached?");
        List<Tensor> order = topologicalOrder(root);
        IdentityHashMap<Tensor, float[]> pending = new IdentityHashMap<>();
        pending.put(root, seed.clone());
        for (int i = order.size() - 1; i >= 0; i--) {
            Tensor t = order.get(i);
            float[] g = pending.remove(t);
            if (g == null) {
                continue; // no path from the root reached this tensor's output
            }
            Tensor.Node node = t.node();
            if (node == null) {
                t.accumulateGrad(g);
                continue;
            }
            float[][] inputGrads = node.backward().apply(g);
            Tensor[] inputs = node.inputs();
            Check.state(inputGrads.length == inputs.length,
                    "Autograd: backward of %s must return one gradient per input (%s), got %s",
                    node.op(), inputs.length, inputGrads.length);
            for (int k = 0; k < inputs.length; k++) {
                Tensor in = inputs[k];
                float[] gk = inputGrads[k];
                if (gk == null || !in.requiresGrad()) {
                    continue;
                }
                Check.state(gk.length == in.size(), "Autograd: backward of %s returned %s values for input %s of "
                        + "shape %s", node.op(), gk.length, k, in.shape());
                float[] acc = pending.get(in);
                if (acc == null) {
                    // A rule may hand one array to two inputs (x + x): copy before accumulating into it.
                    pending.put(in, containsSame(inputGrads, k) ? gk.clone() : gk);
                } else {
                    // A weight used at every decoder step gathers a whole-matrix gradient per step.
                    Parallel.forChunks(acc.length, (from, to) -> VectorMath.add(acc, from, gk, from, acc, from,
                            to - from));
                }
            }
        }
    }

    private static boolean containsSame(float[][] grads, int k) {
        for (int j = 0; j < grads.length; j++) if (j != k && grads[j] == grads[k]) return true;
        return false;
    }

    /** Tensors reachable from the root, each after all of its inputs (post-order), by an explicit stack. */
    private static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        IdentityHashMap<Tensor, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Tensor> stack = new ArrayDeque<>();
        ArrayDeque<Integer> nextChild = new ArrayDeque<>();
        stack.push(root);
        nextChild.push(0);
        seen.put(root, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Tensor t = stack.peek();
            int child = nextChild.pop();
            Tensor.Node node = t.node();
            Tensor[] inputs = node == null ? new Tensor[0] : node.inputs();
            while (child < inputs.length && (!inputs[child].requiresGrad() || seen.containsKey(inputs[child]))) {
                child++;
            }
            if (child < inputs.length) {
                nextChild.push(child + 1);
                Tensor in = inputs[child];
                seen.put(in, Boolean.TRUE);
                stack.push(in);
                nextChild.push(0);
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }
}

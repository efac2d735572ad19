package peers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** What the libtorch benchmarks share: parameters with PyTorch's initialisation, clipping with Adam, medians. */
abstract class Peer {
    NDManager root;
    final List<NDArray> params = new ArrayList<>();
    final List<NDArray> adamM = new ArrayList<>();
    final List<NDArray> adamV = new ArrayList<>();
    int adamStep;

    /** A trained tensor: U(±bound) as PyTorch's linear and recurrent layers, or N(0, 1) (embeddings) for bound 0. */
    NDArray param(Random r, double bound, long... shape) {
        Shape s = new Shape(shape);
        float[] v = new float[Math.toIntExact(s.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (bound > 0 ? (r.nextDouble() * 2 - 1) * bound : r.nextGaussian());
        }
        NDArray a = root.create(v, s);
        a.setRequiresGradient(true);
        params.add(a);
        adamM.add(root.zeros(s));
        adamV.add(root.zeros(s));
        return a;
    }

    static NDArray linear(NDArray x, NDArray w, NDArray b) {
        return x.getNDArrayInternal().linear(x, w, b).head();
    }

    /** Global-norm clipping folded into the fused Adam update (PyTorch's Adam: betas 0.9/0.999, eps 1e-8). */
    void clipAndAdam(NDManager sm, double clip, float lr) {
        NDArray[] grads = new NDArray[params.size()];
        NDArray total = null;
        for (int i = 0; i < params.size(); i++) {
            grads[i] = params.get(i).getGradient();
            grads[i].attach(sm);
            NDArray sq = grads[i].square().sum();
            total = total == null ? sq : total.add(sq);
        }
        double norm = Math.sqrt(total.getFloat());
        float scale = (float) Math.min(1.0, clip / (norm + 1e-6));
        adamStep++;
        double bc1 = 1 - Math.pow(0.9, adamStep);
        double bc2 = 1 - Math.pow(0.999, adamStep);
        // p -= lr/bc1 · m / (sqrt(v)/sqrt(bc2) + eps), in the form DJL's fused update takes
        float lrBc = (float) (lr * Math.sqrt(bc2) / bc1);
        float eps = (float) (1e-8 * Math.sqrt(bc2));
        for (int i = 0; i < params.size(); i++) {
            NDArray p = params.get(i);
            p.getNDArrayInternal().adamUpdate(new NDList(p, grads[i], adamM.get(i), adamV.get(i)), new NDList(p),
                    lr, lrBc, 0f, scale, -1f, 0.9f, 0.999f, eps, false, false);
        }
    }

    static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** The value after option {@code i} of {@code args}, as an int. */
    static int intArg(String[] args, int i) {
        if (i + 1 >= args.length) throw new IllegalArgumentException(args[i] + " needs a value");
        return Integer.parseInt(args[i + 1]);
    }
}

package peers;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Locale;
import java.util.Random;

/**
 * The model of {@code rnn4j bench classify} in libtorch: sequential MNIST over rows as PyTorch tutorials write it,
 * {@code nn.LSTM(28, 128, batch_first=True)} ({@code torch::lstm} over the whole sequence), the last layer's final
 * state through {@code nn.Linear(128, 10)}, mean cross-entropy, global gradient-norm clipping at 1 and Adam 1e-3, on
 * one batch of random pixels in [0, 1). Prints {@code RESULT classify ... examples_per_s=...} over the median step
 * after a warm-up.
 */
public final class ClassifierBench extends Peer {
    int hidden = 128;
    int layers = 1;
    int seq = 28;
    int input = 28;
    int classes = 10;
    int batch = 128;
    int warmup = 100; // as rnn4j bench classify
    int steps = 30;

    public static void main(String[] args) {
        ClassifierBench b = new ClassifierBench();
        for (int i = 0; i < args.length; i++) {
            int v = intArg(args, i);
            switch (args[i++]) {
                case "--hidden" -> b.hidden = v;
                case "--layers" -> b.layers = v;
                case "--seq" -> b.seq = v;
                case "--input" -> b.input = v;
                case "--classes" -> b.classes = v;
                case "--batch" -> b.batch = v;
                case "--warmup" -> b.warmup = v;
                case "--steps" -> b.steps = v;
                default -> throw new IllegalArgumentException("unknown option " + args[i - 1]);
            }
        }
        b.run();
    }

    void run() {
        Engine engine = Engine.getEngine("PyTorch");
        root = NDManager.newBaseManager(Device.cpu());
        Random r = new Random(1);
        double k = 1 / Math.sqrt(hidden);
        NDList lstm = new NDList();
        for (int l = 0; l < layers; l++) { // torch's flat order: w_ih, w_hh, b_ih, b_hh per layer
            lstm.add(param(r, k, 4L * hidden, l == 0 ? input : hidden));
            lstm.add(param(r, k, 4L * hidden, hidden));
            lstm.add(param(r, k, 4L * hidden));
            lstm.add(param(r, k, 4L * hidden));
        }
        NDArray headW = param(r, k, classes, hidden);
        NDArray headB = param(r, k, classes);
        float[] pixels = new float[batch * seq * input];
        for (int i = 0; i < pixels.length; i++) pixels[i] = r.nextFloat();
        long[] labels = new long[batch];
        for (int i = 0; i < batch; i++) labels[i] = r.nextInt(classes);
        NDArray x = root.create(pixels, new Shape(batch, seq, input));
        NDArray y = root.create(labels, new Shape(batch, 1));
        double[] seconds = new double[steps];
        float loss = 0;
        for (int i = -warmup; i < steps; i++) {
            long t0 = System.nanoTime();
            try (NDManager sm = root.newSubManager(); GradientCollector gc = engine.newGradientCollector()) {
                NDArray h0 = sm.zeros(new Shape(layers, batch, hidden));
                NDArray c0 = sm.zeros(new Shape(layers, batch, hidden));
                NDList out = x.getNDArrayInternal().lstm(x, new NDList(h0, c0), lstm, true, layers, 0.0, true, false,
                        true);
                NDArray last = out.get(1).get(layers - 1); // (B, H): the top layer's final state
                NDArray l = linear(last, headW, headB).logSoftmax(1).gather(y, 1).mean().neg();
                gc.backward(l);
                clipAndAdam(sm, 1.0, 1e-3f);
                loss = l.getFloat();
                for (NDArray o : out) o.close();
            }
            if (i >= 0) seconds[i] = (System.nanoTime() - t0) / 1e9;
        }
        double step = median(seconds);
        System.out.printf(Locale.ROOT, "RESULT classify libtorch=%s hidden=%d layers=%d seq=%d input=%d batch=%d "
                        + "threads=%s examples_per_s=%.0f step_s=%.4f loss=%.3f%n", engine.getVersion(), hidden, layers,
                seq, input, batch, System.getProperty("ai.djl.pytorch.num_threads"), batch / step, step, loss);
        root.close();
    }
}

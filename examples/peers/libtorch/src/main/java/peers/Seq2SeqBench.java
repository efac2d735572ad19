package peers;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * The model of {@code rnn4j bench translate} in libtorch, op for op, written the way PyTorch tutorials write it
 * (bentrevett/pytorch-seq2seq's attention model): an embedding and a bidirectional {@code nn.GRU} encoder
 * ({@code torch::gru} over the whole source), a {@code tanh(Linear)} bridge from the two final states to the decoder
 * state, then per target step an {@code nn.GRU} called on one step with input feeding {@code [embed(y); c]}, additive
 * attention {@code vᵀ tanh(W s + U h)} (with {@code U h} computed once), a softmax and a batched product for the
 * context; the output layer {@code Linear(H + 2H, V)} runs once over all steps. Training: mean cross-entropy, global
 * gradient-norm clipping at 1, Adam. Greedy decoding: the same steps without gradients, each reading its own argmax.
 *
 * <p>Prints {@code RESULT train ... tokens_per_s=...} and {@code RESULT greedy ... tokens_per_s=...}: target tokens
 * (batch × steps) per second over the median step after a warm-up.
 */
public final class Seq2SeqBench extends Peer {
    int hidden = 256;
    int embed = 256;
    int batch = 64;
    int srcLen = 16;
    int tgtLen = 16;
    int srcVocab = 7857;
    int tgtVocab = 5976;
    int warmup = 10;
    int steps = 30;

    NDArray srcEmbed, tgtEmbed, bridgeW, bridgeB, attW, attU, attUb, attV, headW, headB;
    final NDList encoderParams = new NDList();
    final NDList decoderParams = new NDList();

    public static void main(String[] args) {
        Seq2SeqBench b = new Seq2SeqBench();
        for (int i = 0; i < args.length; i++) {
            int v = intArg(args, i);
            switch (args[i++]) {
                case "--hidden" -> b.hidden = v;
                case "--embed" -> b.embed = v;
                case "--batch" -> b.batch = v;
                case "--src-len" -> b.srcLen = v;
                case "--tgt-len" -> b.tgtLen = v;
                case "--src-vocab" -> b.srcVocab = v;
                case "--tgt-vocab" -> b.tgtVocab = v;
                case "--warmup" -> b.warmup = v;
                case "--steps" -> b.steps = v;
                default -> throw new IllegalArgumentException("unknown option " + args[i - 1]);
            }
        }
        b.run();
    }

    /** PyTorch's default initialisation: embeddings N(0, 1), everything else U(±1/√fan-in). */
    void initModel() {
        Random r = new Random(1);
        int h = hidden, e = embed, c = 2 * h;
        double kh = 1 / Math.sqrt(h);
        srcEmbed = param(r, 0, srcVocab, e);
        for (int d = 0; d < 2; d++) { // torch's flat order: w_ih, w_hh, b_ih, b_hh per direction
            encoderParams.add(param(r, kh, 3L * h, e));
            encoderParams.add(param(r, kh, 3L * h, h));
            encoderParams.add(param(r, kh, 3L * h));
            encoderParams.add(param(r, kh, 3L * h));
        }
        bridgeW = param(r, 1 / Math.sqrt(c), h, c);
        bridgeB = param(r, 1 / Math.sqrt(c), h);
        tgtEmbed = param(r, 0, tgtVocab, e);
        decoderParams.add(param(r, kh, 3L * h, e + c));
        decoderParams.add(param(r, kh, 3L * h, h));
        decoderParams.add(param(r, kh, 3L * h));
        decoderParams.add(param(r, kh, 3L * h));
        attW = param(r, kh, h, h); // attention size A = H, as rnn4j translate train's default
        attU = param(r, 1 / Math.sqrt(c), h, c);
        attUb = param(r, 1 / Math.sqrt(c), h);
        attV = param(r, kh, 1, h);
        headW = param(r, 1 / Math.sqrt(h + c), tgtVocab, h + c);
        headB = param(r, 1 / Math.sqrt(h + c), tgtVocab);
    }

    static NDArray embedding(NDArray ids, NDArray table) {
        return ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).head();
    }

    /** The encoder's outputs {@code (B, S, 2H)}, their projection {@code U h (B, S, H)} and the decoder's first state. */
    NDList encode(NDArray src, boolean training) {
        NDArray x = embedding(src, srcEmbed); // (B, S, E)
        NDArray h0 = src.getManager().zeros(new Shape(2, batch, hidden));
        NDList r = x.getNDArrayInternal().gru(x, h0, encoderParams, true, 1, 0.0, training, true, true);
        NDArray keys = r.get(0);
        NDArray last = r.get(1); // (2, B, H): forward and reverse final states
        NDArray top = last.get(0).concat(last.get(1), 1); // (B, 2H)
        NDArray s0 = linear(top, bridgeW, bridgeB).tanh().expandDims(0); // (1, B, H)
        return new NDList(keys, linear(keys, attU, attUb), s0);
    }

    /** One decoder step from the previous tokens; returns {@code [s; c] (B, 3H)}, the new state and the context. */
    NDList step(NDArray previous, NDArray state, NDArray context, NDList enc, boolean training) {
        NDArray in = embedding(previous, tgtEmbed).concat(context, 1).expandDims(1); // (B, 1, E + 2H)
        NDList r = in.getNDArrayInternal().gru(in, state, decoderParams, true, 1, 0.0, training, false, true);
        NDArray s = r.get(0).squeeze(1); // (B, H)
        NDArray scores = linear(enc.get(1).add(linear(s, attW, null).expandDims(1)).tanh(), attV, null)
                .squeeze(2); // (B, S)
        NDArray weights = scores.softmax(1);
        NDArray ctx = weights.expandDims(1).batchMatMul(enc.get(0)).squeeze(1); // (B, 2H)
        return new NDList(s.concat(ctx, 1), r.get(1), ctx);
    }

    float trainStep(Engine engine, long[] src, long[] tgtIn, long[] tgtOut) {
        try (NDManager sm = root.newSubManager(); GradientCollector gc = engine.newGradientCollector()) {
            NDList enc = encode(sm.create(src, new Shape(batch, srcLen)), true);
            NDArray state = enc.get(2);
            NDArray context = sm.zeros(new Shape(batch, 2L * hidden));
            NDArray tgt = sm.create(tgtIn, new Shape(batch, tgtLen));
            NDList features = new NDList();
            for (int t = 0; t < tgtLen; t++) {
                NDList r = step(tgt.get(":, " + t), state, context, enc, true);
                features.add(r.get(0));
                state = r.get(1);
                context = r.get(2);
            }
            NDArray f = NDArrays.stack(features, 1).reshape((long) batch * tgtLen, 3L * hidden);
            NDArray target = sm.create(tgtOut, new Shape((long) batch * tgtLen, 1));
            NDArray loss = linear(f, headW, headB).logSoftmax(1).gather(target, 1).mean().neg();
            gc.backward(loss);
            clipAndAdam(sm, 1.0, 1e-3f);
            return loss.getFloat();
        }
    }

    void greedy(long[] src) {
        try (NDManager sm = root.newSubManager()) {
            NDList enc = encode(sm.create(src, new Shape(batch, srcLen)), false);
            NDArray state = enc.get(2);
            NDArray context = sm.zeros(new Shape(batch, 2L * hidden));
            long[] sos = new long[batch];
            Arrays.fill(sos, 1);
            NDArray previous = sm.create(sos);
            for (int t = 0; t < tgtLen; t++) {
                NDList r = step(previous, state, context, enc, false);
                previous = linear(r.get(0), headW, headB).argMax(1);
                state = r.get(1);
                context = r.get(2);
            }
            previous.toLongArray(); // wait for the result, as a decoder reading its tokens does
        }
    }

    void run() {
        Engine engine = Engine.getEngine("PyTorch");
        root = NDManager.newBaseManager(Device.cpu());
        initModel();
        Random r = new Random(2);
        long[] src = new long[batch * srcLen];
        long[] tgtIn = new long[batch * tgtLen];
        long[] tgtOut = new long[batch * tgtLen];
        for (int i = 0; i < src.length; i++) src[i] = 4 + r.nextInt(srcVocab - 4);
        for (int b = 0; b < batch; b++) { // <sos> y1 .. y(T-1)  ->  y1 .. y(T-1) <eos>, as rnn4j's batches
            tgtIn[b * tgtLen] = 1;
            for (int t = 1; t < tgtLen; t++) {
                long y = 4 + r.nextInt(tgtVocab - 4);
                tgtIn[b * tgtLen + t] = y;
                tgtOut[b * tgtLen + t - 1] = y;
            }
            tgtOut[b * tgtLen + tgtLen - 1] = 2;
        }
        double[] train = new double[steps];
        float loss = 0;
        for (int i = -warmup; i < steps; i++) {
            long t0 = System.nanoTime();
            loss = trainStep(engine, src, tgtIn, tgtOut);
            if (i >= 0) train[i] = (System.nanoTime() - t0) / 1e9;
        }
        double[] decode = new double[steps];
        for (int i = -warmup; i < steps; i++) {
            long t0 = System.nanoTime();
            greedy(src);
            if (i >= 0) decode[i] = (System.nanoTime() - t0) / 1e9;
        }
        double tokens = (double) batch * tgtLen;
        String threads = System.getProperty("ai.djl.pytorch.num_threads");
        System.out.printf(Locale.ROOT, "RESULT train libtorch=%s hidden=%d embed=%d batch=%d src_len=%d tgt_len=%d "
                        + "threads=%s tokens_per_s=%.0f step_s=%.4f loss=%.3f%n", engine.getVersion(), hidden, embed,
                batch, srcLen, tgtLen, threads, tokens / median(train), median(train), loss);
        System.out.printf(Locale.ROOT, "RESULT greedy libtorch=%s hidden=%d batch=%d tgt_len=%d threads=%s "
                + "tokens_per_s=%.0f batch_s=%.4f%n", engine.getVersion(), hidden, batch, tgtLen, threads,
                tokens / median(decode), median(decode));
        root.close();
    }
}

package rnn4j.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import rnn4j.base.SplitMix;
import rnn4j.data.ParallelText;
import rnn4j.kernel.PackReuse;
import rnn4j.kernel.Parallel;
import rnn4j.models.Seq2Seq;
import rnn4j.optim.Adam;
import rnn4j.tensor.Grad;
import rnn4j.tensor.MathOps;
import rnn4j.train.Seq2SeqTrainer;

/**
 * {@code rnn4j bench translate}: training and greedy-decoding speed of the translation model on one batch of random
 * sentences of fixed lengths (no padding), in target tokens per second. The defaults are the Multi30k recipe of
 * docs/benchmarks.md (GRU 256, embeddings 256, bidirectional encoder, additive attention, batch 64, the de→en
 * vocabulary sizes) at the corpus's typical sentence length; {@code examples/peers/libtorch} runs the same
 * model in libtorch for the side-by-side figure.
 */
@Command(name = "translate", mixinStandardHelpOptions = true, description = "Translation model speed: training "
        + "(Adam, clip 1, teacher forcing) and greedy decoding, in target tokens/s.")
final class BenchTranslateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--cell", defaultValue = "gru", description = "gru or lstm (default: ${DEFAULT-VALUE}).")
    String cell;

    @Option(names = "--attention", defaultValue = "additive", description = "none, additive, dot or general "
            + "(default: ${DEFAULT-VALUE}).")
    String attention;

    @Option(names = "--hidden", defaultValue = "256", description = "H (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--embed", defaultValue = "256", description = "E (default: ${DEFAULT-VALUE}).")
    int embed;

    @Option(names = "--batch", defaultValue = "64", description = "Sentence pairs per step (default: "
            + "${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--src-len", defaultValue = "16", description = "Source tokens per sentence (default: "
            + "${DEFAULT-VALUE}).")
    int srcLen;

    @Option(names = "--tgt-len", defaultValue = "16", description = "Decoder steps per sentence, <eos> included "
            + "(default: ${DEFAULT-VALUE}).")
    int tgtLen;

    @Option(names = "--src-vocab", defaultValue = "7857", description = "Source vocabulary (default: "
            + "${DEFAULT-VALUE}, Multi30k de with --min-freq 2).")
    int srcVocab;

    @Option(names = "--tgt-vocab", defaultValue = "5976", description = "Target vocabulary (default: "
            + "${DEFAULT-VALUE}, Multi30k en).")
    int tgtVocab;

    @Option(names = "--warmup", defaultValue = "10", description = "Unmeasured steps (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--steps", defaultValue = "30", description = "Measured steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Usage.require(hidden >= 1 && embed >= 1 && batch >= 1 && srcLen >= 1 && tgtLen >= 2 && steps >= 1
                && warmup >= 0, "--hidden, --embed, --batch, --src-len and --steps must be >= 1, --tgt-len >= 2 and "
                + "--warmup >= 0");
        Usage.require(srcVocab > Seq2Seq.UNK + 1 && tgtVocab > Seq2Seq.UNK + 1, "--src-vocab and --tgt-vocab must "
                + "be > 5 (four special tokens and at least one word), got %s and %s", srcVocab, tgtVocab);
        Usage.require(cell.equals("gru") || cell.equals("lstm"), "--cell must be gru or lstm, got '%s'", cell);
        Usage.attention(attention, "--attention");
        common.applyThreads();
        BenchCommand.warmUpKernels();
        Seq2Seq model = new Seq2Seq(new Seq2Seq.Config(srcVocab, tgtVocab, embed, hidden, 1, cell, true, attention,
                hidden, 0f, false), new SplittableRandom(1));
        List<ParallelText.Example> examples = sentences(new SplittableRandom(2));
        Seq2SeqTrainer trainer = new Seq2SeqTrainer(model, new Adam(model.parameters(), 1e-3), null, examples, batch,
                1.0, 1.0, new SplitMix(3));
        double trainStep = BenchCommand.medianSeconds(warmup, steps, trainer::step);
        ParallelText.Batch b = ParallelText.batch(examples);
        double decodeStep = BenchCommand.medianSeconds(warmup, steps, () -> greedy(model, b));
        double tokens = (double) batch * tgtLen;
        spec.commandLine().getOut().printf(Locale.ROOT, "bench translate cell=%s attention=%s hidden=%d embed=%d "
                        + "batch=%d src_len=%d tgt_len=%d threads=%d train_tokens_per_s=%.0f train_step_s=%.4f "
                        + "greedy_tokens_per_s=%.0f greedy_batch_s=%.4f%n", cell, attention, hidden, embed, batch,
                srcLen, tgtLen, Parallel.threads(), tokens / trainStep, trainStep, tokens / decodeStep, decodeStep);
        return 0;
    }

    /** {@code batch} pairs of random word ids (never a special token) with exactly the requested lengths. */
    private List<ParallelText.Example> sentences(SplittableRandom rng) {
        List<ParallelText.Example> out = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            int[] source = rng.ints(srcLen, Seq2Seq.UNK + 1, srcVocab).toArray();
            int[] target = rng.ints(tgtLen - 1, Seq2Seq.UNK + 1, tgtVocab).toArray(); // + <eos> = tgtLen steps
            out.add(new ParallelText.Example(source, target));
        }
        return out;
    }

    /**
     * Greedy decoding of the batch for exactly {@code tgtLen} steps, each reading its previous argmax: the work of
     * {@code GreedySearch} (weights packed once for the loop) without its early stop at {@code <eos>}, which a
     * random model reaches at random.
     */
    private void greedy(Seq2Seq model, ParallelText.Batch b) {
        Grad.eval(() -> PackReuse.during(() -> {
            Seq2Seq.Encoded enc = model.encode(b.src(), b.batch(), b.srcLen(), b.srcLengths());
            Seq2Seq.DecoderState state = enc.initial();
            int[] previous = new int[b.batch()];
            Arrays.fill(previous, Seq2Seq.SOS);
            for (int t = 0; t < tgtLen; t++) {
                Seq2Seq.Step s = model.step(previous, state, enc);
                state = s.state();
                previous = MathOps.argmax(model.logits(s.features()), 1);
            }
            return previous;
        }));
    }
}

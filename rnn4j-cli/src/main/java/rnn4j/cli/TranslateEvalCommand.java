package rnn4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import rnn4j.data.ParallelText;
import rnn4j.io.Checkpoint;
import rnn4j.train.Seq2SeqEvaluator;

/** {@code rnn4j translate eval}: BLEU (and, for generated tasks, exact match and token accuracy) of a checkpoint. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Translate a split with a checkpoint and score it: corpus BLEU (sacreBLEU 13a), plus exact "
                + "match and token accuracy for generated tasks.")
public final class TranslateEvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", paramLabel = "FILE", required = true, description = "A model of rnn4j "
            + "translate train.")
    Path checkpoint;

    @Option(names = "--split", paramLabel = "NAME", defaultValue = "test", description = "train, valid or test "
            + "(default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--data", paramLabel = "NAME|FILE", description = "Evaluate on other data than the checkpoint's "
            + "(same languages and tokenisation).")
    String data;

    @Option(names = "--beam", paramLabel = "K", defaultValue = "1", description = "Beam size; 1 = greedy (default: "
            + "${DEFAULT-VALUE}).")
    int beam;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.6", description = "Length-penalty exponent of beam "
            + "search, ((5 + n)/6)^A (Wu et al. 2016) (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--max-output", paramLabel = "N", defaultValue = "100", description = "Longest output in tokens "
            + "(default: ${DEFAULT-VALUE}).")
    int maxOutput;

    @Option(names = "--limit", paramLabel = "N", description = "Score only the first N pairs.")
    Integer limit;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "64", description = "Sentences decoded together "
            + "(default: ${DEFAULT-VALUE}).")
    int batch;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Usage.require(beam >= 1, "--beam must be >= 1, got %s", beam);
        Usage.require(alpha >= 0, "--alpha must be >= 0, got %s", alpha);
        Usage.require(maxOutput >= 1, "--max-output must be >= 1, got %s", maxOutput);
        Usage.require(batch >= 1, "--batch must be >= 1, got %s", batch);
        Usage.require(limit == null || limit >= 1, "--limit must be >= 1, got %s", limit);
        var split = TranslateData.split(this.split);
        common.applyThreads();
        TranslateCheckpoint c = TranslateCheckpoint.load(checkpoint);
        TranslateData d = data == null ? c.data() : new TranslateData(data, c.data().src(), c.data().tgt(),
                c.data().tokens());
        List<ParallelText.Pair> pairs = d.pairs(split, c.trainSize(), c.seed());
        if (limit != null && pairs.size() > limit) pairs = pairs.subList(0, limit);
        var tok = d.tokenizer();
        List<ParallelText.Example> examples = ParallelText.encode(pairs, tok, tok, c.srcVocab(), c.tgtVocab(), 0);
        Usage.require(!examples.isEmpty(), "the %s split of %s has no pair to evaluate", this.split, d.data());
        long started = System.nanoTime();
        Seq2SeqEvaluator.Metrics m = Seq2SeqEvaluator.evaluate(c.model(), examples, c.tgtVocab(), d.detokenizer(),
                batch, beam, alpha, maxOutput);
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("split", split.name().toLowerCase(java.util.Locale.ROOT));
        result.put("sentences", m.sentences());
        result.put("beam", beam);
        result.put("bleu", m.bleu().bleu());
        result.put("bleuDetail", m.bleu().toString());
        if (d.generated()) {
            result.put("exactMatch", m.exactMatch());
            result.put("tokenAccuracy", m.tokenAccuracy());
        }
        result.put("seconds", seconds);
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            out.println(Checkpoint.toJson(result));
        } else {
            out.printf("%s on %d %s sentences (beam %d): %s%n", checkpoint, m.sentences(), result.get("split"), beam,
                    m.bleu());
            if (d.generated()) {
                out.printf("exact match %.2f%%, token accuracy %.2f%%%n", 100 * m.exactMatch(),
                        100 * m.tokenAccuracy());
            }
        }
        return 0;
    }
}

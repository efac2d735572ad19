package rnn4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import rnn4j.data.Datasets;
import rnn4j.io.Checkpoint;
import rnn4j.train.LmEvaluator;

/** {@code rnn4j eval}: the next-token loss of a language model on a text. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a language model on a text: mean loss per predicted token (nats), bits per token and "
                + "perplexity.")
public final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", required = true, paramLabel = "FILE", description = "The model checkpoint.")
    Path checkpoint;

    @Option(names = "--data", required = true, paramLabel = "FILE|NAME", description = "A UTF-8 text file, or a "
            + "dataset name (its --split is used).")
    String data;

    @Option(names = "--split", paramLabel = "train|valid|test", defaultValue = "test", description = "Which split of "
            + "a named dataset (default: ${DEFAULT-VALUE}, else the dataset's only text).")
    String split;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "1", description = "Parallel streams; with 1 the loss "
            + "covers all N−1 predictions of the text (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seq", paramLabel = "T", defaultValue = "100", description = "Segment length; the state is "
            + "carried across segments (default: ${DEFAULT-VALUE}).")
    int seq;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Usage.require(batch >= 1, "--batch must be >= 1, got %s", batch);
        Usage.require(seq >= 1, "--seq must be >= 1, got %s", seq);
        Datasets.Split which = switch (split) {
            case "train" -> Datasets.Split.TRAIN;
            case "valid" -> Datasets.Split.VALID;
            case "test" -> Datasets.Split.TEST;
            default -> throw new ErrorReporting.UsageException("--split must be train, valid or test, got '" + split
                    + "'");
        };
        common.applyThreads();
        LmCheckpoint lm = LmCheckpoint.load(checkpoint);
        if (DataArgument.dataset(data).isPresent() && DataArgument.dataset(data).get().file(which).isEmpty()) {
            which = Datasets.Split.TRAIN;
        }
        String text = DataArgument.text(data, which, "--data");
        int[] ids = lm.vocabulary().encode(lm.model().config().tokenization().split(text), "--data " + data);
        Usage.require(ids.length >= (long) batch + 1, "--data must hold at least --batch + 1 = %s tokens, got %s",
                (long) batch + 1, ids.length);
        LmEvaluator.Result r = LmEvaluator.evaluate(lm.model(), ids, batch, seq);
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("loss", r.loss());
            json.put("bitsPerToken", r.bitsPerToken());
            json.put("perplexity", r.perplexity());
            json.put("predictions", r.predictions());
            out.println(Checkpoint.toJson(json));
        } else {
            out.printf("loss %.4f nats/token, %.4f bits/token, perplexity %.3f over %,d predictions%n", r.loss(),
                    r.bitsPerToken(), r.perplexity(), r.predictions());
        }
        return 0;
    }
}

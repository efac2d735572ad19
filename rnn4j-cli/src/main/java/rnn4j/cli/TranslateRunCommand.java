package rnn4j.cli;

import java.io.IOException;
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
import rnn4j.cli.report.AttentionHeatmap;
import rnn4j.data.Seq2SeqVocab;
import rnn4j.decode.BeamSearch;
import rnn4j.decode.GreedySearch;
import rnn4j.decode.Hypothesis;
import rnn4j.io.Checkpoint;
import rnn4j.nn.attention.Attention;

/** {@code rnn4j translate run}: translates one sentence and optionally draws its attention heat map. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Translate one sentence with a checkpoint; --attention-map draws the attention weights.")
public final class TranslateRunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", paramLabel = "FILE", required = true, description = "A model of rnn4j "
            + "translate train.")
    Path checkpoint;

    @Option(names = "--text", paramLabel = "TEXT", required = true, description = "The sentence to translate.")
    String text;

    @Option(names = "--beam", paramLabel = "K", defaultValue = "1", description = "Beam size; 1 = greedy (default: "
            + "${DEFAULT-VALUE}).")
    int beam;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.6", description = "Length-penalty exponent of beam "
            + "search (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--max-output", paramLabel = "N", defaultValue = "100", description = "Longest output in tokens "
            + "(default: ${DEFAULT-VALUE}).")
    int maxOutput;

    @Option(names = "--attention-map", paramLabel = "PNG", description = "Write the attention weights as a heat map "
            + "(source tokens across, output tokens down).")
    Path attentionMap;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws IOException {
        Usage.require(beam >= 1, "--beam must be >= 1, got %s", beam);
        Usage.require(alpha >= 0, "--alpha must be >= 0, got %s", alpha);
        Usage.require(maxOutput >= 1, "--max-output must be >= 1, got %s", maxOutput);
        common.applyThreads();
        TranslateCheckpoint c = TranslateCheckpoint.load(checkpoint);
        Usage.require(attentionMap == null || c.model().config().attentionKind() != Attention.Kind.NONE,
                "--attention-map needs a model with attention, got one trained with --attention none (%s)",
                checkpoint);
        List<String> source = c.data().tokenizer().apply(text);
        Usage.require(!source.isEmpty(), "--text must hold at least one token, got '%s'", text);
        int[] ids = c.srcVocab().encode(source);
        int unknown = 0;
        for (int id : ids) if (id == Seq2SeqVocab.UNK) unknown++;
        Hypothesis h = beam > 1 ? new BeamSearch(beam, alpha, maxOutput).decode(c.model(), ids, 1, ids.length, null)
                .get(0) : GreedySearch.decode(c.model(), ids, 1, ids.length, null, maxOutput).get(0);
        List<String> output = c.tgtVocab().decode(h.tokens());
        String translation = c.data().detokenizer().apply(output);
        if (attentionMap != null) {
            List<String> rows = new java.util.ArrayList<>(output);
            if (h.attention().length > output.size()) rows.add("<eos>");
            AttentionHeatmap.write(attentionMap, "attention: " + c.data().src() + " → " + c.data().tgt(), source,
                    rows, h.attention());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("source", source);
            result.put("translation", translation);
            result.put("tokens", output);
            result.put("logProb", h.logProb());
            result.put("unknownSourceTokens", unknown);
            if (attentionMap != null) result.put("attentionMap", attentionMap.toString());
            out.println(Checkpoint.toJson(result));
        } else {
            out.println(translation);
        }
        if (unknown > 0) {
            spec.commandLine().getErr().printf("rnn4j: warning: %d of %d source tokens are not in the model's "
                    + "vocabulary and were read as <unk>%n", unknown, ids.length);
        }
        return 0;
    }
}

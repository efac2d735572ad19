package rnn4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import rnn4j.data.Tokens;
import rnn4j.decode.LmGenerator;
import rnn4j.decode.Sampler;
import rnn4j.io.Checkpoint;

/** {@code rnn4j sample}: generates text from a language-model checkpoint, streaming it to stdout. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Generate text from a language model, streaming to stdout.")
public final class SampleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", required = true, paramLabel = "FILE", description = "A model.safetensors of "
            + "rnn4j train (or PyTorch's with the same names and metadata).")
    Path checkpoint;

    @Option(names = "--prime", paramLabel = "TEXT", description = "Text to start from (default: a line break, or "
            + "<eos> for word models).")
    String prime;

    @Option(names = "--length", paramLabel = "N", defaultValue = "500", description = "Tokens to generate (default: "
            + "${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "1", description = "Sampling temperature; 0 = "
            + "always the most likely token (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "0", description = "Sample among the K most likely "
            + "tokens; 0 = all (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--top-p", paramLabel = "P", defaultValue = "1", description = "Sample among the most likely "
            + "tokens holding probability P (nucleus); 1 = all (default: ${DEFAULT-VALUE}).")
    double topP;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: "
            + "${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Usage.require(length >= 0, "--length must be >= 0, got %s", length);
        Usage.require(temperature >= 0 && Double.isFinite(temperature), "--temperature must be >= 0 (0 = argmax), "
                + "got %s", temperature);
        Usage.require(topK >= 0, "--top-k must be >= 0 (0 = all), got %s", topK);
        Usage.require(topP > 0 && topP <= 1, "--top-p must be in (0, 1], got %s", topP);
        common.applyThreads();
        LmCheckpoint lm = LmCheckpoint.load(checkpoint);
        Tokens kind = lm.model().config().tokenization();
        String start = prime != null ? prime : kind == Tokens.WORDS ? Tokens.EOS : "\n";
        List<String> primeTokens = kind.split(start);
        Usage.require(!primeTokens.isEmpty(), "--prime must hold at least one token, got '%s'", start);
        int[] ids = lm.vocabulary().encode(primeTokens, "--prime");
        PrintWriter out = spec.commandLine().getOut();
        // With --json the text is gathered and printed as one object at the end; otherwise it streams.
        StringBuilder text = new StringBuilder();
        Consumer<String> emit = common.json ? text::append : piece -> {
            out.print(piece);
            out.flush();
        };
        TokenPrinter printer = new TokenPrinter(kind, emit);
        if (prime != null) {
            // Characters: the prime as given. Words: its tokens as generated words are printed, so the first
            // generated word does not run into the last word of the prime.
            if (kind == Tokens.WORDS) primeTokens.forEach(printer::print);
            else emit.accept(prime);
        }
        new LmGenerator(lm.model(), new Sampler(temperature, topK, topP), new SplittableRandom(seed))
                .generate(ids, length, id -> {
                    printer.print(lm.vocabulary().token(id));
                    return true;
                });
        if (common.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("text", text.toString());
            json.put("tokens", length);
            out.println(Checkpoint.toJson(json));
            return 0;
        }
        out.println();
        return 0;
    }

    /** Prints generated tokens: characters as they are; words space-separated, {@code <eos>} as a line break. */
    private static final class TokenPrinter {
        private final Tokens kind;
        private final Consumer<String> emit;
        private boolean lineStart = true;

        TokenPrinter(Tokens kind, Consumer<String> emit) {
            this.kind = kind;
            this.emit = emit;
        }

        void print(String token) {
            if (kind != Tokens.WORDS) {
                emit.accept(token);
                return;
            }
            boolean eos = token.equals(Tokens.EOS);
            emit.accept(eos ? "\n" : (lineStart ? "" : " ") + token);
            lineStart = eos;
        }
    }
}

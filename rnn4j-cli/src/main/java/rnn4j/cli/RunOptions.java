package rnn4j.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The run-folder options every training command takes: where the run goes, how to resume it, and its seed. */
final class RunOptions {
    @Option(names = "--out", paramLabel = "DIR", description = "The run folder.")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR|CKPT", description = "Continue the run in DIR (or of its "
            + "DIR/model.safetensors) exactly where it stopped, with its own data, model and recipe; give a larger "
            + "--steps, --epochs or --time.")
    Path resume;

    @Option(names = "--force", description = "Overwrite an existing run folder.")
    boolean force;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: "
            + "${DEFAULT-VALUE}).")
    long seed;

    /** A new run needs {@code --out}, an empty folder (any with {@code --force}); a resumed run has its own. */
    void requireFolder() {
        Usage.require(out != null, "--out DIR is required (the run folder), or --resume DIR");
        if (resume == null) RunFolder.requireNew(out, force);
    }
}

package rnn4j.cli;

import picocli.CommandLine.Option;
import rnn4j.kernel.Parallel;

/** Options every command takes: the thread count, {@code --json} and {@code --debug}. */
final class CommonOptions {
    static {
        System.setProperty("rnn4j.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    }

    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads for the kernels (default: all ${sys:rnn4j.cores} cores).")
    Integer threads;

    @Option(names = "--json", description = "Print the results as one JSON object.")
    boolean json;

    @Option(names = "--debug", description = "Print stack traces with errors.")
    boolean debug;

    /** Sets the kernels' thread count from {@code --threads}, after checking it. */
    void applyThreads() {
        if (threads != null) {
            Usage.require(threads >= 1, "--threads must be >= 1, got %s", threads);
            Parallel.setThreads(threads);
        }
    }
}

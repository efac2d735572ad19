package rnn4j.cli;

import picocli.CommandLine.Option;

/** Options every command takes: the thread count and {@code --debug}. */
final class CommonOptions {
    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads for the kernels (default: all ${sys:rnn4j.cores} cores).")
    Integer threads;

    @Option(names = "--debug", description = "Print stack traces with errors.")
    boolean debug;

    static {
        System.setProperty("rnn4j.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    }
}

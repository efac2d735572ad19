package rnn4j.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import rnn4j.kernel.Kernels;

/**
 * The {@code rnn4j} command: recurrent neural networks from the command line.
 *
 * <p>Results go to stdout, progress and logs to stderr. Exit codes: 0 done, 1 runtime failure, 2 usage error. Errors
 * are one line, {@code rnn4j: error: <what> (<where>); <how to fix>}, with the stack trace only under
 * {@code --debug}. {@link #run} returns the exit code, so tests drive the CLI in-process.
 */
@Command(name = "rnn4j", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Recurrent neural networks for the JVM: train, sample, evaluate and benchmark RNN, LSTM and GRU "
                + "models.",
        subcommands = {TrainCommand.class, SampleCommand.class, EvalCommand.class, BenchCommand.class,
            ClassifyCommand.class, ForecastCommand.class, ExperimentCommand.class, TranslateCommand.class,
            DemoCommand.class, InfoCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Compile every kernel path before real work: a vector path first met mid-run de-optimises its caller and
        // stays slow for seconds (DESIGN.md §4 rule 3). Not in run(): in-process tests need no warm kernels.
        Kernels.warmUp();
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the CLI with the given streams and returns its exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        // Options are written in lower case (`--tokens words`), as the help and the docs show them.
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        ErrorReporting.install(cli);
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // An Error, so picocli lets it through the failure handler: a model or batch too big for the heap.
            return ErrorReporting.onOutOfMemory(cli, e, args);
        }
    }

    @Override
    public void run() {
        // `rnn4j` alone: show what there is to do rather than doing nothing silently.
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

package rnn4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code rnn4j demo}: offline and with no data given, a small LSTM learns a text that ships with rnn4j for about a
 * minute (progress, validation and samples on the way), then writes a sample. It runs {@code rnn4j train} and
 * {@code rnn4j sample} themselves, so it shows exactly what they do.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Train a small character LSTM on a text that "
        + "ships with rnn4j (about a minute, offline), then sample from it.")
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--time", paramLabel = "DURATION", defaultValue = "60s", converter = Durations.class,
            description = "Training time (default: ${DEFAULT-VALUE}).")
    Duration time;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: a new temporary folder).")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    Integer threads;

    @Override
    public Integer call() throws IOException {
        Path dir = out != null ? out : Files.createTempDirectory("rnn4j-demo-");
        Path text = dir.resolve("demo-text.txt");
        try (InputStream in = DemoCommand.class.getResourceAsStream("demo-text.txt")) {
            Files.createDirectories(dir);
            Files.write(text, in.readAllBytes());
        }
        Path run = dir.resolve("run");
        List<String> train = new ArrayList<>(List.of("--data", text.toString(), "--out", run.toString(), "--force",
                "--hidden", "256", "--embed", "32", "--layers", "2", "--dropout", "0.1", "--seq", "64", "--batch", "32",
                "--lr", "3e-3", "--time", time.toMillis() / 1000.0 + "s", "--eval-every", "100"));
        if (threads != null) train.addAll(List.of("--threads", threads.toString()));
        spec.commandLine().getErr().println("rnn4j demo: training a character LSTM on " + text + " for " + time
                .toSeconds() + " s; run folder " + run);
        int code = sub(new TrainCommand()).execute(train.toArray(String[]::new));
        if (code != 0) {
            return code;
        }
        spec.commandLine().getOut().println("--- a sample from the trained model (rnn4j sample --checkpoint "
                + run.resolve("model.safetensors") + " --temperature 0.7):");
        return sub(new SampleCommand()).execute("--checkpoint", run.resolve("model.safetensors").toString(),
                "--length", "400", "--temperature", "0.7");
    }

    private CommandLine sub(Object command) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(spec.commandLine().getOut());
        cli.setErr(spec.commandLine().getErr());
        ErrorReporting.install(cli);
        return cli;
    }
}

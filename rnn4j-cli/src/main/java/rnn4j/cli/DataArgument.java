package rnn4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import rnn4j.data.Datasets;
import rnn4j.cli.report.Progress;
import rnn4j.data.TextFiles;

/**
 * What {@code --data FILE|NAME} names: an existing file, else a registered dataset (found in the mirror, the cache,
 * or downloaded), else a usage error listing the known names.
 */
final class DataArgument {
    private DataArgument() {}

    /** The dataset the argument names, when it is not an existing file. */
    static Optional<Datasets.Dataset> dataset(String value) {
        return Files.exists(Path.of(value)) ? Optional.empty() : Datasets.find(value);
    }

    /** The text of a split: the file itself, or the dataset's split. */
    static String text(String value, Datasets.Split split, String option) {
        Path file = Path.of(value);
        if (Files.exists(file)) {
            return TextFiles.readUtf8(file);
        }
        Datasets.Dataset d = Datasets.find(value).orElseThrow(() -> new ErrorReporting.UsageException(
                "no such file or dataset '" + value + "' (" + option + "); give a UTF-8 text file or one of "
                        + Datasets.all().keySet().stream().sorted().toList()));
        return TextFiles.readUtf8(resolveWithProgress(d, split));
    }

    /** The local file of a dataset split; a download shows its progress on stderr. */
    static Path resolveWithProgress(Datasets.Dataset d, Datasets.Split split) {
        Progress[] bar = {null};
        try {
            return Datasets.resolve(d, split, bytes -> {
                if (bar[0] == null) {
                    bar[0] = Progress.start("download " + d.name(), -1, "B", System.err, Progress.stderrIsTerminal(),
                            java.time.Duration.ofSeconds(5));
                }
                bar[0].update(bytes, String.format("%.1f MB", bytes / 1e6));
            });
        } finally {
            if (bar[0] != null) bar[0].close();
        }
    }
}

package rnn4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import rnn4j.io.CheckpointException;
import rnn4j.io.SafeTensors;

/**
 * The run folder of a training command: {@code --out} must be new (or {@code --force}), and {@code --resume} names a
 * folder (or the {@code model.safetensors} in it) whose {@code model.train.safetensors} keeps the recipe to continue.
 */
final class RunFolder {
    static final String MODEL = "model.safetensors";
    static final String PROGRESS = "model.train.safetensors";

    /** The options that may change when a run is resumed: its budget and how it runs, never what it trains. */
    private static final Set<String> RESUME_OPTIONS = Set.of("--resume", "--steps", "--epochs", "--time",
            "--threads", "--json", "--debug");

    private RunFolder() {}

    /** Usage error unless {@code out} is absent, empty, or {@code force} allows overwriting it. */
    static void requireNew(Path out, boolean force) {
        Usage.require(!Files.exists(out) || Files.isDirectory(out), "--out %s is a file, not a folder; name a new or "
                + "empty folder for the run", out);
        if (!Files.exists(out) || force) return;
        try (var entries = Files.list(out)) {
            Usage.require(entries.findAny().isEmpty(), "the run folder %s already exists (--out); pass --force to "
                    + "overwrite it or --resume %s to continue it", out, out);
        } catch (IOException e) {
            throw new ErrorReporting.UsageException("--out " + out + " is not a readable folder: "
                    + (e instanceof java.nio.file.FileSystemException fs ? ErrorReporting.describe(fs) : e));
        }
    }

    /**
     * The folder of {@code --resume} (given as the folder or its checkpoint file), checked to hold a progress file of
     * {@code command}; and a usage error when {@code spec} matched options that would change the recipe.
     */
    static Path resumable(Path resume, String command, CommandSpec spec) {
        Path dir = Files.isRegularFile(resume) ? resume.toAbsolutePath().getParent() : resume;
        Usage.require(Files.isRegularFile(dir.resolve(PROGRESS)), "--resume %s must be a run folder of %s (with %s) "
                + "or the %s in one, got no %s there", resume, command, PROGRESS, MODEL, PROGRESS);
        List<String> changed = spec.commandLine().getParseResult().matchedOptions().stream()
                .map(o -> o.longestName()).filter(n -> !RESUME_OPTIONS.contains(n)).distinct().toList();
        Usage.require(changed.isEmpty(), "--resume continues the run with its own data, model and recipe; drop %s "
                + "(only --steps, --epochs, --time, --threads and --json may be given)", String.join(", ", changed));
        return dir;
    }

    /** The recipe entries of a progress file, read back with errors that name the file and the entry. */
    record Recipe(Path file, Map<String, String> entries) {
        static Recipe read(Path dir) {
            Path file = dir.resolve(PROGRESS);
            return new Recipe(file, SafeTensors.read(file).metadata());
        }

        String text(String key) {
            String v = entries.get(key);
            if (v == null) {
                throw new CheckpointException("RunFolder.Recipe: " + file + " must have the entry '" + key + "', got "
                        + "none; was it written by this version of rnn4j?");
            }
            return v;
        }

        /** A path entry that may be absent from the run ({@code ""} in the file): null then. */
        Path optionalPath(String key) {
            String v = text(key);
            return v.isEmpty() ? null : Path.of(v);
        }

        long whole(String key) {
            try {
                return Long.parseLong(text(key));
            } catch (NumberFormatException e) {
                throw bad(key, "a whole number");
            }
        }

        int integer(String key) {
            return Math.toIntExact(whole(key));
        }

        double decimal(String key) {
            try {
                return Double.parseDouble(text(key));
            } catch (NumberFormatException e) {
                throw bad(key, "a number");
            }
        }

        private CheckpointException bad(String key, String what) {
            return new CheckpointException("RunFolder.Recipe: the entry '" + key + "' of " + file + " must be " + what
                    + ", got '" + entries.get(key) + "'");
        }
    }
}

package rnn4j.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Turns failures into the one-line errors of DESIGN.md §7: usage errors exit 2, runtime failures exit 1, and a stack
 * trace appears only under {@code --debug}.
 */
final class ErrorReporting {
    static final int USAGE = 2;
    static final int FAILURE = 1;

    private ErrorReporting() {}

    static void install(CommandLine cli) {
        cli.setParameterExceptionHandler(ErrorReporting::onUsageError);
        cli.setExecutionExceptionHandler(ErrorReporting::onFailure);
    }

    private static int onUsageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("rnn4j: error: " + e.getMessage() + " (" + cmd.getCommandSpec().qualifiedName() + "); see '"
                + cmd.getCommandSpec().qualifiedName() + " --help'");
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        return USAGE;
    }

    private static int onFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        String message = e instanceof java.nio.file.FileSystemException fs ? describe(fs)
                : e instanceof NegativeArraySizeException ? "a size option is too large: what it asks for does not "
                        + "fit in a Java array (at most 2^31 - 1 values); use smaller sizes"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        err.println("rnn4j: error: " + message);
        if (debug(parsed)) {
            e.printStackTrace(err);
        } else if (!expected(e)) {
            err.println("rnn4j: (an unexpected " + e.getClass().getSimpleName() + "; rerun with --debug for the "
                    + "stack trace and report it)");
        }
        return e instanceof UsageException ? USAGE : FAILURE;
    }

    /**
     * A job that needs more memory than the JVM may take: the failed allocation is garbage by now, so there is room
     * to say what to do instead of the JVM's stack trace (kept for {@code --debug}).
     */
    static int onOutOfMemory(CommandLine cli, OutOfMemoryError e, String[] args) {
        PrintWriter err = cli.getErr();
        err.printf("rnn4j: error: out of memory: the job needs more than the %.1f GB this Java process may use; make "
                + "the model or the batch smaller (--hidden, --layers, --batch, --seq), or let Java use more memory, "
                + "e.g. RNN4J_JAVA_OPTS=-Xmx16g%n", Runtime.getRuntime().maxMemory() / 1e9);
        if (java.util.Arrays.asList(args).contains("--debug")) e.printStackTrace(err);
        err.flush();
        return FAILURE;
    }

    /**
     * A file-system failure in words: Java's message for these is only the path ("rnn4j: error: /proc/nope"), which
     * names neither the problem nor the fix.
     */
    static String describe(java.nio.file.FileSystemException e) {
        String what = switch (e) {
            case java.nio.file.NoSuchFileException x -> "no such file or folder";
            case java.nio.file.AccessDeniedException x -> "permission denied";
            case java.nio.file.NotDirectoryException x -> "not a folder";
            case java.nio.file.FileAlreadyExistsException x -> "already exists";
            case java.nio.file.DirectoryNotEmptyException x -> "folder not empty";
            default -> e.getReason() == null ? "file system error" : e.getReason();
        };
        String file = e.getOtherFile() == null ? e.getFile() : e.getFile() + " -> " + e.getOtherFile();
        return "cannot read or write " + file + ": " + what + "; check the path and its permissions";
    }

    /** Failures rnn4j reports on purpose, with a message that says what to do. */
    private static boolean expected(Exception e) {
        return e instanceof UsageException || e instanceof IllegalArgumentException
                || e instanceof NegativeArraySizeException
                || e instanceof IllegalStateException || e instanceof IndexOutOfBoundsException
                || e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException
                || e instanceof rnn4j.io.CheckpointException;
    }

    private static boolean debug(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) return true;
        }
        return false;
    }

    /** A bad option value or combination found after parsing: reported like a parse error (exit 2). */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}

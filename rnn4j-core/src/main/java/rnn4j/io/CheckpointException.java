package rnn4j.io;

/**
 * A checkpoint file that cannot be read or written: damaged, hostile, of an unsupported kind, or not accessible.
 *
 * <p>The message names the method, the file and the problem in the house form
 * {@code SafeTensors.read: <subject> must <requirement> (<file>), got <actual>}, so a command-line tool can print it
 * as one line without a stack trace.
 */
public final class CheckpointException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public CheckpointException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause} (an I/O or JSON error). */
    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}

package rnn4j.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a file so that readers see either the old content or the complete new content, never a torn file.
 *
 * <p>The content goes to a temporary file in the target's folder (same file system, so the rename can be atomic),
 * is flushed to the device ({@link FileChannel#force}), and is then renamed over the target with
 * {@link StandardCopyOption#ATOMIC_MOVE}. If anything fails, the temporary file is deleted and the target is left
 * untouched. A crash mid-write leaves at most a hidden {@code .<name>.<pid>-<n>.tmp} file beside the target.
 */
public final class AtomicFiles {
    /** Distinguishes temp files of concurrent writes in one process; the pid distinguishes processes. */
    private static final AtomicLong COUNTER = new AtomicLong();

    private AtomicFiles() {}

    /** Writes the content of a file to a stream; the stream is buffered and must not be closed by the body. */
    @FunctionalInterface
    public interface Body {
        /** Writes the whole content to {@code out}. */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Atomically replaces (or creates) {@code target} with what {@code body} writes.
     *
     * @throws IOException if writing, syncing or renaming fails; the target is then unchanged
     */
    public static void write(Path target, Body body) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Path temp = createTemp(folder, target.getFileName().toString());
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                // Not closed here: closing the stream would close the channel before force().
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                body.writeTo(out);
                out.flush();
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (Throwable failure) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
        syncFolder(folder);
    }

    /** Creates an empty temp file with default permissions (unlike createTempFile, which makes it owner-only). */
    private static Path createTemp(Path folder, String name) throws IOException {
        long pid = ProcessHandle.current().pid();
        while (true) {
            Path temp = folder.resolve("." + name + "." + pid + "-" + COUNTER.incrementAndGet() + ".tmp");
            try {
                Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return temp;
            } catch (FileAlreadyExistsException stale) {
                // Left by a crashed process that had the same pid: pick the next name.
            }
        }
    }

    /** Makes the rename itself durable; best effort, since some platforms cannot open a folder as a channel. */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // The file content is already durable; only the directory entry may lag on such platforms.
        }
    }
}

package rnn4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path folder;

    private List<Path> filesInFolder() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }

    @Test
    void write_newFile_hasTheContentAndNoTempFileRemains() throws IOException {
        Path target = folder.resolve("log.csv");
        AtomicFiles.write(target, out -> out.write("step,loss\n1,2.5\n".getBytes(StandardCharsets.UTF_8)));

        assertEquals("step,loss\n1,2.5\n", Files.readString(target));
        assertEquals(List.of(target), filesInFolder());
    }

    @Test
    void write_existingFile_isReplaced() throws IOException {
        Path target = folder.resolve("config.json");
        Files.writeString(target, "old content that is longer");
        AtomicFiles.write(target, out -> out.write('x'));

        assertEquals("x", Files.readString(target));
        assertEquals(List.of(target), filesInFolder());
    }

    @Test
    void write_bodyFailingMidway_leavesOldFileAndNoTempFile() throws IOException {
        Path target = folder.resolve("model.safetensors");
        byte[] old = {1, 2, 3};
        Files.write(target, old);
        IOException failure = new IOException("disk full");

        IOException thrown = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[100_000]); // past the buffer, so part of it reached the temp file
            throw failure;
        }));

        assertSame(failure, thrown);
        assertArrayEquals(old, Files.readAllBytes(target));
        assertEquals(List.of(target), filesInFolder());
    }

    @Test
    void write_bodyThrowingUnchecked_leavesOldFileAndNoTempFile() throws IOException {
        Path target = folder.resolve("plot.png");
        Files.writeString(target, "old");

        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, out -> {
            out.write(7);
            throw new IllegalStateException("renderer failed");
        }));

        assertEquals("old", Files.readString(target));
        assertEquals(List.of(target), filesInFolder());
    }

    @Test
    void write_relativeTarget_usesTheWorkingFolder() throws IOException {
        // A bare file name has no parent; the temp file must still go beside it.
        Path relative = Path.of("target", "atomic-files-test.tmp-out");
        try {
            AtomicFiles.write(relative, out -> out.write('r'));
            assertEquals("r", Files.readString(relative));
        } finally {
            Files.deleteIfExists(relative);
        }
    }
}

package rnn4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnn4j.testing.TestFiles;

class TextFilesTest {
    @TempDir
    Path dir;

    @Test
    void readUtf8_readsPlainAndGzippedText() throws IOException {
        String text = "héllo wörld 🎉\n";
        Path plain = Files.writeString(dir.resolve("a.txt"), text);
        Path gz = TestFiles.gzip(dir.resolve("a.txt.gz"), text);
        assertEquals(text, TextFiles.readUtf8(plain));
        assertEquals(text, TextFiles.readUtf8(gz));
    }

    @Test
    void readUtf8_namesTheByteOffset_whenNotUtf8() throws IOException {
        byte[] bytes = {'a', 'b', 'c', (byte) 0xE9, 'd'}; // Latin-1 é at offset 3
        Path f = Files.write(dir.resolve("latin1.txt"), bytes);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TextFiles.readUtf8(f));
        assertTrue(e.getMessage().contains("byte offset 3"), e.getMessage());
        assertTrue(e.getMessage().contains("latin1.txt"), e.getMessage());
    }

    @Test
    void readUtf8_rejectsMissingEmptyAndFolder() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.txt"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TextFiles.readUtf8(dir.resolve("nope.txt")))
                .getMessage().contains("must exist"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TextFiles.readUtf8(empty))
                .getMessage().contains("must not be empty"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TextFiles.readUtf8(dir))
                .getMessage().contains("got a folder"));
    }
}

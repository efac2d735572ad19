package rnn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
    static void write(Path file, int magic, int[] dims, byte[] values) throws IOException {
        try (var out = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(magic);
            for (int d : dims) out.writeInt(d);
            out.write(values);
        }
    }

    @Test
    void read_gzipImagesAndLabels(@TempDir Path dir) throws IOException {
        Path images = dir.resolve("i.gz");
        write(images, 2051, new int[] {2, 2, 3}, new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, (byte) 255});
        Idx idx = Idx.read(images);
        assertArrayEquals(new int[] {2, 2, 3}, idx.dims());
        assertEquals(6, idx.itemSize());
        assertEquals(255, idx.values()[11] & 0xFF);
        Path labels = dir.resolve("l.gz");
        write(labels, 2049, new int[] {3}, new byte[] {5, 0, 9});
        assertArrayEquals(new int[] {5, 0, 9}, Idx.read(labels).labels());
    }

    @Test
    void wrongMagic_andTruncatedFile_areCleanErrors(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.gz");
        write(bad, 0x1f8b0808, new int[] {1}, new byte[] {1});
        var e = assertThrows(IllegalArgumentException.class, () -> Idx.read(bad));
        assertTrue(e.getMessage().contains("must start with the IDX magic") && e.getMessage().contains("1f8b0808"),
                e.getMessage());
        Path shortFile = dir.resolve("short.gz");
        write(shortFile, 2049, new int[] {10}, new byte[] {1, 2});
        e = assertThrows(IllegalArgumentException.class, () -> Idx.read(shortFile));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
}

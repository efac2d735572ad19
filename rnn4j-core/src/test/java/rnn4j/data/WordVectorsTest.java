package rnn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnn4j.testing.TestFiles;

class WordVectorsTest {
    @TempDir
    Path dir;

    private static WordVectors parse(String text, String... wanted) {
        return WordVectors.read(new BufferedReader(new StringReader(text)), "v.txt", Set.of(wanted));
    }

    @Test
    void glove_keepsOnlyTheWantedWords() {
        WordVectors v = parse("the 0.1 0.2\nfilm -1 2.5e-1\nunused 3 4\n", "the", "film", "absent");
        assertEquals(2, v.dimension());
        assertEquals(Set.of("the", "film"), v.vectors().keySet());
        assertArrayEquals(new float[] {-1f, 0.25f}, v.vectors().get("film"));
    }

    @Test
    void word2vecHeader_isSkipped_andAnotherCaseIsTheFallback() {
        WordVectors v = parse("3 2\nParis 1 2\nparis 3 4\nBerlin 5 6\n", "paris", "berlin");
        assertEquals(2, v.dimension());
        assertArrayEquals(new float[] {3, 4}, v.vectors().get("paris"), "the exact case wins over an earlier Paris");
        assertArrayEquals(new float[] {5, 6}, v.vectors().get("berlin"));
    }

    @Test
    void aWordWithSpacesInside_isNotTakenForItsFirstField() {
        // GloVe 840B has lines like ". . . 0.1 0.2": the word is ". . ."
        WordVectors v = parse(". 1 2\n. . . 3 4\n", ".");
        assertArrayEquals(new float[] {1, 2}, v.vectors().get("."));
    }

    @Test
    void badLines_nameTheFileAndLine() {
        var e = assertThrows(IllegalArgumentException.class, () -> parse("a 1 2\nb 1\n", "b"));
        assertEquals("WordVectors.read: every vector of v.txt must have 2 values like the first, got 1 at line 2",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse("a 1 2\nb 1 x\n", "b"));
        assertEquals("WordVectors.read: v.txt:2 must hold numbers after the word, got 'x' as value 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse("a 1 NaN\n", "a"));
        assertEquals("WordVectors.read: v.txt:1 must hold finite values, got NaN as value 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse("\n\n", "a"));
        assertEquals("WordVectors.read: v.txt must hold word vectors, got no vector", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse("lonely\n", "a"));
        assertEquals("WordVectors.read: v.txt:1 must be a word followed by its values, got one field; is this a "
                + "word-vector text file?", e.getMessage());
    }

    @Test
    void files_plainGzipAndBinary() throws IOException {
        Path gz = TestFiles.gzip(dir.resolve("v.txt.gz"), "über 1 2 3\n");
        assertArrayEquals(new float[] {1, 2, 3}, WordVectors.read(gz, Set.of("über")).vectors().get("über"));
        Path binary = Files.write(dir.resolve("v.bin"), new byte[] {'2', ' ', '2', '\n', 'a', ' ', (byte) 0xC3, 0x28});
        var e = assertThrows(IllegalArgumentException.class, () -> WordVectors.read(binary, Set.of("a")));
        assertEquals("WordVectors.read: " + binary + " must be UTF-8 text, got an invalid byte sequence; a binary "
                + "word2vec file must be converted to the text format first", e.getMessage());
        var missing = assertThrows(IllegalArgumentException.class,
                () -> WordVectors.read(dir.resolve("none.txt"), Set.of("a")));
        assertEquals("TextFiles.reader: " + dir.resolve("none.txt") + " must exist, got no such file; check the path",
                missing.getMessage());
    }

    @Test
    void copyInto_setsTheFoundRowsAndSkipsPadding() {
        WordVectors v = parse("<pad> 7 7\ngood 1 2\nbad 3 4\n", "<pad>", "good", "bad");
        Vocabulary vocab = Vocabulary.ofOrdered(List.of("<pad>", "<unk>", "good", "bad"));
        float[] weight = {0, 0, 5, 5, 0, 0, 0, 0};
        assertEquals(2, v.copyInto(vocab, weight, 0));
        assertArrayEquals(new float[] {0, 0, 5, 5, 1, 2, 3, 4}, weight);
        assertFalse(v.vectors().isEmpty());
    }
}

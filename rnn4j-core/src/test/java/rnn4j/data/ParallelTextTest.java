package rnn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnn4j.testing.TestFiles;

class ParallelTextTest {
    @TempDir
    Path dir;

    @Test
    void readAligned_plainAndGzip() throws IOException {
        Path en = Files.writeString(dir.resolve("a.en"), "A dog.\nTwo cats\n");
        Path de = dir.resolve("a.de.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(de))) {
            out.write("Ein Hund.\r\nZwei Katzen\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(List.of(new ParallelText.Pair("Ein Hund.", "A dog."), new ParallelText.Pair("Zwei Katzen",
                "Two cats")), ParallelText.readAligned(de, en));
    }

    @Test
    void readAligned_rejectsDifferentLineCounts() throws IOException {
        Path a = Files.writeString(dir.resolve("a"), "x\ny\n");
        Path b = Files.writeString(dir.resolve("b"), "x\n");
        var e = assertThrows(IllegalArgumentException.class, () -> ParallelText.readAligned(a, b));
        assertEquals("ParallelText.readAligned: " + a + " and " + b + " must have the same number of lines, got 2 "
                + "and 1", e.getMessage());
    }

    @Test
    void readTsv_fromTheDataEntryOfAZipIgnoringExtraColumns() throws IOException {
        Path zip = dir.resolve("fra-eng.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("_about.txt")); // a readme first, as in the Anki archives
            out.write("** Info **\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("fra.txt"));
            out.write("Go.\tVa !\tCC-BY 2.0\nHi.\tSalut !\tCC-BY 2.0\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        assertEquals(List.of(new ParallelText.Pair("Va !", "Go."), new ParallelText.Pair("Salut !", "Hi.")),
                ParallelText.readTsv(zip, true));
        Path bad = Files.writeString(dir.resolve("bad.tsv"), "only one column\n");
        var e = assertThrows(IllegalArgumentException.class, () -> ParallelText.readTsv(bad, false));
        assertEquals("ParallelText.readTsv: every line of " + bad + " must hold source<TAB>target, got 'only one "
                + "column' at line 1", e.getMessage());
    }

    @Test
    void readTsv_columnsByHeaderName_orByNumber() throws IOException {
        Path gz = TestFiles.gzip(dir.resolve("pairs.tsv.gz"), "id\ten\tfr\n\n1\tGo.\tVa !\n2\tHi.\tSalut !\n");
        assertEquals(List.of(new ParallelText.Pair("Va !", "Go."), new ParallelText.Pair("Salut !", "Hi.")),
                ParallelText.readTsv(gz, "fr", "en"), "the header line names the columns and is not a pair");
        assertEquals(List.of(new ParallelText.Pair("en", "id"), new ParallelText.Pair("Go.", "1"),
                new ParallelText.Pair("Hi.", "2")), ParallelText.readTsv(gz, "2", "1"), "numbers: every line a pair");

        var e = assertThrows(IllegalArgumentException.class, () -> ParallelText.readTsv(gz, "de", "en"));
        assertEquals("ParallelText.readTsv: the source column 'de' and the target column 'en' must both be in the "
                + "header line of " + gz + ", got [id, en, fr] at line 1; name columns of that line, or give column "
                + "numbers (1, 2, …) for a file without a header", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ParallelText.readTsv(gz, "4", "1"));
        assertEquals("ParallelText.readTsv: every line of " + gz + " must hold at least 4 tab-separated columns "
                + "(source column 4, target column 1), got 3 at line 1", e.getMessage());
        assertTrue(ParallelText.isColumnNumber("12") && !ParallelText.isColumnNumber("0")
                && !ParallelText.isColumnNumber("en"));
    }

    @Test
    void encode_filtersByMaxLength() {
        Seq2SeqVocab v = Seq2SeqVocab.build(List.of(List.of("a", "b", "c")), 1);
        List<ParallelText.Example> ex = ParallelText.encode(List.of(new ParallelText.Pair("a b", "c"),
                new ParallelText.Pair("a b c", "a"), new ParallelText.Pair("", "a")), WordTokenizer::tokenize,
                WordTokenizer::tokenize, v, v, 2);
        assertEquals(1, ex.size());
        assertArrayEquals(new int[] {4, 5}, ex.get(0).source());
    }

    @Test
    void batch_padsAndShiftsTargets() {
        ParallelText.Batch b = ParallelText.batch(List.of(new ParallelText.Example(new int[] {4, 5, 6},
                new int[] {7}), new ParallelText.Example(new int[] {8}, new int[] {9, 10})));
        assertArrayEquals(new int[] {4, 5, 6, 8, 0, 0}, b.src());
        assertArrayEquals(new int[] {3, 1}, b.srcLengths());
        assertEquals(3, b.tgtLen());
        assertArrayEquals(new int[] {1, 7, 0, 1, 9, 10}, b.tgtIn());
        assertArrayEquals(new int[] {7, 2, 0, 9, 10, 2}, b.tgtOut());
    }

    @Test
    void batches_coverEveryExampleOnce() {
        List<ParallelText.Example> ex = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) ex.add(new ParallelText.Example(new int[] {4 + i}, new int[] {4}));
        List<ParallelText.Batch> bs = ParallelText.batches(ex, 3, new SplittableRandom(1));
        assertEquals(List.of(3, 3, 1), bs.stream().map(ParallelText.Batch::batch).toList());
        assertEquals(List.of(4, 5, 6, 7, 8, 9, 10), bs.stream().flatMapToInt(b -> java.util.Arrays.stream(b.src()))
                .sorted().boxed().toList());
    }
}

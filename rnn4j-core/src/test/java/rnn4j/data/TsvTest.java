package rnn4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TsvTest {
    @Test
    void read_tsvAndQuotedCsv(@TempDir Path dir) throws IOException {
        Path tsv = Files.writeString(dir.resolve("a.tsv"), "sentence\tlabel\nfine , really \t1\nbad\t0\n");
        Tsv t = Tsv.read(tsv);
        assertEquals(List.of("sentence", "label"), t.header());
        assertEquals(List.of("1", "0"), t.values(t.column("label", "--label-column")));
        Path csv = Files.writeString(dir.resolve("b.csv"), "\"Month\",\"Value\"\n\"1949-01\",112\n\"a, \"\"b\"\"\",3");
        Tsv c = Tsv.read(csv);
        assertEquals(List.of("1949-01", "a, \"b\""), c.values(0));
    }

    @Test
    void unknownColumn_namesTheColumnsPresent(@TempDir Path dir) throws IOException {
        Tsv t = Tsv.read(Files.writeString(dir.resolve("a.tsv"), "sentence\tlabel\nx\t1\n"));
        var e = assertThrows(IllegalArgumentException.class, () -> t.column("text", "--text-column"));
        assertTrue(e.getMessage().contains("--text-column must name a column of") && e.getMessage().contains(
                "got 'text'; columns present: [sentence, label]"), e.getMessage());
    }

    @Test
    void raggedRow_namesFileAndLine(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("r.csv"), "a,b\n1,2\n3\n");
        var e = assertThrows(IllegalArgumentException.class, () -> Tsv.read(f));
        assertTrue(e.getMessage().contains("r.csv:3 must have 2 fields like the header [a, b], got 1"),
                e.getMessage());
    }
}

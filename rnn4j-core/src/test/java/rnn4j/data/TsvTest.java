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

    @Test
    void lineNumbers_countBlankLines_soErrorsNameTheRightLine() {
        Tsv t = Tsv.parse("x\n1\n\n\n?\n", ',', "b.csv");
        assertEquals("b.csv:5", t.where(1));
        var e = assertThrows(IllegalArgumentException.class, () -> TimeSeries.of(t, List.of("x")));
        assertTrue(e.getMessage().contains("column 'x' of b.csv:5 must be a number, got '?'"), e.getMessage());
    }

    @Test
    void fillForward_dropsLeadingMissingRows_andCarriesTheLastValue() {
        Tsv t = Tsv.parse("h,pm,w\n0,NA,a\n1,NA,b\n2,5,c\n3,NA,d\n4,NA,e\n5,7,f\n6,NA,g", ',', "p.csv");
        Tsv.Filled f = t.fillForward("pm", "NA", "--data");
        assertEquals(2, f.dropped());
        assertEquals(3, f.filled());
        assertEquals(List.of("5", "5", "5", "7", "7"), f.table().values(1));
        assertEquals(List.of("2", "3", "4", "5", "6"), f.table().values(0), "the other columns are untouched");
        assertEquals("p.csv:4", f.table().where(0), "lines still name the file's lines after the drop");
        assertEquals("NA", t.rows().get(4)[1], "the original table is unchanged");
        var e = assertThrows(IllegalArgumentException.class, () -> Tsv.parse("pm\nNA\nNA", ',', "q.csv")
                .fillForward("pm", "NA", "--data"));
        assertTrue(e.getMessage().contains("column 'pm' of q.csv must hold at least one value that is not 'NA'"),
                e.getMessage());
    }

    @Test
    void oneHot_replacesTheColumnWithIndicatorsOfTheGivenCategories() {
        Tsv t = Tsv.parse("a,wind,b\n1,NW,x\n2,cv,y\n3,NW,z", ',', "w.csv").oneHot("wind", List.of("NE", "NW",
                "cv"), "--data");
        assertEquals(List.of("a", "wind_NE", "wind_NW", "wind_cv", "b"), t.header());
        assertEquals(List.of("0", "0", "0"), t.values(1), "a category absent from the rows still gets its column");
        assertEquals(List.of("1", "0", "1"), t.values(2));
        assertEquals(List.of("0", "1", "0"), t.values(3));
        assertEquals(List.of("x", "y", "z"), t.values(4));
        var e = assertThrows(IllegalArgumentException.class, () -> Tsv.parse("a,wind\n1,NW\n2,", ',', "v.csv")
                .oneHot("wind", List.of("NW"), "--data"));
        assertTrue(e.getMessage().contains("column 'wind' of v.csv:3 must be one of [NW], got ''"), e.getMessage());
    }
}

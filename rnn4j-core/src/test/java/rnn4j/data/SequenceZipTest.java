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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequenceZipTest {
    private static final SequenceZip.Layout LAYOUT = SequenceZip.Layout.INDOOR_MOVEMENT;
    private static final String TARGET = "dataset/MovementAAL_target.csv";
    private static final String GROUPS = "groups/MovementAAL_DatasetGroup.csv";

    @TempDir
    Path dir;

    /** A zip in the IndoorMovement layout holding {@code entries} (name → content). */
    private Path zip(Map<String, String> entries) throws IOException {
        Path file = dir.resolve("movement.zip");
        try (OutputStream raw = Files.newOutputStream(file); ZipOutputStream z = new ZipOutputStream(raw)) {
            z.putNextEntry(new ZipEntry("dataset/"));
            z.closeEntry();
            for (var e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return file;
    }

    private static Map<String, String> good() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("README.txt", "not data\n");
        m.put("dataset/MovementAAL_RSS_10.csv", "#RSS_anchor1, RSS_anchor2\n0.5,-0.25\n");
        m.put("dataset/MovementAAL_RSS_2.csv", "#RSS_anchor1, RSS_anchor2\r\n1,2\r\n3,4\r\n5,6");
        m.put(TARGET, "#sequence_ID, class_label\n2,1\n10,-1\n");
        m.put(GROUPS, "#sequence_ID, dataset_ID\n2,1\n10,3\n");
        return m;
    }

    private String error(Map<String, String> entries) throws IOException {
        Path z = zip(entries);
        return assertThrows(IllegalArgumentException.class, () -> SequenceZip.read(z, LAYOUT)).getMessage();
    }

    @Test
    void read_variableLengthSequencesInIdOrder_withLabelsAndGroups() throws IOException {
        SequenceZip s = SequenceZip.read(zip(good()), LAYOUT);
        assertEquals(2, s.width());
        assertEquals(List.of(2, 10), s.sequences().stream().map(SequenceZip.Sequence::id).toList(),
                "numeric id order, not the entries' text order");
        SequenceZip.Sequence a = s.sequences().get(0);
        assertEquals(3, a.steps());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, a.values());
        assertEquals("1", a.label());
        assertEquals("1", a.group());
        assertTrue(a.where().endsWith("movement.zip!dataset/MovementAAL_RSS_2.csv"), a.where());
        SequenceZip.Sequence b = s.sequences().get(1);
        assertEquals(1, b.steps());
        assertEquals("-1", b.label());
        assertEquals(List.of(b), s.group("3", true));
        assertEquals(List.of(a), s.group("3", false));
    }

    @Test
    void missingTargetFile_isNamed() throws IOException {
        Map<String, String> m = good();
        m.remove(TARGET);
        String e = error(m);
        assertTrue(e.contains("must contain the label file dataset/MovementAAL_target.csv, got no such entry"), e);
    }

    @Test
    void raggedRow_namesEntryAndLine() throws IOException {
        Map<String, String> m = good();
        m.put("dataset/MovementAAL_RSS_10.csv", "#h\n0.5,-0.25\n0.5\n");
        String e = error(m);
        Path zip = dir.resolve("movement.zip");
        assertTrue(e.contains("every row of " + zip + "!dataset/MovementAAL_RSS_10.csv:3 must hold 2 numbers like "
                + zip + "!dataset/MovementAAL_RSS_2.csv:2, got 1"), e);
    }

    @Test
    void nonNumericValue_namesEntryLineAndField() throws IOException {
        Map<String, String> m = good();
        m.put("dataset/MovementAAL_RSS_2.csv", "#h\n1,2\n3,x4\n");
        String e = error(m);
        assertTrue(e.contains("field 2 of ") && e.contains("!dataset/MovementAAL_RSS_2.csv:3 must be a number, got "
                + "'x4'"), e);
    }

    @Test
    void labelsAndSequencesMustMatch() throws IOException {
        Map<String, String> m = good();
        m.put(TARGET, "#h\n2,1\n");
        assertTrue(error(m).contains("sequence 10 (") && error(m).contains(") must have a label in "), error(m));
        m.put(TARGET, "#h\n2,1\n10,-1\n11,1\n");
        assertTrue(error(m).contains("!dataset/MovementAAL_target.csv:4 gives a label for sequence 11, but the zip "
                + "has no entry dataset/MovementAAL_RSS_11.csv"), error(m));
        m.put(TARGET, "#h\n2;1\n");
        assertTrue(error(m).contains("!dataset/MovementAAL_target.csv:2 must hold sequence_id,label, got '2;1'"),
                error(m));
        m.put(TARGET, "#h\n2,1\n10,-1\n2,-1\n");
        assertTrue(error(m).contains(":4 gives a second label for sequence 2"), error(m));
        m.put(TARGET, "#h\n2,1\n10,-1\n");
        m.put("dataset/MovementAAL_RSS_10.csv", "#only a header\n");
        assertTrue(error(m).contains("!dataset/MovementAAL_RSS_10.csv must hold at least one row of numbers"),
                error(m));
    }

    @Test
    void notAZip_orNoSequences_isAClearError() throws IOException {
        Path text = Files.writeString(dir.resolve("x.zip"), "hello");
        var e = assertThrows(IllegalArgumentException.class, () -> SequenceZip.read(text, LAYOUT));
        assertTrue(e.getMessage().contains("x.zip must be a zip file"), e.getMessage());
        String none = error(Map.of(TARGET, "#h\n"));
        assertTrue(none.contains("must contain sequence entries dataset/MovementAAL_RSS_<id>.csv, got none"), none);
    }

    @Test
    void indoorMovement_fromTheMirror_hasTheDocumentedCounts() {
        Assumptions.assumeTrue(Datasets.mirror().isPresent(), "RNN4J_DATA_DIR is unset: skipping IndoorMovement.zip");
        Path zip = Datasets.resolve(Datasets.find("indoor-movement").orElseThrow(), Datasets.Split.TRAIN, n -> {});
        SequenceZip s = SequenceZip.read(zip, LAYOUT);
        assertEquals(4, s.width());
        assertEquals(314, s.sequences().size());
        assertEquals(13197, s.sequences().stream().mapToInt(SequenceZip.Sequence::steps).sum());
        assertEquals(19, s.sequences().stream().mapToInt(SequenceZip.Sequence::steps).min().orElseThrow());
        assertEquals(129, s.sequences().stream().mapToInt(SequenceZip.Sequence::steps).max().orElseThrow());
        assertEquals(158, s.sequences().stream().filter(q -> q.label().equals("1")).count());
        assertEquals(104, s.group("3", true).size());
        assertEquals(104, s.group("1", true).size());
    }
}

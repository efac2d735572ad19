package rnn4j.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttentionHeatmapTest {
    @TempDir
    Path dir;

    @Test
    void write_drawsAPngSizedByTheTokens() throws IOException {
        Path png = dir.resolve("a.png");
        List<String> source = List.of("ein", "hund", "läuft", "ein", ".");
        List<String> output = List.of("a", "dog", "runs", ".", "<eos>");
        float[][] w = new float[5][5];
        for (int t = 0; t < 5; t++) w[t][t] = 1;
        AttentionHeatmap.write(png, "de → en", source, output, w);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(400, image.getWidth());
        assertEquals(300, image.getHeight());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(png), files.toList()); // no temporary file left behind
        }
    }

    @Test
    void unique_keepsRepeatedTokensApartAndShowsSpaces() {
        List<String> labels = AttentionHeatmap.unique(List.of("a", " ", "a", "b"));
        assertEquals(4, labels.stream().distinct().count());
        assertEquals("␣", labels.get(1));
        assertTrue(labels.get(2).startsWith("a"));
        assertFalse(labels.get(2).equals("a"));
    }

    @Test
    void write_rejectsWeightsOfTheWrongShape() {
        var e = assertThrows(IllegalArgumentException.class, () -> AttentionHeatmap.write(dir.resolve("b.png"), "t",
                List.of("x", "y"), List.of("z"), new float[][] {{1}}));
        assertEquals("AttentionHeatmap.write: each weight row must have one value per source token (2), got 1",
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("b.png")));
    }
}

package rnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentCommandTest {
    @TempDir
    Path dir;

    @Test
    void memory_printsTheTableAndWritesCsvAndPlot() throws IOException {
        CliRun run = CliRun.of("experiment", "memory", "--tasks", "recall", "--cells", "rnn_tanh,gru", "--lengths",
                "3,5", "--hidden", "8", "--batch", "16", "--steps", "20", "--out", dir.toString());
        assertEquals(0, run.code(), run.toString());
        String[] lines = run.out().strip().split("\n");
        assertTrue(lines[0].startsWith("recall (accuracy"), run.out());
        assertTrue(lines[1].contains("rnn_tanh") && lines[1].contains("gru"), run.out());
        assertEquals(4, lines.length, run.out());
        assertEquals(5, Files.readAllLines(dir.resolve("memory.csv")).size());
        assertTrue(Files.size(dir.resolve("memory.png")) > 0);
    }

    @Test
    void gradients_vanishForTheVanillaRnn_andAreWrittenOut() throws IOException {
        CliRun run = CliRun.of("experiment", "gradients", "--cell", "rnn_tanh", "--seq", "30", "--hidden", "8",
                "--batch", "4", "--train-steps", "3", "--clip", "1", "--out", dir.toString(), "--json");
        assertEquals(0, run.code(), run.toString());
        JsonNode r = new ObjectMapper().readTree(run.out());
        assertTrue(r.get("ratioAtInit").asDouble() < 0.1, r.toString());
        assertEquals(31, Files.readAllLines(dir.resolve("gradients.csv")).size());
        assertTrue(Files.size(dir.resolve("gradients.png")) > 0);
    }

    @Test
    void badCell_isAUsageError() {
        CliRun run = CliRun.of("experiment", "memory", "--cells", "transformer", "--steps", "1");
        assertEquals(2, run.code(), run.toString());
        assertTrue(run.err().startsWith("rnn4j: error: --cells must list lstm, gru, rnn_tanh or rnn_relu, got "
                + "'transformer'"), run.err());
        CliRun twice = CliRun.of("experiment", "memory", "--cells", "lstm,lstm", "--steps", "1");
        assertEquals(2, twice.code(), twice.toString());
        assertTrue(twice.err().startsWith("rnn4j: error: --cells must not repeat a value, got [lstm, lstm]"),
                twice.err());
    }
}

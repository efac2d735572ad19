package rnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnn4j.data.Datasets;

class ForecastCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** A seasonal series with a trend, period 12, and a second column. */
    private Path series(int n) throws IOException {
        StringBuilder sb = new StringBuilder("\"Month\",\"Value\",\"Other\"\n");
        for (int i = 0; i < n; i++) {
            sb.append('"').append(i).append("\",").append(100 + i + 20 * Math.sin(2 * Math.PI * i / 12)).append(',')
                    .append(i % 3).append('\n');
        }
        return Files.writeString(dir.resolve("s.csv"), sb.toString());
    }

    private static JsonNode json(CliRun run) throws IOException {
        assertEquals(0, run.code(), run.toString());
        return JSON.readTree(run.out());
    }

    @Test
    void trainEvalPredict_onASeasonalSeries() throws IOException {
        Path data = series(120);
        Path out = dir.resolve("run");
        JsonNode r = json(CliRun.of("forecast", "train", "--data", data.toString(), "--columns", "Value",
                "--window", "12", "--horizon", "2", "--season", "12", "--cell", "gru", "--hidden", "16",
                "--lr", "0.01", "--epochs", "30", "--out", out.toString(), "--json"));
        assertTrue(r.get("rmse").asDouble() > 0 && r.get("naiveRmse").asDouble() > 0, r.toString());
        assertTrue(r.get("rmse").asDouble() < 10, "far below the series' spread of ~60: " + r);
        for (String f : new String[] {"model.safetensors", "log.csv", "loss.png", "forecast.png"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        Path model = out.resolve("model.safetensors");
        JsonNode e = json(CliRun.of("forecast", "eval", "--model", model.toString(), "--data", data.toString(),
                "--json"));
        assertEquals(r.get("rmse").asDouble(), e.get("rmse").asDouble(), 1e-9);
        assertEquals(r.get("naiveMae").asDouble(), e.get("naiveMae").asDouble(), 1e-9);
        JsonNode p = json(CliRun.of("forecast", "predict", "--model", model.toString(), "--data", data.toString(),
                "--json"));
        assertEquals(2, p.get("forecast").size());
        assertEquals(120, p.get("forecast").get(0).get("step").asInt());
        double next = p.get("forecast").get(0).get("Value").asDouble();
        assertTrue(next > 150 && next < 270, "the next value continues the series (~220): " + next);
    }

    @Test
    void perStep_manyToMany_trainsAndScores() throws IOException {
        Path data = series(60);
        JsonNode r = json(CliRun.of("forecast", "train", "--data", data.toString(), "--columns", "Value,Other",
                "--targets", "Value", "--per-step", "--window", "6", "--hidden", "8", "--steps", "5", "--out",
                dir.resolve("m").toString(), "--json"));
        assertTrue(r.get("testWindows").asInt() > 0 && Double.isFinite(r.get("rmse").asDouble()), r.toString());
        assertEquals(1, r.get("season").asInt());
    }

    @Test
    void difference_forecastsLevelsFromModelledChanges() throws IOException {
        Path data = series(60);
        Path out = dir.resolve("d");
        JsonNode r = json(CliRun.of("forecast", "train", "--data", data.toString(), "--columns", "Value",
                "--difference", "--window", "6", "--horizon", "3", "--hidden", "8", "--steps", "5", "--out",
                out.toString(), "--json"));
        // Levels are summed back: even an untrained model stays near the last level (~150), far from a change (~0).
        assertTrue(r.get("rmse").asDouble() < 40, r.toString());
        Path model = out.resolve("model.safetensors");
        JsonNode e = json(CliRun.of("forecast", "eval", "--model", model.toString(), "--data", data.toString(),
                "--json"));
        assertEquals(r.get("rmse").asDouble(), e.get("rmse").asDouble(), 1e-9);
        JsonNode p = json(CliRun.of("forecast", "predict", "--model", model.toString(), "--data", data.toString(),
                "--json"));
        assertEquals(3, p.get("forecast").size());
        double first = p.get("forecast").get(0).get("Value").asDouble();
        assertTrue(Math.abs(first - 159) < 40, "near the last level 100 + 59 + 20·sin(...): " + first);
    }

    @Test
    void badInput_givesCleanErrors() throws IOException {
        Path data = series(30);
        CliRun col = CliRun.of("forecast", "train", "--data", data.toString(), "--columns", "Passengers",
                "--steps", "1", "--out", dir.resolve("a").toString());
        assertEquals(1, col.code(), col.toString());
        assertTrue(col.err().contains("--columns must name a column of") && col.err().contains(
                "columns present: [Month, Value, Other]"), col.err());
        CliRun window = CliRun.of("forecast", "train", "--data", data.toString(), "--window", "40", "--steps", "1",
                "--out", dir.resolve("b").toString());
        assertEquals(2, window.code(), window.toString());
        Path ragged = Files.writeString(dir.resolve("r.csv"), "a,b\n1,2\n3\n");
        CliRun rag = CliRun.of("forecast", "train", "--data", ragged.toString(), "--steps", "1", "--out",
                dir.resolve("c").toString());
        assertEquals(1, rag.code(), rag.toString());
        assertTrue(rag.err().contains("r.csv:3 must have 2 fields"), rag.err());
        assertEquals(1, rag.err().strip().lines().count(), rag.err());
        // a horizon the test part cannot hold is refused before training, not after it
        CliRun horizon = CliRun.of("forecast", "train", "--data", series(60).toString(), "--window", "4",
                "--horizon", "13", "--steps", "1", "--out", dir.resolve("h").toString());
        assertEquals(2, horizon.code(), horizon.toString());
        assertTrue(horizon.err().contains("the test part of") && horizon.err().contains("raise --test-fraction"),
                horizon.err());
        assertFalse(Files.exists(dir.resolve("h").resolve("model.safetensors")), "nothing trained or written");
    }

    @Test
    void airlinePassengers_fromTheMirror() throws IOException {
        Assumptions.assumeTrue(Datasets.mirror().isPresent(), "RNN4J_DATA_DIR is unset: skipping the airline run");
        JsonNode r = json(CliRun.of("forecast", "train", "--data", "airline-passengers", "--hidden", "8",
                "--steps", "3", "--out", dir.resolve("air").toString(), "--json"));
        assertEquals(12, r.get("season").asInt());
        // The README's split: the last 48 months are the test part; windows of 1 step ahead, one per month.
        assertEquals(48, r.get("testWindows").asInt());
        assertTrue(r.get("naiveRmse").asDouble() > 10, r.toString());
    }

    @Test
    void pollution_fromTheMirror_forecastsPm25FromTheWeather() throws IOException {
        Assumptions.assumeTrue(Datasets.mirror().isPresent(), "RNN4J_DATA_DIR is unset: skipping the pollution run");
        CliRun run = CliRun.of("forecast", "train", "--data", "pollution", "--window", "6", "--hidden", "8",
                "--steps", "2", "--batch", "64", "--out", dir.resolve("pm").toString(), "--json");
        JsonNode r = json(run);
        assertEquals(24, r.get("season").asInt());
        // 43,800 hours after the 24 leading NA ones; the first 8,760 train, so 35,040 test hours, one window each.
        assertEquals(35040, r.get("testWindows").asInt());
        assertTrue(run.err().contains("dropped the first 24 hours (pm2.5 NA), carried 2,043 later NA hours forward"),
                run.err());
        assertTrue(r.get("naiveRmse").asDouble() > 10, "pm2.5 varies by tens of µg/m³ a day: " + r);
        var series = rnn4j.io.SafeTensors.read(dir.resolve("pm").resolve("model.safetensors")).metadata()
                .get("series");
        assertTrue(series.contains("\"cbwd_NE\",\"cbwd_NW\",\"cbwd_SE\",\"cbwd_cv\""), series);
    }

    @Test
    void resume_continuesBitForBit() throws IOException {
        Path data = series(60);
        String[] recipe = {"forecast", "train", "--data", data.toString(), "--columns", "Value,Other", "--window", "6",
            "--layers", "2", "--hidden", "8", "--dropout", "0.3", "--batch", "8", "--threads", "1", "--lr-schedule",
            "exp", "--lr-decay", "0.8"};
        Path straight = dir.resolve("straight");
        Path split = dir.resolve("split");
        JsonNode a = json(CliRun.of(CliRun.concat(recipe, "--steps", "9", "--json", "--out", straight.toString())));
        assertEquals(0, CliRun.of(CliRun.concat(recipe, "--steps", "4", "--out", split.toString())).code());
        CliRun resumed = CliRun.of("forecast", "train", "--resume", split.toString(), "--steps", "9", "--threads",
                "1", "--json");
        JsonNode b = json(resumed);
        assertTrue(resumed.err().contains("resumed at step 4"), resumed.err());
        assertEquals(a.get("rmse").asDouble(), b.get("rmse").asDouble(), 0, "the same model scores the same");
        SameModel.assertSameBits(straight.resolve("model.safetensors"), split.resolve("model.safetensors"));
        List<String> log = Files.readAllLines(split.resolve("log.csv"));
        assertEquals(10, log.size(), "the log continues: header + 9 rows");
        double first = Double.parseDouble(log.get(1).split(",")[4]);   // the rate decays by 0.8 a step, resumed too
        assertEquals(first * Math.pow(0.8, 8), Double.parseDouble(log.get(9).split(",")[4]), first * 1e-6);
        CliRun plateau = CliRun.of("forecast", "train", "--data", data.toString(), "--steps", "2", "--lr-schedule",
                "plateau", "--out", dir.resolve("plateau").toString());
        assertEquals(2, plateau.code(), plateau.toString());
        assertTrue(plateau.err().contains("--lr-schedule plateau needs held-out losses"), plateau.err());
        CliRun changed = CliRun.of("forecast", "train", "--resume", split.toString(), "--steps", "10", "--window",
                "3");
        assertEquals(2, changed.code(), changed.toString());
        assertTrue(changed.err().contains("drop --window (only --steps, --epochs, --time, --threads and --json"),
                changed.err());
    }
}

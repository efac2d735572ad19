package rnn4j.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemorySuiteTest {
    @Test
    void shortRecall_isLearned_andEveryCombinationIsReported() {
        List<MemorySuite.Result> seen = new ArrayList<>();
        var settings = new MemorySuite.Settings(16, 32, 120, 0.02, 5, 1);
        List<MemorySuite.Result> results = MemorySuite.run(List.of(MemorySuite.Task.RECALL, MemorySuite.Task.ADDING),
                List.of("gru"), List.of(3), settings, seen::add);
        assertEquals(results, seen);
        assertEquals(2, results.size());
        MemorySuite.Result recall = results.get(0);
        assertTrue(recall.solved() && recall.score() > 0.9, recall.toString());
        MemorySuite.Result adding = results.get(1);
        assertTrue(adding.score() < 0.167, "beats predicting the mean: " + adding);
    }

    @Test
    void copy_scoresTheCopiedStepsOfAManyToManyModel() {
        // Too few steps to learn the task: the score is an accuracy over the copied steps, near chance (1/8).
        var settings = new MemorySuite.Settings(8, 16, 5, 0.01, 1, 1);
        MemorySuite.Result r = MemorySuite.run(List.of(MemorySuite.Task.COPY), List.of("lstm"), List.of(3), settings,
                x -> { }).get(0);
        assertEquals(MemorySuite.Task.COPY, r.task());
        assertTrue(r.score() >= 0 && r.score() < 0.5 && !r.solved(), r.toString());
    }
}

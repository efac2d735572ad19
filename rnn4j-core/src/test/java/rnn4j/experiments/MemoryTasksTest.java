package rnn4j.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MemoryTasksTest {
    @Test
    void adding_targetIsTheSumOfTheTwoMarkedValues_oneMarkPerHalf() {
        MemoryTasks.Batch b = MemoryTasks.adding(20, 9, new SplittableRandom(1));
        for (int i = 0; i < 20; i++) {
            double sum = 0;
            int firstHalf = 0;
            int marks = 0;
            for (int t = 0; t < 9; t++) {
                if (b.x().get(i, t, 1) == 1f) {
                    marks++;
                    sum += b.x().get(i, t, 0);
                    if (t < 4) firstHalf++;
                }
            }
            assertEquals(2, marks);
            assertEquals(1, firstHalf);
            assertEquals(sum, b.y().get(i, 0, 0), 1e-6);
        }
    }

    @Test
    void recall_labelIsTheSymbolAtStepZero() {
        MemoryTasks.Batch b = MemoryTasks.recall(30, 6, 8, new SplittableRandom(2));
        for (int i = 0; i < 30; i++) {
            assertEquals(1f, b.x().get(i, 0, b.labels()[i]));
            float total = 0;
            for (int s = 0; s < 8; s++) total += b.x().get(i, 5, s);
            assertEquals(1f, total, "one-hot at every step");
        }
    }
}

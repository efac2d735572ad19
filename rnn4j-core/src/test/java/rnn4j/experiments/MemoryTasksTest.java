package rnn4j.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void copy_asksForTheFirstSymbolsAfterTheDelimiter_blankBefore() {
        int length = 4, symbols = 8, steps = MemoryTasks.copySteps(length); // 10 symbols, 3 blanks, delimiter, 10
        MemoryTasks.Batch b = MemoryTasks.copy(5, length, symbols, new SplittableRandom(3));
        assertEquals(24, steps);
        for (int i = 0; i < 5; i++) {
            for (int t = 0; t < steps; t++) {
                int input = -1;
                for (int c = 0; c < symbols + 2; c++) if (b.x().get(i, t, c) == 1f) input = c;
                int label = b.labels()[i * steps + t];
                if (t < 10) {
                    assertTrue(input >= 1 && input <= symbols, "a symbol at step " + t);
                    assertEquals(input, b.labels()[i * steps + steps - 10 + t], "copied in order");
                } else {
                    assertEquals(t == 13 ? symbols + 1 : 0, input, "blank, or the delimiter at step 13");
                }
                if (t < steps - 10) assertEquals(0, label, "blank label before the copy");
            }
        }
    }
}

package rnn4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GeneratedTasksTest {
    @Test
    void date_targetIsTheIsoFormOfTheSource() {
        List<ParallelText.Pair> pairs = GeneratedTasks.generate(GeneratedTasks.Task.DATE, 500, new SplittableRandom(1));
        for (ParallelText.Pair p : pairs) {
            LocalDate d = LocalDate.parse(p.target()); // a real calendar date
            String src = p.source();
            assertTrue(src.contains(Integer.toString(d.getYear())), p.toString());
            assertTrue(src.contains(Integer.toString(d.getDayOfMonth())), p.toString());
            String month = d.getMonth().name().toLowerCase();
            assertTrue(src.contains(month.substring(0, 3)) || src.startsWith(d.getMonthValue() + "/"), p.toString());
        }
    }

    @Test
    void ordinal_suffixes() {
        assertEquals("1st 2nd 3rd 4th 11th 12th 13th 21st 22nd 23rd 31st", String.join(" ",
                List.of(1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31).stream().map(GeneratedTasks::ordinal).toList()));
    }

    @Test
    void addAndReverse_areCorrect() {
        for (ParallelText.Pair p : GeneratedTasks.generate(GeneratedTasks.Task.ADD, 200, new SplittableRandom(2))) {
            String[] ab = p.source().split("\\+");
            assertEquals(Integer.parseInt(ab[0]) + Integer.parseInt(ab[1]), Integer.parseInt(p.target()));
        }
        for (ParallelText.Pair p : GeneratedTasks.generate(GeneratedTasks.Task.REVERSE, 200,
                new SplittableRandom(3))) {
            assertEquals(new StringBuilder(p.source()).reverse().toString(), p.target());
        }
    }

    @Test
    void generate_sameSeedSamePairs() {
        assertEquals(GeneratedTasks.generate(GeneratedTasks.Task.DATE, 50, new SplittableRandom(4)),
                GeneratedTasks.generate(GeneratedTasks.Task.DATE, 50, new SplittableRandom(4)));
    }

    @Test
    void parse_listsValidTasks() {
        var e = assertThrows(IllegalArgumentException.class, () -> GeneratedTasks.Task.parse("sort"));
        assertEquals("GeneratedTasks.Task.parse: task must be one of [date, reverse, add], got 'sort'",
                e.getMessage());
    }
}

package rnn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimeSeriesTest {
    private static final Tsv TABLE = Tsv.parse("\"Month\",\"A\",\"B\"\n1,1,10\n2,2,20\n3,3,30\n4,4,40\n5,100,50",
            ',', "t.csv");

    @Test
    void scaler_fitsOnTrainOnly() {
        TimeSeries s = TimeSeries.of(TABLE, List.of("A"));
        TimeSeries.Scaler scaler = TimeSeries.Scaler.fit(s.slice(0, 4));
        assertEquals(2.5f, scaler.mean()[0], 1e-6f); // the outlier 100 in the test part does not leak in
        assertEquals((float) Math.sqrt(1.25), scaler.std()[0], 1e-6f);
        TimeSeries z = scaler.apply(s);
        assertEquals(100f, scaler.invert(z.values()[4][0], 0), 1e-4f);
    }

    @Test
    void windows_inputsAllColumns_targetsTheNextSteps() {
        TimeSeries s = TimeSeries.of(TABLE, List.of("A", "B"));
        TimeSeries.Windows w = s.windows(2, 2, new int[] {1});
        assertEquals(2, w.count());
        assertArrayEquals(new float[] {1, 10, 2, 20, 2, 20, 3, 30}, w.inputs());
        assertArrayEquals(new float[] {30, 40, 40, 50}, w.targets());
    }

    @Test
    void nonNumericCell_namesFileLineAndColumn() {
        var e = assertThrows(IllegalArgumentException.class, () -> TimeSeries.of(TABLE, List.of("Month", "C")));
        assertTrue(e.getMessage().contains("columns present: [Month, A, B]"), e.getMessage());
        Tsv bad = Tsv.parse("x\n1\n?\n", ',', "b.csv");
        e = assertThrows(IllegalArgumentException.class, () -> TimeSeries.of(bad, List.of("x")));
        assertTrue(e.getMessage().contains("column 'x' of b.csv:3 must be a number, got '?'"), e.getMessage());
    }

    @Test
    void differences_areStepToStepChanges() {
        TimeSeries d = TimeSeries.of(TABLE, List.of("A", "B")).differences();
        assertEquals(4, d.length());
        assertArrayEquals(new float[] {96, 10}, d.values()[3]);
    }
}

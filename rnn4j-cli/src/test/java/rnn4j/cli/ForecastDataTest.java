package rnn4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import rnn4j.data.TimeSeries;
import rnn4j.data.Tsv;

class ForecastDataTest {
    /** The first rows of pollution.csv's layout, with NA at the start and in a later gap. */
    private static final Tsv POLLUTION = Tsv.parse("""
            No,year,month,day,hour,pm2.5,DEWP,TEMP,PRES,cbwd,Iws,Is,Ir
            1,2010,1,1,0,NA,-21,-11,1021,NW,1.79,0,0
            2,2010,1,1,1,NA,-21,-12,1020,NW,4.92,0,0
            3,2010,1,1,2,129,-16,-4,1020,SE,1.79,0,0
            4,2010,1,1,3,NA,-15,-4,1020,cv,0.89,0,0
            5,2010,1,1,4,NA,-11,-5,1021,NE,3.57,1,0
            6,2010,1,1,5,181,-7,-5,1022,SE,5.36,1,0""", ',', "pollution.csv");

    @Test
    void pollution_dropsLeadingNa_carriesLaterNaForward_andOneHotsTheWind() {
        List<String> notes = new ArrayList<>();
        Tsv t = ForecastData.pollution(POLLUTION, notes::add);
        assertEquals(List.of("pollution: dropped the first 2 hours (pm2.5 NA), carried 2 later NA hours forward; "
                + "cbwd one-hot"), notes);
        List<String> columns = ForecastData.defaultColumns("pollution", t);
        assertEquals(List.of("pm2.5", "DEWP", "TEMP", "PRES", "cbwd_NE", "cbwd_NW", "cbwd_SE", "cbwd_cv", "Iws",
                "Is", "Ir"), columns);
        TimeSeries s = TimeSeries.of(t, columns);
        assertEquals(4, s.length());
        assertArrayEquals(new float[] {129, 129, 129, 181}, column(s, 0), "NA hours take the last measured value");
        assertArrayEquals(new float[] {0, 0, 1, 0}, column(s, 4), "cbwd_NE");
        assertArrayEquals(new float[] {0, 0, 0, 0}, column(s, 5), "cbwd_NW: only in the dropped hours, kept");
        assertArrayEquals(new float[] {1, 0, 0, 1}, column(s, 6), "cbwd_SE");
        assertArrayEquals(new float[] {0, 1, 0, 0}, column(s, 7), "cbwd_cv");
        assertEquals("pollution.csv:4", t.where(0), "rows keep the lines of the file");
    }

    @Test
    void pollution_splitsAfterTheFirstYear() {
        // 43,824 hours less the 24 dropped: the first 365·24 train (the README's split), the rest test.
        assertEquals(8760, ForecastData.trainLength(43800, ForecastData.defaultTestFraction("pollution")));
        assertEquals(24, ForecastData.defaultSeason("pollution"));
    }

    @Test
    void defaultColumns_ofAFile_areAllButTheFirst() {
        Tsv t = Tsv.parse("date,a,b\n1,2,3", ',', "f.csv");
        assertEquals(List.of("a", "b"), ForecastData.defaultColumns("f.csv", t));
        assertTrue(ForecastData.defaultColumns("airline-passengers", t).equals(List.of("a", "b")));
    }

    private static float[] column(TimeSeries s, int j) {
        float[] out = new float[s.length()];
        for (int i = 0; i < out.length; i++) out[i] = s.values()[i][j];
        return out;
    }
}

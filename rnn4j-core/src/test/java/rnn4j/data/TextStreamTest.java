package rnn4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TextStreamTest {
    private static int[] range(int n) {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) ids[i] = i;
        return ids;
    }

    @Test
    void next_cutsContiguousStreams_withTargetsOneLater() {
        TextStream s = new TextStream(range(21), 2, 4); // L = 10 inputs per stream
        TextStream.Segment first = s.next();
        assertTrue(first.startsEpoch());
        assertArrayEquals(new int[] {0, 1, 2, 3, 10, 11, 12, 13}, first.inputs());
        assertArrayEquals(new int[] {1, 2, 3, 4, 11, 12, 13, 14}, first.targets());
        TextStream.Segment second = s.next();
        assertFalse(second.startsEpoch());
        assertArrayEquals(new int[] {4, 5, 6, 7, 14, 15, 16, 17}, second.inputs());
        TextStream.Segment last = s.next(); // shorter: L = 10 is not a multiple of 4
        assertEquals(2, last.length());
        assertArrayEquals(new int[] {8, 9, 18, 19}, last.inputs());
        assertArrayEquals(new int[] {9, 10, 19, 20}, last.targets());
        assertTrue(s.next().startsEpoch());
    }

    @Test
    void batchOne_coversAllNMinusOnePredictions() {
        TextStream s = new TextStream(range(11), 1, 3);
        int predictions = 0;
        for (int i = 0; i < s.segmentsPerEpoch(); i++) predictions += s.next().length();
        assertEquals(10, predictions);
        assertEquals(10, s.predictionsPerEpoch());
    }

    @Test
    void seek_continuesAtTheSameData() {
        TextStream a = new TextStream(range(50), 3, 5);
        for (int i = 0; i < 4; i++) a.next();
        TextStream b = new TextStream(range(50), 3, 5);
        b.seek(a.position());
        assertArrayEquals(a.next().inputs(), b.next().inputs());
    }

    @Test
    void hugeBatchOrSeq_doesNotWrapAround() {
        // seq near Integer.MAX_VALUE: one segment of the whole stream, not zero segments
        TextStream s = new TextStream(range(11), 1, Integer.MAX_VALUE);
        assertEquals(1, s.segmentsPerEpoch());
        assertEquals(10, s.next().length());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TextStream(range(11), Integer.MAX_VALUE, 2));
        assertTrue(e.getMessage().contains("at least batch + 1 = 2147483648 tokens"), e.getMessage());
    }

    @Test
    void constructor_rejectsTextTooShortForTheBatch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TextStream(range(3), 4, 2));
        assertTrue(e.getMessage().contains("at least batch + 1 = 5 tokens"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TextStream(range(10), 1, 0));
    }
}

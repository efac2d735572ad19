package rnn4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BroadcastTest {

    @Test
    void plan_trailingBias_mergesLeadingAxesIntoRows() {
        Broadcast.Plan p = Broadcast.plan("t", Shape.of(2, 3, 4), Shape.of(4));
        assertTrue(p.out().sameAs(2, 3, 4));
        assertEquals(6, p.rows());
        assertEquals(4, p.inner());
        assertEquals(1, p.a().step());
        assertEquals(1, p.b().step());
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0}, p.b().base());
        assertArrayEquals(new int[] {0, 4, 8, 12, 16, 20}, p.a().base());
    }

    @Test
    void plan_columnOperand_repeatsAlongTheRow() {
        Broadcast.Plan p = Broadcast.plan("t", Shape.of(3, 5), Shape.of(3, 1));
        assertEquals(3, p.rows());
        assertEquals(5, p.inner());
        assertEquals(0, p.b().step());
        assertArrayEquals(new int[] {0, 1, 2}, p.b().base());
    }

    @Test
    void plan_scalarOperand_isOneRepeatedValue() {
        Broadcast.Plan p = Broadcast.plan("t", Shape.scalar(), Shape.of(2, 3));
        assertEquals(1, p.rows());
        assertEquals(6, p.inner());
        assertEquals(0, p.a().step());
    }

    @Test
    void sumTo_sumsOverBroadcastAxes() {
        Broadcast.Plan p = Broadcast.plan("t", Shape.of(2, 1, 3), Shape.of(4, 1));
        assertTrue(p.out().sameAs(2, 4, 3));
        float[] g = new float[24];
        for (int i = 0; i < g.length; i++) g[i] = i;
        // a (2, 1, 3): sum over the 4 rows of each batch entry
        float[] ga = Broadcast.sumTo(g, p, p.a());
        assertArrayEquals(new float[] {18, 22, 26, 66, 70, 74}, ga);
        // b (4, 1): sum over batch and columns
        float[] gb = Broadcast.sumTo(g, p, p.b());
        assertArrayEquals(new float[] {0 + 1 + 2 + 12 + 13 + 14, 3 + 4 + 5 + 15 + 16 + 17, 6 + 7 + 8 + 18 + 19 + 20,
                9 + 10 + 11 + 21 + 22 + 23}, gb);
    }
}

package rnn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import rnn4j.nn.Parameter;

class GradClipTest {

    /** Gradients [3, 4] and [12]: global L2 norm √(9 + 16 + 144) = 13; a third parameter has none. */
    private static List<Parameter> params() {
        Parameter a = Fixture.parameter(0f, 0f);
        Parameter b = Fixture.parameter(0f);
        Parameter none = Fixture.parameter(5f);
        Fixture.setGrad(a, 3f, 4f);
        Fixture.setGrad(b, -12f);
        return List.of(a, b, none);
    }

    @Test
    void clipGradNorm_scalesAllByOneCoefficientAndReturnsNormBefore() {
        List<Parameter> ps = params();
        float norm = GradClip.clipGradNorm(ps, 6.5);
        assertEquals(13f, norm, 0f);
        float c = 6.5f / (13f + 1e-6f); // torch: max_norm / (total_norm + 1e-6), clamped to 1
        assertArrayEquals(new float[] {3 * c, 4 * c}, ps.get(0).gradData(), 0f);
        assertArrayEquals(new float[] {-12 * c}, ps.get(1).gradData(), 0f);
        assertNull(ps.get(2).gradData());
        assertEquals(6.5, GradClip.totalNorm(ps, 2), 1e-5);
    }

    @Test
    void clipGradNorm_leavesSmallGradientsAlone() {
        List<Parameter> ps = params();
        assertEquals(13f, GradClip.clipGradNorm(ps, 100), 0f);
        assertArrayEquals(new float[] {3, 4}, ps.get(0).gradData(), 0f);
    }

    @Test
    void clipGradNorm_infinityNormIsLargestMagnitude() {
        List<Parameter> ps = params();
        assertEquals(12f, GradClip.clipGradNorm(ps, 6, Double.POSITIVE_INFINITY), 0f);
        assertEquals(-12f * (6f / (12f + 1e-6f)), ps.get(1).gradData()[0], 0f);
    }

    @Test
    void clipGradNorm_oneNormSumsMagnitudes() {
        assertEquals(19f, GradClip.clipGradNorm(params(), 100, 1), 1e-5f);
    }

    @Test
    void clipGradValue_clampsEachValue() {
        List<Parameter> ps = params();
        GradClip.clipGradValue(ps, 3.5);
        assertArrayEquals(new float[] {3, 3.5f}, ps.get(0).gradData(), 0f);
        assertArrayEquals(new float[] {-3.5f}, ps.get(1).gradData(), 0f);
    }

    @Test
    void clipGradNorm_rejectsNegativeMaxNorm() {
        var e = assertThrows(IllegalArgumentException.class, () -> GradClip.clipGradNorm(params(), -1));
        assertEquals("GradClip.clipGradNorm: maxNorm must be >= 0, got -1.0", e.getMessage());
    }
}

package rnn4j.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KernelsTest {
    @Test
    void warmUp_leavesKernelsWorking_andDescribesThePath() {
        Kernels.warmUp();
        Kernels.warmUp(); // second call is a no-op
        float[] c = new float[1];
        Gemm.gemm(false, false, 1, 1, 2, 1f, new float[] {2, 3}, 0, 2, new float[] {4, 5}, 0, 1, 0f, c, 0, 1);
        assertTrue(c[0] == 23f, "2·4 + 3·5 = 23, got " + c[0]);
        String description = Kernels.describe();
        assertTrue(description.startsWith(Simd.AVAILABLE ? "Vector API, " : "scalar"), description);
        assertTrue(description.endsWith(Parallel.threads() + " threads"), description);
    }
}

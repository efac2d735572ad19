package rnn4j.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import rnn4j.tensor.LinalgOps;
import rnn4j.tensor.Tensor;

class PackReuseTest {
    private static float[] random(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) rng.nextDouble(-1, 1);
        return a;
    }

    @Test
    void pack_insideTheScopeOncePerOperand() {
        float[] w = random(6 * 5, 1);
        float[] other = w.clone(); // equal values, another array: another operand
        assertFalse(PackReuse.active());
        assertNotSame(PackReuse.pack(true, 5, 6, w, 0, 5), PackReuse.pack(true, 5, 6, w, 0, 5));
        PackReuse.during(() -> {
            assertTrue(PackReuse.active());
            PackedMatrix first = PackReuse.pack(true, 5, 6, w, 0, 5);
            assertSame(first, PackReuse.pack(true, 5, 6, w, 0, 5));
            assertNotSame(first, PackReuse.pack(true, 5, 6, other, 0, 5));
            assertNotSame(first, PackReuse.pack(false, 6, 5, w, 0, 5)); // same array, read the other way
            assertSame(first, PackReuse.during(() -> PackReuse.pack(true, 5, 6, w, 0, 5))); // nested: shared
            return null;
        });
        assertFalse(PackReuse.active());
    }

    @Test
    void linear_givesTheSameBitsWithReusedPackings() {
        // 3 rows (the reused path) and 1 row (left to the GEMV path), through the microkernel's whole and partial tiles
        for (int rows : new int[] {3, 1}) {
            Tensor x = Tensor.of(random(rows * 37, 2), rows, 37);
            Tensor w = Tensor.of(random(53 * 37, 3), 53, 37);
            Tensor b = Tensor.of(random(53, 4), 53);
            float[] plain = LinalgOps.linear(x, w, b).data();
            float[] reused = PackReuse.during(() -> {
                LinalgOps.linear(x, w, b); // packs
                return LinalgOps.linear(x, w, b).data(); // reuses
            });
            assertArrayEquals(plain, reused, "rows " + rows);
        }
    }
}

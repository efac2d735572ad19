package rnn4j.kernel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A scope in which each right-hand GEMM operand is packed once and then reused: a decoder multiplies by the same
 * weights at every step of its loop, and repacking a weight each time is a full extra pass over it. For the
 * translation model's output layer (5,976 × 768) at 64 rows that repacking was a quarter of greedy decoding.
 *
 * <p>The promise a caller makes by opening the scope: no operand handed to {@link #pack} changes inside it (decoding
 * and evaluation hold it; training, whose optimizer rewrites the weights, must not open one). Operands are told apart
 * by array identity, offset and shape. Products through a reused packing are bit-identical to unpacked ones for two
 * rows or more ({@link Gemm#gemm(boolean, int, float, float[], int, int, PackedMatrix, float, float[], int, int)}),
 * so results do not depend on the scope.
 */
public final class PackReuse {
    private PackReuse() {}

    private static final ScopedValue<Map<Operand, PackedMatrix>> PACKED = ScopedValue.newInstance();

    /** An operand as {@link Gemm#pack} takes it; {@code b} compares by identity (arrays inherit Object.equals). */
    private record Operand(boolean transB, int k, int n, float[] b, int bOff, int ldb) {}

    /** Runs {@code body} with packings reused until it returns; nested scopes share the outer one's packings. */
    public static <T> T during(Supplier<T> body) {
        if (PACKED.isBound()) {
            return body.get();
        }
        return ScopedValue.where(PACKED, new ConcurrentHashMap<Operand, PackedMatrix>()).call(body::get);
    }

    /** True inside {@link #during}. */
    public static boolean active() {
        return PACKED.isBound();
    }

    /** {@link Gemm#pack}, once per operand inside the scope; outside it, a fresh packing each call. */
    public static PackedMatrix pack(boolean transB, int k, int n, float[] b, int bOff, int ldb) {
        if (!PACKED.isBound()) {
            return Gemm.pack(transB, k, n, b, bOff, ldb);
        }
        return PACKED.get().computeIfAbsent(new Operand(transB, k, n, b, bOff, ldb),
                o -> Gemm.pack(transB, k, n, b, bOff, ldb));
    }
}

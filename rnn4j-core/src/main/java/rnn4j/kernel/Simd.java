package rnn4j.kernel;

/**
 * Whether the Vector API ({@code jdk.incubator.vector}) is usable in this JVM, and the lane count it offers.
 *
 * <p>The module is an incubator module: it must be named with {@code --add-modules jdk.incubator.vector} at run time,
 * and a library cannot do that for its users. When it is absent every kernel falls back to scalar loops after a
 * one-line warning. This class never touches a Vector API type itself; {@link SimdProbe} (loaded only when the module
 * is present) does, so the fallback never meets a {@code NoClassDefFoundError}.
 */
final class Simd {
    private Simd() {}

    /** True when {@code jdk.incubator.vector} is in the boot layer. */
    static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    /** Float lanes of the preferred species (16 with AVX-512); 16 when the Vector API is absent. */
    static final int LANES = AVAILABLE ? SimdProbe.lanes() : 16;

    /** Whether kernels take the vector path; tests switch it off to cover the scalar path in the same JVM. */
    private static volatile boolean enabled = AVAILABLE;

    static {
        if (!AVAILABLE) {
            System.err.println("rnn4j: warning: jdk.incubator.vector is not available, kernels run as scalar loops "
                    + "(10-30x slower); start java with --add-modules jdk.incubator.vector");
        }
    }

    static boolean enabled() {
        return enabled;
    }

    /** Selects the vector ({@code true}, only if available) or scalar path; returns the previous setting. */
    static boolean enable(boolean on) {
        boolean previous = enabled;
        enabled = on && AVAILABLE;
        return previous;
    }
}

package rnn4j.kernel;

import jdk.incubator.vector.FloatVector;

/** The only place {@link Simd} learns the lane count; loaded only when the Vector API module is present. */
final class SimdProbe {
    private SimdProbe() {}

    static int lanes() {
        return FloatVector.SPECIES_PREFERRED.length();
    }
}

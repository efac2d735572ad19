package rnn4j.base;

import java.util.random.RandomGenerator;

/**
 * A random generator whose whole state is one {@code long} that can be read and restored, so that a resumed training
 * run draws exactly the dropout masks the uninterrupted run would have (the JDK's generators hide their state).
 *
 * <p>The algorithm is SplitMix64 (Steele, Lea and Flood 2014, the generator behind {@link java.util.SplittableRandom}):
 * a Weyl sequence passed through a 64-bit finaliser; fast and statistically sound for dropout and sampling.
 */
public final class SplitMix implements RandomGenerator {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private long state;

    /** A generator starting from {@code seed}. */
    public SplitMix(long seed) {
        this.state = seed;
    }

    /** The current state; {@link #setState} with it continues the same sequence. */
    public long state() {
        return state;
    }

    /** Restores a state read by {@link #state}. */
    public void setState(long state) {
        this.state = state;
    }

    @Override
    public long nextLong() {
        long z = (state += GOLDEN_GAMMA);
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}

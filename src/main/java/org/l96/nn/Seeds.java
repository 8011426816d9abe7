package org.l96.nn;

/** Independent seeds for the random streams of one training run, derived from its seed (SplitMix64 mixing). */
public final class Seeds {
    private Seeds() {
    }

    public static final long INIT = 1, SHUFFLE = 2, DROPOUT = 3, DL4J = 4;

    /** A seed for stream {@code stream} of the run seeded with {@code seed}. */
    public static long derive(long seed, long stream) {
        long z = seed + stream * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

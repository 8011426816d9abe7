package org.l96.world;

/**
 * Reproduces NumPy's legacy global generator ({@code np.random.seed(s)}, {@code np.random.random_sample},
 * {@code np.random.randn}) bit-for-bit, so seeded experiments from the seed notebook can be replayed.
 * <ul>
 *   <li>Seeding: an integer seed goes through MT19937 {@code init_genrand} (NumPy's legacy {@code seed(int)} does
 *       not use {@code init_by_array}; verified against NumPy 2.4's {@code get_state()}).</li>
 *   <li>Doubles: 53 bits from two draws, {@code ((a >> 5) * 67108864 + (b >> 6)) / 2^53}.</li>
 *   <li>Gaussians: Marsaglia's polar method; each accepted pair returns {@code f*x2} and caches {@code f*x1}
 *       for the next call. Re-seeding drops the cache, as NumPy does.</li>
 * </ul>
 * Uniform doubles are bit-identical to NumPy's. Gaussians are bit-identical except where NumPy's C library
 * {@code log} (glibc's is accurate to 0.52 ulp, not correctly rounded) and {@link Math#log} round differently,
 * about 0.04% of draws, by one ulp (relative error below 5e-16). Matching those bits would mean cloning the
 * platform libm, which NumPy itself does not keep constant across platforms.
 * Not thread-safe.
 */
public final class NumpyRandom {

    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] key = new int[N];
    private int pos;
    private boolean hasGauss;
    private double gauss;

    /** Same as {@code np.random.seed(seed)}; seed must be in [0, 2^32 - 1] as NumPy requires. */
    public NumpyRandom(long seed) {
        seed(seed);
    }

    /** Re-seeds like {@code np.random.seed(seed)} (also clears the cached Gaussian). */
    public void seed(long seed) {
        if (seed < 0 || seed > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("seed must be between 0 and 2^32 - 1, got " + seed);
        }
        int s = (int) seed;
        for (int i = 0; i < N; i++) {
            key[i] = s;
            // init_genrand recurrence; int arithmetic wraps mod 2^32 like the C uint32 code
            s = 1812433253 * (s ^ (s >>> 30)) + i + 1;
        }
        pos = N;
        hasGauss = false;
        gauss = 0.0;
    }

    /** Next raw 32-bit output of MT19937 (as an unsigned value in an int). */
    public int nextInt32() {
        if (pos == N) {
            regenerate();
        }
        int y = key[pos++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    private void regenerate() {
        int i = 0;
        for (; i < N - M; i++) {
            int y = (key[i] & UPPER_MASK) | (key[i + 1] & LOWER_MASK);
            key[i] = key[i + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        for (; i < N - 1; i++) {
            int y = (key[i] & UPPER_MASK) | (key[i + 1] & LOWER_MASK);
            key[i] = key[i + (M - N)] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        int y = (key[N - 1] & UPPER_MASK) | (key[0] & LOWER_MASK);
        key[N - 1] = key[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        pos = 0;
    }

    /** Uniform double in [0, 1) with 53 random bits, as {@code np.random.random_sample()}. */
    public double nextDouble() {
        long a = (nextInt32() >>> 5) & 0xFFFFFFFFL;
        long b = (nextInt32() >>> 6) & 0xFFFFFFFFL;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /** Standard normal deviate, as one element of {@code np.random.randn()}. */
    public double nextGaussian() {
        if (hasGauss) {
            hasGauss = false;
            double g = gauss;
            gauss = 0.0;
            return g;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * nextDouble() - 1.0;
            x2 = 2.0 * nextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.sqrt(-2.0 * Math.log(r2) / r2);
        gauss = f * x1;
        hasGauss = true;
        return f * x2;
    }

    /** {@code np.random.randn(n)}: n standard normal deviates in order. */
    public double[] randn(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be non-negative, got " + n);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = nextGaussian();
        }
        return out;
    }

    /** {@code np.random.random_sample(n)}. */
    public double[] randomSample(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be non-negative, got " + n);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = nextDouble();
        }
        return out;
    }
}

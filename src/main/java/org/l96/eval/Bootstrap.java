package org.l96.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap over initial conditions. The resamples are drawn once from a seed and shared by every
 * scheme, so differences between schemes are paired (the same initial conditions in each resample).
 */
public final class Bootstrap {
    /** The two-sided 95% interval. */
    public static final double LOW = 0.025;
    public static final double HIGH = 0.975;

    private Bootstrap() {
    }

    /**
     * Multiplicities: {@code counts[b][i]} is how often item i of n appears in resample b (each resample draws n
     * items with replacement). Deterministic for a seed.
     */
    public static int[][] resampleCounts(int n, int resamples, long seed) {
        if (n < 1 || resamples < 1) {
            throw new IllegalArgumentException("need at least one item and one resample, got " + n + ", " + resamples);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[][] counts = new int[resamples][n];
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < n; i++) {
                counts[b][random.nextInt(n)]++;
            }
        }
        return counts;
    }

    /** Linear-interpolated quantile q in [0, 1] of the finite values (NaN when there are none). */
    public static double quantile(double[] values, double q) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        double pos = q * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(v.length - 1, lo + 1);
        return v[lo] + (pos - lo) * (v[hi] - v[lo]);
    }

    /** [2.5%, 97.5%] quantiles of the resampled statistic. */
    public static double[] interval(double[] resampled) {
        return new double[]{quantile(resampled, LOW), quantile(resampled, HIGH)};
    }

    /** Weighted median: the value where the cumulative count first reaches half the total. */
    public static double weightedMedian(double[] values, int[] counts) {
        Integer[] order = new Integer[values.length];
        long total = 0;
        for (int i = 0; i < values.length; i++) {
            order[i] = i;
            total += counts[i];
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        long seen = 0;
        for (int idx = 0; idx < order.length; idx++) {
            int i = order[idx];
            seen += counts[i];
            if (2 * seen == total) {
                // an even total splits between this value and the next one present
                for (int next = idx + 1; next < order.length; next++) {
                    if (counts[order[next]] > 0) {
                        return 0.5 * (values[i] + values[order[next]]);
                    }
                }
                return values[i];
            }
            if (2 * seen > total) {
                return values[i];
            }
        }
        return Double.NaN;
    }

    /** Every item once. */
    public static int[] ones(int n) {
        int[] c = new int[n];
        Arrays.fill(c, 1);
        return c;
    }
}

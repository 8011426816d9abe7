package org.l96.eval;

import java.util.Arrays;

/**
 * Statistics of blow-ups over a set of runs from many initial conditions (ICs): the unstable fraction with its
 * Wilson interval, the Kaplan–Meier median time to blow-up (stable runs censored at their length), the quartiles
 * of the blow-up times, and paired bootstrap differences of unstable fractions between two schemes run from the
 * same ICs. Plain numerics, no I/O.
 */
public final class Stability {
    /** z of a two-sided 95% interval: the 0.975 quantile of the standard normal. */
    public static final double Z95 = 1.959963984540054;

    private Stability() {
    }

    /**
     * Wilson score interval of a binomial proportion x/n (Wilson 1927, "Probable inference, the law of succession,
     * and statistical inference", JASA 22, 209–212; recommended by Newcombe 1998, Stat. Med. 17, 857–872, and
     * Brown, Cai &amp; DasGupta 2001, Stat. Sci. 16, 101–133): with p = x/n,
     * (p + z²/2n ± z·√(p(1 − p)/n + z²/4n²)) / (1 + z²/n). Unlike the Wald interval it stays inside [0, 1] and
     * does not collapse to a point at x = 0 or x = n.
     *
     * @return [low, high]
     * @throws IllegalArgumentException n &lt; 1 or x outside 0..n
     */
    public static double[] wilson(int x, int n, double z) {
        if (n < 1 || x < 0 || x > n) {
            throw new IllegalArgumentException("need 0 <= x <= n and n >= 1, got x = " + x + ", n = " + n);
        }
        double p = x / (double) n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        // at x = 0 (x = n) the low (high) end is 0 (1) exactly; keep it so against rounding
        double low = x == 0 ? 0.0 : Math.max(0.0, centre - half);
        double high = x == n ? 1.0 : Math.min(1.0, centre + half);
        return new double[]{low, high};
    }

    /** The 95% Wilson interval ({@link #wilson(int, int, double)} with {@link #Z95}). */
    public static double[] wilson95(int x, int n) {
        return wilson(x, n, Z95);
    }

    /**
     * The Kaplan–Meier median survival time: the smallest observed time t at which the Kaplan–Meier estimate
     * S(t) = Π_{t_i ≤ t} (1 − d_i/n_i) is at most 1/2 (Kaplan &amp; Meier 1958, JASA 53, 457–481; the median as
     * defined in Klein &amp; Moeschberger 2003, §4.5), where d_i runs blew up at t_i and n_i were still at risk just
     * before it (a run censored at t_i counts as at risk at t_i: an event before a censoring at the same time).
     *
     * @param time     per run, the time it blew up or, for a stable run, the time it was censored (its length)
     * @param blewUp   per run, whether {@code time} is a blow-up (true) or a censoring (false)
     * @return the median, or NaN when S stays above 1/2 (fewer than half the runs blew up, counting censoring)
     */
    public static double kaplanMeierMedian(double[] time, boolean[] blewUp) {
        return kaplanMeier(time, blewUp).median();
    }

    /** A Kaplan–Meier curve: S just after each distinct blow-up time, and the median (NaN when not reached). */
    public record Survival(double[] eventTimes, double[] survival, double median) {
        /** The estimate's lowest value, S after the last blow-up (1 when none). */
        public double last() {
            return survival.length == 0 ? 1.0 : survival[survival.length - 1];
        }
    }

    /** The Kaplan–Meier estimate of the runs' survival (see {@link #kaplanMeierMedian}). */
    public static Survival kaplanMeier(double[] time, boolean[] blewUp) {
        return kaplanMeier(time, blewUp, Bootstrap.ones(time.length));
    }

    /**
     * The Kaplan–Meier estimate with run i counted {@code weights[i]} times (a bootstrap resample of the runs,
     * {@link Bootstrap#resampleCounts}); runs of weight 0 are left out.
     */
    public static Survival kaplanMeier(double[] time, boolean[] blewUp, int[] weights) {
        if (time.length != blewUp.length || time.length != weights.length || time.length == 0) {
            throw new IllegalArgumentException("need a time, an event flag and a weight for each of at least one "
                    + "run, got " + time.length + ", " + blewUp.length + " and " + weights.length);
        }
        int n = time.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(time[i]) || time[i] < 0) {
                throw new IllegalArgumentException("run " + i + " has time " + time[i]);
            }
            order[i] = i;
        }
        // by time, blow-ups before censorings at the same time
        Arrays.sort(order, (a, b) -> time[a] != time[b] ? Double.compare(time[a], time[b])
                : Boolean.compare(blewUp[b], blewUp[a]));
        double[] times = new double[n];
        double[] surv = new double[n];
        int events = 0;
        double s = 1.0;
        double median = Double.NaN;
        long atRisk = 0;
        for (int w : weights) {
            atRisk += w;
        }
        int i = 0;
        while (i < n) {
            double t = time[order[i]];
            long d = 0;
            long c = 0;
            while (i < n && time[order[i]] == t) {
                if (blewUp[order[i]]) {
                    d += weights[order[i]];
                } else {
                    c += weights[order[i]];
                }
                i++;
            }
            if (d > 0) {
                s *= 1.0 - d / (double) atRisk;
                times[events] = t;
                surv[events] = s;
                events++;
                if (Double.isNaN(median) && s <= 0.5 + 1e-12) {
                    median = t;
                }
            }
            atRisk -= d + c;
        }
        return new Survival(Arrays.copyOf(times, events), Arrays.copyOf(surv, events), median);
    }

    /**
     * 95% percentile bootstrap interval of the Kaplan–Meier median: the median of each resample of the runs (a
     * resample whose survival stays above 1/2 has its median beyond the longest run, +∞), then the 2.5% and 97.5%
     * order statistics of the resampled medians (by the same interpolation as {@link Bootstrap#quantile}).
     *
     * @return [low, high]; an end that falls among the resamples whose median was not reached is NaN (beyond the
     *         runs' length: no honest number)
     */
    public static double[] kaplanMeierMedianInterval(double[] time, boolean[] blewUp, int[][] resamples) {
        double[] medians = new double[resamples.length];
        for (int r = 0; r < resamples.length; r++) {
            double m = kaplanMeier(time, blewUp, resamples[r]).median();
            medians[r] = Double.isNaN(m) ? Double.POSITIVE_INFINITY : m;
        }
        Arrays.sort(medians);
        return new double[]{orderQuantile(medians, Bootstrap.LOW), orderQuantile(medians, Bootstrap.HIGH)};
    }

    /** Quantile q of sorted values that may end in +∞: NaN when an order statistic it needs is infinite. */
    private static double orderQuantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        double frac = pos - lo;
        if (Double.isInfinite(sorted[lo]) || (frac > 0 && Double.isInfinite(sorted[hi]))) {
            return Double.NaN;
        }
        return frac > 0 ? sorted[lo] + frac * (sorted[hi] - sorted[lo]) : sorted[lo];
    }

    /**
     * Minimum, quartiles and maximum of the finite values (linear interpolation between order statistics,
     * Hyndman &amp; Fan 1996 type 7, as {@link Bootstrap#quantile}), or null when there are none.
     *
     * @return [min, q1, median, q3, max]
     */
    public static double[] fiveNumbers(double[] values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).toArray();
        if (v.length == 0) {
            return null;
        }
        return new double[]{Bootstrap.quantile(v, 0), Bootstrap.quantile(v, 0.25), Bootstrap.quantile(v, 0.5),
                Bootstrap.quantile(v, 0.75), Bootstrap.quantile(v, 1)};
    }

    /**
     * The paired difference of unstable fractions a − b over the same n ICs and its percentile bootstrap interval:
     * each resample draws ICs with replacement ({@code resamples[r][i]} times IC i, as {@link
     * Bootstrap#resampleCounts} gives) and takes both schemes' fractions over the same draw, so the interval
     * reflects the pairing. The resamples do not depend on the schemes, so (b, a) gives exactly the negated
     * difference and interval.
     *
     * @return [a − b, low, high]
     */
    public static double[] pairedFractionDifference(boolean[] a, boolean[] b, int[][] resamples) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("need the same ICs for both schemes, got " + a.length + " and "
                    + b.length);
        }
        int n = a.length;
        double diff = (count(a, Bootstrap.ones(n)) - count(b, Bootstrap.ones(n))) / (double) n;
        double[] d = new double[resamples.length];
        for (int r = 0; r < resamples.length; r++) {
            if (resamples[r].length != n) {
                throw new IllegalArgumentException("resample " + r + " has " + resamples[r].length
                        + " counts for " + n + " ICs");
            }
            // each resample draws n ICs: the fractions share the denominator n
            d[r] = (count(a, resamples[r]) - count(b, resamples[r])) / (double) n;
        }
        double[] ci = Bootstrap.interval(d);
        return new double[]{diff, ci[0], ci[1]};
    }

    private static long count(boolean[] unstable, int[] weights) {
        long c = 0;
        for (int i = 0; i < unstable.length; i++) {
            if (unstable[i]) {
                c += weights[i];
            }
        }
        return c;
    }
}

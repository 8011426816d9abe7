package org.l96.eval;

import java.util.Arrays;

/**
 * Statistics of long runs of X, pooled over k (the statistics of L96 do not depend on k): mean, variance, the
 * PDF on fixed bins, distances between distributions, and the temporal autocorrelation. Plain numerics on
 * flat row-major arrays {@code x[row * k + i]}.
 */
public final class ClimateStatistics {
    private ClimateStatistics() {
    }

    public static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** Population variance (divides by n). */
    public static double variance(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return s / x.length;
    }

    /** Probability per bin (sums to 1 over the values inside [from, from + bins·width)); values outside are dropped. */
    public static double[] histogram(double[] x, double from, double width, int bins) {
        double[] p = new double[bins];
        long inside = 0;
        for (double v : x) {
            int b = (int) Math.floor((v - from) / width);
            if (b >= 0 && b < bins) {
                p[b]++;
                inside++;
            }
        }
        if (inside > 0) {
            for (int b = 0; b < bins; b++) {
                p[b] /= inside;
            }
        }
        return p;
    }

    /** The histogram as a density (probability / width), for plotting against bin centres. */
    public static double[] density(double[] probabilities, double width) {
        double[] d = probabilities.clone();
        for (int b = 0; b < d.length; b++) {
            d[b] /= width;
        }
        return d;
    }

    /**
     * Hellinger distance H = sqrt(1 − Σ sqrt(p_b q_b)) of two probability vectors: 0 for equal, 1 for disjoint.
     * This is H, not H² (some codes report H²).
     */
    public static double hellinger(double[] p, double[] q) {
        if (p.length != q.length) {
            throw new IllegalArgumentException("histograms of " + p.length + " and " + q.length + " bins");
        }
        double bc = 0;
        for (int b = 0; b < p.length; b++) {
            bc += Math.sqrt(p[b] * q[b]);
        }
        // rounding can push the Bhattacharyya coefficient a hair above 1
        return Math.sqrt(Math.max(0, 1 - bc));
    }

    /**
     * Wasserstein-1 distance between the empirical distributions of two samples: ∫ |F_a(x) − F_b(x)| dx, exact
     * for samples of any sizes (non-finite values are ignored).
     */
    public static double wasserstein1(double[] a, double[] b) {
        double[] x = Arrays.stream(a).filter(Double::isFinite).sorted().toArray();
        double[] y = Arrays.stream(b).filter(Double::isFinite).sorted().toArray();
        if (x.length == 0 || y.length == 0) {
            return Double.NaN;
        }
        int i = 0;
        int j = 0;
        double distance = 0;
        double previous = Math.min(x[0], y[0]);
        // walk the merged values; between two consecutive ones both CDFs are constant
        while (i < x.length || j < y.length) {
            double next = j >= y.length || (i < x.length && x[i] <= y[j]) ? x[i] : y[j];
            distance += Math.abs(i / (double) x.length - j / (double) y.length) * (next - previous);
            previous = next;
            while (i < x.length && x[i] == next) {
                i++;
            }
            while (j < y.length && y[j] == next) {
                j++;
            }
        }
        return distance;
    }

    /**
     * Autocorrelation of each X_k at lags 0..maxLag rows, averaged over k: per k, the lagged covariance of the
     * anomalies (from that k's mean) over the overlapping rows divided by its variance. Lag 0 is 1.
     */
    public static double[] autocorrelation(double[] x, int rows, int k, int maxLag) {
        if (maxLag >= rows) {
            throw new IllegalArgumentException("lag " + maxLag + " needs more than " + rows + " rows");
        }
        double[] acf = new double[maxLag + 1];
        double[] a = new double[rows];
        for (int i = 0; i < k; i++) {
            double m = 0;
            for (int r = 0; r < rows; r++) {
                m += x[r * k + i];
            }
            m /= rows;
            double var = 0;
            for (int r = 0; r < rows; r++) {
                a[r] = x[r * k + i] - m;
                var += a[r] * a[r];
            }
            var /= rows;
            for (int lag = 0; lag <= maxLag; lag++) {
                double c = 0;
                for (int r = 0; r + lag < rows; r++) {
                    c += a[r] * a[r + lag];
                }
                acf[lag] += c / (rows - lag) / var / k;
            }
        }
        return acf;
    }

    /**
     * Spatial correlation corr(X_k, X_{k+s}) for s = 0..K/2 (periodic in k), pooled over k and rows with one mean
     * and variance for all X (the statistics are k-invariant). s = 0 is 1.
     */
    public static double[] spatialCorrelation(double[] x, int rows, int k) {
        double m = mean(x);
        double var = variance(x);
        double[] corr = new double[k / 2 + 1];
        for (int s = 0; s <= k / 2; s++) {
            double c = 0;
            for (int r = 0; r < rows; r++) {
                for (int i = 0; i < k; i++) {
                    c += (x[r * k + i] - m) * (x[r * k + (i + s) % k] - m);
                }
            }
            corr[s] = c / ((double) rows * k) / var;
        }
        return corr;
    }
}

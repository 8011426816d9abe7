package org.l96.eval;

import org.l96.world.Parameterization;

/**
 * Offline scores of a parameterization P against the true coupling term U on held-out rows, as the L96 book reports
 * them: MSE = mean (P − U)² and R² = 1 − Σ(P − U)² / Σ(U − mean U)², pooled over all rows and k (mean U over them
 * all) and per k (over the rows of that k, with that k's mean). Units of MSE: the coupling term's, squared.
 *
 * @param mse     pooled MSE
 * @param r2      pooled R² (null-like NaN when U does not vary)
 * @param msePerK MSE per k, length K
 * @param r2PerK  R² per k, length K
 */
public record OfflineScores(double mse, double r2, double[] msePerK, double[] r2PerK) {

    /**
     * Scores {@code predicted} against {@code truth}, both {@code rows × k} row-major (sample-major, k fastest).
     *
     * @throws IllegalArgumentException when the lengths differ, are not a multiple of {@code k}, or are empty
     */
    public static OfflineScores of(double[] predicted, double[] truth, int k) {
        if (predicted.length != truth.length || k < 1 || truth.length % k != 0 || truth.length == 0) {
            throw new IllegalArgumentException("predictions (" + predicted.length + ") and truth (" + truth.length
                    + ") must be the same non-empty rows × " + k + " arrays");
        }
        Sums sums = new Sums(truth, 0, truth.length / k, k);
        sums.add(predicted, truth, 0, truth.length);
        return sums.scores();
    }

    /** Rows of predictions computed at once by {@link #of(Parameterization, double[], double[], int, int, int)}. */
    public static final int BLOCK_ROWS = 4096;

    /**
     * The same scores of the parameterization {@code p} on rows {@code [from, to)} of the states {@code x} and the
     * targets {@code truth} (both [row][k] row-major), without copying them: a pass for the means, then P a block of
     * {@link #BLOCK_ROWS} rows at a time (memory O(block · k), whatever the number of rows). Sums in the same order
     * as {@link #of(double[], double[], int)}, so the same numbers.
     */
    public static OfflineScores of(Parameterization p, double[] x, double[] truth, int from, int to, int k) {
        if (k < 1 || from < 0 || to <= from || (long) to * k > Math.min(x.length, truth.length)) {
            throw new IllegalArgumentException("rows [" + from + ", " + to + ") of " + k + " values are not in the "
                    + x.length + " states and " + truth.length + " targets");
        }
        Sums sums = new Sums(truth, from, to, k);
        int size = Math.min(to - from, BLOCK_ROWS) * k;
        double[] xb = new double[size];
        double[] pb = new double[size];
        for (int r0 = from; r0 < to; r0 += BLOCK_ROWS) {
            int m = Math.min(BLOCK_ROWS, to - r0);
            System.arraycopy(x, r0 * k, xb, 0, m * k);
            p.subgridTendency(xb, m, k, pb);
            sums.add(pb, truth, r0 * k, m * k);
        }
        return sums.scores();
    }

    /**
     * The sums behind the scores over rows {@code [from, to)} of {@code truth}: its means first (pooled and per k),
     * then squared errors and deviations added in row order, so that scoring at once or block by block gives the
     * same numbers.
     */
    private static final class Sums {
        private final int k;
        private final int rows;
        private final double[] meanK;
        private final double mean;
        private final double[] sseK;
        private final double[] sstK;
        private double sse;
        private double sst;

        Sums(double[] truth, int from, int to, int k) {
            this.k = k;
            this.rows = to - from;
            meanK = new double[k];
            double sum = 0;
            for (long i = (long) from * k; i < (long) to * k; i++) {
                meanK[(int) (i % k)] += truth[(int) i];
                sum += truth[(int) i];
            }
            mean = sum / ((long) rows * k);
            for (int j = 0; j < k; j++) {
                meanK[j] /= rows;
            }
            sseK = new double[k];
            sstK = new double[k];
        }

        /** Adds {@code count} predictions from {@code predicted[0..]} against {@code truth[at..]} (whole rows). */
        void add(double[] predicted, double[] truth, int at, int count) {
            for (int i = 0; i < count; i++) {
                double t = truth[at + i];
                double e = predicted[i] - t;
                double d = t - meanK[i % k];
                double dp = t - mean;
                sseK[i % k] += e * e;
                sstK[i % k] += d * d;
                sse += e * e;
                sst += dp * dp;
            }
        }

        OfflineScores scores() {
            double[] mseK = new double[k];
            double[] r2K = new double[k];
            for (int j = 0; j < k; j++) {
                mseK[j] = sseK[j] / rows;
                r2K[j] = sstK[j] == 0 ? Double.NaN : 1 - sseK[j] / sstK[j];
            }
            return new OfflineScores(sse / ((long) rows * k), sst == 0 ? Double.NaN : 1 - sse / sst, mseK, r2K);
        }
    }
}

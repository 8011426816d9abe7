package org.l96.eval;

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
        int rows = truth.length / k;
        double[] meanK = new double[k];
        double mean = 0;
        for (int i = 0; i < truth.length; i++) {
            meanK[i % k] += truth[i];
            mean += truth[i];
        }
        mean /= truth.length;
        for (int j = 0; j < k; j++) {
            meanK[j] /= rows;
        }
        double[] sseK = new double[k];
        double[] sstK = new double[k];
        double sse = 0;
        double sst = 0;
        for (int i = 0; i < truth.length; i++) {
            double e = predicted[i] - truth[i];
            double d = truth[i] - meanK[i % k];
            double dp = truth[i] - mean;
            sseK[i % k] += e * e;
            sstK[i % k] += d * d;
            sse += e * e;
            sst += dp * dp;
        }
        double[] mseK = new double[k];
        double[] r2K = new double[k];
        for (int j = 0; j < k; j++) {
            mseK[j] = sseK[j] / rows;
            r2K[j] = sstK[j] == 0 ? Double.NaN : 1 - sseK[j] / sstK[j];
        }
        return new OfflineScores(sse / truth.length, sst == 0 ? Double.NaN : 1 - sse / sst, mseK, r2K);
    }
}

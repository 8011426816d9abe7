package org.l96.eval;

/**
 * The in-memory fit PolynomialFit was before it streamed, kept as the reference it must equal (it holds the whole
 * Vandermonde matrix: 5.7 GB for 4 million samples). Least-squares polynomial P(x) = Σ a_i x^i fitted to pairs (x, y): the classic baseline parameterization. Solved by
 * Householder QR on the Vandermonde matrix with x scaled to [-1, 1], which stays well conditioned up to degree 5.
 */
final class InMemoryPolynomialFit {
    private InMemoryPolynomialFit() {
    }

    /** Coefficients highest power first (numpy.polyfit's order). */
    public static double[] fit(double[] x, double[] y, int degree) {
        int n = x.length;
        int m = degree + 1;
        if (n != y.length || n < m) {
            throw new IllegalArgumentException("need at least " + m + " pairs of equal length to fit degree " + degree);
        }
        double scale = 0;
        for (double v : x) {
            scale = Math.max(scale, Math.abs(v));
        }
        scale = scale == 0 ? 1 : scale;
        // A[i][j] = (x_i/scale)^j, column-major for the QR sweeps
        double[][] a = new double[m][n];
        double[] b = y.clone();
        for (int i = 0; i < n; i++) {
            double s = x[i] / scale;
            double p = 1;
            for (int j = 0; j < m; j++) {
                a[j][i] = p;
                p *= s;
            }
        }
        for (int j = 0; j < m; j++) {
            double norm = 0;
            for (int i = j; i < n; i++) {
                norm += a[j][i] * a[j][i];
            }
            norm = Math.sqrt(norm);
            if (norm == 0) {
                throw new IllegalArgumentException("the data do not determine a degree-" + degree + " polynomial");
            }
            double alpha = a[j][j] > 0 ? -norm : norm;
            double[] v = new double[n];
            for (int i = j; i < n; i++) {
                v[i] = a[j][i];
            }
            v[j] -= alpha;
            double vv = 0;
            for (int i = j; i < n; i++) {
                vv += v[i] * v[i];
            }
            for (int c = j; c < m; c++) {
                reflect(v, vv, a[c], j, n);
            }
            reflect(v, vv, b, j, n);
        }
        double[] coef = new double[m];
        for (int j = m - 1; j >= 0; j--) {
            double s = b[j];
            for (int c = j + 1; c < m; c++) {
                s -= a[c][j] * coef[c];
            }
            coef[j] = s / a[j][j];
        }
        double[] highestFirst = new double[m];
        for (int j = 0; j < m; j++) {
            highestFirst[m - 1 - j] = coef[j] / Math.pow(scale, j);
        }
        return highestFirst;
    }

    private static void reflect(double[] v, double vv, double[] col, int from, int n) {
        if (vv == 0) {
            return;
        }
        double dot = 0;
        for (int i = from; i < n; i++) {
            dot += v[i] * col[i];
        }
        double f = 2 * dot / vv;
        for (int i = from; i < n; i++) {
            col[i] -= f * v[i];
        }
    }
}

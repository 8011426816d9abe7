package org.l96.eval;

/**
 * Least-squares polynomial P(x) = Σ a_i x^i fitted to pairs (x, y): the classic baseline parameterization.
 *
 * <p>Streaming, in memory O(degree²) whatever the number of pairs (a 4-million-sample truth at K = 8 is 32 million
 * pairs): each pair's row of the Vandermonde matrix, with x scaled by s = max|x| to [-1, 1], is rotated into an
 * upper-triangular factor R (and Qᵀy) by Givens rotations, in double; at the end R a = Qᵀy is solved by back
 * substitution. This is the QR factorization of the whole Vandermonde matrix, updated a row at a time (Golub &amp;
 * Van Loan, Matrix Computations, 4th ed., §6.5), so it keeps QR's conditioning (that of the scaled Vandermonde
 * matrix, well conditioned up to degree 5 on [-1, 1]) rather than squaring it as the normal equations would. x is
 * scaled but not centred: the scaled columns stay well conditioned for the coupling's X (max |x| within a few times
 * the spread), and the coefficients need no binomial re-expansion.
 */
public final class PolynomialFit {
    private PolynomialFit() {
    }

    /** Coefficients highest power first (numpy.polyfit's order), from every pair. */
    public static double[] fit(double[] x, double[] y, int degree) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("need pairs of equal length to fit degree " + degree + ", got "
                    + x.length + " x and " + y.length + " y");
        }
        return fit(x, y, x.length, degree);
    }

    /**
     * Coefficients highest power first from the first {@code n} pairs of {@code x} and {@code y} (which may be
     * longer): two passes over them (the scale, then the rotations), nothing copied.
     *
     * @throws IllegalArgumentException fewer than degree + 1 pairs, or pairs that do not determine the polynomial
     *                                  (fewer distinct x than degree + 1)
     */
    public static double[] fit(double[] x, double[] y, int n, int degree) {
        return fit(x, y, 0, n, degree);
    }

    /**
     * Coefficients highest power first from pairs {@code [from, to)} of {@code x} and {@code y}, as
     * {@link #fit(double[], double[], int, int)} (which is {@code from} 0): the same two passes, nothing copied.
     *
     * @throws IllegalArgumentException as there, for the pairs of the range
     */
    public static double[] fit(double[] x, double[] y, int from, int to, int degree) {
        if (from < 0 || to < from || to > x.length || to > y.length) {
            throw new IllegalArgumentException("need pairs " + from + ".." + to + ", got " + x.length + " x and "
                    + y.length + " y");
        }
        double scale = 0;
        for (int i = from; i < to; i++) {
            scale = Math.max(scale, Math.abs(x[i]));
        }
        Accumulator acc = new Accumulator(degree, scale);
        acc.add(x, y, from, to);
        return acc.coefficients();
    }

    /**
     * The streaming fit: pairs are {@link #add}ed in any number of calls, in any order (the result does not depend
     * on how they are split), {@link #coefficients} solves. Memory: (degree + 1)(degree + 2) doubles.
     */
    public static final class Accumulator {
        private final int m;
        private final double scale;
        /** Row j: R[j][j..m−1] of the triangular factor, then (Qᵀy)_j in column m. */
        private final double[][] r;
        private final double[] row;
        private long count;

        /**
         * @param degree 1 or more
         * @param scale  x is divided by it before the powers are taken; max |x| over all the pairs keeps them in
         *               [-1, 1] (0 or not finite: no scaling)
         */
        public Accumulator(int degree, double scale) {
            if (degree < 0) {
                throw new IllegalArgumentException("degree must be 0 or more, got " + degree);
            }
            this.m = degree + 1;
            this.scale = scale > 0 && Double.isFinite(scale) ? scale : (Double.isNaN(scale) ? Double.NaN : 1.0);
            this.r = new double[m][m + 1];
            this.row = new double[m + 1];
        }

        /** Adds the pairs {@code from..to−1}. */
        public void add(double[] x, double[] y, int from, int to) {
            for (int i = from; i < to; i++) {
                add(x[i], y[i]);
            }
        }

        /** Adds one pair: its Vandermonde row rotated into R. */
        public void add(double x, double y) {
            double s = x / scale;
            double p = 1;
            for (int j = 0; j < m; j++) {
                row[j] = p;
                p *= s;
            }
            row[m] = y;
            for (int j = 0; j < m; j++) {
                double w = row[j];
                if (w == 0) {
                    continue;
                }
                double[] rj = r[j];
                double d = rj[j];
                double h = Math.sqrt(d * d + w * w);
                double c = d / h;
                double sn = w / h;
                rj[j] = h;
                row[j] = 0;
                for (int l = j + 1; l <= m; l++) {
                    double a = rj[l];
                    double b = row[l];
                    rj[l] = c * a + sn * b;
                    row[l] = c * b - sn * a;
                }
            }
            count++;
        }

        /** Pairs added so far. */
        public long count() {
            return count;
        }

        /** Coefficients highest power first (in the units of x, not scaled). */
        public double[] coefficients() {
            int degree = m - 1;
            if (count < m) {
                throw new IllegalArgumentException("need at least " + m + " pairs to fit degree " + degree + ", got "
                        + count);
            }
            // R[0][0] = √n: a diagonal this far below it is a column that the others already span
            double tiny = 1e-12 * Math.abs(r[0][0]);
            for (int j = 0; j < m; j++) {
                if (!(Math.abs(r[j][j]) > tiny) && !Double.isNaN(r[j][j])) {
                    throw new IllegalArgumentException("the data do not determine a degree-" + degree
                            + " polynomial (fewer than " + m + " distinct values of x)");
                }
            }
            double[] coef = new double[m];
            for (int j = m - 1; j >= 0; j--) {
                double s = r[j][m];
                for (int c = j + 1; c < m; c++) {
                    s -= r[j][c] * coef[c];
                }
                coef[j] = s / r[j][j];
            }
            double[] highestFirst = new double[m];
            for (int j = 0; j < m; j++) {
                highestFirst[m - 1 - j] = coef[j] / Math.pow(scale, j);
            }
            return highestFirst;
        }
    }
}

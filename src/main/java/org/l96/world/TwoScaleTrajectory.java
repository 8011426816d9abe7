package org.l96.world;

/**
 * Sampled two-scale trajectory. Row n (0..samples) is the state at {@code t[n]}; arrays are flat row-major.
 *
 * @param k          number of slow variables
 * @param j          fast variables per slow variable
 * @param samples    number of sampling intervals (rows = samples + 1)
 * @param x          (samples+1)*K, {@code x[n*K + k]}
 * @param y          (samples+1)*J*K, {@code y[n*J*K + k*J + j]}, or null when Y was not stored
 * @param coupling   (samples+1)*K: row 0 is zeros; row n+1 is -(h*c/b)*sum_j Y at the first RK4 stage of the last
 *                   internal step of interval n (state at t[n+1] - dt), the seed's training-target convention
 * @param t          sample times, length samples+1
 * @param finalState state at {@code t[samples]} (always kept, also without Y), to continue the run from
 */
public record TwoScaleTrajectory(int k, int j, int samples, double[] x, double[] y, double[] coupling, double[] t,
                                 TwoScaleState finalState) {

    public boolean hasY() {
        return y != null;
    }

    /** Copy of X at row n. */
    public double[] xRow(int n) {
        return row(x, n, k);
    }

    /** Copy of the coupling term at row n. */
    public double[] couplingRow(int n) {
        return row(coupling, n, k);
    }

    /** Copy of Y at row n (requires stored Y). */
    public double[] yRow(int n) {
        if (y == null) {
            throw new IllegalStateException("Y was not stored for this trajectory");
        }
        return row(y, n, k * j);
    }

    /** Time of the last row. */
    public double endTime() {
        return t[samples];
    }

    private double[] row(double[] a, int n, int width) {
        if (n < 0 || n > samples) {
            throw new IndexOutOfBoundsException("row " + n + " outside 0.." + samples);
        }
        double[] r = new double[width];
        System.arraycopy(a, n * width, r, 0, width);
        return r;
    }
}

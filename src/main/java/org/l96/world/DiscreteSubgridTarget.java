package org.l96.world;

/**
 * The "discrete" subgrid target of Arnold et al. (2013, eq. 3.1) and Gagne et al. (2020): the tendency the one-scale
 * model misses over one sampling interval Δ of the truth,
 * target_n = (X_{n+1} − X_n)/Δ − L96(X_n; F), paired with the state X_n.
 * <p>
 * Sign: as every {@link Parameterization} here, the target is what is ADDED to the one-scale tendency, so it is the
 * negative of the papers' U (their model is dX/dt = L96(X) − U(X)). It differs from the instantaneous coupling term
 * -(hc/b) Σ_j Y of {@link TwoScaleTrajectory#coupling()} by the time discretization: it also absorbs the error of
 * a forward difference over Δ, which is what a coarse model stepping at Δ needs corrected.
 */
public final class DiscreteSubgridTarget {

    private DiscreteSubgridTarget() {
    }

    /**
     * @param x        sampled trajectory, {@code rows} states of length k, row-major ({@code x[n*k + i]}), equally
     *                 spaced by {@code interval}
     * @param rows     number of states (at least 2)
     * @param k        state length (at least 4)
     * @param interval sampling interval Δ (positive, finite)
     * @param forcing  F of the one-scale model
     * @return (rows−1)*k values, row n paired with state row n of {@code x} (the first (rows−1)*k values of x)
     */
    public static double[] compute(double[] x, int rows, int k, double interval, double forcing) {
        if (rows < 2) {
            throw new IllegalArgumentException("need at least 2 states for a discrete target, got " + rows);
        }
        OneScaleL96.checkEnsemble(x, rows, k, "x");
        if (!(interval > 0.0) || !Double.isFinite(interval)) {
            throw new IllegalArgumentException("sampling interval must be positive and finite, got " + interval);
        }
        if (!Double.isFinite(forcing)) {
            throw new IllegalArgumentException("forcing must be finite, got " + forcing);
        }
        final int n = rows - 1;
        double[] out = new double[n * k];
        double[] state = new double[k];
        double[] l96 = new double[k];
        for (int r = 0; r < n; r++) {
            final int o = r * k;
            System.arraycopy(x, o, state, 0, k);
            OneScaleL96.row(state, 0, k, forcing, l96);
            for (int i = 0; i < k; i++) {
                out[o + i] = (x[o + k + i] - x[o + i]) / interval - l96[i];
            }
        }
        return out;
    }
}

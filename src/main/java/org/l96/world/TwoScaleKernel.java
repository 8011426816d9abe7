package org.l96.world;

/**
 * One explicit scheme for the two-scale system on flat arrays, advancing its own state in place with preallocated
 * scratch (no allocation, no virtual call per element). Each scheme's first stage evaluates the tendency at the
 * pre-step state, and its coupling is kept as {@link #stage1Coupling}, the seed's training target. Not thread-safe:
 * it owns the state and all scratch.
 */
abstract class TwoScaleKernel {

    final TwoScaleL96 model;
    final int k;
    final int n;

    /** Current state; advanced in place. */
    final double[] x;
    final double[] y;
    /** Coupling at the first stage (the pre-step state) of the most recent step. */
    final double[] stage1Coupling;

    TwoScaleKernel(TwoScaleL96 model) {
        this.model = model;
        this.k = model.params().k();
        this.n = model.params().fastSize();
        x = new double[k];
        y = new double[n];
        stage1Coupling = new double[k];
    }

    /** The kernel of {@code scheme}. */
    static TwoScaleKernel of(Integrator scheme, TwoScaleL96 model) {
        return switch (scheme) {
            case EULER -> new TwoScaleEulerKernel(model);
            case RK2 -> new TwoScaleRk2Kernel(model);
            case RK4 -> new TwoScaleRk4Kernel(model);
        };
    }

    final void setState(double[] x0, double[] y0) {
        System.arraycopy(x0, 0, x, 0, k);
        System.arraycopy(y0, 0, y, 0, n);
    }

    /** {@code steps} steps of size dt (the loop lives in each scheme so the step inlines into it). */
    abstract void advance(int steps, double dt);

    /**
     * Whether every value of X and Y is finite and within ±bound (NaN fails the comparison). Independent,
     * well-predicted comparisons rather than a running maximum, whose dependency chain would cost several percent
     * of a sample's integration.
     */
    final boolean bounded(double bound) {
        for (int i = 0; i < k; i++) {
            if (!(Math.abs(x[i]) <= bound)) {
                return false;
            }
        }
        for (int i = 0; i < n; i++) {
            if (!(Math.abs(y[i]) <= bound)) {
                return false;
            }
        }
        return true;
    }

    /** out = base + a*d (a stage input). */
    static void axpy(double[] base, double a, double[] d, double[] out, int len) {
        for (int i = 0; i < len; i++) {
            out[i] = base[i] + a * d[i];
        }
    }

    /** s = s + a*d, in place. */
    static void addScaled(double[] s, double a, double[] d, int len) {
        for (int i = 0; i < len; i++) {
            s[i] = s[i] + a * d[i];
        }
    }
}

package org.l96.world;

/**
 * RK4 for the two-scale system specialised to flat arrays: four tendency evaluations into dedicated stage arrays
 * and stride-1 update loops, no virtual calls and no allocation per step. The arithmetic (including
 * {@code (dt/6)*((k1+k4)+2*(k2+k3))}) matches the reference integrator operation for operation.
 * Not thread-safe: it owns the state and all scratch.
 */
final class TwoScaleRk4Kernel extends TwoScaleKernel {

    private final double[] xa;
    private final double[] ya;
    private final double[] xb;
    private final double[] yb;
    private final double[] kx1;
    private final double[] kx2;
    private final double[] kx3;
    private final double[] kx4;
    private final double[] ky1;
    private final double[] ky2;
    private final double[] ky3;
    private final double[] ky4;
    private final double[] couplingScratch;

    TwoScaleRk4Kernel(TwoScaleL96 model) {
        super(model);
        xa = new double[k];
        xb = new double[k];
        kx1 = new double[k];
        kx2 = new double[k];
        kx3 = new double[k];
        kx4 = new double[k];
        couplingScratch = new double[k];
        ya = new double[n];
        yb = new double[n];
        ky1 = new double[n];
        ky2 = new double[n];
        ky3 = new double[n];
        ky4 = new double[n];
    }

    @Override
    void advance(int steps, double dt) {
        for (int s = 0; s < steps; s++) {
            step(dt);
        }
    }

    /** One RK4 step of size dt. Stage inputs alternate between two buffers because the stencil reads neighbours. */
    void step(double dt) {
        final double hdt = 0.5 * dt;
        final double dt6 = dt / 6.0;
        model.tendencyUnchecked(x, y, kx1, ky1, stage1Coupling);
        axpy(x, hdt, kx1, xa, k);
        axpy(y, hdt, ky1, ya, n);
        model.tendencyUnchecked(xa, ya, kx2, ky2, couplingScratch);
        axpy(x, hdt, kx2, xb, k);
        axpy(y, hdt, ky2, yb, n);
        model.tendencyUnchecked(xb, yb, kx3, ky3, couplingScratch);
        axpy(x, dt, kx3, xa, k);
        axpy(y, dt, ky3, ya, n);
        model.tendencyUnchecked(xa, ya, kx4, ky4, couplingScratch);
        combine(x, dt6, kx1, kx2, kx3, kx4, k);
        combine(y, dt6, ky1, ky2, ky3, ky4, n);
    }

    private static void combine(double[] s, double dt6, double[] k1, double[] k2, double[] k3, double[] k4, int len) {
        for (int i = 0; i < len; i++) {
            s[i] = s[i] + dt6 * ((k1[i] + k4[i]) + 2.0 * (k2[i] + k3[i]));
        }
    }

    /**
     * Floating-point operations per step, counted from the loops above (N = J*K):
     * <ul>
     *   <li>each of the 4 tendencies: sector sums N adds + K muls; Xdot 5 per k (sub, mul, sub, add, add);
     *       h*c/b*X_k K muls; Ydot 6 per i (mul, sub, mul, mul, sub, add) -> 7N + 7K</li>
     *   <li>3 stage inputs: 2 per element (mul, add) -> 6(N + K)</li>
     *   <li>final combination: 6 per element (add, add, mul, add, mul, add) -> 6(N + K)</li>
     * </ul>
     * Total 4(7N + 7K) + 12(N + K) = 40(N + K); for K=8, J=32 that is 10,560 (the reference's ~11.5k estimate
     * counts its array temporaries slightly differently).
     */
    static long flopsPerStep(int k, int j) {
        return 40L * ((long) k * j + k);
    }
}

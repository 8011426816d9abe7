package org.l96.world;

/**
 * RK2 midpoint for the two-scale system, as {@link Stepper.Rk2}: S1 = S + (0.5*dt)*f(S); S + dt*f(S1), with
 * S = (X, Y).
 */
final class TwoScaleRk2Kernel extends TwoScaleKernel {

    private final double[] xm;
    private final double[] ym;
    private final double[] kx;
    private final double[] ky;
    private final double[] couplingScratch;

    TwoScaleRk2Kernel(TwoScaleL96 model) {
        super(model);
        xm = new double[k];
        ym = new double[n];
        kx = new double[k];
        ky = new double[n];
        couplingScratch = new double[k];
    }

    @Override
    void advance(int steps, double dt) {
        final double hdt = 0.5 * dt; // the reference evaluates 0.5*dt first
        for (int s = 0; s < steps; s++) {
            model.tendencyUnchecked(x, y, kx, ky, stage1Coupling);
            axpy(x, hdt, kx, xm, k);
            axpy(y, hdt, ky, ym, n);
            model.tendencyUnchecked(xm, ym, kx, ky, couplingScratch);
            addScaled(x, dt, kx, k);
            addScaled(y, dt, ky, n);
        }
    }
}

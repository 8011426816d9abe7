package org.l96.world;

/** Forward Euler for the two-scale system: (X, Y) + dt*f(X, Y), the reference's {@code X + dt*f(X)}. */
final class TwoScaleEulerKernel extends TwoScaleKernel {

    private final double[] kx;
    private final double[] ky;

    TwoScaleEulerKernel(TwoScaleL96 model) {
        super(model);
        kx = new double[k];
        ky = new double[n];
    }

    @Override
    void advance(int steps, double dt) {
        for (int s = 0; s < steps; s++) {
            model.tendencyUnchecked(x, y, kx, ky, stage1Coupling);
            addScaled(x, dt, kx, k);
            addScaled(y, dt, ky, n);
        }
    }
}

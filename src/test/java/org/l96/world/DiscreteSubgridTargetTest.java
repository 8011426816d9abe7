package org.l96.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DiscreteSubgridTargetTest {

    /**
     * A coarse model stepped by forward Euler at Δ with a known closure P is exactly the trajectory whose discrete
     * target is P(X_n): (X_{n+1} − X_n)/Δ = L96(X_n) + P(X_n).
     */
    @Test
    void recoversTheClosureOfAnEulerTrajectory() {
        final int k = 8;
        final double f = 20.0;
        final double delta = 0.005;
        PolynomialParameterization p = new PolynomialParameterization(0.00235, 0.0136, -1.30, -0.341);
        double[] x0 = new NumpyRandom(3).randn(k);
        double[] hist = new CoarseModel(f, p).run(x0, delta, 400, Integrator.EULER);
        double[] target = DiscreteSubgridTarget.compute(hist, 401, k, delta, f);
        assertEquals(400 * k, target.length);
        for (int n = 0; n < 400; n++) {
            for (int i = 0; i < k; i++) {
                double v = hist[n * k + i];
                // the difference quotient loses about |X|/Δ × 1e-16 ≈ 1e-12 to rounding
                assertEquals(p.apply(v), target[n * k + i], 1e-9, "row " + n + ", k " + i);
            }
        }
    }

    @Test
    void noClosureGivesZeroTargetForEuler() {
        double[] x0 = {1, 2, 3, 4, 5};
        double[] hist = new CoarseModel(8.0, Parameterization.NONE).run(x0, 0.01, 3, Integrator.EULER);
        for (double t : DiscreteSubgridTarget.compute(hist, 4, 5, 0.01, 8.0)) {
            assertEquals(0.0, t, 1e-11);
        }
    }

    @Test
    void rejectsBadInput() {
        double[] x = new double[16];
        assertThrows(IllegalArgumentException.class, () -> DiscreteSubgridTarget.compute(x, 1, 8, 0.005, 20));
        assertThrows(IllegalArgumentException.class, () -> DiscreteSubgridTarget.compute(x, 3, 8, 0.005, 20));
        assertThrows(IllegalArgumentException.class, () -> DiscreteSubgridTarget.compute(x, 2, 8, 0.0, 20));
        assertThrows(IllegalArgumentException.class, () -> DiscreteSubgridTarget.compute(x, 2, 8, 0.005,
                Double.NaN));
    }
}

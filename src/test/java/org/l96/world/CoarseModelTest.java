package org.l96.world;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoarseModelTest {

    private static final int K = 8;
    private static final double F = 18.0;

    private static double[] state(long seed) {
        double[] x = new NumpyRandom(seed).randn(K);
        for (int i = 0; i < K; i++) {
            x[i] *= 5.0;
        }
        return x;
    }

    /** The seed's GCM_linear_parameterization rhs, written out: L96(X) - polyval(-w, X). */
    private static Tendency seedLinearRhs(double w0, double w1) {
        return (x, out) -> {
            double[] l96 = new double[K];
            OneScaleL96.tendency(x, F, l96);
            for (int i = 0; i < K; i++) {
                double polyvalNeg = (0.0 * x[i] + -w0) * x[i] + -w1;
                out[i] = l96[i] - polyvalNeg;
            }
        };
    }

    @Test
    void polynomialClosureEqualsTheSeedsLinearParameterization() {
        double w0 = -0.31;
        double w1 = 0.2;
        CoarseModel gcm = new CoarseModel(F, new PolynomialParameterization(w0, w1));
        double[] x = state(1);
        double[] out = new double[K];
        gcm.tendency(x, 1, K, out);
        double[] expected = new double[K];
        seedLinearRhs(w0, w1).eval(x, expected);
        assertArrayEquals(expected, out, 0.0);

        double[] hist = gcm.run(x, 0.01, 200, Integrator.RK4);
        Stepper st = Integrator.RK4.stepper(seedLinearRhs(w0, w1), K);
        double[] s = x.clone();
        for (int n = 0; n < 200; n++) {
            st.step(s, 0.01);
        }
        assertArrayEquals(s, Golden.slice(hist, 200 * K, K), 0.0);
        assertArrayEquals(x, Golden.slice(hist, 0, K), 0.0);
    }

    @Test
    void polynomialMatchesPolyvalAndPointwiseAdapter() {
        PolynomialParameterization p = new PolynomialParameterization(0.5, -2.0, 3.0);
        assertEquals(0.5 * 4 * 4 - 2.0 * 4 + 3.0, p.apply(4.0), 1e-15);
        assertEquals(0.0, new PolynomialParameterization().apply(3.0), 0.0);
        double[] xs = {1.5, -2.0, 0.0, 7.25, 3.0, -1.0, 2.0, 4.0, 9.0, -3.5, 0.5, 8.0};
        double[] a = new double[12];
        double[] b = new double[12];
        p.subgridTendency(xs, 3, 4, a);
        Parameterization.pointwise(p::apply).subgridTendency(xs, 3, 4, b);
        assertArrayEquals(a, b, 0.0);
        assertArrayEquals(new double[] {0.5, -2.0, 3.0}, p.coefficients(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> new PolynomialParameterization(1.0, Double.NaN));
    }

    @Test
    void noClosureIsPlainOneScale() {
        double[] x = state(2);
        double[] out = new double[K];
        double[] expected = new double[K];
        new CoarseModel(F, Parameterization.NONE).tendency(x, 1, K, out);
        OneScaleL96.tendency(x, F, expected);
        assertArrayEquals(expected, out, 0.0);
        // an explicit zero closure gives the same numbers
        new CoarseModel(F, Parameterization.pointwise(v -> 0.0)).tendency(x, 1, K, out);
        assertArrayEquals(expected, out, 0.0);
    }

    @Test
    void ensembleEqualsPerMemberRunsWithOneClosureCallPerStage() {
        int members = 5;
        int steps = 300;
        double[] x0s = new double[members * K];
        for (int m = 0; m < members; m++) {
            System.arraycopy(state(10 + m), 0, x0s, m * K, K);
        }
        PolynomialParameterization poly = new PolynomialParameterization(0.01, -0.3, 0.1);
        List<Integer> batchSizes = new ArrayList<>();
        Parameterization counting = (x, mem, k, out) -> {
            batchSizes.add(mem);
            poly.subgridTendency(x, mem, k, out);
        };
        for (Integrator integrator : Integrator.values()) {
            batchSizes.clear();
            EnsembleRun run = new CoarseModel(F, counting).runEnsemble(x0s, members, 0.005, steps, integrator,
                    CoarseModel.DEFAULT_BLOWUP_THRESHOLD, null);
            assertEquals(steps * integrator.order(), batchSizes.size(), integrator + " closure calls");
            assertTrue(batchSizes.stream().allMatch(b -> b == members), "every call sees the whole ensemble");
            assertEquals(members, run.stableCount());
            for (int m = 0; m < members; m++) {
                double[] single = new CoarseModel(F, poly).run(state(10 + m), 0.005, steps, integrator);
                assertArrayEquals(single, run.memberHistory(m), 0.0, integrator + " member " + m);
                assertEquals(-1, run.unstableStep()[m]);
            }
        }
    }

    @Test
    void blownUpMembersAreFrozenAndTheOthersContinue() {
        int members = 4;
        int steps = 200;
        double dt = 0.01;
        double[] x0s = new double[members * K];
        for (int m = 0; m < members; m++) {
            System.arraycopy(state(20 + m), 0, x0s, m * K, K);
        }
        x0s[1 * K + 3] = 60.0;     // member 1: runaway closure kicks in and it blows up
        x0s[3 * K + 5] = Double.NaN; // member 3: broken from the start
        // dX/dt gains X^2 above 40: a finite-time blow-up, while ordinary L96 states never get there
        Parameterization runaway = Parameterization.pointwise(v -> v > 40.0 ? v * v : 0.0);
        List<Integer> batchSizes = new ArrayList<>();
        Parameterization counting = (x, mem, k, out) -> {
            batchSizes.add(mem);
            runaway.subgridTendency(x, mem, k, out);
        };
        EnsembleRun run = new CoarseModel(F, counting).runEnsemble(x0s, members, dt, steps, Integrator.RK4,
                CoarseModel.DEFAULT_BLOWUP_THRESHOLD, null);

        assertEquals(0, run.unstableStep()[3]);
        int u = run.unstableStep()[1];
        assertTrue(u >= 1 && u < 10, "member 1 should blow up within a few steps, got " + u);
        assertEquals(-1, run.unstableStep()[0]);
        assertEquals(-1, run.unstableStep()[2]);
        assertEquals(2, run.stableCount());
        // the offending row is kept, everything after it is NaN
        double[] bad = run.state(1, u);
        boolean offending = false;
        for (double v : bad) {
            offending |= !(Math.abs(v) <= 1000.0);
        }
        assertTrue(offending, "row at the unstable step shows the blow-up");
        for (int n = u + 1; n <= steps; n++) {
            for (double v : run.state(1, n)) {
                assertTrue(Double.isNaN(v));
            }
        }
        for (int n = 1; n <= steps; n++) {
            for (double v : run.state(3, n)) {
                assertTrue(Double.isNaN(v));
            }
        }
        // the survivors are exactly what they would be alone
        for (int m : new int[] {0, 2}) {
            double[] single = new CoarseModel(F, runaway).run(state(20 + m), dt, steps, Integrator.RK4);
            assertArrayEquals(single, run.memberHistory(m), 0.0, "member " + m);
        }
        // the batch shrank: 3 live members at first, 2 after the blow-up
        assertEquals(3, batchSizes.get(0));
        assertEquals(2, batchSizes.get(batchSizes.size() - 1));
    }

    @Test
    void argumentChecks() {
        CoarseModel gcm = new CoarseModel(F, Parameterization.NONE);
        assertThrows(IllegalArgumentException.class, () -> gcm.runEnsemble(new double[15], 2, 0.01, 3));
        assertThrows(IllegalArgumentException.class, () -> gcm.runEnsemble(new double[6], 2, 0.01, 3));
        assertThrows(IllegalArgumentException.class, () -> gcm.run(new double[8], -0.01, 3, Integrator.RK4));
        assertThrows(IllegalArgumentException.class, () -> new CoarseModel(F, null));
        double[] x = new double[8];
        assertThrows(IllegalArgumentException.class, () -> gcm.tendency(x, 1, 8, x));
    }
}

package org.l96.world;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.l96.world.StochasticParameterization.Form;

class StochasticParameterizationTest {

    private static final int K = 8;
    private static final double F = 20.0;
    private static final PolynomialParameterization CUBIC =
            new PolynomialParameterization(0.00235, 0.0136, -1.30, -0.341);

    private static double[] states(int members, long seed) {
        double[] x = new NumpyRandom(seed).randn(members * K);
        for (int i = 0; i < x.length; i++) {
            x[i] = 2.5 + 5.0 * x[i];
        }
        return x;
    }

    /** The unit noise ε of member 0..members-1 over steps: an ADDITIVE σ=1 scheme on P = 0 returns it. */
    private static double[][] unitNoise(long seed, double phi, double interval, double dt, int members, int steps) {
        Parameterization run = StochasticParameterization.additive(Parameterization.NONE, 1.0, phi, interval, seed)
                .startRun(members, K, dt);
        int[] ids = new int[members];
        for (int m = 0; m < members; m++) {
            ids[m] = m;
        }
        double[][] out = new double[steps][members * K];
        double[] zero = new double[members * K];
        for (int n = 0; n < steps; n++) {
            run.beginStep(ids, members);
            run.subgridTendency(zero, members, K, out[n]);
        }
        return out;
    }

    @Test
    void zeroNoiseIsTheDeterministicRunBitForBit() {
        double[] x0 = states(6, 1);
        StochasticParameterization s = StochasticParameterization.additive(CUBIC, 0.0, 0.9, 0.005, 7);
        EnsembleRun a = new CoarseModel(F, s).runEnsemble(x0, 6, 0.005, 300);
        EnsembleRun b = new CoarseModel(F, CUBIC).runEnsemble(x0, 6, 0.005, 300);
        assertArrayEquals(b.history(), a.history(), 0.0);
    }

    @Test
    void seededAndReproducibleAndMembersDiffer() {
        double[] x0 = new double[4 * K];
        double[] one = states(1, 2);
        for (int m = 0; m < 4; m++) {
            System.arraycopy(one, 0, x0, m * K, K);
        }
        StochasticParameterization s = StochasticParameterization.additive(CUBIC, 1.99, 0.986, 0.005, 11);
        EnsembleRun a = new CoarseModel(F, s).runEnsemble(x0, 4, 0.005, 200);
        EnsembleRun b = new CoarseModel(F, s).runEnsemble(x0, 4, 0.005, 200);
        assertArrayEquals(a.history(), b.history(), 0.0);
        EnsembleRun c = new CoarseModel(F, s.withSeed(12)).runEnsemble(x0, 4, 0.005, 200);
        assertFalse(Arrays.equals(a.history(), c.history()));
        // same start, different noise: the members part
        assertNotEquals(a.state(0, 200)[0], a.state(1, 200)[0]);
        // member 0 of a one-member run draws from the same stream as member 0 of a bigger one
        EnsembleRun single = new CoarseModel(F, s).runEnsemble(one, 1, 0.005, 200);
        assertArrayEquals(single.memberHistory(0), a.memberHistory(0), 0.0);
        // ... and CoarseModel.run (one state) steps the same way
        assertArrayEquals(single.memberHistory(0), new CoarseModel(F, s).run(one, 0.005, 200, Integrator.RK4), 0.0);
    }

    @Test
    void aMemberThatBlowsUpDoesNotChangeTheOthersNoise() {
        double[] x0 = states(3, 4);
        StochasticParameterization s = StochasticParameterization.additive(CUBIC, 1.99, 0.986, 0.005, 5);
        EnsembleRun ok = new CoarseModel(F, s).runEnsemble(x0, 3, 0.005, 100);
        double[] bad = x0.clone();
        bad[K + 2] = 1e6; // member 1 is unstable from the start and leaves the batch
        EnsembleRun withBlowUp = new CoarseModel(F, s).runEnsemble(bad, 3, 0.005, 100, Integrator.RK4,
                CoarseModel.DEFAULT_BLOWUP_THRESHOLD, null);
        assertEquals(0, withBlowUp.unstableStep()[1]);
        assertArrayEquals(ok.memberHistory(0), withBlowUp.memberHistory(0), 0.0);
        assertArrayEquals(ok.memberHistory(2), withBlowUp.memberHistory(2), 0.0);
    }

    /** One RK4 step written out with the step's ε held fixed over the four stages equals the coarse model's. */
    @Test
    void noiseIsDrawnOncePerStepAndHeldOverTheStages() {
        final double dt = 0.01;
        double[] x0 = states(1, 6);
        StochasticParameterization s = StochasticParameterization.additive(CUBIC, 1.5, 0.95, 0.005, 21);
        double[][] eps = unitNoise(21, 0.95, 0.005, dt, 1, 3);
        double[] manual = x0.clone();
        for (int n = 0; n < 3; n++) {
            final double[] e = eps[n];
            Tendency f = (x, out) -> {
                OneScaleL96.tendency(x, F, out);
                for (int i = 0; i < K; i++) {
                    out[i] = out[i] + (CUBIC.apply(x[i]) + 1.5 * e[i]);
                }
            };
            Integrator.RK4.stepper(f, K).step(manual, dt);
        }
        double[] hist = new CoarseModel(F, s).run(x0, dt, 3, Integrator.RK4);
        assertArrayEquals(manual, Arrays.copyOfRange(hist, 3 * K, 4 * K), 1e-12);
    }

    @Test
    void theFourFormsFollowThePapersFormulas() {
        double[] x = states(2, 8);
        double[][] eps = unitNoise(31, 0.9, 0.005, 0.005, 2, 2);
        double[] e = eps[1];
        double[][] cases = {
                {0, 1.99}, {1, 1.47, 0.0873}, {2, 0.469}, {3, 0.101, 1.37}};
        for (double[] c : cases) {
            Form form = Form.values()[(int) c[0]];
            double[] sig = Arrays.copyOfRange(c, 1, c.length);
            Parameterization run = new StochasticParameterization(CUBIC, form, sig, 0.9, 0.005, 31)
                    .startRun(2, K, 0.005);
            int[] ids = {0, 1};
            double[] out = new double[2 * K];
            run.beginStep(ids, 2);
            run.beginStep(ids, 2);
            run.subgridTendency(x, 2, K, out);
            for (int i = 0; i < 2 * K; i++) {
                double p = CUBIC.apply(x[i]);
                double expected = switch (form) {
                    case ADDITIVE -> p + sig[0] * e[i];
                    case STATE_DEPENDENT -> p + (sig[0] + sig[1] * Math.abs(x[i])) * e[i];
                    case MULTIPLICATIVE -> (1 + sig[0] * e[i]) * p;
                    case MULTIPLICATIVE_ADDITIVE -> p + e[i] * (sig[0] * Math.abs(p) + sig[1]);
                };
                assertEquals(expected, out[i], 1e-12, form + " at " + i);
            }
        }
    }

    /** The stationary AR(1): unit variance, lag-one autocorrelation φ^(dt/Δ) at the coarse step; white: none. */
    @Test
    void noiseHasTheRequestedVarianceAndAutocorrelation() {
        int steps = 20000;
        int members = 4;
        double phi = 0.986;
        double dt = 0.01; // twice Δ: the step's autocorrelation is φ²
        double[][] e = unitNoise(41, phi, 0.005, dt, members, steps);
        double[] stats = stats(e);
        // sd of the variance estimate ~ sqrt(2(1+φ²)/(1−φ²)/N) ≈ 0.05 for N = 64000 and φ² = 0.972
        assertEquals(1.0, stats[0], 0.15);
        assertEquals(phi * phi, stats[1], 0.005);
        double[][] w = unitNoise(42, 0.0, 0.005, dt, members, steps);
        double[] ws = stats(w);
        assertEquals(1.0, ws[0], 0.03);
        assertEquals(0.0, ws[1], 0.02);
        assertEquals(phi * phi, StochasticParameterization.phiAt(phi, 0.005, 0.01), 1e-15);
    }

    /** {variance, lag-one autocorrelation} pooled over members and k. */
    private static double[] stats(double[][] e) {
        double s2 = 0;
        double lag = 0;
        long n = 0;
        long nl = 0;
        for (int t = 0; t < e.length; t++) {
            for (int i = 0; i < e[t].length; i++) {
                s2 += e[t][i] * e[t][i];
                n++;
                if (t + 1 < e.length) {
                    lag += e[t][i] * e[t + 1][i];
                    nl++;
                }
            }
        }
        return new double[] {s2 / n, (lag / nl) / (s2 / n)};
    }

    @Test
    void misuseGivesClearErrors() {
        StochasticParameterization s = StochasticParameterization.additive(CUBIC, 1.0, 0.5, 0.005, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> s.subgridTendency(new double[K], 1, K, new double[K]));
        assertTrue(e.getMessage().contains("startRun"));
        Parameterization run = s.startRun(1, K, 0.005);
        assertThrows(IllegalStateException.class, () -> run.subgridTendency(new double[K], 1, K, new double[K]));
        assertThrows(IllegalArgumentException.class, () -> StochasticParameterization.additive(CUBIC, -1, 0.5,
                0.005, 1));
        assertThrows(IllegalArgumentException.class, () -> StochasticParameterization.additive(CUBIC, 1, 1.0,
                0.005, 1));
        assertThrows(IllegalArgumentException.class, () -> new StochasticParameterization(CUBIC,
                Form.STATE_DEPENDENT, new double[] {1.0}, 0.5, 0.005, 1));
        assertThrows(IllegalArgumentException.class, () -> StochasticParameterization.additive(s, 1, 0.5, 0.005, 1));
    }
}

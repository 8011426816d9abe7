package org.l96.world;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A closure that sees earlier samples keeps its history through a coarse-model run and starts it from the truth:
 * closures that return their input history, stepped by forward Euler and checked against the recurrence written
 * out here.
 */
class HistoryParameterizationTest {
    private static final int K = 4;
    private static final double F = 8;

    private static double[] l96(double[] x) {
        double[] d = new double[K];
        for (int k = 0; k < K; k++) {
            d[k] = (x[(k + 1) % K] - x[(k + K - 2) % K]) * x[(k + K - 1) % K] - x[k] + F;
        }
        return d;
    }

    @Test
    void theFirstStepSeesTheTruthsPastAndLaterStepsTheRunsOwn() {
        // P = lag 2 (the state two samples before the current one); Δ = dt: one step per sample
        HistoryParameterization lag2 = new HistoryParameterization(
                (x, past, prev, rows, k, out) -> {
                    for (int a = 0; a < rows; a++) {
                        System.arraycopy(past, (a * 2 + 1) * k, out, a * k, k);
                    }
                }, 2, false, 0.01);
        double[] x0 = {1, 2, 3, 4};
        double[] xm1 = {0.5, 0.25, -1, 2};   // truth one sample before x0
        double[] xm2 = {-0.5, 1.5, 0.75, 3}; // two samples before
        TruthPast past = new TruthPast(0.01, 2, concat(xm1, xm2), null);
        EnsembleRun run = new CoarseModel(F, lag2).runEnsemble(x0, 1, 0.01, 4, Integrator.EULER, 1000, null, past);

        double[][] expected = new double[7][];
        expected[0] = xm2;
        expected[1] = xm1;
        expected[2] = x0;
        double[] x = x0.clone();
        for (int n = 1; n <= 4; n++) {
            double[] d = l96(x);
            double[] p = expected[n - 1]; // the state two samples before x_{n-1}
            double[] next = new double[K];
            for (int k = 0; k < K; k++) {
                next[k] = x[k] + 0.01 * (d[k] + p[k]);
            }
            expected[n + 2] = next;
            x = next;
            double[] got = new double[K];
            System.arraycopy(run.history(), run.index(0, n, 0), got, 0, K);
            assertArrayEquals(next, got, 1e-12, "step " + n);
        }
    }

    @Test
    void thePreviousCouplingTermStartsFromTheTruthAndThenIsTheClosuresOwnOutputHeldOverTheInterval() {
        // P = previous coupling + 1, recorded; Δ = 2 dt: two steps per sample, the history moves every other step
        java.util.List<double[]> seen = new java.util.ArrayList<>();
        HistoryParameterization plusOne = new HistoryParameterization(
                (x, past, prev, rows, k, out) -> {
                    seen.add(java.util.Arrays.copyOf(prev, rows * k));
                    for (int i = 0; i < rows * k; i++) {
                        out[i] = prev[i] + 1;
                    }
                }, 0, true, 0.02);
        double[] x0s = {1, 2, 3, 4, 4, 3, 2, 1};
        double[] u0 = {10, 20, 30, 40, -1, -2, -3, -4}; // each member's truth coupling term one sample before
        TruthPast past = new TruthPast(0.02, 0, new double[0], u0);
        new CoarseModel(F, plusOne).runEnsemble(x0s, 2, 0.01, 6, Integrator.EULER, 1000, null, past);
        assertEquals(6, seen.size()); // Euler: one evaluation per step
        for (int step = 0; step < 6; step++) {
            int sample = step / 2; // steps 0, 1 in the first interval see the truth's; then its own outputs
            for (int i = 0; i < 2 * K; i++) {
                assertEquals(u0[i] + sample, seen.get(step)[i], 0.0, "step " + step + ", value " + i);
            }
        }
    }

    @Test
    void aRunWithoutTheTruthsPastIsRefused() {
        HistoryParameterization h = new HistoryParameterization((x, past, prev, rows, k, out) -> {
        }, 1, false, 0.01);
        assertThrows(IllegalArgumentException.class,
                () -> new CoarseModel(F, h).runEnsemble(new double[K], 1, 0.01, 1));
        // a past from the truth's rows: states before the start, lag 1 first
        double[] x = new double[5 * K];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        TruthPast p = h.pastOf(x, null, K, new int[]{3, 1});
        assertArrayEquals(new double[]{8, 9, 10, 11, 0, 1, 2, 3}, p.states());
        assertThrows(IllegalArgumentException.class, () -> h.pastOf(x, null, K, new int[]{0}));
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}

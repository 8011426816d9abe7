package org.l96.eval;

import org.junit.jupiter.api.Test;
import org.l96.spec.EvaluationSpec;
import org.l96.world.HistoryParameterization;
import org.l96.world.Integrator;
import org.l96.world.L96Params;
import org.l96.world.Parameterization;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Ensembles and forecasts start each run's history from the truth before its own initial condition. The closure
 * returns its previous coupling term, so each run's P is the constant U(start − Δ) of its own start (its output is
 * fed back unchanged); the runs are recomputed here with RK4 and that constant, and the closure's first inputs are
 * compared with the truth's rows.
 */
class HistoryEvaluationsTest {
    private static final int K = 4;
    private static final double F = 8;
    private static final double SI = 0.05;
    private static final int ROWS = 60;

    private final double[] x = new double[ROWS * K];
    private final double[] u = new double[ROWS * K];
    private final List<double[]> firstPast = new ArrayList<>();
    private final List<double[]> firstPrev = new ArrayList<>();

    HistoryEvaluationsTest() {
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = 5 * r.nextGaussian();
            u[i] = 2 * r.nextGaussian();
        }
    }

    private OnlineEvaluation.Truth truth() {
        return new OnlineEvaluation.Truth(new L96Params(K, 2, F, 1, 10, 10), 0.005, Integrator.RK4, SI, ROWS, x, null,
                u);
    }

    /** P = the previous coupling term; records the inputs of each run's first evaluation. */
    private Parameterization echo() {
        return new HistoryParameterization((xs, past, prev, rows, k, out) -> {
            if (firstPast.size() < 2) {
                firstPast.add(java.util.Arrays.copyOf(past, rows * k));
                firstPrev.add(java.util.Arrays.copyOf(prev, rows * k));
            }
            System.arraycopy(prev, 0, out, 0, rows * k);
        }, 1, true, SI);
    }

    @Test
    void anEnsemblesMembersStartFromTheirOwnPast() {
        EvaluationSpec.Ensemble e = new EvaluationSpec.Ensemble(List.of("h"), 3, 0.5, 4, 0.5, null);
        OnlineEvaluation.EnsembleResult r = OnlineEvaluation.ensemble(truth(), e, Map.of("h", echo()));
        int[] starts = {4, 14, 24};
        int steps = 10;
        checkFirstInputs(starts);
        double[] expected = new double[steps + 1];
        for (int s = 0; s <= steps; s++) {
            double sq = 0;
            for (int m = 0; m < 3; m++) {
                double[] run = run(starts[m], steps);
                for (int i = 0; i < K; i++) {
                    double d = x[(starts[m] + s) * K + i] - run[s * K + i];
                    sq += d * d;
                }
            }
            expected[s] = Math.sqrt(sq / (3 * K));
        }
        assertArrayEquals(expected, r.rmseByLead().get("h"), 1e-10);
    }

    @Test
    void aForecastStartsItsInitialConditionsAfterTheHistory() {
        forecast(null);
    }

    @Test
    void anEnsembleForecastGivesEveryMemberItsInitialConditionsPast() {
        forecast(2); // no perturbation: both members are the deterministic run, their mean too
    }

    private void forecast(Integer members) {
        EvaluationSpec.Forecast f = new EvaluationSpec.Forecast(List.of("h"), 2, 1.0, 0.5, 5, false, null, members,
                null, null, null, null);
        ForecastEvaluation.Result r = ForecastEvaluation.run(truth(), f, Map.of("h", echo()), 1, null);
        int[] starts = {2, 22}; // sample 2: one earlier state, and a coupling term after sample 0's placeholder
        int leads = 11;
        checkFirstInputs(members == null ? starts : new int[]{2, 2, 22, 22});
        double[] rmse = r.schemes().get("h").rmse();
        for (int t = 0; t < leads; t++) {
            double sq = 0;
            for (int start : starts) {
                double[] run = run(start, leads - 1);
                for (int i = 0; i < K; i++) {
                    double d = x[(start + t) * K + i] - run[t * K + i];
                    sq += d * d;
                }
            }
            assertEquals(Math.sqrt(sq / (2 * K)), rmse[t] * r.sigmaX(), 1e-10, "lead " + t);
        }
    }

    /** The first evaluation of the run saw each start's truth: X one sample before, U one sample before. */
    private void checkFirstInputs(int[] starts) {
        double[] past = firstPast.get(0);
        double[] prev = firstPrev.get(0);
        assertEquals(starts.length * K, past.length);
        for (int m = 0; m < starts.length; m++) {
            for (int i = 0; i < K; i++) {
                assertEquals(x[(starts[m] - 1) * K + i], past[m * K + i], 0.0);
                assertEquals(u[(starts[m] - 1) * K + i], prev[m * K + i], 0.0);
            }
        }
    }

    /** RK4 at Δ of dX/dt = L96(X) + U(start − Δ), from the truth at start: (steps + 1) × K. */
    private double[] run(int start, int steps) {
        double[] c = java.util.Arrays.copyOfRange(u, (start - 1) * K, start * K);
        double[] s = java.util.Arrays.copyOfRange(x, start * K, (start + 1) * K);
        double[] out = new double[(steps + 1) * K];
        System.arraycopy(s, 0, out, 0, K);
        for (int n = 1; n <= steps; n++) {
            double[] k1 = f(s, c);
            double[] k2 = f(axpy(s, SI / 2, k1), c);
            double[] k3 = f(axpy(s, SI / 2, k2), c);
            double[] k4 = f(axpy(s, SI, k3), c);
            double[] next = new double[K];
            for (int i = 0; i < K; i++) {
                next[i] = s[i] + SI / 6 * ((k1[i] + k4[i]) + 2 * (k2[i] + k3[i]));
            }
            s = next;
            System.arraycopy(s, 0, out, n * K, K);
        }
        return out;
    }

    private static double[] axpy(double[] a, double h, double[] b) {
        double[] z = new double[K];
        for (int i = 0; i < K; i++) {
            z[i] = a[i] + h * b[i];
        }
        return z;
    }

    private static double[] f(double[] s, double[] c) {
        double[] d = new double[K];
        for (int k = 0; k < K; k++) {
            d[k] = (s[(k + 1) % K] - s[(k + K - 2) % K]) * s[(k + K - 1) % K] - s[k] + F + c[k];
        }
        return d;
    }
}

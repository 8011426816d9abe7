package org.l96.eval;

import org.junit.jupiter.api.Test;
import org.l96.spec.EvaluationSpec;
import org.l96.world.Integrator;
import org.l96.world.L96Params;
import org.l96.world.Parameterization;
import org.l96.world.TwoScaleIntegrator;
import org.l96.world.TwoScaleL96;
import org.l96.world.TwoScaleTrajectory;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every evaluation steps its coarse model with the {@code stepper} and {@code dt} it asks for (issue #13 §1): the
 * trajectory, ensemble and climate runs against the same model integrated here by hand, forward Euler at half the
 * sampling interval, scored at the samples.
 */
class CoarseSteppingTest {
    private static final L96Params P = L96Params.DEFAULT;
    private static final double SI = 0.01;
    private static final double DT = 0.005;
    /** A fixed closure, so the coarse model is not the bare one-scale model. */
    private static final Parameterization LINEAR = (x, members, k, out) -> {
        for (int i = 0; i < members * k; i++) {
            out[i] = -0.8 * x[i] - 0.5;
        }
    };

    /** dX/dt = −X_{k−1}(X_{k−2} − X_{k+1}) − X_k + F + P(X_k), written out here. */
    private static double[] tendency(double[] x, double f) {
        int k = x.length;
        double[] d = new double[k];
        for (int i = 0; i < k; i++) {
            d[i] = -x[(i - 1 + k) % k] * (x[(i - 2 + k) % k] - x[(i + 1) % k]) - x[i] + f - 0.8 * x[i] - 0.5;
        }
        return d;
    }

    /** Euler at DT from x0, the state every sample (SI) for {@code samples} samples: [samples + 1][k]. */
    private static double[] euler(double[] x0, int samples) {
        int k = x0.length;
        double[] out = new double[(samples + 1) * k];
        double[] x = x0.clone();
        System.arraycopy(x, 0, out, 0, k);
        int stride = (int) Math.round(SI / DT);
        for (int s = 1; s <= samples; s++) {
            for (int n = 0; n < stride; n++) {
                double[] d = tendency(x, P.forcing());
                for (int i = 0; i < k; i++) {
                    x[i] += DT * d[i];
                }
            }
            System.arraycopy(x, 0, out, s * k, k);
        }
        return out;
    }

    private static OnlineEvaluation.Truth truth() {
        TwoScaleTrajectory tr = new TwoScaleIntegrator(P, 0.001).run(TwoScaleL96.seededInitialState(P, 2), 0, SI,
                300, true, null);
        return new OnlineEvaluation.Truth(P, 0.001, Integrator.RK4, SI, 301, tr.x(), tr.y());
    }

    @Test
    void aTrajectoryStepsWithItsStepperAndDt() {
        OnlineEvaluation.Truth truth = truth();
        int k = P.k();
        var t = new EvaluationSpec.Trajectory(List.of("lin"), 100, 0.5, DT, null, "euler");
        double[] run = OnlineEvaluation.trajectory(truth, t, Map.of("lin", LINEAR)).runs().get("lin");
        double[] expected = euler(Arrays.copyOfRange(truth.x(), 100 * k, 101 * k), 50);
        assertArrayEquals(expected, run, 1e-9);
        // RK4 at the same dt is another run
        var rk4 = new EvaluationSpec.Trajectory(List.of("lin"), 100, 0.5, DT, null, null);
        double[] other = OnlineEvaluation.trajectory(truth, rk4, Map.of("lin", LINEAR)).runs().get("lin");
        assertTrue(Math.abs(other[50 * k] - run[50 * k]) > 1e-6);
    }

    @Test
    void anEnsembleStepsWithItsStepperAndDt() {
        OnlineEvaluation.Truth truth = truth();
        int k = P.k();
        var e = new EvaluationSpec.Ensemble(List.of("lin"), 3, 0.5, 10, 0.4, null, "euler", DT);
        var r = OnlineEvaluation.ensemble(truth, e, Map.of("lin", LINEAR));
        double[] rmse = r.rmseByLead().get("lin");
        assertEquals(41, rmse.length);
        assertEquals(0.4, r.leadTime()[40], 1e-12);
        double se = 0;
        double sumAbs = 0;
        for (int ic = 0; ic < 3; ic++) {
            int row0 = 10 + ic * 50;
            double[] run = euler(Arrays.copyOfRange(truth.x(), row0 * k, (row0 + 1) * k), 40);
            for (int s = 0; s <= 40; s++) {
                for (int i = 0; i < k; i++) {
                    double d = truth.x()[(row0 + s) * k + i] - run[s * k + i];
                    sumAbs += Math.abs(d);
                    if (s == 40) {
                        se += d * d;
                    }
                }
            }
        }
        assertEquals(Math.sqrt(se / (3 * k)), rmse[40], 1e-9);
        assertEquals(sumAbs, (Double) r.metrics().get("lin").get(OnlineEvaluation.SUM_ABS_ERROR), 1e-8);
    }

    @Test
    void aClimateRunStepsWithItsStepperAndDt() {
        int k = P.k();
        var c = new EvaluationSpec.Climate(List.of("lin"), 1, 0.5, 0.5, -15, 25, 0.2, null, "euler", DT);
        ClimateEvaluation.Result r = ClimateEvaluation.run(P, 0.001, Integrator.RK4, SI, c, Map.of("lin", LINEAR), 3,
                null);
        // the coarse run starts from the first truth run's first sample (its seeded state spun up 0.5)
        TwoScaleIntegrator world = new TwoScaleIntegrator(P, 0.001, Integrator.RK4);
        var state = world.run(TwoScaleL96.seededInitialState(P, ClimateEvaluation.worldSeed(3, 0)), 0, SI, 50, false,
                null).finalState();
        double[] x0 = world.run(state, 0, SI, 1, false, null).xRow(0);
        double[] run = euler(x0, 150);
        double[] after = Arrays.copyOfRange(run, 50 * k, run.length); // 101 samples after the spin-up
        assertEquals(ClimateStatistics.mean(after), r.schemes().get("lin").mean(), 1e-9);
        assertEquals(ClimateStatistics.variance(after), r.schemes().get("lin").variance(), 1e-9);
        // and the default (RK4 at the sampling interval) is another run
        var rk4 = new EvaluationSpec.Climate(List.of("lin"), 1, 0.5, 0.5, -15, 25, 0.2, null);
        double other = ClimateEvaluation.run(P, 0.001, Integrator.RK4, SI, rk4, Map.of("lin", LINEAR), 3, null)
                .schemes().get("lin").mean();
        assertTrue(Math.abs(other - r.schemes().get("lin").mean()) > 1e-9);
    }
}

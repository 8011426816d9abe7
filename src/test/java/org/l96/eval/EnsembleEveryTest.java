package org.l96.eval;

import org.junit.jupiter.api.Test;
import org.l96.spec.EvaluationSpec;
import org.l96.world.CoarseModel;
import org.l96.world.EnsembleRun;
import org.l96.world.Integrator;
import org.l96.world.L96Params;
import org.l96.world.Parameterization;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An ensemble's {@code every} is in model time units: every 0.1 at a sampling interval of 0.01 starts the runs at
 * truth rows 0, 10, 20, … (the notebook's {@code X_true[i * 10]}), exactly as the old {@code every 10} (samples) did,
 * and at an interval of 0.005 at rows 0, 20, 40, ….
 */
class EnsembleEveryTest {
    private static final int K = 8;

    /**
     * A truth of {@code rows} samples at {@code si}: the one-scale model at F = 16 from a fixed state (any trajectory
     * does), so that the coarse model at the params' F = 18 departs from it.
     */
    private static OnlineEvaluation.Truth truth(int rows, double si) {
        double[] x0 = new double[K];
        for (int i = 0; i < K; i++) {
            x0[i] = 18 * Math.sin(1.3 * i + 0.4);
        }
        EnsembleRun run = new CoarseModel(16, Parameterization.NONE).runEnsemble(x0, 1, si, rows - 1,
                Integrator.RK4, CoarseModel.DEFAULT_BLOWUP_THRESHOLD, null);
        double[] x = new double[rows * K];
        for (int s = 0; s < rows; s++) {
            for (int i = 0; i < K; i++) {
                x[s * K + i] = run.history()[run.index(0, s, i)];
            }
        }
        return new OnlineEvaluation.Truth(L96Params.DEFAULT, 0.001, si, rows, x, null);
    }

    /** The notebook's metric with the initial conditions at rows first + m·stride, computed here on its own. */
    private static double byHand(OnlineEvaluation.Truth truth, int members, int stride, int first, int steps) {
        double[] x0s = new double[members * K];
        for (int m = 0; m < members; m++) {
            System.arraycopy(truth.x(), (first + m * stride) * K, x0s, m * K, K);
        }
        EnsembleRun run = new CoarseModel(18, Parameterization.NONE).runEnsemble(x0s, members,
                truth.sampleInterval(), steps, Integrator.RK4, CoarseModel.DEFAULT_BLOWUP_THRESHOLD, null);
        double sum = 0;
        for (int m = 0; m < members; m++) {
            for (int s = 0; s <= steps; s++) {
                for (int i = 0; i < K; i++) {
                    sum += Math.abs(truth.x()[(first + m * stride + s) * K + i] - run.history()[run.index(m, s, i)]);
                }
            }
        }
        return sum;
    }

    private static double sumAbsError(OnlineEvaluation.Truth truth, EvaluationSpec.Ensemble e) {
        Object v = OnlineEvaluation.ensemble(truth, e, Map.of("none", Parameterization.NONE))
                .metrics().get("none").get("sumAbsError");
        return ((Number) v).doubleValue();
    }

    @Test
    void everyInTimeUnitsStartsTheRunsWhereTheOldSampleCountDid() {
        OnlineEvaluation.Truth at001 = truth(600, 0.01);
        EvaluationSpec.Ensemble e = new EvaluationSpec.Ensemble(List.of("none"), 12, 0.1, 3, 0.5, null);
        assertEquals(10, e.everySamples(0.01));
        double expected = byHand(at001, 12, 10, 3, 50);
        assertTrue(expected > 1, "the runs depart from the truth: " + expected);
        assertEquals(expected, sumAbsError(at001, e), 1e-12 * expected);

        OnlineEvaluation.Truth at0005 = truth(1200, 0.005);
        assertEquals(20, e.everySamples(0.005));
        double finer = byHand(at0005, 12, 20, 3, 100);
        assertEquals(finer, sumAbsError(at0005, e), 1e-12 * finer);
    }
}

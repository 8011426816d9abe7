package org.l96.eval;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.l96.spec.EvaluationSpec;
import org.l96.world.CoarseModel;
import org.l96.world.EnsembleRun;
import org.l96.world.Integrator;
import org.l96.world.L96Params;
import org.l96.world.Parameterization;
import org.l96.world.TwoScaleIntegrator;
import org.l96.world.TwoScaleL96;
import org.l96.world.TwoScaleTrajectory;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The truth in another regime: simulated at the new forcing, and the coarse model run at that forcing too. */
class RegimeTruthTest {
    private static final double SI = 0.01;
    private static OnlineEvaluation.Truth stored;
    private static double[] lastY;

    @BeforeAll
    static void storedTruthAtF18() {
        TwoScaleIntegrator world = new TwoScaleIntegrator(L96Params.DEFAULT, 0.001);
        TwoScaleTrajectory tr = world.run(TwoScaleL96.seededInitialState(L96Params.DEFAULT, 5), 0, SI, 600, true,
                null);
        stored = new OnlineEvaluation.Truth(L96Params.DEFAULT, 0.001, SI, 601, tr.x(), null);
        lastY = tr.yRow(600);
    }

    @Test
    void rowsNeededAreWhatEachEvaluationReads() {
        assertEquals(1 + 2 * 10 + 100 + 1, RegimeTruth.rowsNeeded(
                new EvaluationSpec.Ensemble(List.of("none"), 3, 10 * SI, 1, 1.0, 24.0), 601, SI));
        assertEquals(4 * 200 + 150 + 1, RegimeTruth.rowsNeeded(
                new EvaluationSpec.Forecast(List.of("none"), 5, 2.0, 1.5, 10, false, 24.0), 601, SI));
        assertEquals(601, RegimeTruth.rowsNeeded(
                new EvaluationSpec.Trajectory(List.of("none"), -1, 1.0, null, 24.0), 601, SI));
        assertEquals(11, RegimeTruth.rowsNeeded(
                new EvaluationSpec.Trajectory(List.of("none"), 10, 1.0, null, 24.0), 601, SI));
        assertTrue(RegimeTruth.shifts(new EvaluationSpec.Ensemble(List.of("none"), 3, 10 * SI, 1, 1.0, 24.0), 18));
        assertFalse(RegimeTruth.shifts(new EvaluationSpec.Ensemble(List.of("none"), 3, 10 * SI, 1, 1.0, 18.0), 18));
        assertFalse(RegimeTruth.shifts(new EvaluationSpec.Ensemble(List.of("none"), 3, 10 * SI, 1, 1.0, null), 18));
    }

    @Test
    void aStrongerForcingGivesAMoreVariableTruth() {
        OnlineEvaluation.Truth at18 = RegimeTruth.simulate(stored, lastY, 18, 1001, false, null);
        OnlineEvaluation.Truth at24 = RegimeTruth.simulate(stored, lastY, 24, 1001, false, null);
        assertEquals(24.0, at24.params().forcing());
        assertEquals(18.0, at18.params().forcing());
        assertEquals(1001, at24.rows());
        assertEquals(1001 * 8, at24.x().length);
        double var18 = ClimateStatistics.variance(at18.x());
        double var24 = ClimateStatistics.variance(at24.x());
        assertTrue(var24 > 1.2 * var18, "var at F=24 " + var24 + " vs F=18 " + var18);
        // deterministic: from the stored truth's last state, no random draw
        assertArrayEquals(at24.x(), RegimeTruth.simulate(stored, lastY, 24, 1001, false, null).x());
    }

    @Test
    void aForecastAtAnotherForcingTakesSigmaFromItsOwnTruth() {
        EvaluationSpec.Forecast f = new EvaluationSpec.Forecast(List.of("none"), 5, 2.0, 1.0, 20, true, 24.0);
        int rows = RegimeTruth.rowsNeeded(f, stored.rows(), SI);
        ForecastEvaluation.Result at24 = ForecastEvaluation.run(RegimeTruth.simulate(stored, lastY, 24, rows, false, null),
                f, Map.of(), 1, null);
        ForecastEvaluation.Result at18 = ForecastEvaluation.run(RegimeTruth.simulate(stored, lastY, 18, rows, false, null),
                f.withForcing(18.0), Map.of(), 1, null);
        assertTrue(at24.sigmaX() > at18.sigmaX(), at24.sigmaX() + " vs " + at18.sigmaX());
        assertTrue(Double.isFinite(at24.schemes().get("ceiling").vpt()));
    }

    @Test
    void theEnsembleRunsTheCoarseModelAtTheEvaluationsForcing() {
        EvaluationSpec.Ensemble e = new EvaluationSpec.Ensemble(List.of("none"), 4, 50 * SI, 0, 0.5, 24.0);
        OnlineEvaluation.Truth at24 = RegimeTruth.simulate(stored, lastY, 24, RegimeTruth.rowsNeeded(e, 601, SI), false,
                null);
        double sum = OnlineEvaluation.ensemble(at24, e, Map.of("none", Parameterization.NONE)).metrics().get("none")
                .get("sumAbsError") instanceof Double d ? d : Double.NaN;
        assertEquals(byHand(at24, e, 24), sum, 1e-9 * sum);
        assertNotEquals(byHand(at24, e, 18), sum, 1e-3 * sum);
    }

    /** The notebook's summed error of the coarse model at {@code forcing} (no parameterization) against the truth. */
    private static double byHand(OnlineEvaluation.Truth truth, EvaluationSpec.Ensemble e, double forcing) {
        int k = truth.k();
        int steps = (int) Math.round(e.duration() / SI);
        double[] x0s = new double[e.initialConditions() * k];
        for (int m = 0; m < e.initialConditions(); m++) {
            System.arraycopy(truth.x(), (e.first() + m * e.everySamples(SI)) * k, x0s, m * k, k);
        }
        EnsembleRun run = new CoarseModel(forcing, Parameterization.NONE).runEnsemble(x0s, e.initialConditions(),
                SI, steps, Integrator.RK4, CoarseModel.DEFAULT_BLOWUP_THRESHOLD, null);
        double sum = 0;
        for (int m = 0; m < e.initialConditions(); m++) {
            for (int s = 0; s <= steps; s++) {
                for (int i = 0; i < k; i++) {
                    sum += Math.abs(truth.x()[(e.first() + m * e.everySamples(SI) + s) * k + i]
                            - run.history()[run.index(m, s, i)]);
                }
            }
        }
        return sum;
    }

    @Test
    void theLastYMustFitTheWorld() {
        assertThrows(IllegalArgumentException.class, () -> RegimeTruth.simulate(stored, new double[8], 24, 10, false,
                null));
    }
}

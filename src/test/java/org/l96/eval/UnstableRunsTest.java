package org.l96.eval;

import org.junit.jupiter.api.Test;
import org.l96.spec.EvaluationSpec;
import org.l96.world.L96Params;
import org.l96.world.Parameterization;
import org.l96.world.TwoScaleIntegrator;
import org.l96.world.TwoScaleL96;
import org.l96.world.TwoScaleTrajectory;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A closure that blows the coarse model up is reported, never fatal. */
class UnstableRunsTest {
    /** P(X) = X³: the coarse model leaves any bound within a fraction of a time unit. */
    private static final Parameterization EXPLOSIVE = (x, members, k, out) -> {
        for (int i = 0; i < members * k; i++) {
            out[i] = x[i] * x[i] * x[i];
        }
    };

    @Test
    void climateOfABlownUpRunIsMarkedAndTheOthersGoOn() {
        EvaluationSpec.Climate c = new EvaluationSpec.Climate(List.of("bad", "none"), 5, 1, 0.5, -15, 25, 1, null);
        ClimateEvaluation.Result r = ClimateEvaluation.run(L96Params.DEFAULT, 0.001, 0.01, c,
                Map.of("bad", EXPLOSIVE, "none", Parameterization.NONE), 3, null);
        assertNotNull(r.schemes().get("bad").unstableAt());
        assertNull(r.schemes().get("none").unstableAt());
        assertTrue(Double.isFinite(r.hellinger().get("none")));
        assertTrue(r.hellingerFloor() > 0 && r.hellingerFloor() < 1);
    }

    @Test
    void forecastsThatBlowUpCountAsUnstableAndFailTheirVpt() {
        TwoScaleIntegrator world = new TwoScaleIntegrator(L96Params.DEFAULT, 0.001);
        TwoScaleTrajectory tr = world.run(TwoScaleL96.seededInitialState(L96Params.DEFAULT, 2), 0, 0.01, 600,
                false, null);
        OnlineEvaluation.Truth truth = new OnlineEvaluation.Truth(L96Params.DEFAULT, 0.001, 0.01, 601, tr.x(), null);
        EvaluationSpec.Forecast f = new EvaluationSpec.Forecast(List.of("bad"), 5, 1, 1, 50, false, null);
        ForecastEvaluation.Result r = ForecastEvaluation.run(truth, f, Map.of("bad", EXPLOSIVE), 1, null);
        ForecastEvaluation.Scheme bad = r.schemes().get("bad");
        assertEquals(1.0, bad.unstableFraction());
        assertTrue(bad.vpt() < 0.5, "vpt " + bad.vpt());
        assertEquals(0.0, r.schemes().get("none").unstableFraction());
    }

    /** A network whose weights are NaN: the coarse model is NaN from its first step. */
    private static final Parameterization NAN = (x, members, k, out) -> Arrays.fill(out, 0, members * k, Double.NaN);

    /**
     * X³ for the first member of a batch of {@code all} members, 0 otherwise: member 0 blows up, and once the coarse
     * model has dropped it from the batch the others run as the plain coarse model.
     */
    private static Parameterization firstMemberExplodes(int all) {
        return (x, members, k, out) -> {
            Arrays.fill(out, 0, members * k, 0.0);
            for (int i = 0; members == all && i < k; i++) {
                out[i] = x[i] * x[i] * x[i];
            }
        };
    }

    private static OnlineEvaluation.Truth truth(int samples, boolean withY) {
        TwoScaleIntegrator world = new TwoScaleIntegrator(L96Params.DEFAULT, 0.001);
        TwoScaleTrajectory tr = world.run(TwoScaleL96.seededInitialState(L96Params.DEFAULT, 2), 0, 0.01, samples,
                withY, null);
        return new OnlineEvaluation.Truth(L96Params.DEFAULT, 0.001, 0.01, samples + 1, tr.x(), withY ? tr.y() : null);
    }

    @Test
    void anUnstableTrajectoryHasNoErrorNumberButItsTime() {
        OnlineEvaluation.Truth truth = truth(400, true);
        // 3 time units (300 samples) from sample 100 of 401, the coarse model at dt 0.002
        EvaluationSpec.Trajectory t = new EvaluationSpec.Trajectory(List.of("none", "nan", "bad"), 100, 3, 0.002,
                null);
        OnlineEvaluation.TrajectoryResult r = OnlineEvaluation.trajectory(truth, t,
                Map.of("none", Parameterization.NONE, "nan", NAN, "bad", EXPLOSIVE));
        Map<String, Object> nan = r.metrics().get("nan");
        // before: 0.0 (the finite entries were only the shared initial state), the best possible score
        assertNull(nan.get("meanAbsError"));
        assertNull(nan.get("meanAbsErrorFirst2TimeUnits"));
        assertEquals(0.002, (Double) nan.get("unstableAt"), 1e-12, "NaN after the first step of dt 0.002");
        assertEquals(1.0, nan.get("unstableFraction"));
        Map<String, Object> bad = r.metrics().get("bad");
        assertNull(bad.get("meanAbsError"));
        assertNull(bad.get("meanAbsErrorFirst2TimeUnits"));
        double at = (Double) bad.get("unstableAt");
        assertTrue(at > 0.002 && at < 1, "X³ leaves |X| < 1000 within a fraction of a time unit: " + at);

        // the stable run's error is the plain mean of |truth − run| over the 301 samples and the K values
        Map<String, Object> none = r.metrics().get("none");
        assertNull(none.get("unstableAt"));
        assertEquals(0.0, none.get("unstableFraction"));
        double[] run = r.runs().get("none");
        double sum = 0;
        for (int i = 0; i < run.length; i++) {
            sum += Math.abs(run[i] - r.truth()[i]);
        }
        assertEquals(sum / run.length, (Double) none.get("meanAbsError"), 1e-12);
    }

    @Test
    void anEnsembleWithOneBlownUpMemberHasNoSumButItsFractionAndFirstTime() {
        OnlineEvaluation.Truth truth = truth(600, false);
        EvaluationSpec.Ensemble e = new EvaluationSpec.Ensemble(List.of("none", "one-bad"), 4, 0.5, 0, 1, null);
        OnlineEvaluation.EnsembleResult r = OnlineEvaluation.ensemble(truth, e,
                Map.of("none", Parameterization.NONE, "one-bad", firstMemberExplodes(4)));
        Map<String, Object> bad = r.metrics().get("one-bad");
        assertNull(bad.get("sumAbsError"), "a sum over 3 of 4 members is not comparable with a sum over 4");
        assertNull(bad.get("rmseAtEnd"));
        assertEquals(0.25, bad.get("unstableFraction"));
        double at = (Double) bad.get("unstableAt");
        assertTrue(at > 0 && at < 1, "member 0 blows up within the run: " + at);
        // the members still stable at a lead keep the curve: at the last lead the three plain coarse-model runs
        double[] rmseBad = r.rmseByLead().get("one-bad");
        double[] rmseNone = r.rmseByLead().get("none");
        assertTrue(Double.isFinite(rmseBad[rmseBad.length - 1]));

        Map<String, Object> none = r.metrics().get("none");
        assertEquals(0.0, none.get("unstableFraction"));
        assertNull(none.get("unstableAt"));
        assertTrue((Double) none.get("sumAbsError") > 0);
        assertEquals(rmseNone[rmseNone.length - 1], (Double) none.get("rmseAtEnd"), 0.0);
    }

    @Test
    void aForecastSchemeTellsWhenItsFirstMemberBlewUp() {
        OnlineEvaluation.Truth truth = truth(600, false);
        EvaluationSpec.Forecast f = new EvaluationSpec.Forecast(List.of("nan", "one-bad"), 5, 1, 1, 50, false, null);
        ForecastEvaluation.Result r = ForecastEvaluation.run(truth, f, Map.of("nan", NAN, "one-bad",
                firstMemberExplodes(5)), 1, null);
        assertEquals(0.01, r.schemes().get("nan").unstableAt(), 1e-12, "NaN after the first step of 0.01");
        assertEquals(1.0, r.schemes().get("nan").unstableFraction());
        assertEquals(0.01, r.schemes().get("nan").vpt(), 1e-12, "valid at lead 0 (the truth), failed at the first");
        ForecastEvaluation.Scheme oneBad = r.schemes().get("one-bad");
        assertEquals(0.2, oneBad.unstableFraction(), 1e-12);
        assertTrue(oneBad.unstableAt() > 0 && oneBad.unstableAt() < 1, "" + oneBad.unstableAt());
        assertNull(r.schemes().get("none").unstableAt());
        assertFalse(Double.isNaN(oneBad.vpt()));
    }
}

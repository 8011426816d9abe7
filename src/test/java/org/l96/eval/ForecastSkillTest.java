package org.l96.eval;

import org.junit.jupiter.api.Test;
import org.l96.spec.EvaluationSpec;
import org.l96.world.L96Params;
import org.l96.world.Parameterization;
import org.l96.world.TwoScaleIntegrator;
import org.l96.world.TwoScaleL96;
import org.l96.world.TwoScaleState;
import org.l96.world.TwoScaleTrajectory;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForecastSkillTest {

    /** Truth and forecast for ics × leads × k where the forecast error of IC i grows as (i+1)·t·dt. */
    private static ForecastSkill growingError(int ics, int leads, int k, double sigma) {
        double[] truth = new double[ics * leads * k];
        double[] forecast = new double[truth.length];
        Random r = new Random(3);
        for (int ic = 0; ic < ics; ic++) {
            for (int t = 0; t < leads; t++) {
                for (int i = 0; i < k; i++) {
                    int at = (ic * leads + t) * k + i;
                    truth[at] = r.nextGaussian() * sigma;
                    forecast[at] = truth[at] + (ic + 1) * t * 0.1;
                }
            }
        }
        return new ForecastSkill(truth, forecast, ics, leads, k, 0.1, 0, sigma);
    }

    @Test
    void rmseAndVptFollowTheDefinitions() {
        ForecastSkill s = growingError(3, 20, 4, 1.0);
        double[] rmse = s.normalizedRmse(Bootstrap.ones(3));
        assertEquals(0, rmse[0], 1e-12);
        // at lead t the errors are 0.1·t·{1, 2, 3}: RMSE = 0.1·t·sqrt(14/3)
        assertEquals(0.1 * 5 * Math.sqrt(14.0 / 3), rmse[5], 1e-12);
        // per-IC error (ic+1)·0.1·t exceeds 0.5 first at t = 6, 3, 2 (lead = t·dt)
        assertArrayEquals(new double[]{0.6, 0.3, 0.2}, s.validPredictionTimes(), 1e-12);
        assertEquals(0.0, s.unstableFraction());
    }

    @Test
    void perfectForecastHasUnitAnomalyCorrelation() {
        double[] truth = new double[2 * 3 * 4];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = Math.sin(i);
        }
        ForecastSkill s = new ForecastSkill(truth, truth.clone(), 2, 3, 4, 0.1, 0.2, 1);
        for (double a : s.anomalyCorrelation(Bootstrap.ones(2))) {
            assertEquals(1.0, a, 1e-12);
        }
    }

    @Test
    void blownUpMembersAreCountedAndFailAtOnce() {
        double[] truth = new double[2 * 5 * 4];
        double[] forecast = truth.clone();
        for (int t = 2; t < 5; t++) {
            for (int i = 0; i < 4; i++) {
                forecast[(5 + t) * 4 + i] = t == 2 ? 5000 : Double.NaN;
            }
        }
        ForecastSkill s = new ForecastSkill(truth, forecast, 2, 5, 4, 0.5, 0, 1);
        assertEquals(0.5, s.unstableFraction());
        assertEquals(1.0, s.validPredictionTimes()[1], 1e-12);
        assertEquals(2.0, s.validPredictionTimes()[0], 1e-12);  // never fails: censored at the last lead
        assertEquals(0.0, s.normalizedRmse(Bootstrap.ones(2))[3], 1e-12);  // only the stable member counts
    }

    @Test
    void bootstrapIntervalContainsTheEstimateAndShrinksWithMoreData() {
        Random r = new Random(7);
        double[] small = new double[30];
        double[] large = new double[600];
        for (int i = 0; i < large.length; i++) {
            large[i] = 1 + 0.3 * r.nextGaussian();
            if (i < small.length) {
                small[i] = large[i];
            }
        }
        double[] ciSmall = medianInterval(small);
        double[] ciLarge = medianInterval(large);
        double medianSmall = Bootstrap.weightedMedian(small, Bootstrap.ones(small.length));
        double medianLarge = Bootstrap.weightedMedian(large, Bootstrap.ones(large.length));
        assertTrue(ciSmall[0] <= medianSmall && medianSmall <= ciSmall[1]);
        assertTrue(ciLarge[0] <= medianLarge && medianLarge <= ciLarge[1]);
        assertTrue(ciLarge[1] - ciLarge[0] < 0.5 * (ciSmall[1] - ciSmall[0]),
                "interval did not shrink: " + (ciSmall[1] - ciSmall[0]) + " -> " + (ciLarge[1] - ciLarge[0]));
        assertArrayEquals(ciSmall, medianInterval(small), "same seed, same interval");
    }

    private static double[] medianInterval(double[] values) {
        int[][] counts = Bootstrap.resampleCounts(values.length, 500, 42);
        double[] medians = new double[counts.length];
        for (int b = 0; b < counts.length; b++) {
            medians[b] = Bootstrap.weightedMedian(values, counts[b]);
        }
        return Bootstrap.interval(medians);
    }

    @Test
    void weightedMedianMatchesTheMedianOfTheExpandedSample() {
        assertEquals(2.5, Bootstrap.weightedMedian(new double[]{1, 2, 3, 4}, Bootstrap.ones(4)), 1e-12);
        // {1, 1, 1, 4}: median 1
        assertEquals(1, Bootstrap.weightedMedian(new double[]{4, 1}, new int[]{1, 3}), 1e-12);
        assertEquals(3, Bootstrap.weightedMedian(new double[]{1, 2, 3}, new int[]{1, 0, 2}), 1e-12);
    }

    @Test
    void ceilingBeatsNoParameterizationOnValidPredictionTime() {
        L96Params params = L96Params.DEFAULT;
        TwoScaleIntegrator world = new TwoScaleIntegrator(params, 0.001);
        TwoScaleState start = world.run(TwoScaleL96.seededInitialState(params, 5), 0, 0.01, 300, false, null)
                .finalState();
        int samples = 1300;
        TwoScaleTrajectory tr = world.run(start, 0, 0.01, samples, false, null);
        OnlineEvaluation.Truth truth = new OnlineEvaluation.Truth(params, 0.001, 0.01, samples + 1, tr.x(), null);
        EvaluationSpec.Forecast f = new EvaluationSpec.Forecast(List.of("none"), 12, 1.0, 1.0, 200, true, null);
        ForecastEvaluation.Result r = ForecastEvaluation.run(truth, f, Map.of("none", Parameterization.NONE), 9,
                null);
        assertEquals(List.of("none", "ceiling"), List.copyOf(r.schemes().keySet()));
        ForecastEvaluation.Scheme none = r.schemes().get("none");
        ForecastEvaluation.Scheme ceiling = r.schemes().get("ceiling");
        assertTrue(ceiling.vpt() > none.vpt(), "ceiling " + ceiling.vpt() + " vs none " + none.vpt());
        assertTrue(ceiling.vptDiffCi()[0] > 0, "paired difference interval " + ceiling.vptDiffCi()[0]);
        assertTrue(none.vptCi()[0] <= none.vpt() && none.vpt() <= none.vptCi()[1]);
        assertEquals(0.0, none.vptDiff());
        // deterministic for a seed
        ForecastEvaluation.Result again = ForecastEvaluation.run(truth, f, Map.of("none", Parameterization.NONE), 9,
                null);
        assertArrayEquals(ceiling.rmseHigh(), again.schemes().get("ceiling").rmseHigh());
    }
}

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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unstable fraction's interval, time to blow-up and paired differences, against independent computations. */
class StabilityTest {

    /**
     * Newcombe (1998, Stat. Med. 17, 857–872), Table I, method 3 (Wilson score without continuity correction),
     * to the four decimals printed there; 92/100 is the example's stability case, by hand:
     * p = 0.92, z²/n = 0.038415, centre 0.939207/1.038415 = 0.904462, half-width 1.96·0.028845/1.038415 = 0.054443.
     */
    @Test
    void wilsonIntervalMatchesPublishedValues() {
        assertInterval(0.2553, 0.3662, Stability.wilson95(81, 263));
        assertInterval(0.0624, 0.1605, Stability.wilson95(15, 148));
        assertInterval(0.0000, 0.1611, Stability.wilson95(0, 20));
        assertInterval(0.0061, 0.1718, Stability.wilson95(1, 29));
        assertInterval(0.8500, 0.9589, Stability.wilson95(92, 100));
        // the ends are exact at 0 and n, and the interval is symmetric under x -> n − x
        assertEquals(0.0, Stability.wilson95(0, 20)[0]);
        assertEquals(1.0, Stability.wilson95(20, 20)[1]);
        double[] a = Stability.wilson95(8, 100);
        double[] b = Stability.wilson95(92, 100);
        assertEquals(1 - b[1], a[0], 1e-12);
        assertEquals(1 - b[0], a[1], 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Stability.wilson95(5, 4));
        assertThrows(IllegalArgumentException.class, () -> Stability.wilson95(0, 0));
    }

    private static void assertInterval(double low, double high, double[] ci) {
        assertEquals(low, ci[0], 0.5e-4, "low " + Arrays.toString(ci));
        assertEquals(high, ci[1], 0.5e-4, "high " + Arrays.toString(ci));
    }

    /**
     * Eight runs, by hand: blow-ups at 1, 2, 3; censorings at 1.5 (three runs) and 10 (two). S(1) = 7/8; four at
     * risk at 2 (one blew up at 1, three censored at 1.5): S(2) = 7/8 · 3/4 = 0.65625; three at risk at 3:
     * S(3) = 0.65625 · 2/3 = 0.4375 — the median is 3, although only 3 of the 8 runs blew up (a count ignoring the censoring never reaches half).
     */
    @Test
    void kaplanMeierMedianOnHandMadeRunsWithCensoring() {
        double[] time = {1, 1.5, 1.5, 1.5, 2, 3, 10, 10};
        boolean[] blewUp = {true, false, false, false, true, true, false, false};
        Stability.Survival s = Stability.kaplanMeier(time, blewUp);
        assertArrayEquals(new double[]{1, 2, 3}, s.eventTimes());
        assertArrayEquals(new double[]{0.875, 0.65625, 0.4375}, s.survival(), 1e-12);
        assertEquals(3.0, s.median());
        // shuffled input, same answer
        assertEquals(3.0, Stability.kaplanMeierMedian(new double[]{10, 3, 1.5, 2, 1.5, 10, 1, 1.5},
                new boolean[]{false, true, false, true, false, false, true, false}));
        // the censorings moved to the end: S(3) = 5/8 > 1/2, not reached
        assertTrue(Double.isNaN(Stability.kaplanMeierMedian(new double[]{1, 10, 10, 10, 2, 3, 10, 10}, blewUp)));
        // without censoring, the first time at which half the runs have blown up: S(2) = 2/4
        assertEquals(2.0, Stability.kaplanMeierMedian(new double[]{4, 1, 3, 2}, new boolean[]{true, true, true, true}));
        // a blow-up and a censoring at the same time: the blow-up comes first (2 at risk: S = 1/2)
        assertEquals(5.0, Stability.kaplanMeierMedian(new double[]{5, 5}, new boolean[]{true, false}));
        assertThrows(IllegalArgumentException.class,
                () -> Stability.kaplanMeier(new double[]{1}, new boolean[]{true, false}));
    }

    @Test
    void weightedKaplanMeierIsTheCurveOfTheRepeatedRuns() {
        double[] time = {1, 1.5, 2, 3, 10};
        boolean[] blewUp = {true, false, true, true, false};
        Stability.Survival w = Stability.kaplanMeier(time, blewUp, new int[]{2, 3, 0, 1, 2});
        Stability.Survival expanded = Stability.kaplanMeier(new double[]{1, 1, 1.5, 1.5, 1.5, 3, 10, 10},
                new boolean[]{true, true, false, false, false, true, false, false});
        assertArrayEquals(expanded.eventTimes(), w.eventTimes());
        assertArrayEquals(expanded.survival(), w.survival(), 1e-15);
        // by hand: S(1) = 6/8, S(3) = 6/8 · 2/3 = 1/2: the median is 3
        assertArrayEquals(new double[]{0.75, 0.5}, w.survival(), 1e-15);
        assertEquals(3.0, w.median());
    }

    /**
     * Resamples chosen by hand over runs blowing up at 1, 2, 3 and one stable to 10: all run 0 (median 1), all run 3
     * (never reached: beyond the runs), each once (S(2) = 1/2: 2), runs 1 and 2 twice (2). Sorted 1, 2, 2, +∞: the
     * 2.5% end at position 0.075 is 1.075; the 97.5% end at 2.925 needs the unreached one, so it is unknown.
     */
    @Test
    void medianIntervalOnHandChosenResamples() {
        double[] time = {1, 2, 3, 10};
        boolean[] blewUp = {true, true, true, false};
        double[] ci = Stability.kaplanMeierMedianInterval(time, blewUp,
                new int[][]{{4, 0, 0, 0}, {0, 0, 0, 4}, {1, 1, 1, 1}, {0, 2, 2, 0}});
        assertEquals(1.075, ci[0], 1e-12);
        assertTrue(Double.isNaN(ci[1]), "beyond the runs' length: " + ci[1]);
        // medians 1, 2, 3: positions 0.05 and 1.95
        double[] all = Stability.kaplanMeierMedianInterval(time, blewUp,
                new int[][]{{4, 0, 0, 0}, {1, 1, 1, 1}, {0, 0, 4, 0}});
        assertArrayEquals(new double[]{1.05, 2.95}, all, 1e-12);
    }

    @Test
    void fiveNumbersAreTheLinearInterpolatedQuartiles() {
        // sorted 1, 2, 4, 8, 16 with NaN (stable runs) left out: q1 at position 1, q3 at position 3
        assertArrayEquals(new double[]{1, 2, 4, 8, 16},
                Stability.fiveNumbers(new double[]{8, Double.NaN, 1, 16, 2, 4, Double.NaN}));
        // four values: positions 0.75, 1.5, 2.25 -> 1.75, 2.5, 3.25
        assertArrayEquals(new double[]{1, 1.75, 2.5, 3.25, 4}, Stability.fiveNumbers(new double[]{4, 3, 2, 1}),
                1e-12);
        assertNull(Stability.fiveNumbers(new double[]{Double.NaN}));
    }

    @Test
    void pairedDifferenceOnAConstructedCaseAndItsAntisymmetry() {
        boolean[] a = {true, true, false, false};
        boolean[] b = {true, false, false, false};
        // resamples chosen by hand: all IC 1 (a only: +1), all IC 0 (both: 0), IC 2 and 3 (neither: 0), each once
        int[][] resamples = {{0, 4, 0, 0}, {4, 0, 0, 0}, {0, 0, 2, 2}, {1, 1, 1, 1}};
        double[] d = Stability.pairedFractionDifference(a, b, resamples);
        assertEquals(0.25, d[0], 1e-15);
        // resampled differences 1, 0, 0, 0.25 -> sorted 0, 0, 0.25, 1; quantiles at positions 0.075 and 2.925
        assertEquals(0.0, d[1], 1e-15);
        assertEquals(0.25 + 0.925 * 0.75, d[2], 1e-12);
        double[] reverse = Stability.pairedFractionDifference(b, a, resamples);
        assertEquals(-d[0], reverse[0], 0.0);
        assertEquals(-d[2], reverse[1], 1e-12);
        assertEquals(-d[1], reverse[2], 1e-12);
    }

    /**
     * 200 ICs: 30 unstable for a only, 10 for b only, 20 for both. The difference is 0.1; its normal-approximation
     * interval for paired proportions (Agresti 2013, §10.1.1), SE² = (p10 + p01 − (p10 − p01)²)/n = 0.19/200,
     * is 0.1 ± 1.96·0.0308 = [0.0396, 0.1604]; the bootstrap's must be close.
     */
    @Test
    void pairedBootstrapIntervalAgreesWithTheNormalApproximation() {
        int n = 200;
        boolean[] a = new boolean[n];
        boolean[] b = new boolean[n];
        for (int i = 0; i < 30; i++) {
            a[i] = true;
        }
        for (int i = 30; i < 40; i++) {
            b[i] = true;
        }
        for (int i = 40; i < 60; i++) {
            a[i] = true;
            b[i] = true;
        }
        int[][] resamples = Bootstrap.resampleCounts(n, 4000, 11);
        double[] d = Stability.pairedFractionDifference(a, b, resamples);
        assertEquals(0.1, d[0], 1e-12);
        assertEquals(0.0396, d[1], 0.01);
        assertEquals(0.1604, d[2], 0.01);
        double[] r = Stability.pairedFractionDifference(b, a, resamples);
        assertEquals(-d[1], r[2], 1e-12);
        assertEquals(-d[2], r[1], 1e-12);
        // identical schemes differ by exactly 0 in every resample
        assertArrayEquals(new double[]{0, 0, 0}, Stability.pairedFractionDifference(a, a, resamples), 0.0);
    }

    /** NaN from the first step: every run blows up at dt. */
    private static final Parameterization NAN = (x, members, k, out) -> Arrays.fill(out, 0, members * k, Double.NaN);

    /** X³ for the first run of a batch of {@code all}: it blows up, and the others run as the plain coarse model. */
    private static Parameterization firstRunExplodes(int all) {
        return (x, members, k, out) -> {
            Arrays.fill(out, 0, members * k, 0.0);
            for (int i = 0; members == all && i < k; i++) {
                out[i] = x[i] * x[i] * x[i];
            }
        };
    }

    @Test
    void anEnsembleReportsTheStatisticsOfItsRuns() {
        TwoScaleIntegrator world = new TwoScaleIntegrator(L96Params.DEFAULT, 0.001);
        TwoScaleTrajectory tr = world.run(TwoScaleL96.seededInitialState(L96Params.DEFAULT, 2), 0, 0.01, 600,
                false, null);
        OnlineEvaluation.Truth truth = new OnlineEvaluation.Truth(L96Params.DEFAULT, 0.001, 0.01, 601, tr.x(), null);
        EvaluationSpec.Ensemble e = new EvaluationSpec.Ensemble(List.of("none", "nan", "one"), 5, 0.5, 0, 1, null);
        OnlineEvaluation.EnsembleResult r = OnlineEvaluation.ensemble(truth, e,
                Map.of("none", Parameterization.NONE, "nan", NAN, "one", firstRunExplodes(5)), 3);
        Map<String, Object> nan = r.metrics().get("nan");
        assertArrayEquals(Stability.wilson95(5, 5), (double[]) nan.get("unstableFractionCi"));
        assertEquals(0.01, (Double) nan.get("medianTimeToBlowUp"), 1e-12);
        List<?> medianCi = (List<?>) nan.get("medianTimeToBlowUpCi");
        assertEquals(0.01, (Double) medianCi.get(0), 1e-12);
        assertEquals(0.01, (Double) medianCi.get(1), 1e-12);
        @SuppressWarnings("unchecked")
        Map<String, Object> q = (Map<String, Object>) nan.get("blowUpTimes");
        assertEquals(0.01, (Double) q.get("min"), 1e-12);
        assertEquals(0.01, (Double) q.get("max"), 1e-12);

        Map<String, Object> none = r.metrics().get("none");
        assertArrayEquals(Stability.wilson95(0, 5), (double[]) none.get("unstableFractionCi"));
        assertNull(none.get("medianTimeToBlowUp"));
        assertEquals("no run blew up", none.get("medianTimeToBlowUpNote"));
        assertNull(none.get("medianTimeToBlowUpCi"));
        assertNull(none.get("blowUpTimes"));

        // one run of five blew up: S = 4/5 at the end, no median; its time is the only blow-up time
        Map<String, Object> one = r.metrics().get("one");
        assertNull(one.get("medianTimeToBlowUp"));
        assertEquals("fewer than half the runs blew up in 1 time unit (Kaplan–Meier survival 0.800 at the end)",
                one.get("medianTimeToBlowUpNote"));
        @SuppressWarnings("unchecked")
        Map<String, Object> oneTimes = (Map<String, Object>) one.get("blowUpTimes");
        assertEquals(one.get("unstableAt"), oneTimes.get("min"));
        assertEquals(one.get("unstableAt"), oneTimes.get("q3"));
        // the median is beyond the run in most resamples: the upper end is null
        List<?> oneCi = (List<?>) one.get("medianTimeToBlowUpCi");
        assertNull(oneCi.get(1));

        Map<?, ?> nanMinusNone = (Map<?, ?>) ((Map<?, ?>) nan.get("pairedDifferences")).get("none");
        Map<?, ?> noneMinusNan = (Map<?, ?>) ((Map<?, ?>) none.get("pairedDifferences")).get("nan");
        assertEquals(1.0, nanMinusNone.get("unstableFractionDiff"));
        assertArrayEquals(new double[]{1, 1}, (double[]) nanMinusNone.get("unstableFractionDiffCi"), 0.0);
        assertEquals(-1.0, noneMinusNan.get("unstableFractionDiff"));
        assertArrayEquals(new double[]{-1, -1}, (double[]) noneMinusNan.get("unstableFractionDiffCi"), 0.0);
    }
}

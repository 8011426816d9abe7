package org.l96.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EnsembleSkillTest {

    /** One IC, one lead, one variable: the members and the truth as given. */
    private static EnsembleSkill single(double y, double[] members, EnsembleSkill.Categories c) {
        return new EnsembleSkill(new double[] {y}, members.clone(), 1, members.length, 1, 1, 1.0, new int[] {0},
                c, 1);
    }

    /** CRPS as its definition, ∫ (F_ens(z) − 1{z ≥ y})² dz, by the midpoint rule on a fine grid. */
    private static double crpsByIntegral(double y, double[] x) {
        double lo = Math.min(y, Arrays.stream(x).min().getAsDouble()) - 1;
        double hi = Math.max(y, Arrays.stream(x).max().getAsDouble()) + 1;
        int n = 2_000_000;
        double h = (hi - lo) / n;
        double sum = 0;
        for (int s = 0; s < n; s++) {
            double z = lo + (s + 0.5) * h;
            double f = 0;
            for (double v : x) {
                f += v <= z ? 1 : 0;
            }
            f /= x.length;
            double o = z >= y ? 1 : 0;
            sum += (f - o) * (f - o) * h;
        }
        return sum;
    }

    @Test
    void crpsEqualsItsIntegralDefinitionAndFairCrpsItsPairFormula() {
        double[] x = {1.3, -0.2, 2.7, 0.9, 1.1, 4.0, -1.5};
        double y = 0.4;
        EnsembleSkill s = single(y, x, null);
        int[] one = Bootstrap.ones(1);
        assertEquals(crpsByIntegral(y, x), s.crps(one)[0], 1e-5);
        int m = x.length;
        double abs = 0;
        double pairs = 0;
        for (double a : x) {
            abs += Math.abs(a - y);
            for (double b : x) {
                pairs += Math.abs(a - b);
            }
        }
        assertEquals(abs / m - pairs / (2.0 * m * (m - 1)), s.fairCrps(one)[0], 1e-12);
        // a one-point ensemble (all members equal) scores |x − y| in both forms... the fair form's pair term is 0
        EnsembleSkill point = single(1.0, new double[] {3, 3, 3}, null);
        assertEquals(2.0, point.crps(one)[0], 1e-12);
        assertEquals(2.0, point.fairCrps(one)[0], 1e-12);
    }

    /**
     * A reliable ensemble (truth and members drawn from the same distribution per IC): the corrected spread/error
     * ratio is 1 and the rank histogram flat; the uncorrected ratio would be √(M/(M+1)) ≈ 0.91 for M = 5.
     */
    @Test
    void aReliableEnsembleHasRatioOneAndAFlatRankHistogram() {
        int ics = 4000;
        int m = 5;
        int leads = 2;
        int k = 3;
        SplittableRandom r = new SplittableRandom(9);
        double[] truth = new double[ics * leads * k];
        double[] fc = new double[ics * m * leads * k];
        for (int ic = 0; ic < ics; ic++) {
            for (int t = 0; t < leads; t++) {
                for (int i = 0; i < k; i++) {
                    double mu = 10 * r.nextGaussian();
                    double sd = 0.5 + t;
                    truth[(ic * leads + t) * k + i] = mu + sd * r.nextGaussian();
                    for (int j = 0; j < m; j++) {
                        fc[((ic * m + j) * leads + t) * k + i] = mu + sd * r.nextGaussian();
                    }
                }
            }
        }
        EnsembleSkill s = new EnsembleSkill(truth, fc, ics, m, leads, k, 0.1, new int[] {1}, null, 3);
        int[] one = Bootstrap.ones(ics);
        double[] ratio = s.spreadErrorRatio(one);
        // 12000 cases: the ratio's sampling sd is about 0.01
        assertEquals(1.0, ratio[0], 0.04);
        assertEquals(1.0, ratio[1], 0.04);
        assertEquals(1.5, s.spread(one)[1], 0.04);
        long[] h = s.rankHistogram(0, one);
        assertEquals(m + 1, h.length);
        long total = Arrays.stream(h).sum();
        assertEquals((long) ics * k, total);
        double chi2 = 0;
        double expected = total / (m + 1.0);
        for (long c : h) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        // χ² with 5 degrees of freedom: P(χ² > 20.5) = 0.001
        assertTrue(chi2 < 20.5, "rank histogram not flat: " + Arrays.toString(h));
    }

    /**
     * Lead 0 without perturbation: identical members (their naive mean of three 0.1s is 0.10000000000000002) have
     * spread exactly 0, and a spread/error ratio of 0/0 — or of round-off over round-off — is NaN, not a number.
     */
    @Test
    void identicalMembersHaveNoSpreadAndRoundOffHasNoRatio() {
        int ics = 4;
        int m = 3;
        int leads = 3;
        int k = 2;
        double[] truth = new double[ics * leads * k];
        double[] fc = new double[ics * m * leads * k];
        SplittableRandom r = new SplittableRandom(4);
        for (int ic = 0; ic < ics; ic++) {
            for (int i = 0; i < k; i++) {
                double y0 = 0.1 * (1 + ic + i);
                truth[(ic * leads) * k + i] = y0;
                truth[(ic * leads + 1) * k + i] = y0;
                truth[(ic * leads + 2) * k + i] = y0 + 1;
                for (int j = 0; j < m; j++) {
                    fc[((ic * m + j) * leads) * k + i] = y0;                        // lead 0: the truth itself
                    fc[((ic * m + j) * leads + 1) * k + i] = y0 + 1e-15 * (j - 1);   // round-off apart
                    fc[((ic * m + j) * leads + 2) * k + i] = y0 + 1 + r.nextGaussian();
                }
            }
        }
        assertTrue((0.1 + 0.1 + 0.1) / 3 != 0.1); // the round-off a naive mean would turn into spread
        EnsembleSkill s = new EnsembleSkill(truth, fc, ics, m, leads, k, 0.1, new int[] {1}, null, 3);
        int[] one = Bootstrap.ones(ics);
        assertEquals(0.0, s.spread(one)[0]);
        assertEquals(0.0, s.ensembleMeanRmse(one)[0]);
        double[] ratio = s.spreadErrorRatio(one);
        assertTrue(Double.isNaN(ratio[0]), "0/0 at lead 0: " + ratio[0]);
        assertTrue(s.spread(one)[1] > 0 && s.ensembleMeanRmse(one)[1] <= EnsembleSkill.RATIO_MIN_ERROR);
        assertTrue(Double.isNaN(ratio[1]), "round-off over round-off: " + ratio[1]);
        assertTrue(Double.isFinite(ratio[2]) && ratio[2] > 0, "a real error has a ratio: " + ratio[2]);
    }

    @Test
    void tiesAreSpreadUniformlyOverTheTiedRanks() {
        int ics = 3000;
        int m = 3;
        double[] truth = new double[ics];
        double[] fc = new double[ics * m];
        Arrays.fill(truth, 2.0);
        for (int ic = 0; ic < ics; ic++) {
            fc[ic * m] = 1.0;      // one member below the truth
            fc[ic * m + 1] = 2.0;  // two members equal to it
            fc[ic * m + 2] = 2.0;
        }
        EnsembleSkill s = new EnsembleSkill(truth, fc, ics, m, 1, 1, 1.0, new int[] {0}, null, 5);
        long[] h = s.rankHistogram(0, Bootstrap.ones(ics));
        assertEquals(0, h[0]);
        // ranks 1, 2, 3 equally likely: 1000 ± 26 each
        for (int q = 1; q <= 3; q++) {
            assertEquals(1000, h[q], 120, Arrays.toString(h));
        }
    }

    @Test
    void rpsAndIgnoranceMatchAHandComputation() {
        // categories (−inf, 0), [0, 1), [1, inf) with climatological probabilities 0.2, 0.5, 0.3
        EnsembleSkill.Categories c = new EnsembleSkill.Categories(new double[] {0, 1}, new double[] {0.2, 0.5, 0.3},
                0.5);
        double[] x = {-1, 0.5, 0.7, 2.0}; // member fractions 0.25, 0.5, 0.25
        EnsembleSkill s = single(0.2, x, c); // truth in the middle category
        int[] one = Bootstrap.ones(1);
        // cumulative forecast 0.25, 0.75; observed 0, 1
        double rps = 0.25 * 0.25 + 0.25 * 0.25;
        double rpsClim = 0.2 * 0.2 + 0.3 * 0.3;
        assertEquals(rps, s.rps(one)[0], 1e-15);
        assertEquals(1 - rps / rpsClim, s.rpss(one)[0], 1e-12);
        // p = (2 + 0.5)/(4 + 1.5)
        double ign = -Math.log(2.5 / 5.5) / Math.log(2);
        assertEquals(ign, s.ignorance(one)[0], 1e-12);
        assertEquals(1 - ign / (-Math.log(0.5) / Math.log(2)), s.ignoranceSkillScore(one)[0], 1e-12);
        // α = 0 and no member in the observed category: infinitely ignorant, not silently dropped
        EnsembleSkill.Categories c0 = new EnsembleSkill.Categories(new double[] {0, 1}, new double[] {0.2, 0.5, 0.3},
                0);
        assertEquals(Double.POSITIVE_INFINITY, single(5.0, new double[] {-1, 0.5}, c0).ignorance(one)[0]);
        // quantile categories of a climate sample: equally likely
        EnsembleSkill.Categories q = EnsembleSkill.Categories.quantiles(new double[] {1, 2, 3, 4, 5}, 2, 0);
        assertArrayEquals(new double[] {3}, q.edges(), 0);
        assertArrayEquals(new double[] {0.5, 0.5}, q.probabilities(), 0);
        assertThrows(IllegalStateException.class, () -> single(0, new double[] {1, 2}, null).rps(one));
    }

    @Test
    void bootstrapCountsWeighICsLikeRepeatingThem() {
        SplittableRandom r = new SplittableRandom(4);
        int m = 4;
        int leads = 3;
        int k = 2;
        double[] truth = new double[2 * leads * k];
        double[] fc = new double[2 * m * leads * k];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = r.nextGaussian();
        }
        for (int i = 0; i < fc.length; i++) {
            fc[i] = r.nextGaussian();
        }
        EnsembleSkill two = new EnsembleSkill(truth, fc, 2, m, leads, k, 1, new int[] {2}, null, 1);
        // IC 0 once and IC 1 three times, written out
        double[] truth4 = new double[4 * leads * k];
        double[] fc4 = new double[4 * m * leads * k];
        int[] which = {0, 1, 1, 1};
        for (int a = 0; a < 4; a++) {
            System.arraycopy(truth, which[a] * leads * k, truth4, a * leads * k, leads * k);
            System.arraycopy(fc, which[a] * m * leads * k, fc4, a * m * leads * k, m * leads * k);
        }
        EnsembleSkill four = new EnsembleSkill(truth4, fc4, 4, m, leads, k, 1, new int[] {2}, null, 1);
        int[] counts = {1, 3};
        int[] ones = Bootstrap.ones(4);
        assertArrayEquals(four.ensembleMeanRmse(ones), two.ensembleMeanRmse(counts), 1e-12);
        assertArrayEquals(four.spread(ones), two.spread(counts), 1e-12);
        assertArrayEquals(four.crps(ones), two.crps(counts), 1e-12);
        assertArrayEquals(four.rankHistogram(0, ones), two.rankHistogram(0, counts));
    }

    @Test
    void aBlownUpMemberDropsItsICFromThatLeadOn() {
        int m = 3;
        int leads = 2;
        double[] truth = {0, 0, 1, 1};            // [ic][lead], k = 1
        double[] fc = {0, 0, 1, 1, 2, 2,          // IC 0, members 0..2, leads 0..1
                1, Double.NaN, 1, 2, 1, 3};       // IC 1: member 0 blows up at lead 1
        EnsembleSkill s = new EnsembleSkill(truth, fc, 2, m, leads, 1, 1, new int[] {1}, null, 1);
        assertEquals(0.5, s.unstableFraction());
        int[] one = Bootstrap.ones(2);
        double[] rmse = s.ensembleMeanRmse(one);
        // lead 0: means 1 and 1 against truths 0 and 1; lead 1: IC 0 only, mean 1 against 0
        assertEquals(Math.sqrt((1 + 0) / 2.0), rmse[0], 1e-15);
        assertEquals(1.0, rmse[1], 1e-15);
        assertEquals(1, Arrays.stream(s.rankHistogram(0, one)).sum());
    }
}

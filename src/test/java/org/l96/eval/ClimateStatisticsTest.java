package org.l96.eval;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClimateStatisticsTest {

    @Test
    void hellingerIsZeroForIdenticalAndOneForDisjointHistograms() {
        double[] p = {0.1, 0.4, 0.5, 0};
        assertEquals(0, ClimateStatistics.hellinger(p, p.clone()), 1e-7);
        assertEquals(1, ClimateStatistics.hellinger(new double[]{0.5, 0.5, 0, 0}, new double[]{0, 0, 0.3, 0.7}),
                1e-12);
        // H, not H²: two one-bin-apart halves share one bin of mass 0.5, H² = 1 − 0.5
        double h = ClimateStatistics.hellinger(new double[]{0.5, 0.5, 0}, new double[]{0, 0.5, 0.5});
        assertEquals(Math.sqrt(0.5), h, 1e-12);
    }

    @Test
    void wassersteinOfShiftedSampleIsTheShift() {
        Random r = new Random(1);
        double[] a = new double[1000];
        double[] b = new double[1000];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextGaussian() * 3;
            b[i] = a[i] + 1.25;
        }
        assertEquals(1.25, ClimateStatistics.wasserstein1(a, b), 1e-9);
        assertEquals(0, ClimateStatistics.wasserstein1(a, a.clone()), 1e-12);
    }

    @Test
    void wassersteinWithUnequalSizes() {
        // {0} against {0, 2}: half the mass moves by 2
        assertEquals(1.0, ClimateStatistics.wasserstein1(new double[]{0}, new double[]{0, 2}), 1e-12);
    }

    @Test
    void histogramIsAProbabilityAndDropsValuesOutside() {
        double[] p = ClimateStatistics.histogram(new double[]{-20, 0.1, 0.2, 0.7, 30}, 0, 0.5, 2);
        assertEquals(2.0 / 3, p[0], 1e-12);
        assertEquals(1.0 / 3, p[1], 1e-12);
    }

    @Test
    void autocorrelationIsOneAtLagZeroAndFollowsACosine() {
        int rows = 20000;
        int k = 2;
        double dt = 0.01;
        double[] x = new double[rows * k];
        for (int r = 0; r < rows; r++) {
            x[r * k] = Math.cos(2 * Math.PI * r * dt);
            x[r * k + 1] = 5 + 2 * Math.sin(2 * Math.PI * r * dt);
        }
        double[] acf = ClimateStatistics.autocorrelation(x, rows, k, 100);
        assertEquals(1.0, acf[0], 1e-12);
        assertEquals(-1.0, acf[50], 0.01);  // half a period
        assertEquals(0.0, acf[25], 0.01);
        assertThrows(IllegalArgumentException.class, () -> ClimateStatistics.autocorrelation(x, 10, k, 10));
    }

    @Test
    void meanAndVariance() {
        assertEquals(2, ClimateStatistics.mean(new double[]{1, 2, 3}), 1e-12);
        assertEquals(2.0 / 3, ClimateStatistics.variance(new double[]{1, 2, 3}), 1e-12);
        assertTrue(ClimateStatistics.variance(new double[]{4, 4}) == 0);
    }

    @Test
    void spatialCorrelationIsOneAtZeroAndMinusOneForAlternatingSigns() {
        int rows = 500;
        int k = 4;
        Random r = new Random(2);
        double[] x = new double[rows * k];
        for (int row = 0; row < rows; row++) {
            double a = r.nextGaussian();
            for (int i = 0; i < k; i++) {
                x[row * k + i] = (i % 2 == 0 ? a : -a);
            }
        }
        double[] c = ClimateStatistics.spatialCorrelation(x, rows, k);
        assertEquals(3, c.length);
        assertEquals(1, c[0], 1e-9);
        assertEquals(-1, c[1], 0.02);
        assertEquals(1, c[2], 1e-9);
    }
}

package org.l96.eval;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MSE and R² against numbers worked out by hand, and the properties that define R². */
class OfflineScoresTest {
    @Test
    void byHand() {
        // 3 rows × K=2: U column 0 = 1, 2, 3 (mean 2), column 1 = 10, 10, 13 (mean 11); pooled mean 6.5
        double[] u = {1, 10, 2, 10, 3, 13};
        double[] p = {1, 11, 2, 9, 4, 13};
        OfflineScores s = OfflineScores.of(p, u, 2);
        // errors: k0 0, 0, 1 → SSE 1; k1 1, -1, 0 → SSE 2
        assertArrayEquals(new double[]{1 / 3.0, 2 / 3.0}, s.msePerK(), 1e-15);
        assertEquals(3 / 6.0, s.mse(), 1e-15);
        // SST k0 = 1 + 0 + 1 = 2; k1 = 1 + 1 + 4 = 6
        assertArrayEquals(new double[]{1 - 1 / 2.0, 1 - 2 / 6.0}, s.r2PerK(), 1e-15);
        // pooled SST = 5.5² + 3.5² + 4.5² + 3.5² + 3.5² + 6.5² = 30.25+12.25+20.25+12.25+12.25+42.25 = 129.5
        assertEquals(1 - 3 / 129.5, s.r2(), 1e-15);
    }

    @Test
    void perfectIsOneAndTheMeanIsZero() {
        double[] u = {1, 5, -2, 7, 4, 6, 0.5, 8};
        OfflineScores perfect = OfflineScores.of(u.clone(), u, 2);
        assertEquals(1.0, perfect.r2());
        assertEquals(0.0, perfect.mse());
        // predicting each k's own mean scores R² = 0 per k; the pooled R² is higher because the means differ by k
        double[] mean = {(1 - 2 + 4 + 0.5) / 4, (5 + 7 + 6 + 8) / 4.0};
        double[] p = new double[u.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = mean[i % 2];
        }
        OfflineScores m = OfflineScores.of(p, u, 2);
        assertArrayEquals(new double[]{0, 0}, m.r2PerK(), 1e-15);
        assertTrue(m.r2() > 0.5, "pooled " + m.r2());
    }

    @Test
    void constantTruthHasNoR2AndShapesMustAgree() {
        OfflineScores s = OfflineScores.of(new double[]{1, 2}, new double[]{3, 3}, 1);
        assertTrue(Double.isNaN(s.r2()));
        assertEquals(2.5, s.mse());
        assertThrows(IllegalArgumentException.class, () -> OfflineScores.of(new double[3], new double[4], 2));
        assertThrows(IllegalArgumentException.class, () -> OfflineScores.of(new double[3], new double[3], 2));
        assertThrows(IllegalArgumentException.class, () -> OfflineScores.of(new double[0], new double[0], 2));
    }

    @Test
    void aParameterizationOnRowsOfTheArraysScoresAsTheCopiedSegment() {
        int k = 3;
        int rows = 10_000; // more than one block
        java.util.SplittableRandom r = new java.util.SplittableRandom(4);
        double[] x = new double[rows * k];
        double[] u = new double[rows * k];
        for (int i = 0; i < x.length; i++) {
            x[i] = 3 + 5 * r.nextGaussian();
            u[i] = -0.8 * x[i] - 0.5 + (1 + i % k) * r.nextGaussian();
        }
        org.l96.world.PolynomialParameterization p = new org.l96.world.PolynomialParameterization(0.01, -0.8, -0.5);
        int from = 1234;
        int to = 9_001;
        double[] xs = java.util.Arrays.copyOfRange(x, from * k, to * k);
        double[] predicted = new double[xs.length];
        p.subgridTendency(xs, to - from, k, predicted);
        OfflineScores copied = OfflineScores.of(predicted, java.util.Arrays.copyOfRange(u, from * k, to * k), k);
        OfflineScores inPlace = OfflineScores.of(p, x, u, from, to, k);
        assertEquals(copied.mse(), inPlace.mse(), 0.0);
        assertEquals(copied.r2(), inPlace.r2(), 0.0);
        assertArrayEquals(copied.msePerK(), inPlace.msePerK(), 0.0);
        assertArrayEquals(copied.r2PerK(), inPlace.r2PerK(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> OfflineScores.of(p, x, u, 5, 5, k));
        assertThrows(IllegalArgumentException.class, () -> OfflineScores.of(p, x, u, 0, rows + 1, k));
    }
}

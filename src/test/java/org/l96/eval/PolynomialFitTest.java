package org.l96.eval;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The streaming least-squares fit against the in-memory Householder QR it replaced, and against polynomials it must
 * recover exactly.
 */
class PolynomialFitTest {

    /** X like the L96 world's (mean ~3.5, sd ~5) and a coupling term like the paper's cubic plus noise. */
    private static double[][] data(int n, long seed, double noise) {
        Random r = new Random(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 3.5 + 5 * r.nextGaussian();
            y[i] = -0.341 - 1.30 * x[i] + 0.0136 * x[i] * x[i] + 0.00235 * x[i] * x[i] * x[i]
                    + noise * r.nextGaussian();
        }
        return new double[][]{x, y};
    }

    @Test
    void equalsTheInMemoryFitForEveryDegree() {
        double[][] d = data(200_000, 1, 2.0);
        for (int degree = 1; degree <= 5; degree++) {
            double[] streamed = PolynomialFit.fit(d[0], d[1], degree);
            double[] inMemory = InMemoryPolynomialFit.fit(d[0], d[1], degree);
            // the same polynomial to round-off, over the X the world visits (the coupling term is O(10) there)
            for (double v = -15; v <= 25; v += 0.25) {
                assertEquals(horner(inMemory, v), horner(streamed, v), 1e-9, "degree " + degree + " at x = " + v);
            }
        }
    }

    private static double horner(double[] c, double v) {
        double acc = 0;
        for (double q : c) {
            acc = acc * v + q;
        }
        return acc;
    }

    @Test
    void recoversAnExactPolynomialOfDegreeFive() {
        double[] c = {1e-4, -2e-3, 0.0136, 0.3, -1.3, -0.341}; // highest power first
        Random r = new Random(5);
        int n = 50_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 3.5 + 5 * r.nextGaussian();
            for (double q : c) {
                y[i] = y[i] * x[i] + q;
            }
        }
        double[] fit = PolynomialFit.fit(x, y, 5);
        for (int i = 0; i < c.length; i++) {
            assertEquals(c[i], fit[i], 1e-10 * Math.max(1, Math.abs(c[i])), "coefficient " + i);
        }
    }

    @Test
    void theFirstNPairsAndAnySplitGiveTheSameFit() {
        double[][] d = data(30_001, 2, 1.0);
        int n = 20_000;
        double[] first = PolynomialFit.fit(d[0], d[1], n, 3);
        double[] copied = PolynomialFit.fit(java.util.Arrays.copyOf(d[0], n), java.util.Arrays.copyOf(d[1], n), 3);
        double scale = 0;
        for (int i = 0; i < n; i++) {
            scale = Math.max(scale, Math.abs(d[0][i]));
        }
        PolynomialFit.Accumulator acc = new PolynomialFit.Accumulator(3, scale);
        acc.add(d[0], d[1], 0, 7);
        acc.add(d[0], d[1], 7, 12_345);
        acc.add(d[0], d[1], 12_345, n);
        double[] split = acc.coefficients();
        for (int i = 0; i < 4; i++) {
            assertEquals(copied[i], first[i], 0.0);
            assertEquals(copied[i], split[i], 1e-13 * Math.max(1, Math.abs(copied[i])));
        }
        assertEquals(n, acc.count());
    }

    @Test
    void refusesDataThatDoNotDetermineThePolynomial() {
        double[] x = {1, 2, 1, 2, 1, 2};
        double[] y = {0, 1, 0, 1, 0, 1};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PolynomialFit.fit(x, y, 3));
        assertTrue(e.getMessage().contains("do not determine"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PolynomialFit.fit(new double[]{1, 2}, new double[]{1, 2},
                3));
        // two distinct values determine a line exactly
        double[] line = PolynomialFit.fit(x, y, 1);
        assertEquals(1.0, line[0], 1e-12);
        assertEquals(-1.0, line[1], 1e-12);
    }
}

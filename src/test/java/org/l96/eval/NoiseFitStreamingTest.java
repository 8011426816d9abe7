package org.l96.eval;

import org.junit.jupiter.api.Test;
import org.l96.world.PolynomialParameterization;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The streaming noise fits (residuals recomputed a block of rows at a time on each pass) give what the in-memory fit
 * they replaced gave on the same residuals, for every form and any block size.
 */
class NoiseFitStreamingTest {
    private static final int K = 8;
    private static final int ROWS = 20_011;
    private static final double DELTA = 0.005;
    /** The paper's cubic as P (our sign: −U), highest power first. */
    private static final double[] CUBIC = {-0.00235, 0.0136, -1.30, -0.341};

    /** X slowly varying over −8..12, and a target P(X) + a state-dependent AR(1) residual. */
    private static double[][] data() {
        SplittableRandom rnd = new SplittableRandom(13);
        double[] x = new double[ROWS * K];
        double[] target = new double[ROWS * K];
        double[] e = new double[K];
        for (int n = 0; n < ROWS; n++) {
            for (int i = 0; i < K; i++) {
                double v = 2 + 10 * Math.sin(0.003 * n + i) + 0.3 * rnd.nextGaussian();
                x[n * K + i] = v;
                e[i] = 0.98 * e[i] + Math.sqrt(1 - 0.98 * 0.98) * rnd.nextGaussian();
                double p = ((CUBIC[0] * v + CUBIC[1]) * v + CUBIC[2]) * v + CUBIC[3];
                target[n * K + i] = p + (1.4 + 0.1 * Math.abs(v)) * e[i] + 0.1 * Math.abs(p) * rnd.nextGaussian();
            }
        }
        return new double[][]{x, target};
    }

    @Test
    void everyFormEqualsTheInMemoryFitWhateverTheBlockSize() {
        double[][] d = data();
        double[] x = d[0];
        double[] r = NoiseFit.residuals(x, d[1], CUBIC);
        double[] p = NoiseFit.evaluate(x, x.length, CUBIC);
        InMemoryNoiseFit[] reference = {
                InMemoryNoiseFit.additive(r, ROWS, K, DELTA),
                InMemoryNoiseFit.stateDependent(x, r, ROWS, K, DELTA, 1.0),
                InMemoryNoiseFit.multiplicative(p, r, ROWS, K, DELTA, 1.0),
                InMemoryNoiseFit.multiplicativeAdditive(p, r, ROWS, K, DELTA, 1.0)};
        PolynomialParameterization cubic = new PolynomialParameterization(CUBIC);
        for (int block : new int[]{1, 7, 1000, ROWS, 10 * ROWS}) {
            NoiseFit.Residuals streamed = NoiseFit.Residuals.of(cubic, x, d[1], ROWS, K, block);
            NoiseFit[] fits = {
                    NoiseFit.additive(streamed, DELTA),
                    NoiseFit.stateDependent(streamed, DELTA, 1.0),
                    NoiseFit.multiplicative(streamed, DELTA, 1.0),
                    NoiseFit.multiplicativeAdditive(streamed, DELTA, 1.0)};
            for (int f = 0; f < fits.length; f++) {
                String what = fits[f].form() + " in blocks of " + block;
                assertEquals(reference[f].form(), fits[f].form(), what);
                // the same sums in the same order: equal to round-off of the residuals (P computed the same way)
                assertEquals(reference[f].phi(), fits[f].phi(), 1e-12, what + ": phi");
                assertArrayEquals(reference[f].sigmas(), fits[f].sigmas(), 1e-12, what + ": sigmas");
                assertEquals(reference[f].samples(), fits[f].samples(), what);
            }
        }
        // the array entry points (one block) too
        assertEquals(reference[0].phi(), NoiseFit.additive(r, ROWS, K, DELTA).phi(), 1e-15);
        assertArrayEquals(reference[1].sigmas(), NoiseFit.stateDependent(x, r, ROWS, K, DELTA, 1.0).sigmas(), 1e-15);
        assertEquals(reference[3].phi(), NoiseFit.multiplicativeAdditive(p, r, ROWS, K, DELTA, 1.0).phi(), 1e-15);
    }

    @Test
    void aBlockSourceUsesOnlyTheRowsAskedFor() {
        double[][] d = data();
        int rows = 5_000;
        double[] r = NoiseFit.residuals(d[0], d[1], CUBIC);
        InMemoryNoiseFit reference = InMemoryNoiseFit.additive(java.util.Arrays.copyOf(r, rows * K), rows, K, DELTA);
        NoiseFit streamed = NoiseFit.additive(NoiseFit.Residuals.of(new PolynomialParameterization(CUBIC), d[0], d[1],
                rows, K, 333), DELTA);
        assertEquals(reference.phi(), streamed.phi(), 1e-12);
        assertEquals(reference.sigmas()[0], streamed.sigmas()[0], 1e-12);
        assertEquals((long) rows * K, streamed.samples());
    }

    @Test
    void residualsFromALaterRowAreThoseOfTheRowsFromThere() {
        double[][] d = data();
        int first = 3;
        int rows = ROWS - first;
        double[] x = java.util.Arrays.copyOfRange(d[0], first * K, ROWS * K);
        double[] target = java.util.Arrays.copyOfRange(d[1], first * K, ROWS * K);
        PolynomialParameterization cubic = new PolynomialParameterization(CUBIC);
        NoiseFit later = NoiseFit.additive(NoiseFit.Residuals.of(cubic, d[0], d[1], first, rows, K, 7), DELTA);
        NoiseFit copied = NoiseFit.additive(NoiseFit.Residuals.of(cubic, x, target, rows, K, 7), DELTA);
        NoiseFit all = NoiseFit.additive(NoiseFit.Residuals.of(cubic, d[0], d[1], ROWS, K, 7), DELTA);
        assertEquals(copied.phi(), later.phi(), 0.0);
        assertArrayEquals(copied.sigmas(), later.sigmas(), 0.0);
        assertEquals(copied.samples(), later.samples());
        org.junit.jupiter.api.Assertions.assertNotEquals(all.sigmas()[0], later.sigmas()[0],
                "the first rows are left out");
    }
}

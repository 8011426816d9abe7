package org.l96.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.l96.world.PolynomialParameterization;
import org.l96.world.StochasticParameterization;
import org.l96.world.StochasticParameterization.Form;

/** The fits recover the parameters of synthetic residuals made by the very processes the schemes assume. */
class NoiseFitTest {

    private static final int K = 4;
    private static final int ROWS = 50_000;

    /** Unit AR(1) series per k, [n][k], started stationary. */
    private static double[] ar1(double phi, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] e = new double[ROWS * K];
        double innovation = Math.sqrt(1 - phi * phi);
        for (int i = 0; i < K; i++) {
            e[i] = r.nextGaussian();
        }
        for (int n = 1; n < ROWS; n++) {
            for (int i = 0; i < K; i++) {
                e[n * K + i] = phi * e[(n - 1) * K + i] + innovation * r.nextGaussian();
            }
        }
        return e;
    }

    /** A slowly varying "state" spanning about −8..12. */
    private static double[] states() {
        double[] x = new double[ROWS * K];
        for (int n = 0; n < ROWS; n++) {
            for (int i = 0; i < K; i++) {
                x[n * K + i] = 2 + 10 * Math.sin(0.002 * n + i);
            }
        }
        return x;
    }

    @Test
    void additiveRecoversSigmaAndPhi() {
        double[] e = ar1(0.9, 1);
        for (int i = 0; i < e.length; i++) {
            e[i] *= 2.0;
        }
        NoiseFit f = NoiseFit.additive(e, ROWS, K, 0.005);
        assertEquals(Form.ADDITIVE, f.form());
        // sd of φ̂ ≈ sqrt((1−φ²)/N) ≈ 0.001; of σ̂ ≈ σ sqrt((1+φ²)/(2N(1−φ²))) ≈ 0.01
        assertEquals(0.9, f.phi(), 0.005);
        assertEquals(2.0, f.sigmas()[0], 0.05);
        assertEquals(0.9 * 0.9, f.phiAt(0.01), 0.01);
        assertEquals(f.phi(), f.parameters().get("phi"));
        assertEquals(f.sigmas()[0], f.parameters().get("sigma"));
    }

    @Test
    void lagOneAutocorrelationMatchesADirectComputation() {
        double[] r = {1, 2, 3, 4, -1, 0.5, 2, -3};
        // rows 4 of k 2: pairs (n, n+1) at the same k
        double mean = (1 + 2 + 3 + 4 - 1 + 0.5 + 2 - 3) / 8.0;
        double num = 0;
        double den = 0;
        for (int i = 0; i < 8; i++) {
            den += (r[i] - mean) * (r[i] - mean);
        }
        for (int n = 0; n < 3; n++) {
            for (int k = 0; k < 2; k++) {
                num += (r[n * 2 + k] - mean) * (r[(n + 1) * 2 + k] - mean);
            }
        }
        assertEquals(num / den, NoiseFit.lagOneAutocorrelation(r, 4, 2), 1e-15);
    }

    @Test
    void stateDependentRecoversSigma0Sigma1() {
        double[] x = states();
        double[] e = ar1(0.95, 2);
        for (int i = 0; i < e.length; i++) {
            e[i] *= 1.5 + 0.1 * Math.abs(x[i]);
        }
        NoiseFit f = NoiseFit.stateDependent(x, e, ROWS, K, 0.005, NoiseFit.DEFAULT_BIN_WIDTH);
        assertEquals(1.5, f.sigmas()[0], 0.08);
        assertEquals(0.1, f.sigmas()[1], 0.015);
        assertEquals(0.95, f.phi(), 0.005);
    }

    @Test
    void multiplicativeFormsRecoverTheirSigmas() {
        double[] x = states();
        double[] coef = {0.00235, 0.0136, -1.30, -0.341};
        double[] p = NoiseFit.evaluate(x, x.length, coef);
        double[] e = ar1(0.9, 3);
        double[] rm = new double[e.length];
        double[] rma = new double[e.length];
        for (int i = 0; i < e.length; i++) {
            rm[i] = 0.4 * p[i] * e[i];
            rma[i] = e[i] * (0.1 * Math.abs(p[i]) + 1.4);
        }
        NoiseFit m = NoiseFit.multiplicative(p, rm, ROWS, K, 0.005, NoiseFit.DEFAULT_BIN_WIDTH);
        assertEquals(0.4, m.sigmas()[0], 0.02);
        assertEquals(0.9, m.phi(), 0.01);
        NoiseFit ma = NoiseFit.multiplicativeAdditive(p, rma, ROWS, K, 0.005, NoiseFit.DEFAULT_BIN_WIDTH);
        assertEquals(0.1, ma.parameters().get("sigmaM"), 0.01);
        assertEquals(1.4, ma.parameters().get("sigmaA"), 0.08);
        assertEquals(0.9, ma.phi(), 0.01);
        StochasticParameterization s = ma.toParameterization(new PolynomialParameterization(coef), 3);
        assertEquals(Form.MULTIPLICATIVE_ADDITIVE, s.form());
        assertEquals(ma.phi(), s.phi());
        assertEquals(0.0, s.white().phi());
    }

    @Test
    void residualsSubtractThePolynomial() {
        double[] r = NoiseFit.residuals(new double[] {1, 2, 3}, new double[] {5, 6}, new double[] {2, 1});
        assertEquals(5 - 3, r[0], 0);
        assertEquals(6 - 5, r[1], 0);
        assertThrows(IllegalArgumentException.class, () -> NoiseFit.additive(new double[3], 2, 2, 0.005));
        assertThrows(IllegalArgumentException.class, () -> NoiseFit.stateDependent(new double[200], new double[200],
                100, 2, 0.005, 1.0));
    }
}

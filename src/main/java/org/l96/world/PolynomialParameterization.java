package org.l96.world;

import java.util.Arrays;

/**
 * Pointwise polynomial closure P(X_k) = c0*X_k^(n-1) + ... + c_(n-1), coefficients highest power first as in
 * {@code numpy.polyval}, evaluated with the same Horner recurrence ({@code y = y*x + c} from y = 0) so results are
 * bit-identical to the seed's. See {@link Parameterization} for the sign convention.
 */
public final class PolynomialParameterization implements Parameterization {

    private final double[] coefficients;

    public PolynomialParameterization(double... coefficientsHighestFirst) {
        if (coefficientsHighestFirst == null) {
            throw new IllegalArgumentException("coefficients must not be null");
        }
        for (int i = 0; i < coefficientsHighestFirst.length; i++) {
            if (!Double.isFinite(coefficientsHighestFirst[i])) {
                throw new IllegalArgumentException("coefficient " + i + " must be finite, got "
                        + coefficientsHighestFirst[i]);
            }
        }
        this.coefficients = coefficientsHighestFirst.clone();
    }

    /** P(X) = slope*X + intercept: the seed's linear regression network (weight, bias). */
    public static PolynomialParameterization linear(double slope, double intercept) {
        return new PolynomialParameterization(slope, intercept);
    }

    /** Copy of the coefficients, highest power first. */
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** P at a single value. */
    public double apply(double v) {
        double acc = 0.0;
        for (double c : coefficients) {
            acc = acc * v + c;
        }
        return acc;
    }

    @Override
    public void subgridTendency(double[] x, int members, int k, double[] out) {
        final int len = members * k;
        final double[] c = coefficients;
        for (int i = 0; i < len; i++) {
            final double v = x[i];
            double acc = 0.0;
            for (int p = 0; p < c.length; p++) {
                acc = acc * v + c[p];
            }
            out[i] = acc;
        }
    }

    @Override
    public String toString() {
        return "PolynomialParameterization" + Arrays.toString(coefficients);
    }
}

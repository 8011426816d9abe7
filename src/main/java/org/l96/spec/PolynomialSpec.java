package org.l96.spec;

import java.util.List;

/**
 * A polynomial parameterization P(X_k), applied to each X_k and added to the coarse model's tendency. Exactly one
 * source: {@code coefficients} (highest power first, as numpy.polyval), {@code fitDegree} (least squares on the
 * training data) or {@code fromNetwork} (the weight and bias of a trained 1-&gt;1 linear network, the notebook's
 * "linear parameterization").
 */
public record PolynomialSpec(List<Double> coefficients, Integer fitDegree, String fromNetwork) {
    public PolynomialSpec {
        coefficients = coefficients == null ? null : List.copyOf(coefficients);
    }
}

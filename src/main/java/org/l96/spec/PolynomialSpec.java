package org.l96.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;

/**
 * A polynomial parameterization P(X_k), applied to each X_k and added to the coarse model's tendency, optionally
 * made stochastic. Exactly one source of its deterministic part: {@code coefficients} (highest power first, as
 * numpy.polyval), {@code fitDegree} (least squares on the training data), {@code fromNetwork} (the weight and bias
 * of a trained 1-&gt;1 linear network, the notebook's "linear parameterization") or {@code from} (another
 * deterministic parameterization, a polynomial or a network, by name: the base a stochastic scheme adds noise to).
 * {@code noise}, when given, makes it stochastic (Arnold, Moroz &amp; Palmer 2013).
 */
public record PolynomialSpec(List<Double> coefficients, Integer fitDegree, String fromNetwork, String from,
                             NoiseSpec noise) {
    public PolynomialSpec {
        coefficients = coefficients == null ? null : List.copyOf(coefficients);
    }

    /** A deterministic polynomial from one of its own sources. */
    public PolynomialSpec(List<Double> coefficients, Integer fitDegree, String fromNetwork) {
        this(coefficients, fitDegree, fromNetwork, null, null);
    }

    /** Whether it has noise. */
    @JsonIgnore
    public boolean isStochastic() {
        return noise != null;
    }
}

package org.l96.dsl;

import org.l96.spec.PolynomialSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code polynomial('linear-poly') { fromNetwork 'linear' }}: a polynomial parameterization P(X_k), from exactly
 * one source: given coefficients, a least-squares fit, or a trained local linear network.
 */
public final class PolynomialBuilder extends DslBuilder {
    private final String name;
    private List<Double> coefficients;
    private Integer fitDegree;
    private String fromNetwork;

    PolynomialBuilder(DslContext context, String name) {
        super(context, "polynomials." + name);
        this.name = name;
    }

    @Override
    String blockName() {
        return "polynomial '" + name + "'";
    }

    /** Coefficients, highest power first (as numpy.polyval): {@code coefficients(-0.85, -0.76)}. */
    public PolynomialBuilder coefficients(double... coefficients) {
        set("coefficients", "coefficients");
        this.coefficients = Arrays.stream(coefficients).boxed().toList();
        return this;
    }

    public PolynomialBuilder coefficients(List<? extends Number> coefficients) {
        Origin at = set("coefficients", "coefficients");
        List<Double> values = new ArrayList<>();
        for (Object c : coefficients) {
            if (c instanceof Number n) {
                values.add(n.doubleValue());
            } else {
                issue("coefficients", "coefficients takes numbers, got " + Words.given(c), at);
                return this;
            }
        }
        this.coefficients = values;
        return this;
    }

    /** Fit a polynomial of this degree (1 to 5) to the training data by least squares. */
    public PolynomialBuilder fitDegree(int degree) {
        set("fitDegree", "fitDegree");
        this.fitDegree = degree;
        return this;
    }

    /** Take the weight and bias of a trained local linear network (one dense 1 layer). */
    public PolynomialBuilder fromNetwork(String network) {
        set("fromNetwork", "fromNetwork");
        this.fromNetwork = network;
        return this;
    }

    PolynomialSpec toSpec() {
        return new PolynomialSpec(coefficients, fitDegree, fromNetwork);
    }
}

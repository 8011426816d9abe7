package org.l96.dsl;

import org.l96.spec.Defaults;
import org.l96.spec.NoiseSpec;
import org.l96.spec.PolynomialSpec;
import org.l96.spec.Vocabulary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code polynomial('linear-poly') { fromNetwork 'linear' }}: a polynomial parameterization P(X_k), from exactly
 * one source: given coefficients, a least-squares fit, or a trained local linear network.
 */
public final class PolynomialBuilder extends DslBuilder {
    private final String name;
    private List<Double> coefficients;
    private Integer fitDegree;
    private String fromNetwork;
    private String from;
    private NoiseSpec noise;

    PolynomialBuilder(DslContext context, String name) {
        super(context, "polynomials." + name);
        this.name = name;
    }

    @Override
    String blockName() {
        return "polynomial '" + name + "'";
    }

    @Override
    String usage(String word) {
        return "noise".equals(word) ? "a form in quotes: " + String.join(", ", Vocabulary.NOISE_FORMS)
                + " (then options: process:, phi:, the form's σ)" : null;
    }

    /**
     * A word given a value it cannot take: for {@code noise}, the scheme's {@code from} would then be reported as
     * lacking noise, which follows from this mistake.
     */
    @Override
    public Object methodMissing(String name, Object args) {
        if ("noise".equals(name)) {
            context.consequenceOfIssue(path + ".from");
        }
        return super.methodMissing(name, args);
    }

    @Override
    public Object propertyMissing(String name) {
        if ("noise".equals(name)) {
            context.consequenceOfIssue(path + ".from");
        }
        return super.propertyMissing(name);
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

    /**
     * The deterministic part is another parameterization, a polynomial or a network, by name: the base a
     * stochastic scheme adds its noise to ({@code from 'cubic'; noise 'additive'}).
     */
    public PolynomialBuilder from(String base) {
        set("from", "from");
        this.from = base;
        return this;
    }

    /** {@code noise 'additive'}: noise of this form, AR(1), its φ and σ fitted to the training data's residuals. */
    public PolynomialBuilder noise(String form) {
        return noise(Map.of(), form);
    }

    /**
     * {@code noise 'additive', process: 'white'} or {@code noise 'stateDependent', process: 'ar1', phi: 0.986,
     * sigma0: 1.47, sigma1: 0.087}: the form (additive, stateDependent, multiplicative, multiplicativeAdditive),
     * the process (white or ar1, default ar1), and optionally φ (at the sampling interval) and the form's standard
     * deviations; what is not given is fitted to the residuals of the deterministic part on the training data.
     */
    public PolynomialBuilder noise(Map<String, ?> options, String form) {
        Origin at = set("noise", "noise");
        List<String> allowed = new java.util.ArrayList<>(List.of("process", "phi"));
        for (Vocabulary.NoiseForm f : Vocabulary.NoiseForm.values()) {
            f.parameters().stream().filter(n -> !allowed.contains(n)).forEach(allowed::add);
        }
        Options o = new Options(this, "noise", options, at, allowed);
        for (String field : List.of("form", "process", "phi", "sigmas")) {
            context.record(path + ".noise." + field, at);
        }
        Map<String, Double> sigmas = new LinkedHashMap<>();
        for (String name : allowed.subList(2, allowed.size())) {
            if (o.has(name)) {
                context.record(path + ".noise.sigmas." + name, at);
                sigmas.put(name, o.number(name, Double.NaN));
            }
        }
        Double phi = o.has("phi") ? o.number("phi", Double.NaN) : null;
        this.noise = new NoiseSpec(form, o.text("process", Defaults.NOISE_PROCESS.word()), phi,
                sigmas.isEmpty() ? null : sigmas);
        return this;
    }

    PolynomialSpec toSpec() {
        return new PolynomialSpec(coefficients, fitDegree, fromNetwork, from, noise);
    }
}

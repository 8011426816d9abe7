package org.l96.spec;

import java.util.List;

/** The checks of polynomial parameterizations: one source of coefficients, finite coefficients, a linear network to read. */
final class PolynomialChecks extends Checks {
    PolynomialChecks(ExperimentSpec spec, List<Problem> problems) {
        super(spec, problems);
    }

    void polynomial(String name, PolynomialSpec poly) {
        String p = "polynomials." + name;
        name(p, name, "polynomial");
        if (spec.networks().containsKey(name)) {
            problem(p, "polynomial '" + name + "' has the name of a network; names must be unique");
        }
        reservedName(p, name, "polynomial");
        int sources = (poly.coefficients() != null ? 1 : 0) + (poly.fitDegree() != null ? 1 : 0)
                + (poly.fromNetwork() != null ? 1 : 0);
        if (sources != 1) {
            problem(p, "give exactly one of coefficients, fit degree or fromNetwork");
        }
        if (poly.coefficients() != null && poly.coefficients().isEmpty()) {
            problem(p + ".coefficients", "at least one coefficient is needed");
        }
        coefficients(p + ".coefficients", poly);
        if (poly.fitDegree() != null && (poly.fitDegree() < 1 || poly.fitDegree() > 5)) {
            problem(p + ".fitDegree", "fit degree must be 1 to 5, got " + poly.fitDegree());
        }
        if (poly.fromNetwork() != null) {
            NetworkSpec n = spec.networks().get(poly.fromNetwork());
            if (n == null) {
                unknown(p + ".fromNetwork", poly.fromNetwork(), "network", spec.networks().keySet());
            } else if (!n.isLocal() || n.layers().size() != 1
                    || !(n.layers().get(0) instanceof LayerSpec.Dense d && Vocabulary.Activation.IDENTITY.word().equals(d.activation()))) {
                problem(p + ".fromNetwork", "network '" + poly.fromNetwork()
                        + "' is not a local linear network (one dense 1 layer, identity)");
            }
        }
    }

    /** Finite coefficients: a NaN or infinite one makes every coarse-model run NaN from the first step. */
    void coefficients(String path, PolynomialSpec poly) {
        if (poly.coefficients() == null) {
            return;
        }
        for (int i = 0; i < poly.coefficients().size(); i++) {
            Double c = poly.coefficients().get(i);
            if (c == null || !Double.isFinite(c)) {
                problem(path + "." + i, "coefficient " + i + " (of x^" + (poly.coefficients().size() - 1 - i)
                        + ") must be a finite number, got " + c);
            }
        }
    }
}

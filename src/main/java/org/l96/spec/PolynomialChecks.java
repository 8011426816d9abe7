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
                + (poly.fromNetwork() != null ? 1 : 0) + (poly.from() != null ? 1 : 0);
        if (sources != 1) {
            problem(p, "give exactly one of coefficients, fit degree, fromNetwork or from");
        }
        if (poly.from() != null) {
            base(p + ".from", name, poly.from());
            if (poly.noise() == null && sources == 1) { // a scheme built on another one is its noise added to it
                problem(p + ".from", "from names the base a stochastic scheme adds its noise to: give noise too "
                        + "(noise 'additive', …), or compare '" + poly.from() + "' itself");
            }
        }
        if (poly.noise() != null) {
            noise(p + ".noise", poly.noise());
            if (poly.from() == null && sources == 1) { // the noise's parameters are fitted to a base's residuals
                problem(p + ".noise", "a stochastic scheme names its deterministic base with from: declare the "
                        + "polynomial without noise and add polynomial('" + name + "-noisy') { from '" + name
                        + "'; noise '" + poly.noise().form() + "' }");
            }
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
            } else if (!n.isLocal() || n.hasExtraInputs() || n.layers().size() != 1
                    || !(n.layers().get(0) instanceof LayerSpec.Dense d && Vocabulary.Activation.IDENTITY.word().equals(d.activation()))) {
                problem(p + ".fromNetwork", "network '" + poly.fromNetwork()
                        + "' is not a local linear network (X_k alone in, one dense 1 layer, identity)");
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

    /** The base of a stochastic scheme: a network, or a deterministic polynomial with its own coefficients. */
    private void base(String path, String name, String base) {
        PolynomialSpec other = spec.polynomials().get(base);
        if (base.equals(name)) {
            problem(path, "polynomial '" + name + "' cannot be its own base");
        } else if (other != null) {
            if (other.noise() != null || other.from() != null) {
                problem(path, "base '" + base + "' must be deterministic with its own coefficients (coefficients, "
                        + "fitDegree or fromNetwork), not itself built on another scheme or stochastic");
            }
        } else if (spec.networks().containsKey(base)) {
            NetworkSpec n = spec.networks().get(base);
            if (n.historyLength() > 0 || n.seesPreviousCoupling()) {
                problem(path, "base '" + base + "' sees earlier samples (history or previousCoupling): a "
                        + "stochastic scheme's noise is fitted to the residuals of a closure of the current state "
                        + "alone; use a network without history as the base");
            }
        } else {
            java.util.Set<String> known = new java.util.LinkedHashSet<>(spec.polynomials().keySet());
            known.remove(name);
            known.addAll(spec.networks().keySet());
            unknown(path, base, "parameterization", known);
        }
    }

    /** The noise: known words, φ in [0, 1) and only for AR(1), the form's own standard deviations, non-negative. */
    private void noise(String path, NoiseSpec noise) {
        oneOf(path + ".form", noise.form(), Vocabulary.NoiseForm.class);
        oneOf(path + ".process", noise.process(), Vocabulary.NoiseProcess.class);
        boolean white = Vocabulary.NoiseProcess.WHITE.word().equals(noise.process());
        if (noise.phi() != null) {
            if (white) {
                problem(path + ".phi", "white noise has no phi (it is 0); give process 'ar1' to set phi");
            } else if (!(noise.phi() >= 0.0 && noise.phi() < 1.0)) {
                problem(path + ".phi", "phi (the lag-one autocorrelation at the sampling interval) must be in "
                        + "[0, 1), got " + noise.phi());
            }
        }
        var form = Vocabulary.find(Vocabulary.NoiseForm.class, noise.form());
        if (noise.sigmas() != null && form.isPresent()) {
            List<String> names = form.get().parameters();
            for (var e : noise.sigmas().entrySet()) {
                if (!names.contains(e.getKey())) {
                    unknown(path + ".sigmas." + e.getKey(), e.getKey(), "standard deviation of " + noise.form()
                            + " noise", names);
                } else if (e.getValue() == null || !Double.isFinite(e.getValue()) || e.getValue() < 0) {
                    problem(path + ".sigmas." + e.getKey(), e.getKey() + " must be a finite number, 0 or more, got "
                            + e.getValue());
                }
            }
            if (noise.sigmas().keySet().stream().anyMatch(names::contains) && !noise.sigmas().keySet().containsAll(names)) {
                problem(path + ".sigmas", noise.form() + " noise takes " + String.join(" and ", names)
                        + ": give all of them, or none to fit them");
            }
        }
    }
}

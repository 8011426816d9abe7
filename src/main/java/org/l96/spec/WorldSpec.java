package org.l96.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The two-scale "real world": K slow variables X, J fast variables Y per X, forcing F, coupling h, spatial scale
 * ratio b, time scale ratio c, internal time step dt (model time units), how its initial state is drawn (rng), and
 * the integrator.
 */
public record WorldSpec(int k, int j, double forcing, double h, double b, double c, double dt, String rng,
                        String integrator) {

    /** NumPy's legacy {@code np.random.seed(s); randn}: reproduces the notebook's world draw for draw. */
    public static final String RNG_NUMPY_LEGACY = Vocabulary.Rng.NUMPY_LEGACY.word();

    public static final WorldSpec DEFAULT = new WorldSpec(8, 32, 18, 1, 10, 10, 0.001, RNG_NUMPY_LEGACY,
            Defaults.INTEGRATOR.word());

    public WorldSpec {
        rng = rng == null ? RNG_NUMPY_LEGACY : rng;
        integrator = integrator == null ? Defaults.INTEGRATOR.word() : integrator;
    }

    /** The integrator of a validated spec. */
    @JsonIgnore
    public Vocabulary.Integrator integratorKind() {
        return Vocabulary.of(Vocabulary.Integrator.class, integrator);
    }

    /** The generator of a validated spec. */
    @JsonIgnore
    public Vocabulary.Rng rngKind() {
        return Vocabulary.of(Vocabulary.Rng.class, rng);
    }
}

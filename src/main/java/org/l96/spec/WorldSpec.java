package org.l96.spec;

/**
 * The two-scale "real world": K slow variables X, J fast variables Y per X, forcing F, coupling h, spatial scale
 * ratio b, time scale ratio c, internal time step dt (model time units), how its initial state is drawn (rng), and
 * the integrator.
 */
public record WorldSpec(int k, int j, double forcing, double h, double b, double c, double dt, String rng,
                        String integrator) {

    /** NumPy's legacy {@code np.random.seed(s); randn}: reproduces the notebook's world draw for draw. */
    public static final String RNG_NUMPY_LEGACY = "numpy-legacy";

    public static final WorldSpec DEFAULT = new WorldSpec(8, 32, 18, 1, 10, 10, 0.001, RNG_NUMPY_LEGACY, "rk4");

    public WorldSpec {
        rng = rng == null ? RNG_NUMPY_LEGACY : rng;
        integrator = integrator == null ? "rk4" : integrator;
    }
}

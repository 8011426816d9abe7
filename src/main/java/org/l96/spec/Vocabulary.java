package org.l96.spec;

import java.util.List;

/** The allowed words of enumerated spec fields, shared by the validator, the DSL's hints and the docs test. */
public final class Vocabulary {
    private Vocabulary() {
    }

    public static final List<String> ACTIVATIONS =
            List.of("identity", "relu", "leakyRelu", "elu", "selu", "tanh", "sigmoid", "softplus", "gelu", "swish");
    public static final List<String> FEATURES = List.of(NetworkSpec.LOCAL, NetworkSpec.NON_LOCAL);
    public static final List<String> WEIGHT_INITS = List.of("pytorch", "xavier", "he");
    public static final List<String> LOSSES = List.of("mse", "mae");
    public static final List<String> INTEGRATORS = List.of("euler", "rk2", "rk4");
    public static final List<String> RNGS = List.of(WorldSpec.RNG_NUMPY_LEGACY);
    public static final List<String> COUPLING_TARGETS =
            List.of(SimulationSpec.COUPLING_SEED, SimulationSpec.COUPLING_SAMPLE);
    public static final List<String> CYCLIC_MODES = List.of("triangular", "triangular2", "exp_range");
    public static final List<String> RAMPS = List.of("exponential", "linear");
    public static final List<String> COMBINE = List.of("product", "zip");
    /** The parameterization that adds nothing; always available to evaluations. */
    public static final String NONE = "none";
    /** The reference curve of a forecast evaluation: the two-scale model from the true X with freshly drawn Y. */
    public static final String CEILING = "ceiling";
}

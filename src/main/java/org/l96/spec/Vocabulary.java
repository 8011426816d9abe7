package org.l96.spec;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The spec's vocabulary: every enumerated field's allowed words, as enums that the rest of the tool switches on.
 * The JSON (and the DSL, and {@code --set}) keep the words themselves ({@link Word#word()}, Jackson's
 * {@code @JsonValue}), so canonical spec JSON, stage keys and manifests are the same as with free strings.
 *
 * <p>A record keeps the word as it was given, so that a wrong word is a validation problem at its spec path (with a
 * "did you mean") rather than a parse failure; its typed accessor ({@code NetworkSpec#lossKind()} and the like)
 * gives the enum once the spec is valid, and every reader downstream uses that.
 */
public final class Vocabulary {
    private Vocabulary() {
    }

    /** An enumerated spec word. */
    public interface Word {
        /** The word as the DSL, JSON and {@code --set} write it. */
        @JsonValue
        String word();
    }

    /** The time-stepping scheme of the world and the coarse model. */
    public enum Integrator implements Word {
        EULER("euler"), RK2("rk2"), RK4("rk4");

        private final String word;

        Integrator(String word) {
            this.word = word;
        }

        @Override
        public String word() {
            return word;
        }
    }

    /** How the world's initial state is drawn. */
    public enum Rng implements Word {
        /** NumPy's legacy {@code np.random.seed(s); randn}: reproduces the notebook's world draw for draw. */
        NUMPY_LEGACY("numpy-legacy");

        private final String word;

        Rng(String word) {
            this.word = word;
        }

        @Override
        public String word() {
            return word;
        }
    }

    /** At which state the stored coupling term of a sample is evaluated (see {@link SimulationSpec}). */
    public enum CouplingTarget implements Word {
        SEED("seed"), SAMPLE("sample"), DISCRETE("discrete");

        private final String word;

        CouplingTarget(String word) {
            this.word = word;
        }

        @Override
        public String word() {
            return word;
        }
    }

    /** A network's inputs and outputs: one X_k to its own coupling term, or the K-vector to the K-vector. */
    public enum Features implements Word {
        LOCAL("local"), NON_LOCAL("non-local");

        private final String word;

        Features(String word) {
            this.word = word;
        }

        @Override
        public String word() {
            return word;
        }
    }

    /** A network's weight initialization (see {@code nn.Networks}). */
    public enum WeightInit implements Word {
        PYTORCH("pytorch"), XAVIER("xavier"), HE("he");

        private final String word;

        WeightInit(String word) {
            this.word = word;
        }

        @Override
        public String word() {
            return word;
        }
    }

    /** The training loss: mean squared or mean absolute error. */
    public enum Loss implements Word {
        MSE("mse"), MAE("mae");

        private final String word;

        Loss(String word) {
            this.word = word;
        }

        @Override
        public String word() {
            return word;
        }
    }

    /** The activations of dense layers (PyTorch's functions; leakyRelu with slope 0.01, elu with alpha 1). */
    public enum Activation implements Word {
        IDENTITY("identity"), RELU("relu"), LEAKY_RELU("leakyRelu"), ELU("elu"), SELU("selu"), TANH("tanh"),
        SIGMOID("sigmoid"), SOFTPLUS("softplus"), GELU("gelu"), SWISH("swish");

        private final String word;

        Activation(String word) {
            this.word = word;
        }

        @Override
        public String word() {
            return word;
        }
    }

    /** PyTorch CyclicLR's modes. */
    public enum CyclicMode implements Word {
        TRIANGULAR("triangular"), TRIANGULAR2("triangular2"), EXP_RANGE("exp_range");

        private final String word;

        CyclicMode(String word) {
            this.word = word;
        }

        @Override
        public String word() {
            return word;
        }
    }

    /** How an LR range test ramps the rate from its start to its end. */
    public enum Ramp implements Word {
        EXPONENTIAL("exponential"), LINEAR("linear");

        private final String word;

        Ramp(String word) {
            this.word = word;
        }

        @Override
        public String word() {
            return word;
        }
    }

    /** How a sweep's axes combine: every combination, or value i of every axis together. */
    public enum Combine implements Word {
        PRODUCT("product"), ZIP("zip");

        private final String word;

        Combine(String word) {
            this.word = word;
        }

        @Override
        public String word() {
            return word;
        }
    }

    /** The kinds of evaluation (the JSON type names of {@link EvaluationSpec}'s records). */
    public enum EvaluationKind implements Word {
        TRAJECTORY("trajectory"), ENSEMBLE("ensemble"), FORECAST("forecast"), CLIMATE("climate");

        private final String word;

        EvaluationKind(String word) {
            this.word = word;
        }

        @Override
        public String word() {
            return word;
        }

        public static EvaluationKind of(EvaluationSpec e) {
            if (e instanceof EvaluationSpec.Trajectory) {
                return TRAJECTORY;
            } else if (e instanceof EvaluationSpec.Forecast) {
                return FORECAST;
            } else if (e instanceof EvaluationSpec.Climate) {
                return CLIMATE;
            }
            return ENSEMBLE;
        }
    }

    /**
     * How the noise of a stochastic parameterization enters (Arnold, Moroz &amp; Palmer 2013, section 3), with the
     * names of its standard-deviation parameters as the paper writes them (the same as
     * {@code org.l96.world.StochasticParameterization.Form}).
     */
    public enum NoiseForm implements Word {
        ADDITIVE("additive", "sigma"), STATE_DEPENDENT("stateDependent", "sigma0", "sigma1"),
        MULTIPLICATIVE("multiplicative", "sigma"), MULTIPLICATIVE_ADDITIVE("multiplicativeAdditive", "sigmaM", "sigmaA");

        private final String word;
        private final List<String> parameters;

        NoiseForm(String word, String... parameters) {
            this.word = word;
            this.parameters = List.of(parameters);
        }

        @Override
        public String word() {
            return word;
        }

        /** The names of its standard deviations, in order. */
        public List<String> parameters() {
            return parameters;
        }
    }

    /** The time structure of a stochastic parameterization's noise: drawn afresh each coarse step, or AR(1). */
    public enum NoiseProcess implements Word {
        WHITE("white"), AR1("ar1");

        private final String word;

        NoiseProcess(String word) {
            this.word = word;
        }

        @Override
        public String word() {
            return word;
        }
    }

    /** The words of an enumerated field, in declaration order (the order messages and docs list them in). */
    public static <E extends Enum<E> & Word> List<String> words(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Word::word).toList();
    }

    /** The constant whose word is {@code word} (exactly, case-sensitive), or empty. */
    public static <E extends Enum<E> & Word> Optional<E> find(Class<E> type, String word) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.word().equals(word)).findFirst();
    }

    /**
     * The constant whose word is {@code word}; for readers of a validated spec, so an unknown word is a bug.
     *
     * @throws IllegalArgumentException naming the field's allowed words
     */
    public static <E extends Enum<E> & Word> E of(Class<E> type, String word) {
        return find(type, word).orElseThrow(() -> new IllegalArgumentException("'" + word + "' is not one of "
                + String.join(", ", words(type)) + " (" + type.getSimpleName() + "; the spec was not validated)"));
    }

    public static final List<String> ACTIVATIONS = words(Activation.class);
    public static final List<String> FEATURES = words(Features.class);
    public static final List<String> WEIGHT_INITS = words(WeightInit.class);
    public static final List<String> LOSSES = words(Loss.class);
    public static final List<String> INTEGRATORS = words(Integrator.class);
    public static final List<String> RNGS = words(Rng.class);
    public static final List<String> COUPLING_TARGETS = words(CouplingTarget.class);
    public static final List<String> CYCLIC_MODES = words(CyclicMode.class);
    public static final List<String> RAMPS = words(Ramp.class);
    public static final List<String> COMBINE = words(Combine.class);
    public static final List<String> NOISE_FORMS = words(NoiseForm.class);
    public static final List<String> NOISE_PROCESSES = words(NoiseProcess.class);
    /** The parameterization that adds nothing; always available to evaluations. */
    public static final String NONE = "none";
    /** The reference curve of a forecast evaluation: the two-scale model from the true X with freshly drawn Y. */
    public static final String CEILING = "ceiling";
}

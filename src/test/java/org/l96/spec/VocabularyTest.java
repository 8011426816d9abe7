package org.l96.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The vocabulary enums keep the words the spec had as free strings (in the order messages list them), write and read
 * those words in JSON, and the records' typed accessors give the constant of their word.
 */
class VocabularyTest {

    @Test
    void theWordsAreThoseOfTheFreeStrings() {
        // the lists as they were before the enums (issue #11 §2): messages, docs and --set values depend on them
        assertEquals(List.of("identity", "relu", "leakyRelu", "elu", "selu", "tanh", "sigmoid", "softplus", "gelu",
                "swish"), Vocabulary.ACTIVATIONS);
        assertEquals(List.of("local", "non-local"), Vocabulary.FEATURES);
        assertEquals(List.of("pytorch", "xavier", "he"), Vocabulary.WEIGHT_INITS);
        assertEquals(List.of("mse", "mae"), Vocabulary.LOSSES);
        assertEquals(List.of("euler", "rk2", "rk4"), Vocabulary.INTEGRATORS);
        assertEquals(List.of("numpy-legacy"), Vocabulary.RNGS);
        assertEquals(List.of("seed", "sample", "discrete"), Vocabulary.COUPLING_TARGETS);
        assertEquals(List.of("triangular", "triangular2", "exp_range"), Vocabulary.CYCLIC_MODES);
        assertEquals(List.of("exponential", "linear"), Vocabulary.RAMPS);
        assertEquals(List.of("product", "zip"), Vocabulary.COMBINE);
    }

    @Test
    void evaluationKindsAreTheJsonTypeNames() throws JsonProcessingException {
        var e = new EvaluationSpec.Climate(List.of("none"), 10, 1, 0.5, -15, 25, 2.5, null);
        assertEquals(Vocabulary.EvaluationKind.CLIMATE, Vocabulary.EvaluationKind.of(e));
        String json = SpecJson.mapper().writeValueAsString(e);
        assertTrue(json.contains("\"type\":\"climate\""), json);
        for (var kind : Vocabulary.EvaluationKind.values()) {
            assertTrue(List.of("trajectory", "ensemble", "forecast", "climate").contains(kind.word()));
        }
    }

    @Test
    void enumsWriteAndReadTheirWordsInJson() throws JsonProcessingException {
        var mapper = SpecJson.mapper();
        assertEquals("\"non-local\"", mapper.writeValueAsString(Vocabulary.Features.NON_LOCAL));
        assertEquals("\"exp_range\"", mapper.writeValueAsString(Vocabulary.CyclicMode.EXP_RANGE));
        assertEquals("\"leakyRelu\"", mapper.writeValueAsString(Vocabulary.Activation.LEAKY_RELU));
        assertEquals(Vocabulary.Features.NON_LOCAL, mapper.readValue("\"non-local\"", Vocabulary.Features.class));
        assertEquals(Vocabulary.Rng.NUMPY_LEGACY, mapper.readValue("\"numpy-legacy\"", Vocabulary.Rng.class));
    }

    @Test
    void typedAccessorsGiveTheConstantOfTheWord() {
        WorldSpec w = new WorldSpec(8, 32, 18, 1, 10, 10, 0.001, null, "euler");
        assertEquals(Vocabulary.Integrator.EULER, w.integratorKind());
        assertEquals(Vocabulary.Rng.NUMPY_LEGACY, w.rngKind());
        assertEquals(Vocabulary.Integrator.RK4, WorldSpec.DEFAULT.integratorKind());
        NetworkSpec n = new NetworkSpec("local", List.of(new LayerSpec.Dense(1, null)), "he", "mae", null, null);
        assertEquals(Vocabulary.Features.LOCAL, n.featuresKind());
        assertEquals(Vocabulary.WeightInit.HE, n.weightInitKind());
        assertEquals(Vocabulary.Loss.MAE, n.lossKind());
        assertEquals(Vocabulary.Activation.IDENTITY, ((LayerSpec.Dense) n.layers().get(0)).activationKind());
        assertEquals(Vocabulary.CouplingTarget.SEED, SimulationSpec.DEFAULT.couplingTargetKind());
        assertEquals(Vocabulary.Combine.PRODUCT, new SweepSpec(null, List.of(), 1).combineKind());
        assertEquals(Vocabulary.Ramp.LINEAR,
                new LrRangeTestSpec("ann", 1e-7, 10, 100, "linear", 0.05, 5).rampKind());
        assertEquals(Vocabulary.CyclicMode.TRIANGULAR2,
                new ScheduleSpec.Cyclic(1e-4, 1e-2, 10, 10, "triangular2", 1).modeKind());
    }

    @Test
    void anUnknownWordIsRefusedNamingTheAllowedOnes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new WorldSpec(8, 32, 18, 1, 10, 10, 0.001, null, "rk5").integratorKind());
        assertTrue(e.getMessage().contains("'rk5' is not one of euler, rk2, rk4"), e.getMessage());
        assertEquals(java.util.Optional.empty(), Vocabulary.find(Vocabulary.Loss.class, "MSE"));
    }

    @Test
    void aWrongWordStaysAValidationProblemAtItsPath() throws java.io.IOException {
        String json = java.nio.file.Files.readString(java.nio.file.Path.of(
                "src/test/resources/org/l96/spec/canonical/quickstart.json"));
        assertTrue(json.contains("\"integrator\" : \"rk4\""), json);
        ExperimentSpec spec = SpecJson.fromJson(json.replace("\"integrator\" : \"rk4\"",
                "\"integrator\" : \"rk44\""));
        assertEquals(List.of(new Problem("world.integrator", "'rk44' is not one of euler, rk2, rk4 (did you mean "
                + "'rk4'?)")), SpecValidator.validate(spec));
    }

    /**
     * The records default a word left out of spec JSON to the same word as the DSL (both from {@link Defaults}): the
     * LR-range-test example, whose words are all the defaults but its activations, reads back the same without them.
     */
    @Test
    void wordsLeftOutOfJsonTakeTheDslDefaults() throws java.io.IOException {
        String json = java.nio.file.Files.readString(java.nio.file.Path.of(
                "src/test/resources/org/l96/spec/canonical/lr-range-test.json"));
        String stripped = json;
        for (String field : List.of("rng", "integrator", "couplingTarget", "features", "weightInit", "loss", "ramp")) {
            String before = stripped;
            stripped = stripped.replaceAll("\\s*\"" + field + "\" : \"[^\"]*\",?", "");
            assertTrue(!before.equals(stripped), field + " not in the example");
        }
        stripped = stripped.replaceAll(",(\\s*[}\\]])", "$1");
        assertTrue(!stripped.contains("\"loss\""), stripped);
        assertEquals(SpecJson.fromJson(json), SpecJson.fromJson(stripped));
        assertEquals(json, SpecJson.toJson(SpecJson.fromJson(stripped)));
    }
}

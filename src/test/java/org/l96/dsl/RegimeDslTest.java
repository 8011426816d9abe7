package org.l96.dsl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.spec.EvaluationSpec;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.SpecJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code forcing} inside the evaluation blocks: script and Java twin agree, default unset, bad values at their lines. */
class RegimeDslTest {
    @TempDir
    Path dir;

    private Path script(String text) throws IOException {
        Path file = dir.resolve("s.groovy");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void scriptAndJavaBuilderGiveTheSameSpec() throws IOException {
        ExperimentSpec fromScript = ScriptLoader.load(script("""
                experiment('regime') {
                    simulate { samples 5000 }
                    polynomial('cubic') { fitDegree 3 }
                    trajectory('t') { compare 'none'; duration 1; forcing 20 }
                    ensemble('e') { compare 'none', 'cubic'; initialConditions 10; forcing 24 }
                    forecast('f') { compare 'cubic'; initialConditions 10; every 2; lead 1; forcing 16.5 }
                    climate('c') { compare 'none'; duration 20; forcing 24 }
                    ensemble('plain') { compare 'none'; initialConditions 10 }
                }
                """));
        ExperimentSpec fromJava = Experiment.named("regime")
                .simulate(s -> s.samples(5000))
                .polynomial("cubic", p -> p.fitDegree(3))
                .trajectory("t", t -> t.compare("none").duration(1).forcing(20))
                .ensemble("e", e -> e.compare("none", "cubic").initialConditions(10).forcing(24))
                .forecast("f", f -> f.compare("cubic").initialConditions(10).every(2).lead(1).forcing(16.5))
                .climate("c", c -> c.compare("none").duration(20).forcing(24))
                .ensemble("plain", e -> e.compare("none").initialConditions(10))
                .build();
        assertEquals(fromScript, fromJava);
        assertEquals(SpecJson.toJson(fromScript), SpecJson.toJson(fromJava));
        assertEquals(fromScript, SpecJson.fromJson(SpecJson.toJson(fromScript)));
        assertEquals(20.0, fromScript.evaluations().get("t").forcing());
        assertEquals(24.0, fromScript.evaluations().get("e").forcing());
        assertEquals(16.5, fromScript.evaluations().get("f").forcing());
        assertEquals(24.0, fromScript.evaluations().get("c").forcing());
        // unset is null and left out of the JSON, so specs (and stage keys) written before stay as they were
        assertNull(fromScript.evaluations().get("plain").forcing());
        assertEquals(new EvaluationSpec.Ensemble(List.of("none"), 10, 0.1, 0, 1, null),
                fromScript.evaluations().get("plain"));
        String plainJson = SpecJson.toTree(fromScript.evaluations().get("plain")).toString();
        assertFalse(plainJson.contains("forcing"), plainJson);
    }

    @Test
    void aForcingThatIsNotPositiveIsReportedAtItsLine() throws IOException {
        Path file = script("""
                experiment('bad') {
                    simulate { samples 5000 }
                    ensemble('e') {
                        compare 'none'
                        initialConditions 10
                        forcing 0
                    }
                    forecast('f') { compare 'none'; initialConditions 10; every 2; lead 1
                        forcing(-18)
                    }
                    climate('c') { compare 'none'; duration 20; forcing Double.POSITIVE_INFINITY }
                }
                """);
        ScriptException e = assertThrows(ScriptException.class, () -> ScriptLoader.load(file));
        List<Integer> lines = e.errors().stream().map(ScriptError::line).toList();
        assertEquals(List.of(6, 9, 11), lines, e::format);
        assertTrue(e.errors().get(0).message().contains("forcing must be a positive number, got 0.0"), e::format);
        assertTrue(e.format().startsWith(file + ":6:"), e::format);
    }

    @Test
    void aSweepCanVaryAnEvaluationsForcing() throws IOException {
        ExperimentSpec spec = ScriptLoader.load(script("""
                experiment('scorecard') {
                    simulate { samples 5000 }
                    ensemble('e') { compare 'none'; initialConditions 10 }
                    sweep { vary 'evaluations.e.forcing', 16, 18, 24 }
                }
                """));
        ExperimentSpec at24 = SpecJson.withValue(spec, "evaluations.e.forcing", "24");
        assertEquals(24.0, at24.evaluations().get("e").forcing());
        Path bad = script("""
                experiment('scorecard') {
                    simulate { samples 5000 }
                    ensemble('e') { compare 'none'; initialConditions 10 }
                    sweep { vary 'evaluations.e.forcing', 16, -1 }
                }
                """);
        ScriptException e = assertThrows(ScriptException.class, () -> ScriptLoader.load(bad));
        assertEquals(4, e.errors().get(0).line(), e::format);
        assertTrue(e.errors().get(0).message().contains("forcing must be a positive number"), e::format);
    }
}

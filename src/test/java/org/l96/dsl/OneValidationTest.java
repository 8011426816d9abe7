package org.l96.dsl;

import org.junit.jupiter.api.Test;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.Problem;
import org.l96.spec.SpecException;
import org.l96.spec.SpecValidator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SpecValidator#validate} is the one check: the values of sweep axes are checked there too (each in a point
 * of the plan), and the Java builder and the Groovy DSL report exactly its problems, at their own locations.
 */
class OneValidationTest {

    private static Experiment declared() {
        return Experiment.named("one")
                .simulate(s -> s.samples(300))
                .data(d -> d.validationLast(50))
                .sweep(s -> s.vary("world.forcing", 18, "Infinity", 20));
    }

    @Test
    void sweepAxisValuesAreCheckedBySpecValidator() {
        Experiment e = declared();
        List<Problem> problems = SpecValidator.validate(e.toSpec());
        assertEquals(1, problems.size(), problems.toString());
        Problem p = problems.get(0);
        assertEquals("sweep.axes.0.values.1", p.path());
        assertTrue(p.message().startsWith("with world.forcing = Infinity: world.forcing: forcing must be a finite "
                + "number"), p.message());
        // the Java builder reports the validator's problems, no more and no fewer
        SpecException thrown = assertThrows(SpecException.class, e::build);
        assertEquals(problems, thrown.problems());
    }

    @Test
    void theScriptReportsTheSameProblemAtTheSweepLine(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path script = dir.resolve("one.groovy");
        Files.writeString(script, """
                experiment('one') {
                    simulate { samples 300 }
                    data { validation last: 50 }
                    sweep { vary 'world.forcing', 18, 'Infinity', 20 }
                }
                """);
        ScriptException x = assertThrows(ScriptException.class, () -> ScriptLoader.load(script));
        assertEquals(1, x.errors().size(), x.getMessage());
        assertEquals(4, x.errors().get(0).line(), x.getMessage());
        assertTrue(x.getMessage().contains("with world.forcing = Infinity: world.forcing: forcing must be a finite "
                + "number"), x.getMessage());
    }

    @Test
    void aSpecWithoutSweepHasNoPointChecks() {
        ExperimentSpec spec = Experiment.named("one").simulate(s -> s.samples(300))
                .data(d -> d.validationLast(50)).build();
        assertEquals(List.of(), SpecValidator.validate(spec));
    }
}

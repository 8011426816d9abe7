package org.l96.dsl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An ensemble too long for its truth says how many initial conditions fit (counted here by hand) and numbers the
 * samples as they are, 0 … rows − 1 (issue 14 §2: "up to sample 3001, but the simulation has 3001").
 */
class EnsembleFitMessageTest {

    private static String error(Path dir, String ensemble) throws Exception {
        Path script = dir.resolve("e.groovy");
        Files.writeString(script, """
                experiment('e') {
                    simulate { samples 3000 }
                    data { validation last: 500; test last: 500 }
                    ENSEMBLE
                }
                """.replace("ENSEMBLE", ensemble));
        return assertThrows(ScriptException.class, () -> ScriptLoader.load(script)).format();
    }

    @Test
    void tooLongForTheTruth(@TempDir Path dir) throws Exception {
        // starts 0, 250, …, 2750 (every 2.5 at 0.01); each needs 300 samples more: the 11th (2500) ends at 2800,
        // the 12th (2750) at 3050, past the last sample 3000
        String m = error(dir, "ensemble('x') { compare 'none'; initialConditions 12; every 2.5; duration 3 }");
        assertTrue(m.contains("e.groovy:4:") && m.contains("up to sample 3050")
                && m.contains("samples are 0 … 3000") && m.contains("11 fit")
                && m.contains("at most 11 initial conditions"), m);
        assertFalse(m.contains("has 3001"), m);
    }

    @Test
    void tooManyForTheSegment(@TempDir Path dir) throws Exception {
        // the test segment holds 500 samples; starts every 100 from 50: 50, 150, …, 450 are 5
        String m = error(dir, "ensemble('x') { segment 'test'; compare 'none'; first 50; initialConditions 8; "
                + "every 1.0; duration 0.1 }");
        assertTrue(m.contains("e.groovy:4:") && m.contains("do not fit in") && m.contains("5 fit"), m);
    }
}

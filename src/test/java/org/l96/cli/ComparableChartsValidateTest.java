package org.l96.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mistakes in the comparison charts (lossComparison, couplingScatter, hovmoller, lossCurves' log) are user errors at
 * their line, saying what is allowed; exit code 2, no stack trace.
 */
class ComparableChartsValidateTest {
    private static Path script(Path dir, String charts) throws IOException {
        Path s = dir.resolve("c.groovy");
        Files.writeString(s, """
                experiment('c') {
                    simulate { samples 1000 }
                    data { validation fraction: 0.2 }
                    network('ann') { layers { dense 8 } }
                    network('on', continues: 'ann') { train { rollout 5 } }
                    polynomial('cubic') { fitDegree 3 }
                    polynomial('noisy') { from 'cubic'; noise 'additive', process: 'white' }
                    trajectory('T') { start(-1); duration 2; compare 'none', 'cubic' }
                    ensemble('E') { compare 'none'; initialConditions 2; every 0.5; duration 0.5 }
                    charts {
                %s
                    }
                }
                """.formatted(charts));
        return s;
    }

    private static CliRunner.Outcome validate(Path dir, String charts) throws IOException {
        return CliRunner.run("validate", script(dir, charts).toString());
    }

    private static void refused(CliRunner.Outcome o, String... parts) {
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("c.groovy:11"), o.err());
        for (String p : parts) {
            assertTrue(o.err().contains(p), "'" + p + "' in: " + o.err());
        }
        assertFalse(o.err().contains("Exception"), o.err());
    }

    @Test
    void theComparisonChartsValidate(@TempDir Path dir) throws IOException {
        CliRunner.Outcome ok = validate(dir, """
                        lossComparison 'ann', log: true
                        lossCurves 'ann', log: false
                        couplingScatter 'cubic', samples: 100
                        couplingScatter()
                        hovmoller 'T'
                        hovmoller 'T', scheme: 'cubic', steps: 100, file: 'hov'""");
        assertEquals(0, ok.code(), ok.err());
    }

    @Test
    void mistakesAreNamedAtTheirLine(@TempDir Path dir) throws IOException {
        refused(validate(dir, "        lossComparison 'ann', 'anm'"), "anm", "did you mean 'ann'");
        refused(validate(dir, "        lossComparison 'ann', 'ann'"), "names network 'ann' twice");
        refused(validate(dir, "        lossComparison log: true"), "lossComparison needs at least one network");
        refused(validate(dir, "        lossCurves 'ann', log: 'yes'"), "log", "true or false");
        refused(validate(dir, "        couplingScatter 'noisy'"), "'noisy' is a stochastic scheme",
                "name 'cubic' instead");
        refused(validate(dir, "        couplingScatter 'cubik'"), "cubik", "did you mean 'cubic'");
        refused(validate(dir, "        couplingScatter 'cubic', samples: 0"), "samples");
        refused(validate(dir, "        hovmoller 'E'"), "'E' is an ensemble evaluation, but hovmoller draws a "
                + "trajectory evaluation");
        refused(validate(dir, "        hovmoller 'T', scheme: 'ann'"), "'ann'", "compared by trajectory 'T'",
                "none, cubic");
        refused(validate(dir, "        hovmoller 'T', steps: 201"), "steps 201 is more than trajectory 'T' runs: 200");
        refused(validate(dir, "        couplingScatter 'cubic', 'cubic'"), "names polynomial 'cubic' twice");
    }

    /** An online network's loss (state error over a window) and an offline one's (coupling error) are not one axis. */
    @Test
    void onlineAndOfflineLossesAreNotComparedOnOneAxis(@TempDir Path dir) throws IOException {
        refused(validate(dir, "        lossComparison 'ann', 'on'"), "online network 'on'", "offline network 'ann'",
                "different quantities");
        refused(validate(dir, "        lossComparison 'on', 'ann'"), "online network 'on'", "offline network 'ann'");
        CliRunner.Outcome one = validate(dir, "        lossComparison 'on'");
        assertEquals(0, one.code(), one.err());
    }
}

package org.l96.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@code l96 validate} says about online training and network inputs (a new user's findings). */
class OnlineValidateTest {
    static Path script(Path dir, String body) throws IOException {
        Path s = dir.resolve("o.groovy");
        Files.writeString(s, "experiment('o') {\n" + body + "\n}\n");
        return s;
    }

    static CliRunner.Outcome validate(Path dir, String body, String... extra) throws IOException {
        String[] args = new String[2 + extra.length];
        args[0] = "validate";
        args[1] = script(dir, body).toString();
        System.arraycopy(extra, 0, args, 2, extra.length);
        return CliRunner.run(args);
    }

    static void refused(CliRunner.Outcome o, String at, String... parts) {
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains(at), at + " in: " + o.err());
        for (String p : parts) {
            assertTrue(o.err().contains(p), "'" + p + "' in: " + o.err());
        }
        assertFalse(o.err().contains("Exception"), o.err());
    }

    /** A tape the run would refuse (more than half the heap) is refused by validate, at the rollout's line. */
    @Test
    void aRolloutTapeBeyondHalfTheHeapIsRefusedAtValidate(@TempDir Path dir) throws IOException {
        // local 1-8192-1 ReLU, K = 40, 1 window of 5000 RK4 steps: 5000·4·40·(2 + 8193) + 5001·40 + 24577·40 +
        // 8193·40 floats ≈ 26.2 GB, beyond half of any heap a test runs with
        refused(validate(dir, """
                    world { k 40; j 4; forcing 10 }
                    simulate { samples 12000 }
                    data { validation last: 5001 }
                    network('wide') {
                        local()
                        layers { dense 8192, relu; dense 1 }
                        train { rollout 5000; batchSize 1; epochs 1 }
                    }"""), "o.groovy:8", "tape of 26230 MB for 1 window × 5000 steps", "use shorter windows",
                "L96_JAVA_OPTS");
        // the same network on short windows fits
        CliRunner.Outcome ok = validate(dir, """
                    world { k 40; j 4; forcing 10 }
                    simulate { samples 12000 }
                    data { validation last: 5001 }
                    network('wide') {
                        local()
                        layers { dense 8192, relu; dense 1 }
                        train { rollout 5; batchSize 1; epochs 1 }
                    }""");
        assertEquals(0, ok.code(), ok.err());
    }

    /** Every chart word that draws something named, written without it, says what it needs at its line. */
    @Test
    void aChartWordWithoutItsTargetSaysWhatItNeeds(@TempDir Path dir) throws IOException {
        String[][] cases = {
                {"hovmoller()", "hovmoller needs a trajectory evaluation, e.g. hovmoller 'T5'"},
                {"hovmoller", "hovmoller needs a trajectory evaluation"},
                {"trajectories()", "trajectories needs a trajectory evaluation"},
                {"lossCurves()", "lossCurves needs a network, e.g. lossCurves 'ann'"},
                {"rmseByLead()", "rmseByLead needs a forecast evaluation"},
                {"predictions()", "predictions needs a network"},
                {"activation()", "activation needs an activation"},
                {"lrRangeTest()", "lrRangeTest needs an LR range test"},
                {"spreadByLead()", "spreadByLead needs an ensemble forecast"},
                {"crpsByLead()", "crpsByLead needs an ensemble forecast"},
                {"rankHistograms()", "rankHistograms needs an ensemble forecast"},
                {"anomalyCorrelation()", "anomalyCorrelation needs a forecast evaluation"},
                {"pdfs()", "pdfs needs a climate evaluation"},
                {"autocorrelation()", "autocorrelation needs a climate evaluation"},
                {"lrSchedule()", "lrSchedule needs a network"}};
        for (String[] c : cases) {
            refused(validate(dir, """
                        network('ann') { layers { dense 8 } }
                        charts {
                            %s
                        }""".formatted(c[0])), "o.groovy:4", c[1]);
        }
        // the forms a word takes do not list the refused one
        CliRunner.Outcome wrong = validate(dir, """
                    charts {
                        hovmoller 3
                    }""");
        refused(wrong, "o.groovy:3", "hovmoller takes");
        assertFalse(wrong.err().contains("nothing"), wrong.err());
    }

    /** Messages that said something beside the point (findings 9 and 10). */
    @Test
    void messagesFitTheCase(@TempDir Path dir) throws IOException {
        // a stencil on a network that is non-local by default: add local(), not "remove nonLocal"
        CliRunner.Outcome stencil = validate(dir, "    network('off') { layers { dense 8 } }",
                "--set", "networks.off.stencil=1");
        refused(stencil, "networks.off.stencil", "network 'off' is non-local (the default unless its block says "
                + "local())", "write local() in its block");
        // a boolean word without its value: no hint about negative numbers
        CliRunner.Outcome bare = validate(dir, """
                    network('p') {
                        local()
                        previousCoupling
                        layers { dense 8; dense 1 }
                    }""");
        refused(bare, "o.groovy:4", "previousCoupling needs a value");
        assertFalse(bare.err().contains("negative number"), bare.err());
        // a history network without previousCoupling reads no coupling term before the initial state
        CliRunner.Outcome history = validate(dir, """
                    simulate { samples 1000 }
                    data { validation last: 100 }
                    network('h') { local(); history 2; layers { dense 8; dense 1 } }
                    trajectory('T') { start 0; duration 1; compare 'h' }""");
        refused(history, "o.groovy:5", "network 'h' starts from the truth's 2 samples before the initial state "
                + "(its history of 2 samples): start at sample 2");
        assertFalse(history.err().contains("coupling term"), history.err());
        CliRunner.Outcome previous = validate(dir, """
                    simulate { samples 1000 }
                    data { validation last: 100 }
                    network('h') { local(); previousCoupling true; layers { dense 8; dense 1 } }
                    trajectory('T') { start 1; duration 1; compare 'h' }""");
        refused(previous, "o.groovy:5", "(the coupling term one sample before it; sample 0's is a placeholder)");
        // a value without its quotes
        refused(validate(dir, "    network('n') { layers { dense 8 }; train { rollout 5; stepper rk4 } }"),
                "o.groovy:2", "rk4 is a name: write it in quotes, 'rk4'");
        // a script that is not there
        Path missing = dir.resolve("my dir").resolve("nope.groovy");
        CliRunner.Outcome none = CliRunner.run("validate", missing.toString());
        refused(none, "no such file: " + missing);
        assertFalse(none.err().contains("NoSuchFile"), none.err());
    }
}

package org.l96.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inputs that {@code l96 run} used to accept and then fail on as an internal error, or that {@code validate}
 * reported badly: each is refused by {@code validate} (and by {@code run}, before anything is written) with exit 2,
 * the script's file:line or the {@code --set} argument, and a message that says what is wrong.
 */
class ValidateAgreesWithRunCommandTest {
    @TempDir
    Path tmp;

    private static String caseFile(String name) {
        try {
            return Path.of(ValidateAgreesWithRunCommandTest.class.getResource("cases/" + name + ".groovy").toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path script(String text) throws IOException {
        return Files.writeString(tmp.resolve("s.groovy"), text);
    }

    private static CliRunner.Outcome refused(String... args) {
        CliRunner.Outcome r = CliRunner.run(args);
        assertEquals(Main.USER, r.code(), r.err());
        assertFalse(r.err().contains("internal error"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        return r;
    }

    @Test
    void aTrajectoryDtThatDoesNotDivideTheSamplingIntervalIsRefusedAtItsLine() {
        String file = caseFile("dt-trajectory");
        CliRunner.Outcome r = refused("validate", file);
        assertTrue(r.err().contains(file + ":5:"), r.err());
        assertTrue(r.err().contains("evaluations.T.dt: dt 0.003 does not divide the sampling interval 0.01"),
                r.err());
        assertTrue(r.err().contains("0.0025 (4 steps per sample)"), r.err());
        assertTrue(r.err().contains("(3.333 per sample)"), r.err()); // 4 significant digits, not 3.3333333333333335
        // and run refuses it the same way, before writing anything
        CliRunner.Outcome run = refused("run", file, "--out", tmp.resolve("out").toString());
        assertTrue(run.err().contains("evaluations.T.dt"), run.err());
        assertFalse(Files.exists(tmp.resolve("out").resolve("c10b")));
    }

    @Test
    void aDtLongerThanTheSamplingIntervalIsRefused() throws IOException {
        Path s = script("""
                experiment('x') {
                    simulate { sampleEvery 0.01; samples 300 }
                    data { validation fraction: 0.2 }
                    trajectory('T') { start(-1); duration 1; dt 0.05; compare 'none' }
                }
                """);
        CliRunner.Outcome r = refused("validate", s.toString());
        assertTrue(r.err().contains(s + ":4:"), r.err());
        assertTrue(r.err().contains("dt 0.05 is longer than the sampling interval 0.01"), r.err());
    }

    @Test
    void theWorldTrajectoryAndForecastRulesAreEachReported() {
        CliRunner.Outcome r = refused("validate", caseFile("dt-world-and-forecast"));
        assertTrue(r.err().contains("sample interval 0.01 is not a whole multiple of the world's dt 0.003"), r.err());
        assertTrue(r.err().contains("every 0.015 must be a whole multiple of the sampling interval 0.01"), r.err());
        assertTrue(r.err().contains("evaluations.T.dt: dt 0.003 does not divide the sampling interval 0.01"),
                r.err());
        assertTrue(r.err().contains("3 errors"), r.err());
    }

    @Test
    void ratiosWholeOnlyUpToRoundOffAreAccepted() throws IOException {
        // 0.003 / 0.001 = 2.9999999999999996 and 0.3 / 0.1 = 2.9999999999999996 in binary floating point
        Path s = script("""
                experiment('x') {
                    world { dt 0.001 }
                    simulate { sampleEvery 0.3; samples 300 }
                    data { validation fraction: 0.2 }
                    trajectory('T') { start(0); duration 3; dt 0.1; compare 'none' }
                    trajectory('U') { start(0); duration 3; dt 0.003 / 0.001 * 0.1; compare 'none' }
                }
                """);
        CliRunner.Outcome r = CliRunner.run("validate", s.toString());
        assertEquals(Main.OK, r.code(), r.err());
        Path w = script("""
                experiment('x') {
                    world { dt 0.001 }
                    simulate { sampleEvery 0.003; samples 300 }
                    data { validation fraction: 0.2 }
                    trajectory('T') { start(0); duration 3; dt 0.001; compare 'none' }
                }
                """);
        assertEquals(Main.OK, CliRunner.run("validate", w.toString()).code());
    }

    @Test
    void simulateAppliesTheSameRule(@TempDir Path out) {
        CliRunner.Outcome r = refused("simulate", "--dt", "0.003", "--sample-interval", "0.01", "--samples", "3",
                "--out", out.toString());
        assertTrue(r.err().contains("--sample-interval 0.01 is not a whole multiple of --dt 0.003"), r.err());
        CliRunner.Outcome ok = CliRunner.run("simulate", "--j", "2", "--dt", "0.001", "--sample-interval", "0.003",
                "--samples", "3", "--out", out.toString());
        assertEquals(Main.OK, ok.code(), ok.err());
    }

    @Test
    void nonFinitePolynomialCoefficientsAreRefusedInTheScriptAndThroughSet() {
        String file = caseFile("nan-coefficient");
        CliRunner.Outcome r = refused("validate", file);
        assertTrue(r.err().contains(file + ":4:"), r.err());
        assertTrue(r.err().contains("polynomials.p.coefficients.0: coefficient 0 (of x^1) must be a finite number, "
                + "got NaN"), r.err());
        assertTrue(r.err().contains(file + ":5:"), r.err());
        assertTrue(r.err().contains("coefficient 1 (of x^0) must be a finite number, got Infinity"), r.err());
        CliRunner.Outcome run = refused("run", file, "--out", tmp.resolve("out").toString());
        assertTrue(run.err().contains("must be a finite number"), run.err());

        CliRunner.Outcome set = refused("validate", caseFile("poly-ok"), "--set",
                "polynomials.p.coefficients.0=NaN");
        assertTrue(set.err().contains("--set polynomials.p.coefficients.0=NaN: coefficient 0 (of x^1) must be a "
                + "finite number, got NaN"), set.err());
        assertEquals(Main.OK, CliRunner.run("validate", caseFile("poly-ok")).code());
    }

    @Test
    void aHugeEpochCountSaysItIsTooLarge() {
        String file = caseFile("huge-epochs");
        CliRunner.Outcome r = refused("validate", file);
        assertTrue(r.err().contains(file + ":4:"), r.err());
        assertTrue(r.err().contains("epochs 10000000000 is too large: a whole number here is at most 2147483647"),
                r.err());
        assertFalse(r.err().contains("takes a whole number, got whole number"), r.err());
    }

    @Test
    void badValuesThroughSetAreRefusedWithTheirPath() {
        String base = caseFile("bad-inputs-base");
        String[][] cases = {
                {"world.forcing=NaN", "forcing must be a finite number, got NaN"},
                {"world.forcing=Infinity", "forcing must be a finite number, got Infinity"},
                {"world.forcing=1e400", "'1e400' is beyond the range of a number"},
                {"networks.small.train.optimizer.lr=NaN", "lr must be a positive number, got NaN"},
                {"networks.small.train.epochs=2147483648", "2147483648"},
                {"world.k=3", "k must be at least 4, got 3"},
                {"world.dt=-0.001", "dt must be a positive number, got -0.001"},
                {"networks.small.layers.0.units=0", "units must be at least 1, got 0"},
                {"networks.nosuch.train.epochs=3", "no network named 'nosuch'; declared: small"},
                {"seed=-1", "seed -1 is outside 0 … 4294967295"},
        };
        for (String[] c : cases) {
            CliRunner.Outcome r = refused("validate", base, "--set", c[0]);
            assertTrue(r.err().contains("--set " + c[0]), c[0] + ": " + r.err());
            assertTrue(r.err().contains(c[1]), c[0] + ": " + r.err());
        }
    }

    /** k=3 is the one error: no follow-on "a non-local network must end with 3 outputs" repeating the bad k. */
    @Test
    void aFollowOnErrorDoesNotRepeatAnInvalidValue() throws IOException {
        CliRunner.Outcome r = refused("validate", caseFile("bad-inputs-base"), "--set", "world.k=3");
        assertTrue(r.err().contains("1 error"), r.err());
        assertFalse(r.err().contains("must end with 3 outputs"), r.err());
        Path s = script("""
                experiment('x') {
                    simulate { sampleEvery 0; samples 300 }
                    data { validation fraction: 0.2 }
                    forecast('F') { compare 'none'; initialConditions 5; every 1; lead 1 }
                    ensemble('E') { compare 'none'; initialConditions 5; every 0.1; duration 1 }
                    trajectory('T') { start(-1); duration 1; dt 0.001; compare 'none' }
                }
                """);
        CliRunner.Outcome si = refused("validate", s.toString());
        assertTrue(si.err().contains("1 error"), si.err());
        assertTrue(si.err().contains("sampleInterval must be a positive number, got 0.0"), si.err());

        // an unknown features word is the one error, not also "a stencil network must end with 4 outputs"
        Path f = script("""
                experiment('x') {
                    world { k 4 }
                    simulate { samples 300 }
                    data { validation fraction: 0.2 }
                    network('a') { features 'stencil'; layers { dense 1 }; train { epochs 1 } }
                }
                """);
        CliRunner.Outcome fe = refused("validate", f.toString());
        assertTrue(fe.err().contains("1 error"), fe.err());
        assertTrue(fe.err().contains("'stencil'"), fe.err());
        assertFalse(fe.err().contains("a stencil network"), fe.err());
    }

    @Test
    void emptyAndUndeclaredNamesAreRefused() {
        CliRunner.Outcome empty = refused("validate", caseFile("empty-compare"));
        assertTrue(empty.err().contains("evaluations.E.compare: compare at least one parameterization"),
                empty.err());
        CliRunner.Outcome missing = refused("validate", caseFile("missing-name"));
        assertTrue(missing.err().contains("no parameterization named 'b'; did you mean 'a'?"), missing.err());
        assertTrue(missing.err().contains("charts.0.network: no network named 'zz'"), missing.err());
        CliRunner.Outcome nan = refused("validate", caseFile("nan-in-script"));
        assertTrue(nan.err().contains("world.forcing: forcing must be a finite number, got NaN"), nan.err());
        assertTrue(nan.err().contains("polynomials.p.coefficients.0"), nan.err());
        assertTrue(nan.err().contains("evaluations.F.compare"), nan.err());
    }

    @Test
    void aChartGivenAnotherKindOfEvaluationSaysWhatItIsAndWhatDrawsIt() throws IOException {
        Path s = script("""
                experiment('x') {
                    simulate { samples 3000 }
                    data { validation fraction: 0.2 }
                    ensemble('ics') { compare 'none'; initialConditions 5; every 0.5 }
                    forecast('F') { compare 'none'; initialConditions 5; every 1; lead 1 }
                    trajectory('T') { start(-1); duration 1; compare 'none' }
                    charts {
                        trajectories 'ics'
                        pdfs 'F'
                        trajectories 'Tx'
                    }
                }
                """);
        CliRunner.Outcome r = refused("validate", s.toString());
        assertTrue(r.err().contains(s + ":8:"), r.err());
        assertTrue(r.err().contains("'ics' is an ensemble evaluation, but trajectories draws a trajectory evaluation "
                + "(declared: T); no chart draws an ensemble"), r.err());
        assertFalse(r.err().contains("did you mean 'ics'"), r.err());
        assertTrue(r.err().contains("'F' is a forecast evaluation, but pdfs draws a climate evaluation (none is "
                + "declared); a forecast is drawn by rmseByLead and anomalyCorrelation"), r.err());
        assertTrue(r.err().contains("no trajectory evaluation named 'Tx'; did you mean 'T'?"), r.err());
    }

    /** Sizes the run's arrays or step counters cannot hold are refused up front, at the field that asks for them. */
    @Test
    void sizesTheRunCannotHoldAreRefused() {
        String base = caseFile("bad-inputs-base");
        String[][] cases = {
                {"simulation.spinUp=1e300", "more than one run can hold"},
                {"world.dt=1e-12", "at most 2147483647 steps per sample"},
                {"world.j=100000000", "fast variables; at most 268435455"},
                {"simulation.samples=2147483647", "do not fit in one array"},
                {"evaluations.run.duration=1e12", "more than one array holds"},
                {"data.validationFraction=1e-9", "is less than one sample"},
        };
        for (String[] c : cases) {
            CliRunner.Outcome r = refused("validate", base, "--set", c[0]);
            assertTrue(r.err().contains("--set " + c[0]), c[0] + ": " + r.err());
            assertTrue(r.err().contains(c[1]), c[0] + ": " + r.err());
        }
    }

    /** A name declared as something else says so, instead of only "no network named 'cubic'". */
    @Test
    void aNameOfAnotherKindSaysWhatItIs() throws IOException {
        Path s = script("""
                experiment('x') {
                    simulate { samples 3000 }
                    data { validation fraction: 0.2 }
                    network('ann') { layers { dense 8 }; train { epochs 1 } }
                    polynomial('cubic') { fitDegree 3 }
                    trajectory('T') { start(-1); duration 1; compare 'none', 'T' }
                    charts { lossCurves 'cubic' }
                }
                """);
        CliRunner.Outcome r = refused("validate", s.toString());
        assertTrue(r.err().contains(s + ":6:"), r.err());
        assertTrue(r.err().contains("no parameterization named 'T' ('T' is a trajectory evaluation); declared: "
                + "ann, cubic, none"), r.err());
        assertTrue(r.err().contains("no network named 'cubic' ('cubic' is a polynomial); declared: ann"), r.err());
    }
}

package org.l96.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.data.Npy;
import org.l96.data.Split;
import org.l96.dsl.ScriptException;
import org.l96.dsl.ScriptLoader;
import org.l96.eval.PolynomialFit;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.NoiseSpec;
import org.l96.spec.PolynomialSpec;
import org.l96.spec.SpecJson;
import org.l96.spec.Vocabulary;
import org.l96.world.StochasticParameterization;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stochastic schemes from the DSL (issue #13 §2): {@code polynomial('x') { from 'cubic'; noise 'additive' }} to the
 * spec, its validation errors at their lines, and a run whose reported fit equals an independent computation.
 */
class StochasticSchemesTest {
    @TempDir
    Path dir;

    private Path script(String text) throws IOException {
        Path file = dir.resolve("s.groovy");
        Files.writeString(file, text);
        return file;
    }

    private static double f0(JsonNode metrics, String scheme) {
        return metrics.get("online").get("f").get(scheme).get("rmseByLead").get(2).asDouble();
    }

    @Test
    void theSpecsWordsAreTheWorldsNames() {
        for (Vocabulary.NoiseForm f : Vocabulary.NoiseForm.values()) {
            assertEquals(f.parameters(), List.of(StochasticParameterization.Form.valueOf(f.name()).parameterNames()));
        }
    }

    @Test
    void noiseReadsIntoTheSpecAndRoundTrips() throws IOException {
        ExperimentSpec spec = ScriptLoader.load(script("""
                experiment('s') {
                    simulate { samples 5000 }
                    polynomial('cubic') { fitDegree 3 }
                    polynomial('cubic-ar1') { from 'cubic'; noise 'additive' }
                    polynomial('cubic-white') { from 'cubic'; noise 'additive', process: 'white' }
                    polynomial('sd') { from 'cubic'; noise 'stateDependent', phi: 0.9, sigma0: 1.5, sigma1: 0.1 }
                    forecast('f') { compare 'cubic', 'cubic-ar1', 'cubic-white', 'sd'; initialConditions 10; every 2; lead 1 }
                }
                """));
        assertEquals(new PolynomialSpec(null, null, null, "cubic", new NoiseSpec("additive", "ar1", null, null)),
                spec.polynomials().get("cubic-ar1"));
        assertEquals(new NoiseSpec("additive", "white", null, null), spec.polynomials().get("cubic-white").noise());
        assertEquals(new NoiseSpec("stateDependent", "ar1", 0.9, Map.of("sigma0", 1.5, "sigma1", 0.1)),
                spec.polynomials().get("sd").noise());
        assertEquals(spec, SpecJson.fromJson(SpecJson.toJson(spec)));
        // a deterministic polynomial's JSON has no trace of the new fields
        assertFalse(SpecJson.toJson(new ExperimentSpec("d", 1, null, null, null, null,
                Map.of("c", new PolynomialSpec(null, 3, null)), null, null, null, null)).contains("noise"));
    }

    /** Given or fitted, a noise's σ is set by entry with --set and swept with vary, like its phi. */
    @Test
    void sigmasAreSetAndSweptByEntry() throws IOException {
        Path file = script("""
                experiment('s') {
                    simulate { samples 5000 }
                    polynomial('cubic') { fitDegree 3 }
                    polynomial('sd-given') { from 'cubic'; noise 'stateDependent', process: 'white', sigma0: 1.5, sigma1: 0.1 }
                    polynomial('sd-ar1') { from 'cubic'; noise 'stateDependent' }
                    polynomial('add') { from 'cubic'; noise 'additive' }
                    forecast('f') { compare 'sd-given', 'sd-ar1', 'add'; initialConditions 10; every 2; lead 1 }
                    sweep { vary 'polynomials.sd-given.noise.sigmas.sigma0', 1, 2 }
                }
                """);
        String sd = "polynomials.sd-given.noise.sigmas.";
        ExperimentSpec set = ScriptLoader.load(file, List.of(sd + "sigma0=2"));
        assertEquals(Map.of("sigma0", 2.0, "sigma1", 0.1), set.polynomials().get("sd-given").noise().sigmas());
        // fitted σ: the entries are added (all of the form's, else the validator asks for the rest)
        ExperimentSpec fitted = ScriptLoader.load(file, List.of("polynomials.sd-ar1.noise.sigmas.sigma0=1",
                "polynomials.sd-ar1.noise.sigmas.sigma1=0.2", "polynomials.add.noise.sigmas.sigma=3"));
        assertEquals(Map.of("sigma0", 1.0, "sigma1", 0.2), fitted.polynomials().get("sd-ar1").noise().sigmas());
        assertEquals(Map.of("sigma", 3.0), fitted.polynomials().get("add").noise().sigmas());
        // the whole map: given as a map, or null (all fitted; the script's sweep then half-gives them, so the
        // spec is edited here without it)
        ExperimentSpec plain = ScriptLoader.load(file);
        String map = sd.substring(0, sd.length() - 1);
        assertEquals(Map.of("sigma0", 3.0, "sigma1", 0.5), org.l96.spec.SpecPaths.set(plain, map,
                "{\"sigma0\": 3, sigma1: 0.5}").polynomials().get("sd-given").noise().sigmas());
        assertEquals(null, org.l96.spec.SpecPaths.set(plain, map, "null").polynomials().get("sd-given").noise()
                .sigmas());
        assertTrue(assertThrows(org.l96.spec.SpecException.class, () -> org.l96.spec.SpecPaths.set(plain, map, "2"))
                .getMessage().contains("takes null (all fitted) or {sigma0: 1, sigma1: 1}, or set one entry: " + sd
                        + "sigma0=…"));
        // mistakes: a name the form does not take, a value that is not a number, half of the form's σ given
        String unknown = assertThrows(ScriptException.class, () -> ScriptLoader.load(file,
                List.of("polynomials.add.noise.sigmas.sigma0=1"))).format();
        assertTrue(unknown.contains("no standard deviation of additive noise named 'sigma0'; did you mean 'sigma'?"
                + "; it takes: sigma"), unknown);
        String word = assertThrows(ScriptException.class, () -> ScriptLoader.load(file,
                List.of(sd + "sigma1=big"))).format();
        assertTrue(word.contains("takes a number") && word.contains("'big'"), word);
        String half = assertThrows(ScriptException.class, () -> ScriptLoader.load(file,
                List.of("polynomials.sd-ar1.noise.sigmas.sigma0=1"))).format();
        assertTrue(half.contains("sigma1"), half);
        // a sweep over a given σ: one point per value, the other σ kept
        org.l96.sweep.SweepPlan plan = org.l96.sweep.SweepPlan.of(ScriptLoader.load(file), "s");
        assertEquals(2, plan.points().size());
        assertEquals(Map.of("sigma0", 2.0, "sigma1", 0.1),
                plan.points().get(1).spec().polynomials().get("sd-given").noise().sigmas());
    }

    /** noise without a form in quotes says what it takes, at its own line. */
    @Test
    void noiseTakesAFormInQuotes() throws IOException {
        for (String bad : new String[]{"noise 3", "noise"}) {
            Path file = script("""
                    experiment('bad') {
                        polynomial('cubic') { fitDegree 3 }
                        polynomial('a') {
                            from 'cubic'
                            %s
                        }
                    }
                    """.formatted(bad));
            ScriptException e = assertThrows(ScriptException.class, () -> ScriptLoader.load(file));
            String all = e.format();
            assertTrue(all.contains(file + ":5:") && all.contains("noise takes a form in quotes: additive, "
                    + "stateDependent, multiplicative, multiplicativeAdditive"), all);
            assertFalse(all.contains("give noise too") || all.contains("parentheses"), all);
            assertEquals(1, e.errors().size(), all);
        }
    }

    @Test
    void mistakesAreReportedAtTheirLines() throws IOException {
        Path file = script("""
                experiment('bad') {
                    simulate { samples 5000 }
                    polynomial('cubic') { fitDegree 3 }
                    polynomial('a') { from 'cubc'; noise 'additve' }
                    polynomial('b') { from 'cubic'; noise 'additive', process: 'white', phi: 0.5 }
                    polynomial('c') { from 'cubic'; noise 'multiplicative', sigma0: 1 }
                    polynomial('d') { from 'b'; noise 'additive', phi: 1.2 }
                    polynomial('e') { fitDegree 3; from 'cubic' }
                    polynomial('g') { from 'cubic' }
                    polynomial('h') { fitDegree 3; noise 'additive' }
                    forecast('f') { compare 'a', 'b', 'c', 'd', 'e'; initialConditions 10; every 2; lead 1 }
                }
                """);
        ScriptException e = assertThrows(ScriptException.class, () -> ScriptLoader.load(file));
        String all = e.format();
        assertTrue(all.contains(file + ":4:") && all.contains("did you mean 'cubic'"), all);
        assertTrue(all.contains("'additve' is not one of additive, stateDependent, multiplicative, "
                + "multiplicativeAdditive (did you mean 'additive'?)"), all);
        assertTrue(all.contains(file + ":5:") && all.contains("white noise has no phi"), all);
        assertTrue(all.contains(file + ":6:") && all.contains("no standard deviation of multiplicative noise named "
                + "'sigma0'"), all);
        assertTrue(all.contains(file + ":7:") && all.contains("base 'b' must be deterministic"), all);
        assertTrue(all.contains("must be in [0, 1), got 1.2"), all);
        assertTrue(all.contains(file + ":8:") && all.contains("give exactly one of coefficients, fit degree, "
                + "fromNetwork or from"), all);
        // a base without noise, and noise without a base: neither is a stochastic scheme
        assertTrue(all.contains(file + ":9:") && all.contains("give noise too"), all);
        assertTrue(all.contains(file + ":10:") && all.contains("names its deterministic base with from"), all);
        assertEquals(9, e.errors().size(), all);
    }

    @Test
    void aRunReportsTheFitAndTheStochasticSchemesScoreDifferently(@TempDir Path out) throws IOException {
        ExperimentSpec spec = ScriptLoader.load(script("""
                experiment('stoch') {
                    seed 5
                    simulate { samples 6000; spinUp 2 }
                    polynomial('cubic') { fitDegree 3 }
                    polynomial('unused') { fitDegree 1 }
                    polynomial('unused-ar1') { from 'unused'; noise 'additive' }
                    polynomial('cubic-ar1') { from 'cubic'; noise 'additive' }
                    polynomial('cubic-white') { from 'cubic'; noise 'additive', process: 'white' }
                    polynomial('given') { from 'cubic'; noise 'multiplicativeAdditive', phi: 0.5, sigmaM: 0.1, sigmaA: 1 }
                    network('tiny') { local(); layers { dense 4, relu; dense 1 }; train { epochs 1 } }
                    polynomial('tiny-sd') { from 'tiny'; noise 'stateDependent', process: 'white' }
                    forecast('f') {
                        compare 'cubic', 'cubic-ar1', 'cubic-white', 'given', 'tiny-sd'
                        initialConditions 10; every 2; lead 1; bootstrap 20; ceiling false
                    }
                    climate('c') { compare 'cubic-ar1'; duration 5; spinUp 1; maxLag 1 }
                }
                """));
        ExperimentRunner.inFolder(out).parallel(1).run(spec);
        JsonNode metrics = new ObjectMapper().readTree(out.resolve("stoch/manifest.json").toFile()).get("metrics");

        // independent: the cubic fit and the residuals' standard deviation and lag-one autocorrelation
        Path sim = out.resolve("stoch/simulate");
        double[] x = Npy.read(sim.resolve(SimulationFiles.X)).data();
        double[] target = Npy.read(sim.resolve(SimulationFiles.COUPLING)).data();
        int k = spec.world().k();
        int rows = Split.of(x.length / k, spec.data()).trainRows();
        int n = rows * k;
        // the fit and the noise's residual series leave out row 0, whose seed target is a placeholder (zeros)
        double[] c = PolynomialFit.fit(Arrays.copyOfRange(x, k, n), Arrays.copyOfRange(target, k, n), 3);
        JsonNode reported = metrics.get("polynomials").get("cubic").get("coefficients");
        assertEquals(4, reported.size());
        for (int p = 0; p <= 3; p++) {
            assertEquals(c[3 - p], reported.get(p).asDouble(), 1e-12 * (1 + Math.abs(c[3 - p])), "power " + p);
        }
        int m = n - k;
        double[] r = new double[m];
        double mean = 0;
        for (int i = 0; i < m; i++) {
            double v = x[k + i];
            r[i] = target[k + i] - (((c[0] * v + c[1]) * v + c[2]) * v + c[3]);
            mean += r[i] / m;
        }
        double var = 0;
        double lag = 0;
        for (int i = 0; i < m; i++) {
            var += (r[i] - mean) * (r[i] - mean);
            if (i + k < m) {
                lag += (r[i] - mean) * (r[i + k] - mean);
            }
        }
        JsonNode ar1 = metrics.get("polynomials").get("cubic-ar1").get("noise");
        assertEquals(Math.sqrt(var / m), ar1.get("sigma").asDouble(), 1e-9);
        assertEquals(lag / var, ar1.get("phi").asDouble(), 1e-9);
        assertTrue(ar1.get("phi").asDouble() > 0.5, ar1.toString()); // residuals at Δ = 0.01 are correlated
        assertEquals("cubic", ar1.get("base").asText());
        assertEquals("[\"phi\",\"sigma\"]", ar1.get("fitted").toString()); // the names of what was fitted
        assertEquals(spec.simulation().sampleInterval(), ar1.get("interval").asDouble());
        JsonNode white = metrics.get("polynomials").get("cubic-white").get("noise");
        assertEquals(0.0, white.get("phi").asDouble());
        assertEquals(ar1.get("sigma").asDouble(), white.get("sigma").asDouble());
        JsonNode given = metrics.get("polynomials").get("given").get("noise");
        assertEquals(0.5, given.get("phi").asDouble());
        assertEquals(0.1, given.get("sigmaM").asDouble());
        assertEquals(1.0, given.get("sigmaA").asDouble());
        assertEquals("[]", given.get("fitted").toString());
        // white noise has no φ to fit: only its σ was
        assertEquals("[\"sigma\"]", metrics.get("polynomials").get("cubic-white").get("noise").get("fitted")
                .toString());
        JsonNode net = metrics.get("polynomials").get("tiny-sd").get("noise");
        assertEquals("tiny", net.get("base").asText());
        assertTrue(net.get("sigma0").isNumber() && net.get("sigma1").isNumber(), net.toString());
        assertTrue(f0(metrics, "tiny-sd") > 0);
        // the scheme's own metrics carry its noise too
        assertEquals(ar1, metrics.get("online").get("f").get("cubic-ar1").get("noise"));
        // every polynomial is reported, used by an evaluation or not: a stochastic scheme with its base's
        // coefficients (ascending) and its noise; a network base has no coefficients
        assertEquals(reported, metrics.get("polynomials").get("cubic-ar1").get("coefficients"));
        // and an evaluation's copy is in the same (ascending) order
        assertEquals(reported, metrics.get("online").get("f").get("cubic").get("coefficients"));
        JsonNode unused = metrics.get("polynomials").get("unused-ar1");
        assertEquals(metrics.get("polynomials").get("unused").get("coefficients"), unused.get("coefficients"));
        assertEquals(2, unused.get("coefficients").size());
        assertEquals("unused", unused.get("noise").get("base").asText());
        assertTrue(unused.get("noise").get("phi").asDouble() > 0.5 && unused.get("noise").get("sigma").asDouble() > 0,
                unused.toString());
        assertNotEquals(ar1.get("sigma").asDouble(), unused.get("noise").get("sigma").asDouble()); // other residuals
        assertFalse(metrics.get("polynomials").get("tiny-sd").has("coefficients"));
        String report = java.nio.file.Files.readString(out.resolve("stoch/report").resolve(org.l96.run.stages.ReportOutputs.FILE));
        assertTrue(report.contains("<h2>Polynomials</h2>") && report.contains(">unused-ar1</th>")
                && report.contains("additive, ar1") && report.contains("fitted: phi, sigma"),
                "the report's polynomial table");

        JsonNode f = metrics.get("online").get("f");
        double det = f.get("cubic").get("rmseByLead").get(2).asDouble();
        double a = f.get("cubic-ar1").get("rmseByLead").get(2).asDouble();
        double w = f.get("cubic-white").get("rmseByLead").get(2).asDouble();
        assertTrue(det > 0 && a > 0 && w > 0);
        assertNotEquals(det, a);
        assertNotEquals(a, w);
        assertTrue(metrics.get("online").get("c").get("cubic-ar1").get("hellinger").isNumber(),
                metrics.get("online").get("c").toString());
    }
}

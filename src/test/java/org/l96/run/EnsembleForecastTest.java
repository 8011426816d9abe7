package org.l96.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.data.Npy;
import org.l96.dsl.ScriptException;
import org.l96.dsl.ScriptLoader;
import org.l96.run.stages.EvaluationOutputs;
import org.l96.spec.EvaluationSpec;
import org.l96.spec.ExperimentSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code forecast { members N }} through the stages: today's numbers kept at N = 1, the ensemble's scores added. */
class EnsembleForecastTest {
    @TempDir
    Path dir;

    private static final String BODY = """
                seed 5
                simulate { samples 4000; spinUp 2 }
                data { validation last: 1000 }
                polynomial('cubic') { fitDegree 3 }
                polynomial('cubic-ar1') { from 'cubic'; noise 'additive' }
                polynomial('cubic-white') { from 'cubic'; noise 'additive', process: 'white' }
            """;

    private JsonNode run(String name, String forecast) throws IOException {
        Path file = dir.resolve(name + ".groovy");
        Files.writeString(file, "experiment('" + name + "') {\n" + BODY + forecast + "\n}\n");
        ExperimentSpec spec = ScriptLoader.load(file);
        Path out = dir.resolve("out");
        ExperimentRunner.inFolder(out).parallel(1).run(spec);
        return new ObjectMapper().readTree(out.resolve(name + "/manifest.json").toFile()).get("metrics")
                .get("online").get("f");
    }

    private static final String FORECAST = """
                forecast('f') {
                    compare 'cubic-white', 'cubic-ar1', 'cubic'
                    initialConditions 6; every 2; lead 1; bootstrap 20; ceiling false
            """;

    @Test
    void oneMemberIsTodaysForecastAndAnEnsembleAddsItsScores() throws IOException {
        JsonNode today = run("today", FORECAST + "}");
        JsonNode one = run("one", FORECAST + "members 1 }");
        assertEquals(today, one);
        assertFalse(today.get("cubic").has(EvaluationOutputs.CRPS));

        JsonNode ens = run("ens", FORECAST + "members 4; rankLeads 0.5, 1 }");
        int ics = 6;
        int k = 8;
        // the deterministic cubic: every member the same run, so spread 0, ensemble-mean RMSE = its RMSE, CRPS its
        // mean absolute error (≤ RMSE), and the truth ranks first or last, never in between
        JsonNode cubic = ens.get("cubic");
        assertEquals(4, cubic.get(EvaluationOutputs.MEMBERS).asInt());
        for (int t = 0; t < cubic.get(EvaluationOutputs.LEADS).size(); t++) {
            assertEquals(0.0, cubic.get(EvaluationOutputs.SPREAD).get(t).asDouble(), 1e-12);
            double rmse = cubic.get(EvaluationOutputs.ENSEMBLE_RMSE).get(t).asDouble();
            assertEquals(today.get("cubic").get(EvaluationOutputs.RMSE_BY_LEAD).get(t).asDouble()
                    * today.get("cubic").get(EvaluationOutputs.SIGMA_X).asDouble(), rmse, 1e-9 * (1 + rmse));
            assertTrue(cubic.get(EvaluationOutputs.CRPS).get(t).asDouble() <= rmse + 1e-12);
        }
        JsonNode cubicRanks = cubic.get(EvaluationOutputs.RANK_HISTOGRAMS);
        assertEquals(2, cubicRanks.size());
        for (JsonNode h : cubicRanks) {
            assertEquals(5, h.size());
            assertEquals(0, h.get(1).asLong() + h.get(2).asLong() + h.get(3).asLong());
            assertEquals(ics * k, h.get(0).asLong() + h.get(4).asLong());
        }
        // the stochastic ones spread, their histograms count every (IC, k), and CRPS is paired against the first
        for (String s : new String[]{"cubic-ar1", "cubic-white"}) {
            JsonNode m = ens.get(s);
            assertTrue(m.get(EvaluationOutputs.SPREAD).get(2).asDouble() > 0, m.toString());
            for (JsonNode h : m.get(EvaluationOutputs.RANK_HISTOGRAMS)) {
                long total = 0;
                for (JsonNode c : h) {
                    total += c.asLong();
                }
                assertEquals(ics * k, total);
            }
        }
        assertEquals("cubic-white", ens.get("cubic-ar1").get(EvaluationOutputs.CRPS_DIFF_AGAINST).asText());
        double diff = ens.get("cubic-ar1").get(EvaluationOutputs.CRPS_DIFF).get(2).asDouble();
        assertEquals(ens.get("cubic-ar1").get(EvaluationOutputs.CRPS).get(2).asDouble()
                - ens.get("cubic-white").get(EvaluationOutputs.CRPS).get(2).asDouble(), diff, 1e-12);
        assertTrue(ens.get("cubic-ar1").get(EvaluationOutputs.CRPS_DIFF_LOW).get(2).asDouble() <= diff + 1e-12);
        assertFalse(ens.get("cubic-white").has(EvaluationOutputs.CRPS_DIFF));
        // the full curves: one row per lead (lead 1 at the default sampling interval 0.01)
        Npy.Array table = Npy.read(EvaluationOutputs.ensemble(dir.resolve("out/ens/evaluate-f"), "cubic-ar1"));
        assertEquals(101 * EvaluationOutputs.ENSEMBLE_COLUMNS, table.data().length);
    }

    /** One-scale L96 tendency, written out here: (X_{k+1} − X_{k−2}) X_{k−1} − X_k + F. */
    private static double[] l96(double[] x, double f) {
        int k = x.length;
        double[] d = new double[k];
        for (int i = 0; i < k; i++) {
            d[i] = (x[(i + 1) % k] - x[(i - 2 + k) % k]) * x[(i - 1 + k) % k] - x[i] + f;
        }
        return d;
    }

    @Test
    void pairedDifferencesDoNotDependOnTheOrderOfCompare() throws IOException {
        String rest = "initialConditions 6; every 2; lead 1; bootstrap 50; ceiling false; members 4 }";
        JsonNode one = run("order1", "forecast('f') { compare 'cubic-white', 'cubic-ar1', 'cubic'; " + rest);
        JsonNode two = run("order2", "forecast('f') { compare 'cubic', 'cubic-ar1', 'cubic-white'; " + rest);
        String[] schemes = {"cubic", "cubic-ar1", "cubic-white"};
        for (String a : schemes) {
            // the scheme's own scores do not depend on the order either (noise seeded by its name)
            assertEquals(one.get(a).get(EvaluationOutputs.CRPS), two.get(a).get(EvaluationOutputs.CRPS), a);
            JsonNode pairs = one.get(a).get(EvaluationOutputs.PAIRED_DIFFERENCES);
            assertEquals(2, pairs.size(), pairs.toString());
            assertEquals(pairs, two.get(a).get(EvaluationOutputs.PAIRED_DIFFERENCES), a);
            for (String b : schemes) {
                if (a.equals(b)) {
                    continue;
                }
                JsonNode ab = pairs.get(b);
                JsonNode ba = one.get(b).get(EvaluationOutputs.PAIRED_DIFFERENCES).get(a);
                assertEquals(-ba.get(EvaluationOutputs.VPT_DIFF).asDouble(), ab.get(EvaluationOutputs.VPT_DIFF)
                        .asDouble(), 1e-12);
                for (int t = 0; t < ab.get(EvaluationOutputs.CRPS_DIFF).size(); t++) {
                    double d = ab.get(EvaluationOutputs.CRPS_DIFF).get(t).asDouble();
                    // a − b, from the schemes' own CRPS
                    assertEquals(one.get(a).get(EvaluationOutputs.CRPS).get(t).asDouble()
                            - one.get(b).get(EvaluationOutputs.CRPS).get(t).asDouble(), d, 1e-12, a + " − " + b);
                    assertEquals(-d, ba.get(EvaluationOutputs.CRPS_DIFF).get(t).asDouble(), 1e-12);
                    // the band of b − a is that of a − b mirrored (the same resamples)
                    assertEquals(-ab.get(EvaluationOutputs.CRPS_DIFF_HIGH).get(t).asDouble(),
                            ba.get(EvaluationOutputs.CRPS_DIFF_LOW).get(t).asDouble(), 1e-12);
                    assertTrue(ab.get(EvaluationOutputs.CRPS_DIFF_LOW).get(t).asDouble() <= d + 1e-12
                            && d <= ab.get(EvaluationOutputs.CRPS_DIFF_HIGH).get(t).asDouble() + 1e-12);
                }
            }
        }
        // against the first compared one, as before: ar1 − white in the first order, white − ar1 nowhere there
        assertEquals(one.get("cubic-ar1").get(EvaluationOutputs.CRPS_DIFF),
                one.get("cubic-ar1").get(EvaluationOutputs.PAIRED_DIFFERENCES).get("cubic-white")
                        .get(EvaluationOutputs.CRPS_DIFF));
        assertFalse(one.get("none").has(EvaluationOutputs.PAIRED_DIFFERENCES)); // only compared schemes pair
        // the report shows AR(1) − white with its interval, the same in both orders
        double d = one.get("cubic-ar1").get(EvaluationOutputs.PAIRED_DIFFERENCES).get("cubic-white")
                .get(EvaluationOutputs.CRPS_DIFF).get(2).asDouble();
        for (String name : new String[]{"order1", "order2"}) {
            String report = Files.readString(dir.resolve("out/" + name + "/report")
                    .resolve(org.l96.run.stages.ReportOutputs.FILE));
            String table = report.substring(report.indexOf("<h2>AR(1) against white noise</h2>"));
            assertTrue(table.contains("<th>cubic-ar1 − cubic-white: additive (cubic)</th>"), table);
            assertTrue(table.contains(org.l96.run.stages.ReportStage.number(d, 3)), d + " in " + table);
        }
    }

    @Test
    void theStepperAndDtOfAForecastAreTheOnesAskedFor() throws IOException {
        JsonNode f = run("rk2", """
                forecast('f') {
                    compare 'none'; initialConditions 6; every 2; lead 0.5; bootstrap 20; ceiling false
                    stepper 'rk2'; dt 0.005
                }""");
        // independent: midpoint RK2 at dt 0.005 from each initial condition, RMSE/σ_X at lead 0.5
        double[] x = Npy.read(dir.resolve("out/rk2/simulate/" + SimulationFiles.X)).data();
        int k = 8;
        double mean = 0;
        for (double v : x) {
            mean += v / x.length;
        }
        double var = 0;
        for (double v : x) {
            var += (v - mean) * (v - mean) / x.length;
        }
        double se = 0;
        for (int ic = 0; ic < 6; ic++) {
            double[] s = java.util.Arrays.copyOfRange(x, ic * 200 * k, ic * 200 * k + k);
            for (int n = 0; n < 100; n++) {
                double[] k1 = l96(s, 18);
                double[] mid = new double[k];
                for (int i = 0; i < k; i++) {
                    mid[i] = s[i] + 0.0025 * k1[i];
                }
                double[] k2 = l96(mid, 18);
                for (int i = 0; i < k; i++) {
                    s[i] += 0.005 * k2[i];
                }
            }
            for (int i = 0; i < k; i++) {
                double d = s[i] - x[(ic * 200 + 50) * k + i];
                se += d * d;
            }
        }
        double expected = Math.sqrt(se / (6 * k)) / Math.sqrt(var);
        double got = f.get("none").get(EvaluationOutputs.RMSE_BY_LEAD).get(1).asDouble();
        assertEquals(expected, got, 1e-6 * expected);
        Path bad = dir.resolve("bad-dt.groovy");
        Files.writeString(bad, "experiment('bad') {\n" + BODY + """
                forecast('f') { compare 'cubic'; initialConditions 6; every 2; lead 1; stepper 'rk3'; dt 0.003 }
                }
                """);
        ScriptException e = assertThrows(ScriptException.class, () -> ScriptLoader.load(bad));
        assertTrue(e.format().contains("'rk3' is not one of euler, rk2, rk4"), e.format());
        assertTrue(e.format().contains("dt 0.003 does not divide the sampling interval 0.01"), e.format());
    }

    @Test
    void everyEvaluationTakesAStepperAndDtAndChecksThem() throws IOException {
        Path ok = dir.resolve("steps.groovy");
        Files.writeString(ok, "experiment('steps') {\n" + BODY + """
                trajectory('t') { compare 'cubic'; duration 1; stepper 'euler'; dt 0.005 }
                ensemble('e') { compare 'cubic-ar1'; initialConditions 3; every 1.0; duration 1; stepper 'rk2'; dt 0.0025 }
                climate('c') { compare 'cubic'; duration 5; spinUp 1; maxLag 1; stepper 'rk4'; dt 0.005 }
                }
                """);
        ExperimentSpec spec = ScriptLoader.load(ok);
        assertEquals(new EvaluationSpec.Trajectory(List.of("cubic"), -1, 1, 0.005, null, "euler"),
                spec.evaluations().get("t"));
        assertEquals("rk2", spec.evaluations().get("e").stepper());
        assertEquals(0.0025, spec.evaluations().get("e").dt());
        assertEquals("rk4", spec.evaluations().get("c").stepper());
        assertEquals(0.005, spec.evaluations().get("c").dt());

        Path bad = dir.resolve("bad-steps.groovy");
        Files.writeString(bad, "experiment('bad') {\n" + BODY + """
                trajectory('t') { compare 'cubic'; stepper 'rk3' }
                ensemble('e') { compare 'cubic'; initialConditions 3; every 1.0; duration 1; dt 0.003 }
                climate('c') { compare 'cubic'; duration 5; spinUp 1; maxLag 1; stepper 'eulr'; dt 0.02 }
                }
                """);
        ScriptException e = assertThrows(ScriptException.class, () -> ScriptLoader.load(bad));
        String all = e.format();
        assertTrue(all.contains("bad-steps.groovy:8:") && all.contains("'rk3' is not one of euler, rk2, rk4"), all);
        assertTrue(all.contains("bad-steps.groovy:9:")
                && all.contains("dt 0.003 does not divide the sampling interval 0.01"), all);
        assertTrue(all.contains("bad-steps.groovy:10:") && all.contains("'eulr'") && all.contains("euler"), all);
        assertTrue(all.contains("dt 0.02 is longer than the sampling interval 0.01"), all);
    }

    /** rankLeads without leads, or with one twice, is answered at its line in the DSL's words. */
    @Test
    void rankLeadsTakesDistinctLeads() throws IOException {
        for (String empty : new String[]{"rankLeads([])", "rankLeads()"}) {
            Path file = dir.resolve("empty.groovy");
            Files.writeString(file, "experiment('bad') {\n" + BODY + """
                    forecast('f') {
                        compare 'cubic'; initialConditions 6; every 2; lead 1; members 2
                        %s
                    }
                    }
                    """.formatted(empty));
            String all = assertThrows(ScriptException.class, () -> ScriptLoader.load(file)).format();
            assertTrue(all.contains(file + ":10:5: rankLeads takes one or more leads in time units"), all);
            assertFalse(all.contains("IllegalArgumentException") || all.contains("wrong number"), all);
        }
        Path file = dir.resolve("twice.groovy");
        Files.writeString(file, "experiment('bad') {\n" + BODY + """
                forecast('f') {
                    compare 'cubic'; initialConditions 6; every 2; lead 1; members 2
                    rankLeads 1, 0.5, 0.5
                }
                }
                """);
        String all = assertThrows(ScriptException.class, () -> ScriptLoader.load(file)).format();
        assertTrue(all.contains(file + ":10:") && all.contains("rank lead 0.5 is given twice"), all);
        // a list works as the numbers do
        Files.writeString(file, "experiment('ok') {\n" + BODY + """
                forecast('f') { compare 'cubic'; initialConditions 6; every 2; lead 1; members 2; rankLeads([1, 0.5]) }
                }
                """);
        assertEquals(List.of(1.0, 0.5), ((EvaluationSpec.Forecast) ScriptLoader.load(file).evaluations().get("f"))
                .rankLeads());
    }

    /** An override that makes the script's own line wrong says so: the script alone was right. */
    @Test
    void aProblemCausedByASetNamesIt() throws IOException {
        Path file = dir.resolve("set.groovy");
        Files.writeString(file, "experiment('s') {\n" + BODY + """
                forecast('f') { compare 'cubic'; initialConditions 6; every 2; lead 1; members 2; rankLeads 0.5 }
                }
                """);
        ScriptLoader.load(file);
        String all = assertThrows(ScriptException.class,
                () -> ScriptLoader.load(file, List.of("evaluations.f.members=1"))).format();
        assertTrue(all.contains(file + ":8:") && all.contains("rank histograms need an ensemble")
                && all.contains("after --set evaluations.f.members=1"), all);
    }

    @Test
    void ensembleWordsAreChecked() throws IOException {
        Path file = dir.resolve("bad.groovy");
        Files.writeString(file, "experiment('bad') {\n" + BODY + """
                forecast('f') {
                    compare 'cubic'; initialConditions 6; every 2; lead 1
                    members 0
                    perturbation(-1)
                    rankLeads 0.5, 2
                }
                forecast('g') { compare 'cubic'; initialConditions 6; every 2; lead 1; rankLeads 0.5 }
                charts { crpsByLead 'g' }
                }
                """);
        ScriptException e = assertThrows(ScriptException.class, () -> ScriptLoader.load(file));
        String all = e.format();
        assertTrue(all.contains(file + ":10:"), all);
        assertTrue(all.contains(file + ":11:"), all);
        assertTrue(all.contains(file + ":12:") && all.contains("rank lead 2.0 must be in (0, lead 1.0]"), all);
        assertTrue(all.contains(file + ":14:") && all.contains("rank histograms need an ensemble"), all);
        assertTrue(all.contains(file + ":15:") && all.contains("forecast 'g' is not an ensemble: give it members 2"),
                all);
    }
}

package org.l96.dsl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.spec.ChartSpec;
import org.l96.spec.EvaluationSpec;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.SpecJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The forecast and climate blocks and their charts: defaults, Java twins, JSON, errors at their lines. */
class ForecastClimateDslTest {
    @TempDir
    Path dir;

    private Path script(String text) throws IOException {
        Path file = dir.resolve("s.groovy");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void defaultsFollowTheEvaluationNotes() throws IOException {
        ExperimentSpec spec = ScriptLoader.load(script("""
                experiment('d') {
                    simulate { samples 300_000 }
                    forecast('f') { compare 'none' }
                    climate('c') { compare 'none' }
                }
                """));
        assertEquals(new EvaluationSpec.Forecast(List.of("none"), 300, 10, 3, 1000, true, null),
                spec.evaluations().get("f"));
        assertEquals(new EvaluationSpec.Climate(List.of("none"), 100, 10, 0.5, -15, 25, 2.5, null),
                spec.evaluations().get("c"));
        assertEquals(80, ((EvaluationSpec.Climate) spec.evaluations().get("c")).bins());
    }

    @Test
    void javaBuilderMakesTheSameSpecAsTheScript() throws IOException {
        ExperimentSpec fromScript = ScriptLoader.load(script("""
                experiment('same') {
                    simulate { samples 5000 }
                    polynomial('cubic') { fitDegree 3 }
                    forecast('f') { compare 'cubic'; initialConditions 20; every 2; lead 1; bootstrap 50; ceiling false }
                    climate('c') { compare 'none', 'cubic'; duration 20; spinUp 1; binWidth 1; binRange(-10, 20); maxLag 1 }
                    charts { rmseByLead 'f'; anomalyCorrelation 'f', file: 'acc'; pdfs 'c'; autocorrelation 'c' }
                }
                """));
        ExperimentSpec fromJava = Experiment.named("same")
                .simulate(s -> s.samples(5000))
                .polynomial("cubic", p -> p.fitDegree(3))
                .forecast("f", f -> f.compare("cubic").initialConditions(20).every(2).lead(1).bootstrap(50)
                        .ceiling(false))
                .climate("c", c -> c.compare("none", "cubic").duration(20).spinUp(1).binWidth(1).binRange(-10, 20)
                        .maxLag(1))
                .charts(c -> c.rmseByLead("f").anomalyCorrelation("f", "acc").pdfs("c").autocorrelation("c"))
                .build();
        assertEquals(SpecJson.toJson(fromScript), SpecJson.toJson(fromJava));
        assertEquals(fromScript, SpecJson.fromJson(SpecJson.toJson(fromScript)));
        assertTrue(SpecJson.toJson(fromScript).contains("\"type\" : \"forecast\"")
                || SpecJson.toJson(fromScript).contains("\"type\":\"forecast\""), SpecJson.toJson(fromScript));
        assertEquals(List.of(new ChartSpec.RmseByLead("rmseByLead_f", "f"), new ChartSpec.AnomalyCorrelation("acc", "f"),
                new ChartSpec.Pdfs("pdfs_c", "c"), new ChartSpec.Autocorrelation("autocorrelation_c", "c")),
                fromScript.charts());
    }

    @Test
    void aTruthTooShortSaysHowManyInitialConditionsFit() throws IOException {
        Path file = script("""
                experiment('short') {
                    simulate { samples 20_000 }
                    forecast('f') {
                        compare 'none'
                        initialConditions 300
                    }
                }
                """);
        ScriptException e = assertThrows(ScriptException.class, () -> ScriptLoader.load(file));
        assertEquals(1, e.errors().size(), e::format);
        ScriptError error = e.errors().get(0);
        assertEquals(5, error.line(), e::format);
        assertTrue(e.format().startsWith(file + ":5:"), e::format);
        // (20000 − 300) / 1000 + 1 = 20 runs of 3 time units, 10 apart, fit in 200 time units
        assertTrue(error.message().contains("20 fit"), e::format);
        assertTrue(error.message().contains("299301"), e::format);
    }

    @Test
    void chartsMustNameTheRightKindOfEvaluation() throws IOException {
        Path file = script("""
                experiment('kinds') {
                    simulate { samples 5000 }
                    forecast('f') { compare 'none'; initialConditions 10; every 2; lead 1 }
                    climate('c') { compare 'none'; duration 20 }
                    charts {
                        rmseByLead 'c'
                        pdfs 'f'
                    }
                }
                """);
        ScriptException e = assertThrows(ScriptException.class, () -> ScriptLoader.load(file));
        assertEquals(2, e.errors().size(), e::format);
        assertTrue(e.errors().get(0).message().contains("'c' is a climate evaluation, but rmseByLead draws a "
                + "forecast evaluation (declared: f); a climate evaluation is drawn by pdfs and autocorrelation"),
                e::format);
        assertEquals(6, e.errors().get(0).line(), e::format);
        assertTrue(e.errors().get(1).message().contains("'f' is a forecast evaluation, but pdfs draws a climate "
                + "evaluation"), e::format);
    }

    @Test
    void climateRangesAreChecked() throws IOException {
        Path file = script("""
                experiment('ranges') {
                    climate('c') {
                        compare 'none'
                        duration 2
                        binRange(5, 1)
                        maxLag 3
                    }
                }
                """);
        ScriptException e = assertThrows(ScriptException.class, () -> ScriptLoader.load(file));
        List<Integer> lines = e.errors().stream().map(ScriptError::line).toList();
        assertEquals(List.of(5, 6), lines, e::format);
    }
}

package org.l96.cli;

import org.junit.jupiter.api.Test;
import org.l96.dsl.ScriptLoader;
import org.l96.run.Runner;
import org.l96.run.StageRecord;
import org.l96.spec.ExperimentSpec;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryTest {
    @Test
    void aFailedStagePointsAtTheScriptLineThatDeclaredIt() {
        Path script = Path.of("examples/seed-notebook.groovy");
        ScriptLoader.Loaded loaded = ScriptLoader.loadWithOrigins(script, List.of("networks.ann.train.epochs=7"));
        ExperimentSpec spec = loaded.spec();
        assertEquals("networks.ann", RunCommand.specPathOf("train-ann", spec));
        assertEquals("evaluations.ics", RunCommand.specPathOf("evaluate-ics", spec));
        assertEquals("charts.3", RunCommand.specPathOf("chart-04_relu", spec));
        assertEquals("lrRangeTests.ann-lr", RunCommand.specPathOf("lr-range-test-ann-lr", spec));
        assertEquals("world.dt", RunCommand.specPathOf("simulate", spec), "a simulation fails when its world diverges");

        String where = loaded.where().apply("networks.ann-dropout");
        assertTrue(where.matches(".*seed-notebook\\.groovy:\\d+"), where);
        assertEquals("--set networks.ann.train.epochs=7", loaded.where().apply("networks.ann.train.epochs"));

        Runner.Result result = new Runner.Result(List.of(
                new StageRecord("train-ann-dropout", "k", false, 1, 1, List.of(), Map.of(), StageRecord.FAILED,
                        "training diverged")), Path.of("m.json"), Path.of("."));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Summary.print(result, new PrintStream(out, true), s -> loaded.where().apply(RunCommand.specPathOf(s, spec)));
        assertTrue(out.toString().contains("training diverged (declared at " + where + ")"), out.toString());
    }

    @Test
    void marksEachStageAndSaysWhenAChartFailed() {
        Map<String, Object> diverged = new java.util.LinkedHashMap<>();
        diverged.put("epochs", 1);
        diverged.put("keptEpoch", 1);
        diverged.put("keptValLoss", Double.NaN);
        diverged.put("diverged", true);
        diverged.put("divergence", "diverged at epoch 1: training loss NaN");
        Map<String, Object> wild = new java.util.LinkedHashMap<>();
        wild.put("meanAbsError", null);
        wild.put("unstableFraction", 1.0);
        wild.put("unstableAt", 0.09);
        Map<String, Object> evaluation = new java.util.LinkedHashMap<>();
        evaluation.put("online.T.wild", wild);
        evaluation.put("online.T.a", wild);
        Runner.Result result = new Runner.Result(List.of(
                new StageRecord("train-a", "k", false, 1, 1, List.of(), Map.of("networks.a", diverged),
                        StageRecord.OK, null),
                new StageRecord("evaluate-T", "k", true, 0, 1, List.of(), evaluation, StageRecord.OK, null),
                new StageRecord("chart-x", "k", false, 1, 1, List.of(), Map.of(), StageRecord.FAILED, "boom"),
                new StageRecord("report", "k", false, 1, 1, List.of(), Map.of(), StageRecord.OK, null)),
                Path.of("m.json"), Path.of("."));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Summary.print(result, new PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8), s -> null);
        String out = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(out.matches("(?s)⚠ train-a\\s+diverged .*"), out);
        assertTrue(out.matches("(?s).*\n⚠ evaluate-T\\s+reused .*"), out);
        assertTrue(out.matches("(?s).*\n✗ chart-x\\s+failed .*boom.*"), out);
        assertTrue(out.matches("(?s).*\n✓ report\\s+ran .*"), out);
        assertTrue(out.contains("⚠ network 'a' diverged at epoch 1: training loss NaN; its weights are not finite"),
                out);
        assertTrue(out.contains("⚠ unstable in 'T': 'wild' at t = 0.09, 'a' at t = 0.09"), out);
        assertTrue(out.contains("⚠ network 'a' diverged in training and is used online by 'T'"), out);
        assertTrue(out.contains("1 stage(s) failed (1 chart(s): the report shows what was drawn and names what "
                + "was not)"), out);
    }

    @Test
    void anEnsembleWithSomeUnstableRunsGivesTheFractionsIntervalAndMedianTime() {
        Map<String, Object> hot = new java.util.LinkedHashMap<>();
        hot.put(org.l96.run.stages.EvaluationOutputs.UNSTABLE_FRACTION, 0.92);
        hot.put(org.l96.run.stages.EvaluationOutputs.UNSTABLE_FRACTION_CI, List.of(0.85, 0.9589));
        hot.put(org.l96.run.stages.EvaluationOutputs.UNSTABLE_AT, 0.59);
        hot.put(org.l96.run.stages.EvaluationOutputs.INITIAL_CONDITIONS, 100);
        hot.put(org.l96.run.stages.EvaluationOutputs.MEDIAN_TIME_TO_BLOW_UP, 3.36);
        Runner.Result result = new Runner.Result(List.of(new StageRecord("evaluate-S", "k", false, 0, 1, List.of(),
                Map.of("online.S.hot", hot), StageRecord.OK, null)), Path.of("m.json"), Path.of("."));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Summary.print(result, new PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8), s -> null);
        String out = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(out.contains("⚠ unstable in 'S': 'hot' in 92 of 100 runs (fraction 0.92, 95% interval "
                + "0.85–0.9589), the first at t = 0.59, median time to blow-up 3.36"), out);
    }

    /** The state and time columns line up under a stage name longer than the usual column. */
    @Test
    void columnsAlignUnderTheLongestStageName() {
        String longName = "chart-lossComparison_a-very-long-network-name_another-one";
        Runner.Result result = new Runner.Result(List.of(
                new StageRecord("simulate", "k", false, 1.5, 1, List.of(), Map.of(), StageRecord.OK, null),
                new StageRecord(longName, "k", false, 12.25, 1, List.of(), Map.of(), StageRecord.OK, null)),
                Path.of("m.json"), Path.of("."));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Summary.print(result, new PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8), s -> null);
        List<String> lines = bytes.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        int end = lines.get(0).lastIndexOf(" s");
        assertTrue(end > longName.length(), lines.toString());
        assertEquals(end, lines.get(1).lastIndexOf(" s"), lines.toString());
        assertEquals(end, lines.get(2).lastIndexOf(" s"), "the total too: " + lines);
        assertEquals(lines.get(0).indexOf(" ran "), lines.get(1).indexOf(" ran "), lines.toString());
    }
}

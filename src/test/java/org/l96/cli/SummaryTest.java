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
}

package org.l96.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.data.Npy;
import org.l96.data.Split;
import org.l96.dsl.ScriptException;
import org.l96.dsl.ScriptLoader;
import org.l96.run.stages.EvaluateStage;
import org.l96.spec.DataSpec;
import org.l96.spec.EvaluationSpec;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.Segments;
import org.l96.spec.SpecJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Evaluations draw their initial conditions from a named segment of the truth (issue 14 §3): the segments are the
 * training split's (checked against {@link Split}, the split training uses); a trajectory's truth starts at the
 * segment's row; a forecast defaults to the test segment when there is one; a missing or too short segment is an
 * error at its script line; {@code segment 'all'} written out keeps the evaluation's stage key.
 */
class EvaluationSegmentsTest {
    private static final String SCRIPT = """
            experiment('seg') {
                simulate { samples 900 }
                data { validation last: 200; test last: 250; batchSize 128 }
                network('small') { layers { dense 8 }; train { epochs 1 } }
                trajectory('fromTest') { segment 'test'; start 0; duration 0.5; compare 'none' }
                trajectory('endOfValidation') { segment 'validation'; start(-1); duration 0.5; compare 'none' }
                trajectory('whole') { start 10; duration 0.5; compare 'none' }
                forecast('skill') { compare 'small'; initialConditions 5; every 0.2; lead 1.0; bootstrap 10 }
                forecast('skillAll') { compare 'small'; initialConditions 5; every 0.2; lead 1.0; bootstrap 10
                    segment 'all' }
            }
            """;

    private static ExperimentSpec load(Path dir, String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return ScriptLoader.load(f);
    }

    @Test
    void segmentsAreTheTrainingSplit() {
        for (DataSpec d : new DataSpec[]{new DataSpec(200, null, 150, 128, true),
                new DataSpec(null, 0.2, 100, 128, true), new DataSpec(null, 0.25, null, 128, true)}) {
            ExperimentSpec spec = new ExperimentSpec("s", 1, null,
                    new org.l96.spec.SimulationSpec(0.01, 900, 0, "seed"), d, null, null, null, null, null, null);
            Split split = Split.of(901, d);
            assertEquals(new Segments.Range(0, split.trainRows()), Segments.rows("train", spec));
            assertEquals(split.validationStart(), Segments.rows("validation", spec).from());
            assertEquals(split.testStart(), Segments.rows("validation", spec).to());
            assertEquals(new Segments.Range(0, 901), Segments.rows("all", spec));
            if (d.testLast() == null) {
                assertNull(Segments.rows("test", spec));
            } else {
                assertEquals(new Segments.Range(split.testStart(), 901), Segments.rows("test", spec));
            }
        }
        // with the discrete target the split counts the 900 rows that have a target; the test segment still ends
        // at the last row of X
        DataSpec d = new DataSpec(null, 0.2, 100, 128, true);
        ExperimentSpec discrete = new ExperimentSpec("s", 1, null,
                new org.l96.spec.SimulationSpec(0.01, 900, 0, "discrete"), d, null, null, null, null, null, null);
        Split split = Split.of(900, d);
        assertEquals(new Segments.Range(split.testStart(), 901), Segments.rows("test", discrete));
        // defaults: a forecast takes the test segment when there is one; everything else the whole truth
        EvaluationSpec forecast = new EvaluationSpec.Forecast(java.util.List.of("none"), 2, 1, 1, 10, false, null);
        assertEquals("test", Segments.of(forecast, d));
        assertEquals("all", Segments.of(forecast, new DataSpec(100, null, null, 128, true)));
        assertEquals("all", Segments.of(new EvaluationSpec.Trajectory(java.util.List.of("none"), 0, 1, null, null),
                d));
    }

    @Test
    void initialConditionsComeFromTheSegment(@TempDir Path dir) throws IOException {
        Path script = dir.resolve("seg.groovy");
        Files.writeString(script, SCRIPT);
        CliRunner.Outcome r = CliRunner.run("run", script.toString(), "--out", dir.resolve("out").toString());
        assertEquals(0, r.code(), r.err() + r.out());
        Path exp = dir.resolve("out/seg");
        Npy.Array x = Npy.read(exp.resolve("simulate/X.npy"));
        int k = x.columns();
        Split split = Split.of(901, new DataSpec(200, null, 250, 128, true)); // test from row 651
        for (Object[] c : new Object[][]{{"fromTest", split.testStart()}, {"endOfValidation", split.testStart() - 1},
                {"whole", 10}}) {
            double[] truth = Npy.read(exp.resolve("evaluate-" + c[0] + "/truth.npy")).data();
            int row = (int) c[1];
            assertArrayEquals(Arrays.copyOfRange(x.data(), row * k, (row + 1) * k), Arrays.copyOfRange(truth, 0, k),
                    0.0, c[0] + " starts at row " + row);
            // and follows the stored truth from there
            assertArrayEquals(Arrays.copyOfRange(x.data(), (row + 10) * k, (row + 11) * k),
                    Arrays.copyOfRange(truth, 10 * k, 11 * k), 0.0);
        }
        // the forecast from the test segment (its default here) scores other initial conditions than from sample 0
        JsonNode m = new ObjectMapper().readTree(exp.resolve("manifest.json").toFile()).at("/metrics/online");
        assertNotEquals(m.at("/skill/none/rmseByLead").toString(), m.at("/skillAll/none/rmseByLead").toString(),
                m.toString());
        // the metrics say which segment a forecast drew from, its default included, and its rows
        assertEquals("test", m.at("/skill/none/segment").asText(), m.toString());
        assertEquals(split.testStart(), m.at("/skill/none/segmentRows/0").asInt(), m.toString());
        assertEquals("all", m.at("/skillAll/none/segment").asText(), m.toString());
        assertEquals(0, m.at("/skillAll/none/segmentRows/0").asInt(), m.toString());
        String report = Files.readString(exp.resolve("report/report.html"));
        assertTrue(report.contains("from the test segment (the default) (rows " + split.testStart() + " to "),
                report);
        assertTrue(report.contains("from the whole truth (rows 0 to"), report);
    }

    @Test
    void missingOrShortSegmentsAreErrorsAtTheirLines(@TempDir Path dir) throws IOException {
        String noTest = """
                experiment('x') {
                    simulate { samples 900 }
                    data { validation last: 200 }
                    network('small') { layers { dense 8 } }
                    trajectory('t') { segment 'test'; duration 1; compare 'none' }
                    ensemble('e') { segment 'tset'; duration 1; compare 'none' }
                    climate('c') { segment 'test'; duration 10; compare 'none' }
                }
                """;
        ScriptException e = assertThrows(ScriptException.class, () -> load(dir, "a.groovy", noTest));
        String m = e.format();
        assertTrue(m.contains("a.groovy:5:") && m.contains("no test segment") && m.contains("test last:"), m);
        assertTrue(m.contains("a.groovy:6:") && m.contains("did you mean 'test'?"), m);
        assertTrue(m.contains("a.groovy:7:") && m.contains("unknown word 'segment' in climate"), m);

        String tooShort = """
                experiment('x') {
                    simulate { samples 900 }
                    data { validation last: 200; test last: 100 }
                    network('small') { layers { dense 8 } }
                    forecast('f') { compare 'small'; initialConditions 10; every 0.2; lead 0.5 }
                    ensemble('e') { segment 'test'; first 50; initialConditions 3; every 0.3; duration 0.1
                        compare 'none' }
                    trajectory('t') { segment 'validation'; start 200; duration 1; compare 'none' }
                }
                """;
        ScriptException s = assertThrows(ScriptException.class, () -> load(dir, "b.groovy", tooShort));
        String t = s.format();
        assertTrue(t.contains("b.groovy:5:") && t.contains("test segment (100 samples, 801 to 900)")
                && t.contains("default") && t.contains("segment 'all'"), t);
        assertTrue(t.contains("b.groovy:6:") && t.contains("do not fit in the test segment"), t);
        assertTrue(t.contains("b.groovy:8:") && t.contains("start sample 200 is outside the validation segment"), t);
    }

    @Test
    void segmentAllWrittenOutKeepsTheStageKey(@TempDir Path dir) throws IOException {
        String base = """
                experiment('x') {
                    simulate { samples 900 }
                    data { validation last: 200 }
                    forecast('f') { compare 'none'; initialConditions 5; every 0.2; lead 0.3 SEG }
                }
                """;
        ExperimentSpec plain = load(dir, "p.groovy", base.replace("SEG", ""));
        ExperimentSpec all = load(dir, "q.groovy", base.replace("SEG", "; segment 'all'"));
        ExperimentSpec test = load(dir, "r.groovy", base.replace("SEG", "; segment 'train'"));
        assertNotEquals(SpecJson.toJson(plain), SpecJson.toJson(all));
        assertEquals(key(plain), key(all));
        assertNotEquals(key(plain), key(test));
    }

    private static String key(ExperimentSpec spec) {
        return SpecJson.hash(new EvaluateStage(spec, "f").keyMaterial());
    }
}

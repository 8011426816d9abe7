package org.l96.run;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.run.stages.ReportStage;
import org.l96.spec.ExperimentSpec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One chart that fails does not take report.html with it; the report names it, and is remade once it is drawn. */
class ReportDespiteFailuresTest {
    private final AtomicBoolean brokenFails = new AtomicBoolean(true);

    private Stage chart(String name, byte[] png, AtomicBoolean fails) {
        return new Stage() {
            public String name() {
                return name;
            }

            public List<String> inputs() {
                return List.of();
            }

            public Object keyMaterial() {
                return name;
            }

            public void run(StageContext ctx) throws Exception {
                if (fails != null && fails.get()) {
                    throw new UserError("no data to draw for " + name);
                }
                Files.write(ctx.dir().resolve(name.substring("chart-".length()) + ".png"), png);
                ctx.metric("drawn." + name, Map.of("nan", Double.NaN, "none", Arrays.asList(1.0, null)));
            }
        };
    }

    private Runner.Result run(Path out, ExperimentSpec spec) throws IOException {
        return run(out, spec, null);
    }

    private Runner.Result run(Path out, ExperimentSpec spec, Path cache) throws IOException {
        byte[] good = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        byte[] other = {(byte) 0x89, 'P', 'N', 'G', 4, 5, 6};
        List<Stage> stages = List.of(chart("chart-good", good, null), chart("chart-broken", other, brokenFails),
                new ReportStage(spec, List.of("chart-good", "chart-broken")));
        return new Runner(out, new PrintStream(new ByteArrayOutputStream()), false, 1).withCache(cache)
                .run(spec, stages, false);
    }

    @Test
    void theReportShowsWhatWasDrawnAndNamesWhatFailed(@TempDir Path out) throws IOException {
        ExperimentSpec spec = new ExperimentSpec("exp", 1, null, null, null, null, null, null, null, null, null);
        Runner.Result first = run(out, spec);
        Map<String, StageRecord> byName = new LinkedHashMap<>();
        first.stages().forEach(r -> byName.put(r.name(), r));
        assertFalse(first.ok(), "a failed chart fails the run");
        assertEquals(StageRecord.FAILED, byName.get("chart-broken").status());
        assertEquals(StageRecord.OK, byName.get("report").status(), byName.get("report").error());
        String html = Files.readString(out.resolve("exp/report/report.html"));
        assertTrue(html.contains("alt=\"good\""), "the chart that was drawn is in");
        assertFalse(html.contains("alt=\"broken\""));
        assertTrue(html.contains("✗ <b>chart-broken</b> (figure not drawn): failed: no data to draw for "
                + "chart-broken"), html);

        // the failed chart is retried; the report is remade with it (same keys: a reused report would still say
        // the chart failed)
        brokenFails.set(false);
        Runner.Result second = run(out, spec);
        assertTrue(second.ok());
        StageRecord report = second.stages().stream().filter(r -> r.name().equals("report")).findFirst()
                .orElseThrow();
        StageRecord good = second.stages().stream().filter(r -> r.name().equals("chart-good")).findFirst()
                .orElseThrow();
        assertTrue(good.cached());
        assertFalse(report.cached(), "remade once its failed input was retried");
        html = Files.readString(out.resolve("exp/report/report.html"));
        assertTrue(html.contains("alt=\"broken\""), "now drawn");
        assertFalse(html.contains("figure not drawn"));

        // nothing changed: everything reused
        Runner.Result third = run(out, spec);
        assertTrue(third.stages().stream().allMatch(StageRecord::cached));
    }

    @Test
    void metricsWithoutAValueAreJsonNullsNeverNaNStringsOrLeftOut(@TempDir Path out) throws IOException {
        brokenFails.set(false);
        ExperimentSpec spec = new ExperimentSpec("exp", 1, null, null, null, null, null, null, null, null, null);
        run(out, spec);
        JsonNode stage = org.l96.spec.SpecJson.mapper().readTree(out.resolve("exp/chart-good/stage.json").toFile())
                .get("metrics").get("drawn.chart-good");
        assertTrue(stage.get("nan").isNull(), stage.toString());
        assertTrue(stage.get("none").get(1).isNull(), stage.toString());
        assertEquals(1.0, stage.get("none").get(0).asDouble());
        JsonNode manifest = org.l96.spec.SpecJson.mapper().readTree(out.resolve("exp/manifest.json").toFile())
                .get("metrics").get("drawn").get("chart-good");
        assertTrue(manifest.has("nan") && manifest.get("nan").isNull(), manifest.toString());
        // reused records (read back from stage.json) give the same manifest
        run(out, spec);
        manifest = org.l96.spec.SpecJson.mapper().readTree(out.resolve("exp/manifest.json").toFile())
                .get("metrics").get("drawn").get("chart-good");
        assertTrue(manifest.has("nan") && manifest.get("nan").isNull(), manifest.toString());
        assertNull(MetricsJson.toTree(Map.of("x", Double.POSITIVE_INFINITY)).get("x").numberValue());
    }

    @Test
    void aReportMadeWithoutAFailedChartIsNotSharedThroughTheStageCache(@TempDir Path dir) throws IOException {
        ExperimentSpec spec = new ExperimentSpec("exp", 1, null, null, null, null, null, null, null, null, null);
        Path cache = dir.resolve("cache");
        Runner.Result first = run(dir.resolve("a"), spec, cache);
        assertFalse(first.ok());
        // another experiment folder, same keys, the chart now draws: it must not get the first report from the cache
        brokenFails.set(false);
        Runner.Result second = run(dir.resolve("b"), spec, cache);
        assertTrue(second.ok());
        StageRecord report = second.stages().stream().filter(r -> r.name().equals("report")).findFirst()
                .orElseThrow();
        assertFalse(report.cached(), "the first report lacked a figure: it was not published");
        assertTrue(Files.readString(dir.resolve("b/exp/report/report.html")).contains("alt=\"broken\""));
        // the good chart, made normally, was shared
        assertTrue(second.stages().stream().filter(r -> r.name().equals("chart-good")).findFirst().orElseThrow()
                .cached());
    }
}

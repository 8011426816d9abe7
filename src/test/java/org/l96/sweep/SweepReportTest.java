package org.l96.sweep;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import org.l96.spec.SpecJson;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Metrics of several schemes (or networks) share one figure, a line each. */
class SweepReportTest {
    @Test
    void metricsThatDifferOnlyInTheSchemeShareAFigure() {
        Map<String, List<String>> f = SweepReport.families(List.of("networks.ann.finalValLoss",
                "networks.lin.finalValLoss", "online.skill.ann.vpt", "online.skill.none.vpt",
                "online.ics.ann.sumAbsError", "seconds"));
        assertEquals(List.of("networks.*.finalValLoss", "online.skill.*.vpt", "online.ics.*.sumAbsError", "seconds"),
                List.copyOf(f.keySet()));
        assertEquals(List.of("online.skill.ann.vpt", "online.skill.none.vpt"), f.get("online.skill.*.vpt"));
        assertEquals(List.of("seconds"), f.get("seconds"));
    }

    private static SweepResults.Row row(String id, Map<String, Object> metrics) {
        return new SweepResults.Row(id, Map.of("networks.ann.train.optimizer.lr", "0.1"), 0, 1, "ok", null, 1.0,
                metrics);
    }

    @Test
    void aNullMetricStaysNullAndHidesNoUnstableSeed() throws Exception {
        // an unstable scheme's metric is JSON null in the manifest: kept as null, not dropped, not a number
        JsonNode manifest = SpecJson.mapper().readTree("""
                {"online": {"T": {"wild": {"meanAbsError": null, "unstableAt": 0.09},
                                  "none": {"meanAbsError": 4.8, "unstableAt": null}}}}""");
        Map<String, Object> flat = new LinkedHashMap<>();
        SweepResults.flatten("", manifest, flat);
        assertTrue(flat.containsKey("online.T.wild.meanAbsError"));
        assertNull(flat.get("online.T.wild.meanAbsError"));
        assertEquals(0.09, flat.get("online.T.wild.unstableAt"));
        assertEquals(4.8, flat.get("online.T.none.meanAbsError"));

        // the mean over seeds of a point where one seed blew up is no number either
        Map<String, Object> stable = new LinkedHashMap<>(Map.of("m", 2.0));
        Map<String, Object> unstable = new LinkedHashMap<>();
        unstable.put("m", null);
        assertNull(SweepReport.stats(List.of(row("a", stable), row("b", unstable)), "m"));
        assertArrayEquals(new double[]{3.0, 2.0, 4.0}, SweepReport.stats(List.of(row("a", stable),
                row("c", Map.of("m", 4.0))), "m"));
        assertNull(SweepReport.stats(List.of(row("a", Map.of())), "m"), "no row has it");

        // summary rows write it as JSON null
        SweepPlan plan = new SweepPlan("s", "grid", List.of(new org.l96.spec.SweepSpec.Axis(
                "networks.ann.train.optimizer.lr", List.of("0.1"))), 1, 1, List.of());
        JsonNode json = org.l96.run.MetricsJson.toTree(SweepResults.row(plan, row("b", unstable)));
        assertTrue(json.has("m") && json.get("m").isNull(), json.toString());
    }
}

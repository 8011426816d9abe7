package org.l96.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A sweep's summary carries an ensemble forecast's by-lead scores as scalar columns (curves are not columns). */
class SweepResultsTest {
    private static Map<String, Object> flat(String json) throws Exception {
        JsonNode m = new ObjectMapper().readTree(json);
        Map<String, Object> out = new LinkedHashMap<>();
        SweepResults.flatten("", m, out);
        return out;
    }

    @Test
    void varyingSeedKeepsTheValueAsWrittenBesideTheSeedThePointRanWith(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path script = dir.resolve("base.groovy");
        java.nio.file.Files.writeString(script, SweepPlanTest.EXPERIMENT);
        org.l96.spec.ExperimentSpec base = org.l96.dsl.ScriptLoader.load(script);
        SweepPlan plan = SweepPlan.of(SweepPlan.withNameAndSweep(base, "s", new org.l96.spec.SweepSpec("product",
                java.util.List.of(new org.l96.spec.SweepSpec.Axis("seed", java.util.List.of("1", "10"))), 2)), "s");
        java.util.List<SweepResults.Row> rows = plan.points().stream().map(p -> new SweepResults.Row(p.id(),
                p.values(), p.repetition(), p.seed(), PointStatus.OK, null, 1.0, Map.of())).toList();
        String csv = SweepResults.csv(new SweepResults.Summary(plan, rows, java.util.List.of()));
        String[] lines = csv.split("\n");
        assertEquals("point,seed (varied),repetition,seed,status,error,seconds", lines[0]);
        // seed 10, repetition 1: written 10, ran with 11
        assertTrue(java.util.Arrays.stream(lines).anyMatch(l -> l.matches("[^,]+,10,1,11,ok,,1")), csv);
        assertEquals("10", SweepResults.row(plan, rows.get(3)).get("seed (varied)"));
        assertEquals(11L, SweepResults.row(plan, rows.get(3)).get("seed"));
    }

    @Test
    void anEnsembleForecastGetsItsCrpsAndSpreadErrorAtLeadOne() throws Exception {
        Map<String, Object> out = flat("""
                {"online": {"f": {
                  "ar1": {"leads": [0, 0.5, 1, 1.5], "crpsByLead": [0, 0.2, 0.4, 0.6],
                          "spreadErrorRatioByLead": [null, 0.9, 0.95, 1.0], "vpt": 2.5},
                  "det": {"leads": [0, 0.5, 1, 1.5], "rmseByLead": [0, 0.1, 0.2, 0.3]}}}}
                """);
        assertEquals(0.4, out.get("online.f.ar1.crpsAtLead1"));
        assertEquals(0.95, out.get("online.f.ar1.spreadErrorAtLead1"));
        assertEquals(2.5, out.get("online.f.ar1.vpt"));
        assertFalse(out.containsKey("online.f.ar1.crpsByLead")); // the curve itself is not a column
        assertFalse(out.keySet().stream().anyMatch(k -> k.startsWith("online.f.det.crps")), out.toString());
        // a forecast shorter than 1: at its last lead, named by it; a null score stays null
        Map<String, Object> shorter = flat("""
                {"ar1": {"leads": [0, 0.5], "crpsByLead": [0, 0.3], "spreadErrorRatioByLead": [null, null]}}
                """);
        assertEquals(0.3, shorter.get("ar1.crpsAtLead0.5"));
        assertTrue(shorter.containsKey("ar1.spreadErrorAtLead0.5"));
        assertNull(shorter.get("ar1.spreadErrorAtLead0.5"));
    }
}

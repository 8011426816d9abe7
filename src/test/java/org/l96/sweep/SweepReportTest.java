package org.l96.sweep;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}

package org.l96.dsl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.spec.ChartSpec;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.SpecJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The comparison charts read the same from a script and from the Java builder, and round-trip through JSON. */
class ComparisonChartsDslTest {
    @TempDir
    Path dir;

    @Test
    void scriptAndJavaAgree() throws IOException {
        Path script = dir.resolve("c.groovy");
        Files.writeString(script, """
                experiment('c') {
                    network('ann') { layers { dense 8 } }
                    network('ann2') { layers { dense 8 } }
                    polynomial('cubic') { fitDegree 3 }
                    trajectory('T') { start(-1); duration 2; compare 'none', 'cubic' }
                    charts {
                        lossCurves 'ann', log: true
                        lossComparison 'ann', 'ann2'
                        lossComparison 'ann2', 'ann', log: true, file: 'losses'
                        couplingScatter 'cubic'
                        couplingScatter samples: 300
                        hovmoller 'T'
                        hovmoller 'T', scheme: 'cubic', steps: 50
                    }
                }
                """);
        ExperimentSpec fromScript = ScriptLoader.load(script);
        List<ChartSpec> expected = List.of(new ChartSpec.LossCurves("lossCurves_ann", "ann", true),
                new ChartSpec.LossComparison("lossComparison_ann_ann2", List.of("ann", "ann2"), null),
                new ChartSpec.LossComparison("losses", List.of("ann2", "ann"), true),
                new ChartSpec.CouplingScatter("couplingScatter_cubic", List.of("cubic"), 5000),
                new ChartSpec.CouplingScatter("couplingScatter", List.of(), 300),
                new ChartSpec.Hovmoller("hovmoller_T", "T", null, null),
                new ChartSpec.Hovmoller("hovmoller_T_2", "T", "cubic", 50));
        assertEquals(expected, fromScript.charts());

        ExperimentSpec java = Experiment.named("c")
                .network("ann", n -> n.layers(l -> l.dense(8)))
                .network("ann2", n -> n.layers(l -> l.dense(8)))
                .polynomial("cubic", p -> p.fitDegree(3))
                .trajectory("T", t -> t.start(-1).duration(2).compare("none", "cubic"))
                .charts(c -> c.lossCurves("ann", true, null).lossComparison("ann", "ann2")
                        .lossComparison(List.of("ann2", "ann"), true, "losses").couplingScatter("cubic")
                        .couplingScatter(List.of(), 300, null).hovmoller("T").hovmoller("T", "cubic", 50, null))
                .build();
        assertEquals(expected, java.charts());
        assertEquals(fromScript.charts(), SpecJson.fromJson(SpecJson.toJson(fromScript)).charts());
    }
}

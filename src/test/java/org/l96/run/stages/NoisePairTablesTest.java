package org.l96.run.stages;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.dsl.ScriptLoader;
import org.l96.spec.ExperimentSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The report's "AR(1) against white noise" pairs an AR(1) scheme with its twin: the same base and form, σ fitted in
 * both or given equal. A white scheme with given σ listed first once took the fitted AR(1) scheme's row.
 */
class NoisePairTablesTest {
    @TempDir
    Path dir;

    @Test
    void anAr1SchemeIsPairedWithItsTwinNotTheFirstWhiteOneOfItsForm() throws IOException {
        Path file = dir.resolve("pairs.groovy");
        Files.writeString(file, """
                experiment('pairs') {
                    polynomial('cubic') { fitDegree 3 }
                    polynomial('quad') { fitDegree 2 }
                    polynomial('ma-given') { from 'cubic'; noise 'multiplicativeAdditive', process: 'white', sigmaM: 0.1, sigmaA: 1.3 }
                    polynomial('ma-ar1') { from 'cubic'; noise 'multiplicativeAdditive' }
                    polynomial('ma-white') { from 'cubic'; noise 'multiplicativeAdditive', process: 'white' }
                    polynomial('ma-given-ar1') { from 'cubic'; noise 'multiplicativeAdditive', phi: 0.9, sigmaM: 0.1, sigmaA: 1.3 }
                    polynomial('ma-other-ar1') { from 'cubic'; noise 'multiplicativeAdditive', sigmaM: 0.2, sigmaA: 1.3 }
                    polynomial('quad-ar1') { from 'quad'; noise 'multiplicativeAdditive' }
                    polynomial('add-ar1') { from 'cubic'; noise 'additive' }
                    forecast('f') {
                        compare 'ma-given', 'ma-ar1', 'ma-white', 'ma-given-ar1', 'ma-other-ar1', 'quad-ar1', 'add-ar1'
                        initialConditions 10; every 2; lead 1
                    }
                }
                """);
        ExperimentSpec spec = ScriptLoader.load(file);
        List<String> compared = spec.evaluations().get("f").compare();
        List<NoisePairTables.Pair> all = NoisePairTables.pairsAndOrphans(spec, compared);
        assertEquals(List.of(
                new NoisePairTables.Pair("ma-ar1", "ma-white", "multiplicativeAdditive", "cubic"),
                new NoisePairTables.Pair("ma-given-ar1", "ma-given", "multiplicativeAdditive", "cubic"),
                // other σ, other base, other form: no twin
                new NoisePairTables.Pair("ma-other-ar1", null, "multiplicativeAdditive", "cubic"),
                new NoisePairTables.Pair("quad-ar1", null, "multiplicativeAdditive", "quad"),
                new NoisePairTables.Pair("add-ar1", null, "additive", "cubic")), all);
        assertEquals(2, NoisePairTables.pairs(spec, compared).size());
        // the row names both schemes
        assertEquals("ma-ar1 − ma-white: multiplicativeAdditive (cubic)", all.get(0).label());
    }
}

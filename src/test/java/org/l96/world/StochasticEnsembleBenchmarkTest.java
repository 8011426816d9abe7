package org.l96.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A tiny run of the benchmark: it integrates what it says (no timing is asserted). */
class StochasticEnsembleBenchmarkTest {

    @Test
    void runsTheWholeBatch() {
        StochasticEnsembleBenchmark.Result r = StochasticEnsembleBenchmark.measure(3, 4, 0.1, 0.005, 1);
        assertEquals(12L * 20, r.memberSteps());
        assertEquals(12, r.stable());
        assertEquals(12 * 21 * 8 * 8 / 1e6, r.historyMb(), 1e-12);
        assertTrue(r.seconds() > 0);
    }
}

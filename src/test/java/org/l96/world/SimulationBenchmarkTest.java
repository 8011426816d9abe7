package org.l96.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SimulationBenchmarkTest {

    @Test
    void smallRunReportsConsistentNumbers() {
        SimulationBenchmark.Result r = SimulationBenchmark.measure(50, 3);
        assertEquals(50, r.samples());
        assertEquals(500, r.substeps());
        assertEquals(10_560, r.flopsPerSubstep());
        assertTrue(r.bestSeconds() > 0 && r.bestSeconds() <= r.medianSeconds());
        assertEquals(r.bestSeconds() * 1e6 / 500, r.microsPerSubstep(), 1e-9);
        assertEquals(10_560.0 * 500 / r.bestSeconds() / 1e9, r.gflops(), 1e-9);
        // same start, same run: the checksum is the seed-14 trajectory's X_0 after 50 samples
        TwoScaleTrajectory t = new TwoScaleIntegrator(L96Params.DEFAULT)
                .run(TwoScaleL96.seededInitialState(L96Params.DEFAULT, 14), 0.01, 50);
        assertEquals(t.finalState().x()[0], r.checksum(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> SimulationBenchmark.measure(0, 1));
    }
}

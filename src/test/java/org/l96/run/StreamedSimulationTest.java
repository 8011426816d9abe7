package org.l96.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.data.Npy;
import org.l96.spec.SimulationSpec;
import org.l96.spec.WorldSpec;
import org.l96.world.TwoScaleState;
import org.l96.world.TwoScaleTrajectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The streamed simulation writes what the in-memory one computes, bit for bit, for every coupling target; Y's history
 * only when asked; the discrete target agrees with a computation written out here from the model's equation.
 */
class StreamedSimulationTest {
    private static final WorldSpec WORLD = new WorldSpec(8, 32, 18, 1, 10, 10, 0.001, WorldSpec.RNG_NUMPY_LEGACY,
            "rk4");

    private static TwoScaleTrajectory inMemory(SimulationSpec s) {
        return Simulator.run(WORLD, s, Simulator.initialState(WORLD, 14), f -> { });
    }

    private static Path streamed(Path dir, SimulationSpec s) throws IOException {
        Files.createDirectories(dir);
        Simulator.simulate(WORLD, s, Simulator.initialState(WORLD, 14), dir, s.keepsY(), f -> { });
        return dir;
    }

    @Test
    void streamedFilesEqualTheInMemoryRunForEveryTarget(@TempDir Path tmp) throws IOException {
        for (String target : new String[]{"seed", "sample", "discrete"}) {
            for (boolean keepY : new boolean[]{false, true}) {
                SimulationSpec s = new SimulationSpec(0.005, 300, 0.05, target, keepY);
                TwoScaleTrajectory tr = inMemory(s);
                Path dir = streamed(tmp.resolve(target + keepY), s);
                String what = target + ", keepY " + keepY;
                assertArrayEquals(tr.x(), Npy.read(dir.resolve(SimulationFiles.X)).data(), 0.0, what);
                assertArrayEquals(tr.coupling(), Npy.read(dir.resolve(SimulationFiles.COUPLING)).data(), 0.0, what);
                assertArrayEquals(tr.t(), Npy.read(dir.resolve(SimulationFiles.T)).data(), 0.0, what);
                assertArrayEquals(tr.yRow(300), Npy.read(dir.resolve(SimulationFiles.Y_LAST)).data(), 0.0, what);
                assertArrayEquals(tr.yRow(300), SimulationFiles.lastY(dir), 0.0, what);
                assertEquals(keepY, Files.exists(dir.resolve(SimulationFiles.Y)), what);
                if (keepY) {
                    Npy.Array y = Npy.read(dir.resolve(SimulationFiles.Y));
                    assertArrayEquals(new long[]{301, 256}, y.shape());
                    assertArrayEquals(tr.y(), y.data(), 0.0, what);
                    assertArrayEquals(tr.yRow(17), SimulationFiles.yAt(dir, 17, 301), 0.0);
                } else {
                    assertEquals(null, SimulationFiles.yAt(dir, 17, 301), "not stored: the caller recomputes it");
                    assertArrayEquals(tr.yRow(300), SimulationFiles.yAt(dir, 300, 301), 0.0);
                }
                try (Stream<Path> files = Files.list(dir)) {
                    assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(".")),
                            "no temporary file left: " + what);
                }
            }
        }
    }

    /** dX_k/dt of the one-scale model, written out from its equation (not the project's kernel). */
    private static double l96(double[] x, int o, int k, int i, double forcing) {
        double xp1 = x[o + (i + 1) % k];
        double xm1 = x[o + (i - 1 + k) % k];
        double xm2 = x[o + (i - 2 + k) % k];
        return (xp1 - xm2) * xm1 - x[o + i] + forcing;
    }

    @Test
    void theDiscreteTargetIsTheForwardDifferenceMinusTheOneScaleTendency(@TempDir Path tmp) throws IOException {
        double delta = 0.005;
        SimulationSpec s = new SimulationSpec(delta, 200, 0.1, SimulationSpec.COUPLING_DISCRETE, null);
        Path dir = streamed(tmp.resolve("d"), s);
        double[] x = Npy.read(dir.resolve(SimulationFiles.X)).data();
        Npy.Array c = Npy.read(dir.resolve(SimulationFiles.COUPLING));
        assertArrayEquals(new long[]{201, 8}, c.shape(), "the shape of X.npy");
        int k = 8;
        double maxDiff = 0;
        double maxAbs = 0;
        for (int n = 0; n < 200; n++) {
            for (int i = 0; i < k; i++) {
                double want = (x[(n + 1) * k + i] - x[n * k + i]) / delta - l96(x, n * k, k, i, 18);
                maxDiff = Math.max(maxDiff, Math.abs(want - c.data()[n * k + i]));
                maxAbs = Math.max(maxAbs, Math.abs(want));
            }
        }
        assertTrue(maxDiff <= 1e-12 * maxAbs, "max difference " + maxDiff + " of values up to " + maxAbs);
        assertTrue(maxAbs > 1, "a real target, not zeros: " + maxAbs);
        for (int i = 0; i < k; i++) {
            assertTrue(Double.isNaN(c.data()[200 * k + i]), "the last sample has no next one: NaN");
        }
        // the discrete target is close to the instantaneous coupling term (it adds the forward difference's error)
        double[] sample = inMemory(new SimulationSpec(delta, 200, 0.1, SimulationSpec.COUPLING_SAMPLE, null))
                .coupling();
        double meanDiff = 0;
        for (int i = 0; i < 200 * k; i++) {
            meanDiff += Math.abs(sample[i] - c.data()[i]) / (200 * k);
        }
        assertTrue(meanDiff < 0.5 * maxAbs, "discrete and instantaneous targets are alike: " + meanDiff);

        SimulationFiles.Loaded loaded = SimulationFiles.read(dir, false);
        assertEquals(201, loaded.rows());
        assertEquals(200, loaded.pairRows(), "the NaN row pairs no state with a target");
        SimulationFiles.Loaded seed = SimulationFiles.read(streamed(tmp.resolve("s"),
                new SimulationSpec(delta, 200, 0.1, SimulationSpec.COUPLING_SEED, null)), false);
        assertEquals(201, seed.pairRows());
    }

    @Test
    void theStateAtAnyRowIsRecomputedBitForBit() {
        SimulationSpec s = new SimulationSpec(0.01, 120, 0.3, SimulationSpec.COUPLING_SEED, null);
        TwoScaleTrajectory tr = inMemory(s);
        for (int row : new int[]{0, 57, 120}) {
            TwoScaleState at = Simulator.stateAt(WORLD, s, 14, row, f -> { });
            assertArrayEquals(tr.xRow(row), at.x(), 0.0);
            assertArrayEquals(tr.yRow(row), at.y(), 0.0);
        }
    }

    @Test
    void aRunThatDivergesLeavesNothing(@TempDir Path tmp) throws IOException {
        WorldSpec euler = new WorldSpec(8, 32, 18, 1, 10, 10, 0.001, WorldSpec.RNG_NUMPY_LEGACY, "euler");
        SimulationSpec s = new SimulationSpec(0.01, 100, 0, SimulationSpec.COUPLING_DISCRETE, true);
        Path dir = Files.createDirectories(tmp.resolve("d"));
        UserError e = assertThrows(UserError.class, () -> Simulator.simulate(euler, s,
                Simulator.initialState(euler, 14), dir, true, f -> { }));
        assertTrue(e.getMessage().startsWith("the world diverged"), e.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(java.util.List.of(), files.toList());
        }
        assertFalse(Arrays.asList(dir.toFile().list()).contains(SimulationFiles.X));
    }
}

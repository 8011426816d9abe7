package org.l96.run;

import org.l96.data.Npy;
import org.l96.world.TwoScaleTrajectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A simulated world on disk: {@code X.npy} (rows × K), {@code Y.npy} (rows × J·K, k-major), {@code coupling.npy}
 * (rows × K) and {@code t.npy} (rows), all float64, rows = samples + 1.
 */
public final class SimulationFiles {
    public static final String X = "X.npy";
    public static final String Y = "Y.npy";
    public static final String COUPLING = "coupling.npy";
    public static final String T = "t.npy";
    /** The simulation stage's name (and folder). */
    public static final String STAGE = "simulate";
    /** Its metrics are under {@code simulation}: {@code rows} (samples + 1) and {@code integrationSeconds}. */
    public static final String METRIC_GROUP = "simulation";

    private SimulationFiles() {
    }

    /** Writes the four arrays into {@code dir}, each atomically. */
    public static void write(Path dir, TwoScaleTrajectory tr) throws IOException {
        long rows = tr.samples() + 1L;
        AtomicFiles.write(dir.resolve(X), f -> Npy.writeDoubles(f, tr.x(), rows, tr.k()));
        if (tr.hasY()) {
            AtomicFiles.write(dir.resolve(Y), f -> Npy.writeDoubles(f, tr.y(), rows, (long) tr.j() * tr.k()));
        }
        AtomicFiles.write(dir.resolve(COUPLING), f -> Npy.writeDoubles(f, tr.coupling(), rows, tr.k()));
        AtomicFiles.write(dir.resolve(T), f -> Npy.writeDoubles(f, tr.t(), rows));
    }

    /** The arrays of a simulation folder; Y only when {@code withY}. */
    public record Loaded(int rows, int k, double[] x, double[] y, double[] coupling, double[] t) {
    }

    /** Y of the last sample (J·K values), read alone: the state a continued run starts from. */
    public static double[] lastY(Path dir) throws IOException {
        Path y = dir.resolve(Y);
        if (!Files.exists(y)) {
            throw new IOException("the simulation in " + dir + " has no " + Y);
        }
        return Npy.readLastRow(y);
    }

    public static Loaded read(Path dir, boolean withY) throws IOException {
        Npy.Array x = Npy.read(dir.resolve(X));
        Npy.Array c = Npy.read(dir.resolve(COUPLING));
        Npy.Array t = Npy.read(dir.resolve(T));
        double[] y = withY && Files.exists(dir.resolve(Y)) ? Npy.read(dir.resolve(Y)).data() : null;
        return new Loaded(x.rows(), x.columns(), x.data(), y, c.data(), t.data());
    }
}

package org.l96.run;

import org.l96.data.Npy;
import org.l96.world.TwoScaleTrajectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A simulated world on disk: {@code X.npy} (rows × K), {@code coupling.npy} (rows × K), {@code t.npy} (rows),
 * {@code Ylast.npy} (1 × J·K: Y of the last sample, the state a continued run starts from) and, when kept,
 * {@code Y.npy} (rows × J·K, k-major); all float64, rows = samples + 1. With the discrete coupling target the last
 * row of {@code coupling.npy} is NaN (its target needs the next sample): {@link Loaded#pairRows()} leaves it out.
 */
public final class SimulationFiles {
    public static final String X = "X.npy";
    public static final String Y = "Y.npy";
    public static final String COUPLING = "coupling.npy";
    public static final String T = "t.npy";
    /** Y of the last sample alone, written whether Y is kept or not. */
    public static final String Y_LAST = "Ylast.npy";
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
        AtomicFiles.write(dir.resolve(Y_LAST), f -> Npy.writeDoubles(f, tr.finalState().y(), 1,
                (long) tr.j() * tr.k()));
    }

    /**
     * Opens the files of a simulation of {@code rows} rows in {@code dir} to be written row by row, under temporary
     * names that {@link Writer#commit} renames into place; closing without committing deletes them.
     */
    public static Writer writer(Path dir, long rows, int k, int fast, boolean withY) throws IOException {
        return new Writer(dir, rows, k, fast, withY);
    }

    /** A simulation streamed to disk: memory is a few buffers, whatever the number of rows. */
    public static final class Writer implements AutoCloseable {
        private final Path dir;
        private final int fast;
        private final java.util.Map<String, Path> temps = new java.util.LinkedHashMap<>();
        private final java.util.List<Npy.RowWriter> open = new java.util.ArrayList<>();
        private final Npy.RowWriter x;
        private final Npy.RowWriter coupling;
        private final Npy.RowWriter t;
        private final Npy.RowWriter y;
        private boolean committed;

        private Writer(Path dir, long rows, int k, int fast, boolean withY) throws IOException {
            this.dir = dir;
            this.fast = fast;
            try {
                x = open(X, rows, k);
                coupling = open(COUPLING, rows, k);
                t = open(T, rows, 0);
                y = withY ? open(Y, rows, fast) : null;
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        }

        private Npy.RowWriter open(String name, long rows, int width) throws IOException {
            Path tmp = dir.resolve("." + name + ".tmp-" + UUID.randomUUID());
            temps.put(name, tmp);
            Npy.RowWriter w = Npy.rowWriter(tmp, rows, width);
            open.add(w);
            return w;
        }

        /** Appends one sample: its time, X and (when kept) Y. */
        public void sample(double time, double[] xs, double[] ys) throws IOException {
            t.append(time);
            x.append(xs, 0);
            if (y != null) {
                y.append(ys, 0);
            }
        }

        /** Appends the coupling term of the next row (it may come a row later than its sample). */
        public void coupling(double[] row) throws IOException {
            coupling.append(row, 0);
        }

        /** Closes every file (each checks its row count), writes {@code Ylast.npy} and renames all into place. */
        public void commit(double[] lastY) throws IOException {
            if (lastY.length != fast) {
                throw new IllegalArgumentException("last Y has " + lastY.length + " values, not " + fast);
            }
            for (Npy.RowWriter w : open) {
                w.close();
            }
            Path yLast = dir.resolve("." + Y_LAST + ".tmp-" + UUID.randomUUID());
            temps.put(Y_LAST, yLast);
            Npy.writeDoubles(yLast, lastY, 1, fast);
            for (var e : temps.entrySet()) {
                AtomicFiles.move(e.getValue(), dir.resolve(e.getKey()));
            }
            committed = true;
        }

        @Override
        public void close() throws IOException {
            if (committed) {
                return;
            }
            for (Npy.RowWriter w : open) {
                try {
                    w.close();
                } catch (IOException incomplete) {
                    // expected: a run that failed wrote fewer rows; its files are deleted below
                }
            }
            for (Path p : temps.values()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * The arrays of a simulation folder; Y only when {@code withY}. X is read at once; the coupling target and t on
     * first use, so that stages that need only X (evaluations) do not hold them: 256 MB and 32 MB more for 4 million
     * samples at K = 8.
     */
    public static final class Loaded {
        private final Path dir;
        private final int rows;
        private final int k;
        private final double[] x;
        private final double[] y;
        private double[] coupling;
        private double[] t;

        private Loaded(Path dir, int rows, int k, double[] x, double[] y) {
            this.dir = dir;
            this.rows = rows;
            this.k = k;
            this.x = x;
            this.y = y;
        }

        public int rows() {
            return rows;
        }

        public int k() {
            return k;
        }

        /** X, rows × K. */
        public double[] x() {
            return x;
        }

        /** Y, rows × J·K, or null when not asked for or not kept. */
        public double[] y() {
            return y;
        }

        /** The coupling target, rows × K (read on first use). */
        public synchronized double[] coupling() {
            if (coupling == null) {
                coupling = readRows(COUPLING, (long) rows * k);
            }
            return coupling;
        }

        /** Sample times, rows (read on first use). */
        public synchronized double[] t() {
            if (t == null) {
                t = readRows(T, rows);
            }
            return t;
        }

        private double[] readRows(String name, long values) {
            try {
                Npy.Array a = Npy.read(dir.resolve(name));
                if (a.data().length != values) {
                    throw new IOException(dir.resolve(name) + " is an " + a + "; " + values + " values expected");
                }
                return a.data();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /**
         * The rows that pair a state with its target, from the first: all rows, or all but the last when the last
         * row's target is NaN (the discrete target, which needs the next sample). Training data, fits and charts
         * of the target use these rows only.
         */
        public int pairRows() {
            double[] c = coupling();
            for (int i = (rows - 1) * k; i < rows * k; i++) {
                if (!Double.isNaN(c[i])) {
                    return rows;
                }
            }
            return rows - 1;
        }
    }

    /** Y of the last sample (J·K values), read alone: the state a continued run starts from. */
    public static double[] lastY(Path dir) throws IOException {
        if (Files.exists(dir.resolve(Y_LAST))) {
            return Npy.readLastRow(dir.resolve(Y_LAST));
        }
        Path y = dir.resolve(Y);
        if (!Files.exists(y)) { // a simulation stored by an older l96 kept Y.npy and had no Ylast.npy
            throw new IOException("the simulation in " + dir + " has neither " + Y_LAST + " nor " + Y);
        }
        return Npy.readLastRow(y);
    }

    /**
     * Y at row {@code row} (0..rows−1) read alone, from {@code Y.npy} when it was kept or {@code Ylast.npy} for the
     * last row; null when the folder does not hold it (Y not kept): the caller recomputes it.
     */
    public static double[] yAt(Path dir, int row, int rows) throws IOException {
        if (Files.exists(dir.resolve(Y))) {
            return Npy.readRow(dir.resolve(Y), row);
        }
        return row == rows - 1 ? lastY(dir) : null;
    }

    public static Loaded read(Path dir, boolean withY) throws IOException {
        Npy.Array x = Npy.read(dir.resolve(X));
        double[] y = withY && Files.exists(dir.resolve(Y)) ? Npy.read(dir.resolve(Y)).data() : null;
        return new Loaded(dir, x.rows(), x.columns(), x.data(), y);
    }
}

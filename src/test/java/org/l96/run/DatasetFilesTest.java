package org.l96.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.data.Npy;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A dataset folder's files are checked as they are read (issue 14 §2): t.npy gives one evenly spaced time per row
 * of X (else it would set a wrong sampling interval), and X and coupling hold finite values only.
 */
class DatasetFilesTest {
    private static final int ROWS = 50, K = 4;

    private static Path folder(Path dir, String name, double[] t) throws Exception {
        Path d = dir.resolve(name);
        Files.createDirectories(d);
        double[] x = new double[ROWS * K];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.sin(i);
        }
        Npy.writeDoubles(d.resolve(SimulationFiles.X), x, ROWS, K);
        Npy.writeDoubles(d.resolve(SimulationFiles.COUPLING), x, ROWS, K);
        if (t != null) {
            Npy.writeDoubles(d.resolve(SimulationFiles.T), t, t.length);
        }
        return d;
    }

    private static double[] times(int n, double dt) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i * dt;
        }
        return t;
    }

    @Test
    void sampleTimesMustBeOnePerRowAndEvenlySpaced(@TempDir Path dir) throws Exception {
        assertEquals(0.01, ExternalInputs.dataset(folder(dir, "good", times(ROWS, 0.01))).sampleInterval(), 0.0);
        // 25 times at 0.02 for 50 rows at 0.01: once taken as the interval
        UserError shorter = assertThrows(UserError.class,
                () -> ExternalInputs.dataset(folder(dir, "short", times(ROWS / 2, 0.02))));
        assertTrue(shorter.getMessage().contains("holds 25 sample times") && shorter.getMessage().contains("50 rows"),
                shorter.getMessage());
        double[] uneven = times(ROWS, 0.01);
        uneven[30] += 0.004;
        UserError gap = assertThrows(UserError.class, () -> ExternalInputs.dataset(folder(dir, "uneven", uneven)));
        assertTrue(gap.getMessage().contains("not evenly spaced") && gap.getMessage().contains("row 30"),
                gap.getMessage());
        double[] down = times(ROWS, -0.01);
        assertThrows(UserError.class, () -> ExternalInputs.dataset(folder(dir, "down", down)));
    }

    @Test
    void nonFiniteValuesAreFoundWhereTheyAre(@TempDir Path dir) throws Exception {
        Path d = folder(dir, "nan", null);
        double[] x = Npy.read(d.resolve(SimulationFiles.X)).data();
        x[37 * K + 2] = Double.NaN;
        Npy.writeDoubles(d.resolve(SimulationFiles.X), x, ROWS, K);
        UserError e = assertThrows(UserError.class, () -> ExternalInputs.dataset(d));
        assertTrue(e.getMessage().startsWith("X.npy has a non-finite value (NaN) at row 37, column 2"),
                e.getMessage());
        // the last row of coupling.npy has no target (NaN, as l96 simulate writes it): accepted
        Path last = folder(dir, "last", null);
        double[] lastNaN = Npy.read(last.resolve(SimulationFiles.COUPLING)).data();
        java.util.Arrays.fill(lastNaN, (ROWS - 1) * K, ROWS * K, Double.NaN);
        Npy.writeDoubles(last.resolve(SimulationFiles.COUPLING), lastNaN, ROWS, K);
        assertEquals(ROWS, ExternalInputs.dataset(last).rows());
        Path c = folder(dir, "inf", null);
        double[] coupling = Npy.read(c.resolve(SimulationFiles.COUPLING)).data();
        coupling[5] = Double.POSITIVE_INFINITY;
        Npy.writeDoubles(c.resolve(SimulationFiles.COUPLING), coupling, ROWS, K);
        UserError f = assertThrows(UserError.class, () -> ExternalInputs.dataset(c));
        assertTrue(f.getMessage().startsWith("coupling.npy has a non-finite value (Infinity) at row 1, column 1"),
                f.getMessage());
    }
    /** A .npy file as NumPy writes it, with any dtype and order (values zero). */
    private static void rawNpy(Path file, String descr, boolean fortran, int rows, int cols, int itemBytes)
            throws Exception {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': ("
                + rows + ", " + cols + "), }";
        int total = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - total % 64) % 64) + "\n";
        var out = new java.io.ByteArrayOutputStream();
        out.write(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.write(header.length() & 0xff);
        out.write(header.length() >> 8);
        out.write(header.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        out.write(new byte[rows * cols * itemBytes]);
        Files.write(file, out.toByteArray());
    }

    @Test
    void otherDtypesAndOrdersAreNamed(@TempDir Path dir) throws Exception {
        Path ints = folder(dir, "ints", null);
        rawNpy(ints.resolve(SimulationFiles.X), "<i8", false, ROWS, K, 8);
        UserError e = assertThrows(UserError.class, () -> ExternalInputs.dataset(ints));
        assertTrue(e.getMessage().contains("X.npy holds int64 (<i8); float64 is needed"), e.getMessage());
        Path fortran = folder(dir, "fortran", null);
        rawNpy(fortran.resolve(SimulationFiles.COUPLING), "<f8", true, ROWS, K, 8);
        UserError f = assertThrows(UserError.class, () -> ExternalInputs.dataset(fortran));
        assertTrue(f.getMessage().contains("coupling.npy is in Fortran (column-major) order; C order is needed"),
                f.getMessage());
        Path big = folder(dir, "big", null);
        rawNpy(big.resolve(SimulationFiles.X), ">f8", false, ROWS, K, 8);
        UserError g = assertThrows(UserError.class, () -> ExternalInputs.dataset(big));
        assertTrue(g.getMessage().contains("X.npy holds float64, big-endian (>f8)"), g.getMessage());
    }
    @Test
    void aBrokenManifestIsNamedWithItsLine(@TempDir Path dir) throws Exception {
        Path d = folder(dir, "broken", null);
        Files.writeString(d.resolve("manifest.json"), "{\n  \"world\": {\n    \"k\": 8,,\n  }\n}\n");
        UserError e = assertThrows(UserError.class, () -> ExternalInputs.dataset(d));
        assertTrue(e.getMessage().contains("manifest.json is not valid JSON (line 3, column"), e.getMessage());
        assertFalse(e.getMessage().contains("Feature") || e.getMessage().contains("REDACTED"), e.getMessage());
    }
    @Test
    void anUnreadableFolderHasNoFollowOnErrors(@TempDir Path dir) throws Exception {
        Path d = folder(dir, "broken", null); // K = 4
        Files.writeString(d.resolve("manifest.json"), "{ not json");
        Path script = dir.resolve("s.groovy");
        Files.writeString(script, """
                experiment('s') {
                    simulate { from 'broken' }
                    network('a') { layers { dense 4, relu; dense 4 }; train { epochs 1 } }
                }
                """);
        var e = assertThrows(org.l96.dsl.ScriptException.class, () -> org.l96.dsl.ScriptLoader.load(script));
        assertTrue(e.format().contains("s.groovy:2:") && e.format().contains("is not valid JSON"), e.format());
        assertEquals(1, e.errors().size(), e.format()); // not "must end with 8 outputs" from the default K
    }
    @Test
    void anEmptyFromOrLoadNeedsAPath(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("s.groovy");
        Files.writeString(script, """
                experiment('s') {
                    simulate { from 'data' }
                    network('a') { load 'model.zip' }
                }
                """);
        var e = assertThrows(org.l96.dsl.ScriptException.class, () -> org.l96.dsl.ScriptLoader.load(script,
                java.util.List.of("simulation.from=", "networks.a.load=")));
        assertTrue(e.format().contains("from needs a folder"), e.format());
        assertTrue(e.format().contains("load takes the path of a model.zip"), e.format());
        assertFalse(e.format().contains("has no X.npy") || e.format().contains("it is a folder"), e.format());
    }
    @Test
    void keepYNeedsAFolderWithY(@TempDir Path dir) throws Exception {
        folder(dir, "data", times(ROWS, 0.01)); // no Y.npy
        Path script = dir.resolve("s.groovy");
        Files.writeString(script, """
                experiment('s') {
                    simulate { from 'data'; keepY true }
                    data { validation last: 10; test last: 10 }
                    network('a') { layers { dense 4 }; train { epochs 1 } }
                }
                """);
        var e = assertThrows(org.l96.dsl.ScriptException.class, () -> org.l96.dsl.ScriptLoader.load(script));
        assertTrue(e.format().contains("s.groovy:2:") && e.format().contains("keepY true, but the dataset"),
                e.format());
    }
}

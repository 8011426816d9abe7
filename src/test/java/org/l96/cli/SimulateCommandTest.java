package org.l96.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.data.Npy;
import org.l96.testsupport.GoldenFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulateCommandTest {

    @Test
    void writesTheNotebooksWorldForSeed14(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("d");
        CliRunner.Outcome r = CliRunner.run("simulate", "--samples", "100", "--out", out.toString());
        assertEquals(0, r.code(), r.err());

        Npy.Array x = Npy.read(out.resolve("X.npy"));
        Npy.Array y = Npy.read(out.resolve("Y.npy"));
        Npy.Array c = Npy.read(out.resolve("coupling.npy"));
        Npy.Array t = Npy.read(out.resolve("t.npy"));
        assertArrayEquals(new long[]{101, 8}, x.shape());
        assertArrayEquals(new long[]{101, 256}, y.shape());
        assertArrayEquals(new long[]{101, 8}, c.shape());
        assertArrayEquals(new long[]{101}, t.shape());

        JsonNode golden = GoldenFiles.load("two_scale_rk4_trajectory.json");
        JsonNode xh = golden.get("X_hist");
        JsonNode ch = golden.get("coupling_hist");
        double maxX = 0;
        double maxC = 0;
        double errX = 0;
        double errC = 0;
        for (int n = 0; n <= 100; n++) {
            for (int k = 0; k < 8; k++) {
                maxX = Math.max(maxX, Math.abs(xh.get(n).get(k).asDouble()));
                maxC = Math.max(maxC, Math.abs(ch.get(n).get(k).asDouble()));
                errX = Math.max(errX, Math.abs(x.data()[n * 8 + k] - xh.get(n).get(k).asDouble()));
                errC = Math.max(errC, Math.abs(c.data()[n * 8 + k] - ch.get(n).get(k).asDouble()));
            }
        }
        assertTrue(errX / maxX <= 1e-8, "X relative error " + errX / maxX);
        assertTrue(errC / maxC <= 1e-7, "coupling relative error " + errC / maxC);
        assertEquals(1.0, t.data()[100], 1e-12);

        JsonNode m = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertEquals(14, m.get("initialState").get("seed").asInt());
        assertEquals(18.0, m.get("world").get("forcing").asDouble());
        assertTrue(m.get("provenance").has("toolVersion"));
    }

    @Test
    void aSimulationIntoAnEarlierDatasetReplacesItWholeAndLeavesNoTemporaryFiles(@TempDir Path tmp)
            throws IOException {
        Path out = tmp.resolve("d");
        assertEquals(0, CliRunner.run("simulate", "--samples", "10", "--out", out.toString()).code());
        assertTrue(Files.exists(out.resolve("Y.npy")));
        Files.writeString(out.resolve("notes.txt"), "the user's own file");
        CliRunner.Outcome again = CliRunner.run("simulate", "--samples", "20", "--no-y", "--out", out.toString());
        assertEquals(0, again.code(), again.err());
        assertEquals(21, org.l96.data.Npy.read(out.resolve("X.npy")).rows());
        assertFalse(Files.exists(out.resolve("Y.npy")), "the earlier Y.npy would not match the new X.npy");
        assertTrue(Files.exists(out.resolve("notes.txt")), "files that are not the dataset's stay");
        try (var files = Files.list(tmp)) {
            assertEquals(List.of("d"), files.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith(".d.lock"))
                    .toList(), "no temporary folder is left");
        }
    }

    @Test
    void anExplicitInitialStateIsUsed(@TempDir Path tmp) throws IOException {
        double[] x0 = new double[8];
        double[] y0 = new double[4 * 8];
        x0[0] = 1;
        Npy.writeDoubles(tmp.resolve("x0.npy"), x0, 8);
        Npy.writeDoubles(tmp.resolve("y0.npy"), y0, 32);
        Path out = tmp.resolve("d");
        CliRunner.Outcome r = CliRunner.run("simulate", "--j", "4", "--samples", "3", "--x0",
                tmp.resolve("x0.npy").toString(), "--y0", tmp.resolve("y0.npy").toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(x0, java.util.Arrays.copyOf(Npy.read(out.resolve("X.npy")).data(), 8));
    }

    @Test
    void badValuesGiveOneLineNamingTheOptionAndWriteNothing(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("d");
        Files.writeString(tmp.resolve("x0.npy"), "not numpy");
        double[] wrong = new double[5];
        Npy.writeDoubles(tmp.resolve("x5.npy"), wrong, 5);
        Npy.writeDoubles(tmp.resolve("y.npy"), new double[256], 256);
        String[][] cases = {
                {"--k", "3"}, {"--j", "0"}, {"--dt", "0"}, {"--dt", "-0.1"},
                {"--sample-interval", "0.0015"}, {"--samples", "0"}, {"--k", "eight"},
                {"--x0", tmp.resolve("missing.npy").toString(), "--y0", tmp.resolve("y.npy").toString()},
                {"--x0", tmp.resolve("x0.npy").toString(), "--y0", tmp.resolve("y.npy").toString()},
                {"--x0", tmp.resolve("x5.npy").toString(), "--y0", tmp.resolve("y.npy").toString()},
                {"--x0", tmp.resolve("x5.npy").toString()},
        };
        String[] named = {"--k", "--j", "--dt", "--dt", "--sample-interval", "--samples", "--k", "--x0", "--x0",
                "--x0", "--y0"};
        for (int i = 0; i < cases.length; i++) {
            String[] args = Stream.concat(Stream.of("simulate", "--samples", "5", "--out", out.toString()),
                    Stream.of(cases[i])).toArray(String[]::new);
            CliRunner.Outcome r = CliRunner.run(args);
            String what = String.join(" ", cases[i]);
            assertEquals(2, r.code(), what + ": " + r.err());
            assertTrue(r.err().contains(named[i]), what + " should name " + named[i] + ": " + r.err());
            assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), what + ": " + r.err());
            assertFalse(Files.exists(out), what + ": nothing may be written");
        }
        CliRunner.Outcome missingOut = CliRunner.run("simulate");
        assertEquals(2, missingOut.code());
        assertTrue(missingOut.err().contains("--out"), missingOut.err());
    }

    @Test
    void versionAndHelpWork() {
        CliRunner.Outcome v = CliRunner.run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("l96 "), v.out());
        CliRunner.Outcome h = CliRunner.run("--help");
        assertEquals(0, h.code());
        for (String cmd : new String[]{"run", "validate", "spec", "simulate", "bench"}) {
            assertTrue(h.out().contains(cmd), h.out());
        }
        CliRunner.Outcome sh = CliRunner.run("simulate", "--help");
        assertTrue(sh.out().contains("--sample-interval"), sh.out());
    }

    @Test
    void integratorOptionChoosesTheSchemeAndADivergingWorldWritesNothing(@TempDir Path tmp) throws IOException {
        Path rk2 = tmp.resolve("rk2");
        CliRunner.Outcome r = CliRunner.run("simulate", "--integrator", "rk2", "--samples", "10", "--out",
                rk2.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("10×10 rk2 steps"), r.err());
        assertEquals("rk2", new ObjectMapper().readTree(rk2.resolve("manifest.json").toFile()).get("world")
                .get("integrator").asText());
        Path rk4 = tmp.resolve("rk4");
        assertEquals(0, CliRunner.run("simulate", "--samples", "10", "--out", rk4.toString()).code());
        double[] x2 = Npy.read(rk2.resolve("X.npy")).data();
        double[] x4 = Npy.read(rk4.resolve("X.npy")).data();
        double d = 0;
        for (int i = 0; i < x2.length; i++) {
            d = Math.max(d, Math.abs(x2[i] - x4[i]));
        }
        // RK2's error at dt 0.001 reaches ~0.2 in X over these 0.1 time units (the NumPy reference's too)
        assertTrue(d > 1e-3 && d < 1, "RK2 and RK4 worlds differ, a little: " + d);

        Path euler = tmp.resolve("euler");
        CliRunner.Outcome e = CliRunner.run("simulate", "--integrator", "euler", "--samples", "100", "--out",
                euler.toString());
        assertEquals(2, e.code(), e.err());
        assertTrue(e.err().contains("the world diverged: integrator 'euler' (forward Euler) at dt = 0.001"), e.err());
        assertTrue(e.err().contains("at model time t = 0.03"), e.err());
        assertFalse(Files.exists(euler), "nothing is written");
        try (Stream<Path> left = Files.list(tmp)) {
            // (the .<folder>.lock files beside each --out stay, as a run's .lock does)
            assertEquals(2, left.filter(f -> !f.getFileName().toString().endsWith(".lock")).count(),
                    "no temporary folder left behind");
        }

        CliRunner.Outcome bad = CliRunner.run("simulate", "--integrator", "rk5", "--out", tmp.resolve("x").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--integrator 'rk5' is not a scheme; use one of euler, rk2, rk4"), bad.err());
    }
}

package org.l96.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.data.Npy;
import org.l96.world.Integrator;
import org.l96.world.L96Params;
import org.l96.world.TwoScaleIntegrator;
import org.l96.world.TwoScaleState;
import org.l96.world.TwoScaleTrajectory;

/**
 * {@code world { integrator … }} takes effect in a real run (cases in {@code org/l96/cases/world-integrator}): two
 * scripts that differ only in 'euler' versus 'rk4'. Forward Euler at the default dt 0.001 diverges and is refused as
 * a user error with nothing written; at dt 0.0001 its world is close to RK4's, not equal, and the evaluation
 * continues the world with Euler too.
 */
class WorldIntegratorRunTest {
    private static final String CASES = "/org/l96/cases/world-integrator/";

    private static Path script(Path dir, String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = WorldIntegratorRunTest.class.getResourceAsStream(CASES + name)) {
            assertTrue(in != null, "missing test resource " + CASES + name);
            Files.copy(in, p);
        }
        return p;
    }

    @Test
    void eulerAtDt0001IsRefusedWithWhenAndWhatToDoAndNothingWritten(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        CliRunner.Outcome r = CliRunner.run("run", script(tmp, "04d-euler-direct.groovy").toString(),
                "--out", out.toString());
        String all = r.out() + r.err();
        assertEquals(2, r.code(), all);
        assertTrue(all.contains("the world diverged: integrator 'euler' (forward Euler) at dt = 0.001 gives a state"
                + " that is not finite or beyond ±1e6 at model time t = 0.03 from the initial state"), all);
        assertTrue(all.contains("use a smaller dt (e.g. 0.0001) or the integrator 'rk4'"), all);
        assertTrue(all.contains("04d-euler-direct.groovy:4)"), "points at the world block (dt, integrator): " + all);
        assertFalse(all.contains("internal error") || all.contains("Exception"), all);
        Path exp = out.resolve("euler-direct");
        assertFalse(Files.exists(exp.resolve("simulate")), "no simulate stage may be kept");
        try (Stream<Path> files = Files.walk(out)) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".npy")), "no data file may be written");
        }
    }

    @Test
    void eulerAtASmallDtIsCloseToRk4ButNotEqualAndEvaluationsUseIt(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        String[] small = {"--set", "world.dt=0.0001", "--set", "simulation.samples=300"};
        CliRunner.Outcome e = CliRunner.run(concat(new String[]{"run", script(tmp, "04d-euler-direct.groovy")
                .toString(), "--out", out.toString()}, small));
        assertEquals(0, e.code(), e.out() + e.err());
        CliRunner.Outcome k = CliRunner.run(concat(new String[]{"run", script(tmp, "04e-rk4-direct.groovy")
                .toString(), "--out", out.toString()}, small));
        assertEquals(0, k.code(), k.out() + k.err());

        Path euler = out.resolve("euler-direct");
        Path rk4 = out.resolve("rk4-direct");
        double[] xe = Npy.read(euler.resolve("simulate/X.npy")).data();
        double[] xk = Npy.read(rk4.resolve("simulate/X.npy")).data();
        assertArrayEquals(Arrays.copyOfRange(xk, 0, 8), Arrays.copyOfRange(xe, 0, 8), 0.0, "same initial state");
        double row1 = maxAbsDiff(xe, xk, 8, 8);
        assertTrue(row1 > 1e-4 && row1 < 1e-2, "after 0.01 time units Euler is close to RK4, not equal: " + row1);

        ObjectMapper json = new ObjectMapper();
        JsonNode spec = json.readTree(euler.resolve("manifest.json").toFile()).get("spec");
        assertEquals("euler", spec.get("world").get("integrator").asText());
        assertNotEquals(json.readTree(euler.resolve("simulate/stage.json").toFile()).get("key"),
                json.readTree(rk4.resolve("simulate/stage.json").toFile()).get("key"));

        // the trajectory evaluation continues the stored world (from its last row, start -1) with Euler as well
        assertEquals(-1, spec.get("evaluations").get("T").get("start").asInt());
        int last = 300;
        // Y's history is not kept (simulate's keepY is false): the last row's Y is stored alone
        assertFalse(Files.exists(euler.resolve("simulate/Y.npy")));
        double[] y = Npy.read(euler.resolve("simulate/Ylast.npy")).data();
        TwoScaleState at = new TwoScaleState(Arrays.copyOfRange(xe, last * 8, last * 8 + 8), y);
        double[] truth = Npy.read(euler.resolve("evaluate-T/truth.npy")).data();
        TwoScaleTrajectory withEuler = new TwoScaleIntegrator(L96Params.DEFAULT, 0.0001, Integrator.EULER)
                .run(at, 0.0, 0.01, 100, false, null);
        assertArrayEquals(withEuler.x(), truth, 0.0);
        TwoScaleTrajectory withRk4 = new TwoScaleIntegrator(L96Params.DEFAULT, 0.0001, Integrator.RK4)
                .run(at, 0.0, 0.01, 100, false, null);
        assertTrue(maxAbsDiff(withRk4.x(), truth, 8, 8) > 1e-6, "the evaluation's truth is not RK4's");
    }

    private static double maxAbsDiff(double[] a, double[] b, int from, int len) {
        double m = 0;
        for (int i = from; i < from + len; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}

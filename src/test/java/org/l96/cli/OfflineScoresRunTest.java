package org.l96.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.data.Npy;
import org.l96.nn.DenseForward;
import org.l96.nn.TrainedNetwork;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Offline scores through the real command line (issue 14 §1, §3): every network and polynomial has MSE and R² on
 * the validation and the test segment, pooled and per k, recomputed here from the simulation's arrays, the stored
 * model and the recorded coefficients with plain loops; networks have a test loss; the summary and the report show
 * them; the polynomial's stage reruns when the data split changes and only then.
 */
class OfflineScoresRunTest {
    private static final String SCRIPT = "src/test/resources/cases/offline-scores.groovy";
    private static final int K = 8;

    @Test
    void everySchemeIsScoredOnValidationAndTest(@TempDir Path out) throws IOException {
        CliRunner.Outcome run = CliRunner.run("run", SCRIPT, "--out", out.toString());
        assertEquals(0, run.code(), run.err() + run.out());
        Path exp = out.resolve("offline");
        JsonNode metrics = new ObjectMapper().readTree(exp.resolve("manifest.json").toFile()).get("metrics");
        double[] x = Npy.read(exp.resolve("simulate/X.npy")).data();
        double[] u = Npy.read(exp.resolve("simulate/coupling.npy")).data();
        int rows = x.length / K; // 1201: training [0, 701), validation [701, 1001), test [1001, 1201)
        assertEquals(1201, rows);
        int valFrom = rows - 500;
        int testFrom = rows - 200;

        // the network: its stored model run over the segments' X
        DenseForward net = DenseForward.of(TrainedNetwork.loadNetwork(exp.resolve("train-ann/model.zip")));
        double[] p = new double[x.length];
        float[] xf = new float[x.length];
        double[] xs = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            xf[i] = (float) x[i];
            xs[i] = xf[i]; // the network sees float32 inputs
        }
        net.forward(xs, rows, p);
        JsonNode ann = metrics.get("networks").get("ann");
        check(ann.get("offline").get("validation"), p, u, valFrom, testFrom, 1e-5);
        check(ann.get("offline").get("test"), p, u, testFrom, rows, 1e-5);
        assertTrue(ann.get("testLoss").isNumber(), ann.toString());
        assertEquals(8 * 12 + 12 + 12 * 8 + 8, ann.get("trainableParameters").asInt());
        // the test loss is measured as the validation loss is (the notebook's test_model): the mean over
        // contiguous batches of batchSize (128) samples of the batch's MSE, against the float32 targets
        double total = 0;
        int batches = 0;
        for (int start = testFrom; start < rows; start += 128) {
            int end = Math.min(rows, start + 128);
            double s = 0;
            for (int i = start * K; i < end * K; i++) {
                double e = p[i] - (float) u[i];
                s += e * e;
            }
            total += s / ((end - start) * K);
            batches++;
        }
        assertEquals(2, batches);
        assertEquals(total / batches, ann.get("testLoss").asDouble(), 1e-5 * total / batches);

        // the polynomials: their recorded coefficients (ascending powers; the written ones reversed) over the segments
        for (String name : new String[]{"cubic", "line"}) {
            JsonNode poly = metrics.get("polynomials").get(name);
            JsonNode c = poly.get("coefficients");
            if (name.equals("line")) {
                assertEquals(0.2, c.get(0).asDouble());
                assertEquals(-0.5, c.get(1).asDouble());
            } else {
                assertEquals(4, c.size());
            }
            double[] q = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                double acc = 0;
                for (int j = c.size() - 1; j >= 0; j--) {
                    acc = acc * x[i] + c.get(j).asDouble();
                }
                q[i] = acc;
            }
            check(poly.get("offline").get("validation"), q, u, valFrom, testFrom, 1e-10);
            check(poly.get("offline").get("test"), q, u, testFrom, rows, 1e-10);
        }
        // the fitted cubic beats the crude line and the 2-epoch network offline
        double cubic = metrics.get("polynomials").get("cubic").get("offline").get("test").get("r2").asDouble();
        assertTrue(cubic > 0.5 && cubic > metrics.get("polynomials").get("line").get("offline").get("test")
                .get("r2").asDouble(), metrics.toString());

        // a polynomial taken from a linear network scores as that network does (float32 inputs aside)
        for (String segment : new String[]{"validation", "test"}) {
            for (String score : new String[]{"mse", "r2"}) {
                double lin = metrics.get("networks").get("lin").get("offline").get(segment).get(score).asDouble();
                assertEquals(lin, metrics.get("polynomials").get("lin-poly").get("offline").get(segment).get(score)
                        .asDouble(), 1e-5 * (1 + Math.abs(lin)), segment + "." + score);
            }
        }

        assertTrue(run.out().contains("offline scores (validation / test):"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.trim().startsWith("cubic") && l.contains("R²")), run.out());
        String report = Files.readString(exp.resolve("report/report.html"));
        assertTrue(report.contains("<h2>Networks</h2>") && report.contains("<h2>Offline scores</h2>")
                && report.contains("R² per k, test segment"), "report tables");
        assertTrue(Files.size(exp.resolve("train-ann/weights.npz")) > 0);

        // a new split rescores the polynomials; a new polynomial leaves the training alone
        CliRunner.Outcome plan = CliRunner.run("plan", SCRIPT, "--out", out.toString(), "--set",
                "polynomials.cubic.fitDegree=2");
        assertEquals(0, plan.code(), plan.err());
        assertTrue(plan.out().contains("reuse  train-ann") && plan.out().contains("run    polynomial-cubic")
                && plan.out().contains("reuse  polynomial-line"), plan.out());
        plan = CliRunner.run("plan", SCRIPT, "--out", out.toString(), "--set", "data.testLast=100");
        assertTrue(plan.out().contains("run    polynomial-line") && plan.out().contains("run    train-ann"),
                plan.out());
    }

    @Test
    void withoutATestSegmentTheTestScoresAreNull(@TempDir Path out) throws IOException {
        Path script = out.resolve("no-test.groovy");
        String text = Files.readString(Path.of(SCRIPT));
        assertTrue(text.contains("test last: 200; "));
        Files.writeString(script, text.replace("test last: 200; ", ""));
        CliRunner.Outcome run = CliRunner.run("run", script.toString(), "--out", out.toString());
        assertEquals(0, run.code(), run.err() + run.out());
        JsonNode metrics = new ObjectMapper().readTree(out.resolve("offline/manifest.json").toFile()).get("metrics");
        JsonNode ann = metrics.get("networks").get("ann");
        assertTrue(ann.has("testLoss") && ann.get("testLoss").isNull(), ann.toString());
        assertTrue(ann.get("offline").get("test").isNull(), ann.toString());
        assertFalse(ann.get("offline").get("validation").isNull());
        assertTrue(metrics.get("polynomials").get("cubic").get("offline").get("test").isNull());
    }

    /** MSE and R² of {@code p} against {@code u} over rows [from, to), pooled and per k, computed directly. */
    private static void check(JsonNode scores, double[] p, double[] u, int from, int to, double tol) {
        int n = to - from;
        double sse = 0;
        double mean = 0;
        double[] sseK = new double[K];
        double[] meanK = new double[K];
        for (int r = from; r < to; r++) {
            for (int k = 0; k < K; k++) {
                double e = p[r * K + k] - u[r * K + k];
                sse += e * e;
                sseK[k] += e * e;
                mean += u[r * K + k];
                meanK[k] += u[r * K + k];
            }
        }
        mean /= n * K;
        double sst = 0;
        double[] sstK = new double[K];
        for (int r = from; r < to; r++) {
            for (int k = 0; k < K; k++) {
                sst += Math.pow(u[r * K + k] - mean, 2);
                sstK[k] += Math.pow(u[r * K + k] - meanK[k] / n, 2);
            }
        }
        double mse = scores.get("mse").asDouble();
        assertEquals(sse / (n * K), mse, tol * mse, scores.toString());
        assertEquals(1 - sse / sst, scores.get("r2").asDouble(), tol, scores.toString());
        for (int k = 0; k < K; k++) {
            assertEquals(sseK[k] / n, scores.get("msePerK").get(k).asDouble(), tol * mse, "k=" + k);
            assertEquals(1 - sseK[k] / sstK[k], scores.get("r2PerK").get(k).asDouble(), tol, "k=" + k);
        }
    }
}

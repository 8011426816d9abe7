package org.l96.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.data.Npy;
import org.l96.nn.DenseForward;
import org.l96.nn.TrainedNetwork;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stencil and history inputs through the real command line (issue 14 §1): a stencil-1 network and one that also
 * sees two earlier states and its previous coupling term are trained on a tiny world and run in a trajectory, an
 * ensemble, a forecast and a climate evaluation. Their offline scores and their trajectories are recomputed here
 * from the stored models with inputs assembled by hand (periodic stencil; the history held over each sampling
 * interval and started from the truth before the initial state) and a plain RK4 loop.
 */
class StencilHistoryRunTest {
    private static final String SCRIPT = "src/test/resources/cases/stencil-history.groovy";
    private static final int K = 8;

    @Test
    void stencilAndHistoryNetworksTrainScoreAndRunInEveryEvaluation(@TempDir Path out) throws IOException {
        CliRunner.Outcome run = CliRunner.run("run", SCRIPT, "--out", out.toString());
        assertEquals(0, run.code(), run.err() + run.out());
        Path exp = out.resolve("inputs");
        JsonNode manifest = new ObjectMapper().readTree(exp.resolve("manifest.json").toFile());
        JsonNode metrics = manifest.get("metrics");
        double forcing = manifest.get("spec").get("world").get("forcing").asDouble();
        double[] x = Npy.read(exp.resolve("simulate/X.npy")).data();
        double[] u = Npy.read(exp.resolve("simulate/coupling.npy")).data();
        int rows = x.length / K; // training [0, 701), validation [701, 1001), test [1001, 1201)
        assertEquals(1201, rows);
        DenseForward st = DenseForward.of(TrainedNetwork.loadNetwork(exp.resolve("train-st/model.zip")));
        DenseForward past = DenseForward.of(TrainedNetwork.loadNetwork(exp.resolve("train-past/model.zip")));
        assertEquals(3, st.inputs());
        assertEquals(3 * 3 + 1, past.inputs());

        // offline: validation from row 701 (stencil alone) and from row 703 (two earlier states: rows 701, 702
        // would read training rows), inputs as float32 as the network is trained
        offline(metrics.get("networks").get("st").get("offline").get("validation"), x, u, 701, 1001,
                (t, k) -> stencil(x, t, k, true), st);
        offline(metrics.get("networks").get("st").get("offline").get("test"), x, u, 1001, rows,
                (t, k) -> stencil(x, t, k, true), st);
        offline(metrics.get("networks").get("past").get("offline").get("validation"), x, u, 703, 1001,
                (t, k) -> pastInputs(x, u, t, k), past);
        offline(metrics.get("networks").get("past").get("offline").get("test"), x, u, 1003, rows,
                (t, k) -> pastInputs(x, u, t, k), past);

        // online: the trajectory from sample 800, RK4 at the sampling interval, for 50 samples
        double dt = 0.01;
        double[] stRun = Npy.read(exp.resolve("evaluate-traj/schemes/st/trajectory.npy")).data();
        double[] pastRun = Npy.read(exp.resolve("evaluate-traj/schemes/past/trajectory.npy")).data();
        assertEquals(51 * K, stRun.length);
        double[] state = java.util.Arrays.copyOfRange(x, 800 * K, 801 * K);
        for (int n = 0; n < 50; n++) {
            state = rk4(state, dt, forcing, s -> closure(st, s, null, null, null));
            for (int k = 0; k < K; k++) {
                assertEquals(state[k], stRun[(n + 1) * K + k], 1e-9, "st, sample " + (n + 1) + ", k " + k);
            }
        }
        // the history starts from the truth: X at samples 799 and 798, the coupling term at 799
        double[] lag1 = java.util.Arrays.copyOfRange(x, 799 * K, 800 * K);
        double[] lag2 = java.util.Arrays.copyOfRange(x, 798 * K, 799 * K);
        double[] prev = java.util.Arrays.copyOfRange(u, 799 * K, 800 * K);
        state = java.util.Arrays.copyOfRange(x, 800 * K, 801 * K);
        for (int n = 0; n < 50; n++) {
            double[] l1 = lag1;
            double[] l2 = lag2;
            double[] pv = prev;
            double[] uNow = closure(past, state, l1, l2, pv); // the first stage sees X(t_n): U(t_n)
            double[] next = rk4(state, dt, forcing, s -> closure(past, s, l1, l2, pv));
            lag2 = lag1;
            lag1 = state;
            prev = uNow;
            state = next;
            for (int k = 0; k < K; k++) {
                assertEquals(state[k], pastRun[(n + 1) * K + k], 1e-9, "past, sample " + (n + 1) + ", k " + k);
            }
        }
        // the two differ (the history matters) and both stay near the truth over 0.5 time units
        assertFalse(java.util.Arrays.equals(stRun, pastRun));

        JsonNode online = metrics.get("online");
        for (String scheme : new String[]{"st", "past"}) {
            assertTrue(online.get("traj").get(scheme).get("meanAbsError").asDouble() < 1.0, online.toString());
            assertTrue(online.get("ens").get(scheme).get("sumAbsError").isNumber(), online.toString());
            assertTrue(online.get("fc").get(scheme).get("rmseByLead").isArray(), online.toString());
            assertTrue(online.get("clim").get(scheme).get("mean").isNumber(), online.toString());
        }
    }

    @FunctionalInterface
    private interface Inputs {
        double[] of(int t, int k);
    }

    private static double[] stencil(double[] x, int t, int k, boolean asFloat) {
        double[] in = new double[3];
        for (int d = -1; d <= 1; d++) {
            double v = x[t * K + Math.floorMod(k + d, K)];
            in[d + 1] = asFloat ? (float) v : v;
        }
        return in;
    }

    /** [X(t) stencil, X(t−1) stencil, X(t−2) stencil, U_k(t−1)] as float32. */
    private static double[] pastInputs(double[] x, double[] u, int t, int k) {
        double[] in = new double[10];
        for (int j = 0; j <= 2; j++) {
            System.arraycopy(stencil(x, t - j, k, true), 0, in, 3 * j, 3);
        }
        in[9] = (float) u[(t - 1) * K + k];
        return in;
    }

    /** The offline MSE and R², pooled and per k, of the network on rows [from, to), recomputed. */
    private static void offline(JsonNode scores, double[] x, double[] u, int from, int to, Inputs inputs,
                                DenseForward net) {
        double sse = 0;
        double sum = 0;
        int n = 0;
        double[] out = new double[1];
        for (int t = from; t < to; t++) {
            for (int k = 0; k < K; k++) {
                net.forward(inputs.of(t, k), 1, out);
                double target = (float) u[t * K + k];
                sse += (out[0] - target) * (out[0] - target);
                sum += target;
                n++;
            }
        }
        double mean = sum / n;
        double sst = 0;
        for (int t = from; t < to; t++) {
            for (int k = 0; k < K; k++) {
                double target = (float) u[t * K + k];
                sst += (target - mean) * (target - mean);
            }
        }
        assertEquals(sse / n, scores.get("mse").asDouble(), 1e-6 * sse / n, scores.toString());
        assertEquals(1 - sse / sst, scores.get("r2").asDouble(), 1e-6, scores.toString());
        // per k: over that k's rows, with that k's mean
        int rows = to - from;
        for (int k = 0; k < K; k++) {
            double sseK = 0;
            double meanK = 0;
            for (int t = from; t < to; t++) {
                net.forward(inputs.of(t, k), 1, out);
                double target = (float) u[t * K + k];
                sseK += (out[0] - target) * (out[0] - target);
                meanK += target / rows;
            }
            double sstK = 0;
            for (int t = from; t < to; t++) {
                sstK += Math.pow((float) u[t * K + k] - meanK, 2);
            }
            assertEquals(sseK / rows, scores.get("msePerK").get(k).asDouble(), 1e-6 * sseK / rows, "k " + k);
            assertEquals(1 - sseK / sstK, scores.get("r2PerK").get(k).asDouble(), 1e-6, "k " + k);
        }
    }

    /** P(s): the network on each k's stencil of s (and of the held earlier states, and the previous U_k). */
    private static double[] closure(DenseForward net, double[] s, double[] lag1, double[] lag2, double[] prev) {
        double[] p = new double[K];
        double[] out = new double[1];
        for (int k = 0; k < K; k++) {
            double[] in = new double[lag1 == null ? 3 : 10];
            double[][] states = lag1 == null ? new double[][]{s} : new double[][]{s, lag1, lag2};
            for (int j = 0; j < states.length; j++) {
                for (int d = -1; d <= 1; d++) {
                    in[3 * j + d + 1] = states[j][Math.floorMod(k + d, K)];
                }
            }
            if (prev != null) {
                in[9] = prev[k];
            }
            net.forward(in, 1, out);
            p[k] = out[0];
        }
        return p;
    }

    private static double[] rk4(double[] x, double dt, double f,
                                java.util.function.Function<double[], double[]> p) {
        double[] k1 = tendency(x, f, p);
        double[] k2 = tendency(axpy(x, 0.5 * dt, k1), f, p);
        double[] k3 = tendency(axpy(x, 0.5 * dt, k2), f, p);
        double[] k4 = tendency(axpy(x, dt, k3), f, p);
        double[] next = new double[K];
        for (int i = 0; i < K; i++) {
            next[i] = x[i] + dt / 6.0 * ((k1[i] + k4[i]) + 2.0 * (k2[i] + k3[i]));
        }
        return next;
    }

    private static double[] axpy(double[] x, double a, double[] y) {
        double[] z = new double[K];
        for (int i = 0; i < K; i++) {
            z[i] = x[i] + a * y[i];
        }
        return z;
    }

    /** One-scale L96 plus the closure: (X_{k+1} − X_{k−2}) X_{k−1} − X_k + F + P_k. */
    private static double[] tendency(double[] x, double f, java.util.function.Function<double[], double[]> p) {
        double[] pk = p.apply(x);
        double[] d = new double[K];
        for (int k = 0; k < K; k++) {
            d[k] = (x[(k + 1) % K] - x[(k + K - 2) % K]) * x[(k + K - 1) % K] - x[k] + f + pk[k];
        }
        return d;
    }
}

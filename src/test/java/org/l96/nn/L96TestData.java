package org.l96.nn;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import org.l96.testsupport.GoldenFiles;

/**
 * A small two-scale Lorenz-96 RK4 integrator for the tests of this package only (the project's numerical core lives
 * elsewhere): K slow X, J fast Y per X (flat, k-major, neighbours wrapping over the whole vector), coupling
 * {@code -(h c / b) Σ_j Y[k J + j]}, fixed-step RK4 with {@code dt}, sampled every {@code substeps} steps. The
 * coupling history follows the notebook: row 0 zero, row n+1 the coupling at the first RK4 stage of the last substep
 * of segment n.
 */
final class L96TestData {
    final int k;
    final int j;
    final double f;
    final double h;
    final double b;
    final double c;

    L96TestData(int k, int j, double f, double h, double b, double c) {
        this.k = k;
        this.j = j;
        this.f = f;
        this.h = h;
        this.b = b;
        this.c = c;
    }

    static L96TestData seedWorld() {
        return new L96TestData(8, 32, 18, 1, 10, 10);
    }

    /** Tendencies of (x, y) into (dx, dy); returns nothing, fills {@code coupling} with the coupling term. */
    void tendency(double[] x, double[] y, double[] dx, double[] dy, double[] coupling) {
        int jk = j * k;
        double hcb = h * c / b;
        for (int kk = 0; kk < k; kk++) {
            double s = 0;
            for (int jj = 0; jj < j; jj++) {
                s += y[kk * j + jj];
            }
            coupling[kk] = -hcb * s;
        }
        for (int kk = 0; kk < k; kk++) {
            double xm1 = x[(kk - 1 + k) % k];
            double xm2 = x[(kk - 2 + k) % k];
            double xp1 = x[(kk + 1) % k];
            dx[kk] = -xm1 * (xm2 - xp1) - x[kk] + f + coupling[kk];
        }
        double cb = c * b;
        for (int i = 0; i < jk; i++) {
            double yp1 = y[(i + 1) % jk];
            double yp2 = y[(i + 2) % jk];
            double ym1 = y[(i - 1 + jk) % jk];
            dy[i] = -cb * yp1 * (yp2 - ym1) - c * y[i] + hcb * x[i / j];
        }
    }

    /**
     * Integrates {@code samples} samples; returns {X, coupling}, each {@code (samples+1) × k} row-major.
     */
    double[][] run(double[] x0, double[] y0, double dt, int substeps, int samples) {
        int jk = j * k;
        double[] x = x0.clone();
        double[] y = y0.clone();
        double[] xs = new double[(samples + 1) * k];
        double[] cs = new double[(samples + 1) * k];
        System.arraycopy(x, 0, xs, 0, k);
        double[] k1x = new double[k], k2x = new double[k], k3x = new double[k], k4x = new double[k];
        double[] k1y = new double[jk], k2y = new double[jk], k3y = new double[jk], k4y = new double[jk];
        double[] tx = new double[k], ty = new double[jk];
        double[] coupling = new double[k];
        double[] scratch = new double[k];
        for (int n = 0; n < samples; n++) {
            for (int s = 0; s < substeps; s++) {
                tendency(x, y, k1x, k1y, coupling);
                if (s == substeps - 1) {
                    System.arraycopy(coupling, 0, cs, (n + 1) * k, k);
                }
                for (int i = 0; i < k; i++) {
                    tx[i] = x[i] + 0.5 * dt * k1x[i];
                }
                for (int i = 0; i < jk; i++) {
                    ty[i] = y[i] + 0.5 * dt * k1y[i];
                }
                tendency(tx, ty, k2x, k2y, scratch);
                for (int i = 0; i < k; i++) {
                    tx[i] = x[i] + 0.5 * dt * k2x[i];
                }
                for (int i = 0; i < jk; i++) {
                    ty[i] = y[i] + 0.5 * dt * k2y[i];
                }
                tendency(tx, ty, k3x, k3y, scratch);
                for (int i = 0; i < k; i++) {
                    tx[i] = x[i] + dt * k3x[i];
                }
                for (int i = 0; i < jk; i++) {
                    ty[i] = y[i] + dt * k3y[i];
                }
                tendency(tx, ty, k4x, k4y, scratch);
                for (int i = 0; i < k; i++) {
                    x[i] += dt / 6 * (k1x[i] + 2 * k2x[i] + 2 * k3x[i] + k4x[i]);
                }
                for (int i = 0; i < jk; i++) {
                    y[i] += dt / 6 * (k1y[i] + 2 * k2y[i] + 2 * k3y[i] + k4y[i]);
                }
            }
            System.arraycopy(x, 0, xs, (n + 1) * k, k);
        }
        return new double[][]{xs, cs};
    }

    static JsonNode golden(String file) throws IOException {
        return GoldenFiles.load(file);
    }

    static double[] doubles(JsonNode array) {
        double[] d = new double[array.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = array.get(i).asDouble();
        }
        return d;
    }

    /** The seed notebook's initial state (np.random.seed(14)), from the golden file: {X0, Y0}. */
    static double[][] seedInitialState() throws IOException {
        JsonNode g = golden("two_scale_rk4_trajectory.json");
        return new double[][]{doubles(g.get("X0")), doubles(g.get("Y0"))};
    }

    /** The notebook's truth run: 20000 samples every 0.01 from its initial state: {X, coupling}. */
    static double[][] seedTruth(int samples) throws IOException {
        double[][] s = seedInitialState();
        return seedWorld().run(s[0], s[1], 0.001, 10, samples);
    }
}

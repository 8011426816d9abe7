package org.l96.world;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TwoScaleL96Test {

    /** Straightforward modulo-indexed formula, written independently of the edge-peeled implementation. */
    private static void naive(L96Params p, double[] x, double[] y, double[] xdot, double[] ydot, double[] cpl) {
        int k = p.k();
        int j = p.j();
        int n = k * j;
        double hcb = (p.h() * p.c()) / p.b();
        for (int s = 0; s < k; s++) {
            double sum = 0.0;
            for (int q = 0; q < j; q++) {
                sum += y[s * j + q];
            }
            cpl[s] = -hcb * sum;
            xdot[s] = x[(s - 1 + k) % k] * (x[(s + 1) % k] - x[(s - 2 + k) % k]) - x[s] + p.forcing() - hcb * sum;
        }
        for (int i = 0; i < n; i++) {
            ydot[i] = -p.c() * p.b() * y[(i + 1) % n] * (y[(i + 2) % n] - y[(i - 1 + n) % n]) - p.c() * y[i]
                    + hcb * x[i / j];
        }
    }

    @Test
    void matchesNaiveFormulaForOddShapes() {
        int[][] shapes = {{4, 1}, {4, 2}, {5, 3}, {7, 5}, {8, 32}, {9, 4}, {12, 7}, {36, 10}};
        NumpyRandom r = new NumpyRandom(99);
        for (int[] sh : shapes) {
            L96Params p = new L96Params(sh[0], sh[1], 10.0, 0.7, 3.0, 5.0);
            double[] x = r.randn(p.k());
            double[] y = r.randn(p.fastSize());
            double[] xd = new double[p.k()];
            double[] yd = new double[p.fastSize()];
            double[] c = new double[p.k()];
            double[] xd2 = new double[p.k()];
            double[] yd2 = new double[p.fastSize()];
            double[] c2 = new double[p.k()];
            new TwoScaleL96(p).tendency(x, y, xd, yd, c);
            naive(p, x, y, xd2, yd2, c2);
            String id = "K=" + sh[0] + " J=" + sh[1];
            assertArrayEquals(xd2, xd, 0.0, id + " Xdot");
            assertArrayEquals(yd2, yd, 0.0, id + " Ydot");
            assertArrayEquals(c2, c, 0.0, id + " coupling");
        }
    }

    @Test
    void rejectsWrongLengths() {
        TwoScaleL96 m = new TwoScaleL96(L96Params.DEFAULT);
        double[] k8 = new double[8];
        double[] n256 = new double[256];
        assertThrows(IllegalArgumentException.class, () -> m.tendency(new double[7], n256, k8, n256.clone(), k8));
        assertThrows(IllegalArgumentException.class, () -> m.tendency(k8, new double[255], k8, n256, k8));
    }
}

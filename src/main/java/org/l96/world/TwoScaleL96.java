package org.l96.world;

/**
 * Tendencies of the two-scale Lorenz-96 model, in the conventions of the seed's upstream module:
 * <ul>
 *   <li>Y is flat, length J*K, k-major ({@code Y[k*J + j]}); its neighbours wrap over the whole flat vector,
 *       so the fast variables at a sector edge see the neighbouring sector.</li>
 *   <li>coupling_k = -(h*c/b) * sum_j Y[k*J + j]</li>
 *   <li>Xdot_k = X_{k-1} (X_{k+1} - X_{k-2}) - X_k + F + coupling_k</li>
 *   <li>Ydot_i = -c*b*Y_{i+1} (Y_{i+2} - Y_{i-1}) - c*Y_i + (h*c/b) X_{floor(i/J)}</li>
 * </ul>
 * Floating-point operations are grouped exactly as in the reference (and the sector sums are sequential, as
 * numba's), so results agree bit-for-bit with it. Instances are immutable and thread-safe.
 */
public final class TwoScaleL96 {

    private final L96Params params;
    private final int k;
    private final int j;
    private final int n;
    private final double forcing;
    private final double hcb;
    private final double negHcb;
    private final double negCb;
    private final double c;

    public TwoScaleL96(L96Params params) {
        this.params = params;
        this.k = params.k();
        this.j = params.j();
        this.n = params.fastSize();
        this.forcing = params.forcing();
        this.hcb = params.hcOverB();
        // reference computes -hcb*Ysum as (-hcb)*Ysum; negation is exact so both orders agree
        this.negHcb = -hcb;
        // reference: -c * b * Y[i+1] parses as ((-c)*b)*Y[i+1]
        this.negCb = -params.c() * params.b();
        this.c = params.c();
    }

    public L96Params params() {
        return params;
    }

    /**
     * Evaluates the tendencies at (x, y). All arrays must be distinct from the inputs.
     *
     * @param x        slow state, length K
     * @param y        fast state, length J*K
     * @param xdot     output, length K
     * @param ydot     output, length J*K
     * @param coupling output, length K: -(h*c/b) * sum_j Y[k*J+j] (the subgrid tendency a parameterization learns)
     */
    public void tendency(double[] x, double[] y, double[] xdot, double[] ydot, double[] coupling) {
        checkLength("x", x, k);
        checkLength("y", y, n);
        checkLength("xdot", xdot, k);
        checkLength("ydot", ydot, n);
        checkLength("coupling", coupling, k);
        tendencyUnchecked(x, y, xdot, ydot, coupling);
    }

    /** Hot-path version without argument checks (used by the RK4 kernel). */
    void tendencyUnchecked(double[] x, double[] y, double[] xdot, double[] ydot, double[] coupling) {
        sectorCoupling(y, coupling);
        slowTendency(x, coupling, xdot);
        fastTendency(x, y, ydot);
    }

    /**
     * coupling[k] = -(hcb) * sum of sector k. Each sum is sequential (bit-compatible with the reference), but eight (or
     * four) sectors are summed side by side so their add-latency chains overlap.
     */
    private void sectorCoupling(double[] y, double[] coupling) {
        final int jj = j;
        int s = 0;
        for (; s + 8 <= k; s += 8) {
            final int b0 = s * jj;
            double s0 = 0.0;
            double s1 = 0.0;
            double s2 = 0.0;
            double s3 = 0.0;
            double s4 = 0.0;
            double s5 = 0.0;
            double s6 = 0.0;
            double s7 = 0.0;
            for (int q = b0; q < b0 + jj; q++) {
                s0 += y[q];
                s1 += y[q + jj];
                s2 += y[q + 2 * jj];
                s3 += y[q + 3 * jj];
                s4 += y[q + 4 * jj];
                s5 += y[q + 5 * jj];
                s6 += y[q + 6 * jj];
                s7 += y[q + 7 * jj];
            }
            coupling[s] = negHcb * s0;
            coupling[s + 1] = negHcb * s1;
            coupling[s + 2] = negHcb * s2;
            coupling[s + 3] = negHcb * s3;
            coupling[s + 4] = negHcb * s4;
            coupling[s + 5] = negHcb * s5;
            coupling[s + 6] = negHcb * s6;
            coupling[s + 7] = negHcb * s7;
        }
        for (; s + 4 <= k; s += 4) {
            final int b0 = s * jj;
            final int b1 = b0 + jj;
            final int b2 = b1 + jj;
            final int b3 = b2 + jj;
            double s0 = 0.0;
            double s1 = 0.0;
            double s2 = 0.0;
            double s3 = 0.0;
            for (int q = 0; q < jj; q++) {
                s0 += y[b0 + q];
                s1 += y[b1 + q];
                s2 += y[b2 + q];
                s3 += y[b3 + q];
            }
            coupling[s] = negHcb * s0;
            coupling[s + 1] = negHcb * s1;
            coupling[s + 2] = negHcb * s2;
            coupling[s + 3] = negHcb * s3;
        }
        for (; s < k; s++) {
            final int b0 = s * jj;
            double s0 = 0.0;
            for (int q = 0; q < jj; q++) {
                s0 += y[b0 + q];
            }
            coupling[s] = negHcb * s0;
        }
    }

    /** Xdot with the cyclic edges (k = 0, 1, K-1) peeled off so the interior loop has no wrap logic. */
    private void slowTendency(double[] x, double[] coupling, double[] xdot) {
        final int last = k - 1;
        final double f = forcing;
        xdot[0] = ((x[last] * (x[1] - x[last - 1]) - x[0]) + f) + coupling[0];
        xdot[1] = ((x[0] * (x[2] - x[last]) - x[1]) + f) + coupling[1];
        for (int i = 2; i < last; i++) {
            xdot[i] = ((x[i - 1] * (x[i + 1] - x[i - 2]) - x[i]) + f) + coupling[i];
        }
        xdot[last] = ((x[last - 1] * (x[0] - x[last - 2]) - x[last]) + f) + coupling[last];
    }

    /**
     * Ydot over the flat vector. Only i = 0, N-2, N-1 wrap; they are done separately so that each sector's
     * interior is a plain stride-1 loop with the sector's h*c/b*X_k hoisted. (JDK 17's C2 does not vectorize
     * stencils whose loads are offset from the store, so the loop is tuned as scalar code.)
     */
    private void fastTendency(double[] x, double[] y, double[] ydot) {
        final int nn = n;
        final int jj = j;
        final double ncb = negCb;
        final double cc = c;
        for (int s = 0; s < k; s++) {
            final double hx = hcb * x[s];
            final int lo = Math.max(1, s * jj);
            final int hi = Math.min(nn - 2, s * jj + jj);
            if (lo >= hi) {
                continue;
            }
            // the stencil window rotates through locals: one array load per element instead of four
            double ym1 = y[lo - 1];
            double y0 = y[lo];
            double yp1 = y[lo + 1];
            for (int i = lo; i < hi; i++) {
                final double yp2 = y[i + 2];
                ydot[i] = ((ncb * yp1) * (yp2 - ym1) - cc * y0) + hx;
                ym1 = y0;
                y0 = yp1;
                yp1 = yp2;
            }
        }
        // wrap edges: i = 0 uses Y[N-1]; i = N-2 uses Y[0]; i = N-1 uses Y[0], Y[1]
        final double hx0 = hcb * x[0];
        final double hxLast = hcb * x[k - 1];
        ydot[0] = ((ncb * y[1]) * (y[2] - y[nn - 1]) - cc * y[0]) + hx0;
        final int p = nn - 2;
        final double hxP = hcb * x[p / jj];
        ydot[p] = ((ncb * y[p + 1]) * (y[0] - y[p - 1]) - cc * y[p]) + hxP;
        final int l = nn - 1;
        ydot[l] = ((ncb * y[0]) * (y[1] - y[l - 1]) - cc * y[l]) + hxLast;
    }

    /**
     * The seed notebook's seeded "real world" initial state: with NumPy's legacy generator seeded by {@code seed}
     * ({@code np.random.seed(seed)}), X0 = b * randn(K), then Y0 = randn(J*K) from the same stream.
     */
    public static TwoScaleState seededInitialState(L96Params params, long seed) {
        NumpyRandom rng = new NumpyRandom(seed);
        double[] x = rng.randn(params.k());
        for (int i = 0; i < x.length; i++) {
            x[i] = params.b() * x[i];
        }
        double[] y = rng.randn(params.fastSize());
        return new TwoScaleState(x, y);
    }

    static void checkLength(String name, double[] a, int expected) {
        if (a == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (a.length != expected) {
            throw new IllegalArgumentException(name + " must have length " + expected + ", got " + a.length);
        }
    }
}

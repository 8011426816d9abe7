package org.l96.world;

/**
 * What a network sees of the coarse state, and in which order: the layout of its input vector.
 * <ul>
 *   <li>A <b>local</b> network predicts each X_k's coupling term from the stencil X_{k−N..k+N} (indices periodic,
 *   N = {@code stencil}; N = 0 is X_k alone) with one set of weights shared by every k: one sample per (time, k),
 *   one output.</li>
 *   <li>A <b>non-local</b> network predicts the K coupling terms from the whole K-vector of X: one sample per time,
 *   K outputs.</li>
 * </ul>
 * Inputs from the past are appended: with {@code history} H the same stencil (or vector) at t − Δ, …, t − HΔ
 * (Δ the sampling interval), and with {@code previousCoupling} the coupling term at t − Δ (of X_k alone for a local
 * network, as Gagne et al. 2020 condition on U_k(t − Δ); the K-vector for a non-local one). A sample's inputs are
 * therefore, in order: {@code [X(t) stencil, X(t−Δ) stencil, …, X(t−HΔ) stencil, U(t−Δ)]}, each stencil ordered
 * k−N … k+N. Counts: local (2N+1)(H+1) + (1 if previousCoupling); non-local K(H+1) + (K if previousCoupling).
 *
 * @param local            one sample per X_k (true) or per state (false)
 * @param stencil          N ≥ 0, the neighbours on each side (local only; 0 for non-local)
 * @param history          H ≥ 0, the earlier states seen
 * @param previousCoupling whether the coupling term one sample earlier is an input
 */
public record InputLayout(boolean local, int stencil, int history, boolean previousCoupling) {
    public static final InputLayout LOCAL = new InputLayout(true, 0, 0, false);
    public static final InputLayout NON_LOCAL = new InputLayout(false, 0, 0, false);

    public InputLayout {
        if (stencil < 0 || history < 0) {
            throw new IllegalArgumentException("stencil and history must be non-negative, got " + stencil + ", "
                    + history);
        }
        if (!local && stencil != 0) {
            throw new IllegalArgumentException("a non-local network has no stencil (it sees all of X)");
        }
    }

    /** How many samples before the current one its inputs reach: max(H, 1 if previousCoupling). */
    public int pastSamples() {
        return Math.max(history, previousCoupling ? 1 : 0);
    }

    /** Whether any input comes from an earlier sample (the closure then keeps a history). */
    public boolean hasPast() {
        return pastSamples() > 0;
    }

    /** Inputs per sample for K slow variables. */
    public int inputs(int k) {
        return local ? (2 * stencil + 1) * (history + 1) + (previousCoupling ? 1 : 0)
                : k * (history + 1) + (previousCoupling ? k : 0);
    }

    /** Outputs per sample: 1 (local) or K. */
    public int outputs(int k) {
        return local ? 1 : k;
    }

    /** Samples per state: K (local) or 1. */
    public int samplesPerState(int k) {
        return local ? k : 1;
    }

    /** The widest stencil K allows: 2N + 1 ≤ K distinct neighbours. */
    public static int maxStencil(int k) {
        return (k - 1) / 2;
    }

    /**
     * Writes the inputs of one state's samples ({@link #samplesPerState} rows of {@link #inputs} values) into
     * {@code out} from {@code oo}.
     *
     * @param x          the current state: K values from {@code xo}
     * @param past       the earlier states: lag j (1..H) is K values at {@code po + (j − 1) * pastStride}
     *                   ({@code −K} walks back through a time series, {@code +K} through a buffer lag 1 first)
     * @param prev       the coupling term one sample earlier, K values from {@code pro} (read only when
     *                   {@link #previousCoupling})
     */
    public void write(double[] x, int xo, double[] past, int po, int pastStride, double[] prev, int pro, int k,
                      double[] out, int oo) {
        if (local && 2 * stencil + 1 > k) {
            throw new IllegalArgumentException("stencil " + stencil + " needs " + (2 * stencil + 1)
                    + " distinct X_k, K = " + k);
        }
        int o = oo;
        if (local) {
            for (int kk = 0; kk < k; kk++) {
                for (int j = 0; j <= history; j++) {
                    double[] src = j == 0 ? x : past;
                    int base = j == 0 ? xo : po + (j - 1) * pastStride;
                    for (int d = -stencil; d <= stencil; d++) {
                        out[o++] = src[base + Math.floorMod(kk + d, k)];
                    }
                }
                if (previousCoupling) {
                    out[o++] = prev[pro + kk];
                }
            }
        } else {
            System.arraycopy(x, xo, out, o, k);
            o += k;
            for (int j = 1; j <= history; j++) {
                System.arraycopy(past, po + (j - 1) * pastStride, out, o, k);
                o += k;
            }
            if (previousCoupling) {
                System.arraycopy(prev, pro, out, o, k);
            }
        }
    }

    /**
     * The inputs of {@code rows} states, as {@link HistoryParameterization.Closure} gets them ({@code past}
     * rows × H × K lag 1 first, {@code prev} rows × K or null), into {@code in}: rows · {@link #samplesPerState}
     * samples of {@link #inputs} values, state-major.
     */
    public void writeAll(double[] x, double[] past, double[] prev, int rows, int k, double[] in) {
        int per = inputs(k) * samplesPerState(k);
        for (int a = 0; a < rows; a++) {
            write(x, a * k, past, a * history * k, k, prev, a * k, k, in, a * per);
        }
    }

    /** "stencil 1, history 2, previous coupling term", for messages. */
    public String describe() {
        StringBuilder s = new StringBuilder(local ? "local" : "non-local");
        if (stencil > 0) {
            s.append(", stencil ").append(stencil);
        }
        if (history > 0) {
            s.append(", history ").append(history);
        }
        if (previousCoupling) {
            s.append(", previous coupling term");
        }
        return s.toString();
    }
}

package org.l96.data;

/**
 * How a segment of a simulation becomes samples. The simulation is given as {@code x} and {@code coupling}, both
 * {@code rows × k} row-major (double precision); samples are float32, as the notebook casts them.
 *
 * <ul>
 *   <li>{@link #local}: every X_k with its own coupling term is one sample (1 input, 1 output), in the order of
 *   numpy's {@code reshape(-1)}: sample {@code t*k + kk} is row {@code t}, column {@code kk}.</li>
 *   <li>{@link #nonLocal}: each row is one sample, the K-vector of X predicting the K-vector of coupling terms.</li>
 * </ul>
 */
public final class Features {
    private Features() {
    }

    /** Samples of rows {@code [from, to)}, one per (row, k): 1 input, 1 output. */
    public static Dataset local(double[] x, double[] coupling, int k, int from, int to) {
        check(x, coupling, k, from, to);
        int n = (to - from) * k;
        float[] in = new float[n];
        float[] out = new float[n];
        int base = from * k;
        for (int i = 0; i < n; i++) {
            in[i] = (float) x[base + i];
            out[i] = (float) coupling[base + i];
        }
        return new Dataset(in, 1, out, 1);
    }

    /** Samples of rows {@code [from, to)}, one per row: K inputs, K outputs. */
    public static Dataset nonLocal(double[] x, double[] coupling, int k, int from, int to) {
        check(x, coupling, k, from, to);
        int n = (to - from) * k;
        float[] in = new float[n];
        float[] out = new float[n];
        int base = from * k;
        for (int i = 0; i < n; i++) {
            in[i] = (float) x[base + i];
            out[i] = (float) coupling[base + i];
        }
        return new Dataset(in, k, out, k);
    }

    /** {@link #local} or {@link #nonLocal}. */
    public static Dataset of(boolean local, double[] x, double[] coupling, int k, int from, int to) {
        return local ? local(x, coupling, k, from, to) : nonLocal(x, coupling, k, from, to);
    }

    private static void check(double[] x, double[] coupling, int k, int from, int to) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be positive, got " + k);
        }
        if (x.length != coupling.length || x.length % k != 0) {
            throw new IllegalArgumentException("x (" + x.length + ") and coupling (" + coupling.length
                    + ") must both hold rows × " + k + " values");
        }
        int rows = x.length / k;
        if (from < 0 || to > rows || from > to) {
            throw new IllegalArgumentException("rows [" + from + ", " + to + ") outside [0, " + rows + ")");
        }
    }
}

package org.l96.data;

import org.l96.world.InputLayout;

/**
 * How a segment of a simulation becomes samples. The simulation is given as {@code x} and {@code coupling}, both
 * {@code rows × k} row-major (double precision); samples are float32, as the notebook casts them.
 *
 * <ul>
 *   <li>{@link #local}: every X_k with its own coupling term is one sample (1 input, 1 output), in the order of
 *   numpy's {@code reshape(-1)}: sample {@code t*k + kk} is row {@code t}, column {@code kk}.</li>
 *   <li>{@link #nonLocal}: each row is one sample, the K-vector of X predicting the K-vector of coupling terms.</li>
 *   <li>{@link #of(InputLayout, double[], double[], int, int, int)}: any {@link InputLayout} — a stencil
 *   X_{k−N..k+N} (periodic) per X_k, earlier states, the previous coupling term. A row whose inputs reach before
 *   the segment's first row is dropped (so no segment sees another's data), and so is one that would read the
 *   coupling term of row 0, a placeholder (zeros) in the notebook's convention.</li>
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

    /**
     * The first row of {@code [from, to)} that has a sample under {@code layout}: its history and previous coupling
     * term lie in the segment, and row 0's placeholder coupling term is never an input.
     */
    public static int firstRow(InputLayout layout, int from) {
        return Math.max(from + layout.pastSamples(), layout.previousCoupling() ? 2 : 0);
    }

    /**
     * Samples of rows {@code [firstRow(layout, from), to)} under {@code layout}: per row {@link
     * InputLayout#samplesPerState} samples of {@link InputLayout#inputs} inputs (the order of {@link
     * InputLayout#write}) and {@link InputLayout#outputs} targets; local samples in (row, k) order. A segment
     * shorter than the history gives no samples.
     */
    public static Dataset of(InputLayout layout, double[] x, double[] coupling, int k, int from, int to) {
        check(x, coupling, k, from, to);
        if (layout.equals(InputLayout.LOCAL) || layout.equals(InputLayout.NON_LOCAL)) {
            return of(layout.local(), x, coupling, k, from, to);
        }
        int first = Math.min(firstRow(layout, from), to);
        int per = layout.inputs(k);
        int spr = layout.samplesPerState(k);
        int samples = (to - first) * spr;
        float[] in = new float[samples * per];
        float[] out = new float[samples * layout.outputs(k)];
        double[] row = new double[spr * per];
        for (int t = first; t < to; t++) {
            layout.write(x, t * k, x, (t - 1) * k, -k, coupling, (t - 1) * k, k, row, 0);
            int s0 = (t - first) * spr;
            for (int i = 0; i < row.length; i++) {
                in[s0 * per + i] = (float) row[i];
            }
            for (int i = 0; i < k; i++) {
                out[(t - first) * k + i] = (float) coupling[t * k + i];
            }
        }
        if (samples == 0 && to > from) {
            throw new IllegalArgumentException("rows [" + from + ", " + to + ") hold no sample of a network that "
                    + "sees " + layout.describe() + " (its first row is " + firstRow(layout, from) + ")");
        }
        return new Dataset(in, per, out, layout.outputs(k));
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

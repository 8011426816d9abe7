package org.l96.nn.engine;

/**
 * Truth windows for training through the coarse model ({@link RolloutTraining}): {@code count} windows, each the
 * truth state at the window's start and after each of its {@code steps} coarse steps, so {@code (steps+1)·k}
 * values; window w's state after step n (n = 0 for the start) is at {@code truth[(w·(steps+1) + n)·k + i]},
 * i = 0..k-1. The sampling interval of the truth must equal the coarse model's dt.
 *
 * @param truth flat, {@code count·(steps+1)·k} floats, row-major as above
 * @param count number of windows (≥ 0)
 * @param k     state length K (≥ 4)
 * @param steps coarse steps per window (≥ 1)
 */
public record RolloutWindows(float[] truth, int count, int k, int steps) {

    public RolloutWindows {
        if (k < 4) {
            throw new IllegalArgumentException("K must be at least 4, got " + k);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("a rollout window needs at least 1 step, got " + steps);
        }
        if (count < 0) {
            throw new IllegalArgumentException("window count must be non-negative, got " + count);
        }
        if (truth == null || truth.length != (long) count * (steps + 1) * k) {
            throw new IllegalArgumentException("truth must hold count·(steps+1)·k = " + (long) count * (steps + 1) * k
                    + " values, got " + (truth == null ? "null" : truth.length));
        }
    }

    /** Values per window, {@code (steps+1)·k}. */
    public int windowLength() {
        return (steps + 1) * k;
    }

    /** Offset of window w in {@link #truth()}. */
    public int offset(int w) {
        return w * windowLength();
    }

    /**
     * Cuts non-overlapping windows of {@code steps} steps from rows {@code [fromRow, toRow)} of a state series
     * sampled every dt: window w spans rows {@code fromRow + w·steps … fromRow + (w+1)·steps}, so consecutive windows
     * share their boundary state and every step of the series between two rows is in at most one window; rows left
     * over at the end (fewer than {@code steps} steps) are dropped. There are
     * {@code max(0, (toRow − fromRow − 1) / steps)} windows.
     *
     * @param xFlat   the series, row-major {@code rows × k} ({@code xFlat[r·k + i]})
     * @param rows    rows in {@code xFlat}
     * @param fromRow first row used (inclusive)
     * @param toRow   end of the rows used (exclusive)
     * @throws IllegalArgumentException if the sizes or the row range do not fit
     */
    public static RolloutWindows cut(double[] xFlat, int rows, int k, int steps, int fromRow, int toRow) {
        if (xFlat == null || rows < 0 || k < 1 || xFlat.length != (long) rows * k) {
            throw new IllegalArgumentException("series must hold rows·k = " + (long) rows * k + " values, got "
                    + (xFlat == null ? "null" : xFlat.length));
        }
        if (fromRow < 0 || toRow > rows || fromRow > toRow) {
            throw new IllegalArgumentException("row range [" + fromRow + ", " + toRow + ") is not inside [0, " + rows
                    + ")");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("a rollout window needs at least 1 step, got " + steps);
        }
        int count = toRow - fromRow < 1 ? 0 : (toRow - fromRow - 1) / steps;
        int len = (steps + 1) * k;
        float[] truth = new float[count * len];
        for (int w = 0; w < count; w++) {
            int src = (fromRow + w * steps) * k;
            for (int j = 0; j < len; j++) {
                truth[w * len + j] = (float) xFlat[src + j];
            }
        }
        return new RolloutWindows(truth, count, k, steps);
    }

    /** {@link #cut(double[], int, int, int, int, int)} over all rows of {@code x[row][k]}. */
    public static RolloutWindows cut(double[][] x, int steps) {
        int rows = x.length;
        int k = rows == 0 ? 4 : x[0].length;
        double[] flat = new double[rows * k];
        for (int r = 0; r < rows; r++) {
            if (x[r].length != k) {
                throw new IllegalArgumentException("row " + r + " has " + x[r].length + " values, row 0 has " + k);
            }
            System.arraycopy(x[r], 0, flat, r * k, k);
        }
        return cut(flat, rows, k, steps, 0, rows);
    }
}

package org.l96.world;

/**
 * The truth before each initial state of a coarse-model run, for closures whose inputs reach into the past
 * ({@link Parameterization#pastSamples}): per member the states one, two, … {@code history} sampling intervals
 * before its initial state, and the coupling term one interval before it.
 *
 * @param sampleInterval   Δ, model time units between the samples
 * @param history          H, the earlier states given per member
 * @param states           members × H × K: member m's state j + 1 samples before its start at
 *                         {@code (m * H + j) * K}
 * @param previousCoupling members × K: the coupling term one sample before each start (null when not needed)
 */
public record TruthPast(double sampleInterval, int history, double[] states, double[] previousCoupling) {

    public TruthPast {
        if (!(sampleInterval > 0) || history < 0 || states == null) {
            throw new IllegalArgumentException("a past needs a positive sample interval, history ≥ 0 and states");
        }
    }

    /**
     * The past of runs starting at rows {@code startRows} of a stored truth ({@code x}, {@code coupling}:
     * rows × K row-major), {@code history} states and the previous coupling term when {@code coupling} is given.
     *
     * @throws IllegalArgumentException when a start row has fewer than the needed rows before it
     */
    public static TruthPast of(double sampleInterval, double[] x, double[] coupling, int k, int[] startRows,
                               int history) {
        int members = startRows.length;
        double[] states = new double[members * history * k];
        double[] prev = coupling == null ? null : new double[members * k];
        for (int m = 0; m < members; m++) {
            int r = startRows[m];
            int need = Math.max(history, prev == null ? 0 : 1);
            if (r - need < 0) {
                throw new IllegalArgumentException("a run starting at sample " + r + " has no " + need
                        + " samples of truth before it");
            }
            for (int j = 0; j < history; j++) {
                System.arraycopy(x, (r - 1 - j) * k, states, (m * history + j) * k, k);
            }
            if (prev != null) {
                System.arraycopy(coupling, (r - 1) * k, prev, m * k, k);
            }
        }
        return new TruthPast(sampleInterval, history, states, prev);
    }

    /** The same past for every member of each start: start s's past repeated {@code copies} times, in order. */
    public TruthPast repeated(int starts, int copies, int k) {
        double[] st = new double[starts * copies * history * k];
        double[] pc = previousCoupling == null ? null : new double[starts * copies * k];
        for (int s = 0; s < starts; s++) {
            for (int c = 0; c < copies; c++) {
                System.arraycopy(states, s * history * k, st, (s * copies + c) * history * k, history * k);
                if (pc != null) {
                    System.arraycopy(previousCoupling, s * k, pc, (s * copies + c) * k, k);
                }
            }
        }
        return new TruthPast(sampleInterval, history, st, pc);
    }
}

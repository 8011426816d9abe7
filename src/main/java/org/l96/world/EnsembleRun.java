package org.l96.world;

/**
 * Result of {@link CoarseModel#runEnsemble}.
 *
 * @param members      ensemble size
 * @param steps        number of time steps (rows per member = steps + 1)
 * @param k            state length
 * @param dt           time step
 * @param history      flat [members][steps+1][K]: {@code history[(m*(steps+1) + n)*K + i]}
 * @param unstableStep per member, the first step n whose state had a non-finite value or |X| above the blow-up
 *                     threshold (row n keeps that state, rows after it are NaN), or -1 if the member stayed stable
 */
public record EnsembleRun(int members, int steps, int k, double dt, double[] history, int[] unstableStep) {

    public boolean isStable(int member) {
        return unstableStep[member] < 0;
    }

    public int stableCount() {
        int s = 0;
        for (int u : unstableStep) {
            if (u < 0) {
                s++;
            }
        }
        return s;
    }

    /** Index of X_i of member m at step n in {@link #history()}. */
    public int index(int member, int step, int i) {
        return (member * (steps + 1) + step) * k + i;
    }

    /** Copy of the state of member m at step n. */
    public double[] state(int member, int step) {
        double[] r = new double[k];
        System.arraycopy(history, index(member, step, 0), r, 0, k);
        return r;
    }

    /** Copy of one member's history, (steps+1)*K row-major. */
    public double[] memberHistory(int member) {
        double[] r = new double[(steps + 1) * k];
        System.arraycopy(history, index(member, 0, 0), r, 0, r.length);
        return r;
    }
}

package org.l96.world;

/**
 * A closure whose inputs reach into the past: the states 1..H sampling intervals ago and its own output one
 * sampling interval ago (the "previous coupling term", Gagne et al. 2020). It keeps that history per run and member,
 * started from the truth before the initial state ({@link TruthPast}); the run's time step must divide the
 * sampling interval Δ.
 * <p>
 * When the history moves on: at each sample time t_n = nΔ of the run, the first stage of the step that starts there
 * sees exactly X(t_n); its inputs are X(t_n) and the history X(t_n − Δ), …, X(t_n − HΔ), U(t_n − Δ), and its output
 * is recorded as U(t_n). Over the interval [t_n, t_{n+1}) the history is held (the stages of RK4 and the steps
 * within the interval see X(t_n − jΔ) as lag j, as the network was trained on samples Δ apart); at t_{n+1} it moves on
 * by one sample: X(t_n) becomes lag 1 and U(t_n) the previous coupling term.
 */
public final class HistoryParameterization implements Parameterization {

    /** The closure proper: P for {@code rows} states given their histories. */
    @FunctionalInterface
    public interface Closure {
        /**
         * @param x    rows × K, the current states
         * @param past rows × H × K, row a's state j + 1 samples earlier at {@code (a * H + j) * K}
         * @param prev rows × K, each row's coupling term one sample earlier (null without previousCoupling)
         * @param out  rows × K, written
         */
        void subgridTendency(double[] x, double[] past, double[] prev, int rows, int k, double[] out);
    }

    private final Closure closure;
    private final int history;
    private final boolean previousCoupling;
    private final double sampleInterval;

    /**
     * @param history          H ≥ 0, the states before the current one the closure sees
     * @param previousCoupling whether it sees its own previous output
     * @param sampleInterval   Δ, the spacing of the history (the training data's sampling interval)
     */
    public HistoryParameterization(Closure closure, int history, boolean previousCoupling, double sampleInterval) {
        if (closure == null || history < 0 || !(sampleInterval > 0)) {
            throw new IllegalArgumentException("a history closure needs a closure, history ≥ 0, and Δ > 0");
        }
        this.closure = closure;
        this.history = history;
        this.previousCoupling = previousCoupling;
        this.sampleInterval = sampleInterval;
    }

    @Override
    public int pastSamples() {
        return Math.max(history, previousCoupling ? 1 : 0);
    }

    /**
     * The earliest truth sample a run can start from: its history must lie in the truth, and sample 0's coupling
     * term is a placeholder (zeros, the notebook's convention), so with the previous coupling term sample 2.
     */
    public int firstStartRow() {
        return Math.max(history, previousCoupling ? 2 : 0);
    }

    /** The truth's past of runs starting at {@code startRows} of {@code x} and {@code coupling} (rows × K). */
    public TruthPast pastOf(double[] x, double[] coupling, int k, int[] startRows) {
        if (previousCoupling && coupling == null) {
            throw new IllegalArgumentException("the truth's coupling term is needed to start the previous one");
        }
        return TruthPast.of(sampleInterval, x, previousCoupling ? coupling : null, k, startRows, history);
    }

    public int history() {
        return history;
    }

    public boolean previousCoupling() {
        return previousCoupling;
    }

    /** Always throws: the history belongs to a run; see {@link #startRun(int, int, double, TruthPast)}. */
    @Override
    public void subgridTendency(double[] x, int members, int k, double[] out) {
        throw new IllegalStateException("a closure with a history is evaluated through the object startRun returns");
    }

    @Override
    public Parameterization startRun(int members, int k, double dt) {
        throw new IllegalArgumentException("this closure needs the truth's past before each initial state (it sees "
                + pastSamples() + " earlier sample" + (pastSamples() == 1 ? "" : "s") + ")");
    }

    @Override
    public Parameterization startRun(int members, int k, double dt, TruthPast past) {
        if (past == null) {
            return startRun(members, k, dt);
        }
        int stride = (int) Math.round(sampleInterval / dt);
        if (stride < 1 || Math.abs(stride * dt - sampleInterval) > 1e-9 * sampleInterval) {
            throw new IllegalArgumentException("the run's dt " + dt + " must divide the sampling interval "
                    + sampleInterval + " of the closure's history");
        }
        if (Math.abs(past.sampleInterval() - sampleInterval) > 1e-9 * sampleInterval) {
            throw new IllegalArgumentException("the truth's past is sampled every " + past.sampleInterval()
                    + ", the closure's history every " + sampleInterval);
        }
        if (past.history() < history || past.states().length != members * past.history() * k
                || (previousCoupling && (past.previousCoupling() == null
                || past.previousCoupling().length != members * k))) {
            throw new IllegalArgumentException("the truth's past does not hold " + history + " states"
                    + (previousCoupling ? " and the previous coupling term" : "") + " for " + members + " members");
        }
        return new Run(members, k, stride, past);
    }

    /** One run's history, per member. */
    private final class Run implements Parameterization {
        private final int k;
        private final int stride;
        private final double[] lags;    // members × H × K, lag 1 first
        private final double[] prevU;   // members × K
        private final double[] nextX;   // members × K: X(t_n), lag 1 from t_{n+1}
        private final double[] nextU;   // members × K: U(t_n), the previous coupling term from t_{n+1}
        private double[] pastRows = new double[0];
        private double[] prevRows = new double[0];
        private int[] memberOfRow;
        private int rows;
        private long step;
        private boolean sampleStage;

        Run(int members, int k, int stride, TruthPast past) {
            this.k = k;
            this.stride = stride;
            lags = new double[members * history * k];
            for (int m = 0; m < members; m++) {
                System.arraycopy(past.states(), m * past.history() * k, lags, m * history * k, history * k);
            }
            prevU = previousCoupling ? past.previousCoupling().clone() : new double[members * k];
            nextX = new double[members * k];
            nextU = new double[members * k];
            memberOfRow = new int[members];
            for (int m = 0; m < members; m++) {
                memberOfRow[m] = m;
            }
            rows = members;
        }

        @Override
        public void beginStep(int[] memberOfRow, int rows) {
            this.memberOfRow = memberOfRow;
            this.rows = rows;
            if (step % stride == 0) {
                if (step > 0) {
                    for (int a = 0; a < rows; a++) {
                        int m = memberOfRow[a];
                        if (history > 0) {
                            System.arraycopy(lags, m * history * k, lags, m * history * k + k, (history - 1) * k);
                            System.arraycopy(nextX, m * k, lags, m * history * k, k);
                        }
                        System.arraycopy(nextU, m * k, prevU, m * k, k);
                    }
                }
                sampleStage = true;
            }
            step++;
        }

        @Override
        public void subgridTendency(double[] x, int n, int k, double[] out) {
            if (n != rows) {
                throw new IllegalStateException("evaluated for " + n + " states, the step began with " + rows);
            }
            if (prevRows.length < n * k) {
                pastRows = new double[n * history * k];
                prevRows = new double[n * k];
            }
            for (int a = 0; a < n; a++) {
                int m = memberOfRow[a];
                System.arraycopy(lags, m * history * k, pastRows, a * history * k, history * k);
                System.arraycopy(prevU, m * k, prevRows, a * k, k);
            }
            closure.subgridTendency(x, pastRows, previousCoupling ? prevRows : null, n, k, out);
            if (sampleStage) {
                // the first stage of a step at a sample time sees X(t_n) itself: its output is U(t_n)
                for (int a = 0; a < n; a++) {
                    int m = memberOfRow[a];
                    System.arraycopy(x, a * k, nextX, m * k, k);
                    System.arraycopy(out, a * k, nextU, m * k, k);
                }
                sampleStage = false;
            }
        }
    }
}

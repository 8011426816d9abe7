package org.l96.eval;

import org.l96.spec.EvaluationSpec;
import org.l96.world.CoarseModel;
import org.l96.world.EnsembleRun;
import org.l96.world.HistoryParameterization;
import org.l96.world.TruthPast;
import org.l96.world.Integrator;
import org.l96.world.L96Params;
import org.l96.world.Parameterization;
import org.l96.world.TwoScaleIntegrator;
import org.l96.world.TwoScaleState;
import org.l96.world.TwoScaleTrajectory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs the coarse model with each parameterization against the real world, as the notebook does: single runs from
 * one truth state against the world continued from there, and ensembles of runs from many truth states. Plain
 * numerics: the caller loads the truth and writes the results.
 */
public final class OnlineEvaluation {
    /** Metric names of a scheme's entry: the time its first run blew up (or null), the fraction that did, … */
    public static final String UNSTABLE_AT = "unstableAt";
    public static final String UNSTABLE_FRACTION = "unstableFraction";
    /** … an ensemble's Σ|X_true − X_model| over runs, steps and k (null once a run blew up), its number of runs. */
    public static final String SUM_ABS_ERROR = "sumAbsError";
    public static final String INITIAL_CONDITIONS = "initialConditions";

    private OnlineEvaluation() {
    }

    /**
     * The stored real world: X (rows × K), Y (rows × J·K, may be null when only ensembles are evaluated), and the
     * scheme and step it was integrated with (evaluations that continue or rerun the world use the same).
     */
    public record Truth(L96Params params, double worldDt, Integrator worldIntegrator, double sampleInterval, int rows,
                        double[] x, double[] y, double[] coupling) {

        /**
         * A truth without its coupling term (rows × K, needed only to start a closure that sees the previous
         * coupling term, {@link HistoryParameterization}).
         */
        public Truth(L96Params params, double worldDt, Integrator worldIntegrator, double sampleInterval, int rows,
                     double[] x, double[] y) {
            this(params, worldDt, worldIntegrator, sampleInterval, rows, x, y, null);
        }

        /** A world integrated with RK4. */
        public Truth(L96Params params, double worldDt, double sampleInterval, int rows, double[] x, double[] y) {
            this(params, worldDt, Integrator.RK4, sampleInterval, rows, x, y);
        }

        /** An integrator of this world at {@code p} (its own parameters or another forcing). */
        public TwoScaleIntegrator world(L96Params p) {
            return new TwoScaleIntegrator(p, worldDt, worldIntegrator);
        }

        public int k() {
            return params.k();
        }
    }

    /**
     * The earliest truth sample the runs of these closures can start from: 0, or later for a closure that starts
     * its history from the truth ({@link HistoryParameterization#firstStartRow}).
     */
    public static int firstStartRow(Iterable<Parameterization> closures) {
        int first = 0;
        for (Parameterization p : closures) {
            if (p instanceof HistoryParameterization h) {
                first = Math.max(first, h.firstStartRow());
            }
        }
        return first;
    }

    /** The truth before runs of {@code p} starting at {@code startRows}, or null for a closure that needs none. */
    public static TruthPast pastOf(Parameterization p, Truth truth, int[] startRows) {
        if (!(p instanceof HistoryParameterization h)) {
            return null;
        }
        for (int r : startRows) {
            if (r < h.firstStartRow()) {
                throw new IllegalArgumentException("a run from sample " + r + " has no truth history: a closure "
                        + "that sees " + h.history() + " earlier states" + (h.previousCoupling()
                        ? " and the previous coupling term" : "") + " starts at sample " + h.firstStartRow()
                        + " or later");
            }
        }
        return h.pastOf(truth.x(), truth.coupling(), truth.k(), startRows);
    }

    /** A single-run comparison: times, the real world's X and each parameterization's X, every sample interval. */
    public record TrajectoryResult(double[] time, double[] truth, Map<String, double[]> runs,
                                   Map<String, Map<String, Object>> metrics) {
    }

    public static TrajectoryResult trajectory(Truth truth, EvaluationSpec.Trajectory e,
                                              Map<String, Parameterization> parameterizations) {
        int start = e.start() < 0 ? truth.rows() + e.start() : e.start();
        int n = truth.params().fastSize();
        double[] y0 = new double[n];
        System.arraycopy(truth.y(), start * n, y0, 0, n);
        return trajectory(truth, e, parameterizations, y0);
    }

    /**
     * A single-run comparison from the truth's X at the start row and {@code y0}, the world's Y at that row (for a
     * truth whose Y history is not in memory; {@link Truth#y()} is not read).
     */
    public static TrajectoryResult trajectory(Truth truth, EvaluationSpec.Trajectory e,
                                              Map<String, Parameterization> parameterizations, double[] y0) {
        int k = truth.k();
        int start = e.start() < 0 ? truth.rows() + e.start() : e.start();
        int samples = (int) Math.round(e.duration() / truth.sampleInterval());
        double dt = e.dt() == null ? truth.sampleInterval() : e.dt();
        int stride = (int) Math.round(truth.sampleInterval() / dt);
        if (stride < 1 || Math.abs(stride * dt - truth.sampleInterval()) > 1e-9 * truth.sampleInterval()) {
            throw new IllegalArgumentException("the coarse model's dt " + dt + " must divide the sample interval "
                    + truth.sampleInterval());
        }
        // the real world continued from its full state at the start sample (the notebook's W.run after the data)
        double[] x0 = new double[k];
        System.arraycopy(truth.x(), start * k, x0, 0, k);
        TwoScaleTrajectory world = truth.world(truth.params())
                .run(new TwoScaleState(x0, y0), 0.0, truth.sampleInterval(), samples, false, null);
        double[] time = world.t();

        Map<String, double[]> runs = new LinkedHashMap<>();
        Map<String, Map<String, Object>> metrics = new LinkedHashMap<>();
        for (String name : e.compare()) {
            Parameterization p = parameterizations.get(name);
            CoarseModel gcm = new CoarseModel(truth.params().forcing(), p);
            EnsembleRun run = gcm.runEnsemble(x0, 1, dt, samples * stride, stepper(e),
                    CoarseModel.DEFAULT_BLOWUP_THRESHOLD, null, pastOf(p, truth, new int[]{start}));
            double[] sampled = new double[(samples + 1) * k];
            for (int s = 0; s <= samples; s++) {
                System.arraycopy(run.history(), run.index(0, s * stride, 0), sampled, s * k, k);
            }
            runs.put(name, sampled);
            Map<String, Object> m = new LinkedHashMap<>();
            // an unstable run has no error worth a number: averaging the finite part scored a run that was NaN
            // from its first step 0.0 (the best score), and one that blew up later ~1e32
            boolean stable = run.isStable(0);
            int first2 = (int) Math.min(samples, Math.round(2.0 / truth.sampleInterval()));
            m.put("meanAbsError", stable ? meanAbs(world.x(), sampled, k, samples) : null);
            m.put("meanAbsErrorFirst2TimeUnits", stable ? meanAbs(world.x(), sampled, k, first2 - 1) : null);
            m.put(UNSTABLE_FRACTION, stable ? 0.0 : 1.0);
            m.put(UNSTABLE_AT, stable ? null : run.unstableStep()[0] * dt);
            metrics.put(name, m);
        }
        return new TrajectoryResult(time, world.x(), runs, metrics);
    }

    /** The coarse model's integrator an evaluation asks for (RK4 when it does not say). */
    static Integrator stepper(EvaluationSpec e) {
        return Integrator.named(e.stepperKind().word());
    }

    /**
     * Coarse steps per sample: the sampling interval over the evaluation's dt (1 when it has none).
     *
     * @throws IllegalArgumentException dt does not divide the sampling interval (validation refuses it earlier)
     */
    static int stride(EvaluationSpec e, double sampleInterval) {
        double dt = e.dtOr(sampleInterval);
        int stride = (int) Math.round(sampleInterval / dt);
        if (stride < 1 || Math.abs(stride * dt - sampleInterval) > 1e-9 * sampleInterval) {
            throw new IllegalArgumentException("the coarse model's dt " + dt + " must divide the sample interval "
                    + sampleInterval);
        }
        return stride;
    }

    /** Mean of |truth − run| over rows 0..lastRow and all k (of a stable run: every entry is finite). */
    private static double meanAbs(double[] truth, double[] run, int k, int lastRow) {
        double sum = 0;
        for (int i = 0; i < (lastRow + 1) * k; i++) {
            sum += Math.abs(truth[i] - run[i]);
        }
        return sum / ((lastRow + 1) * k);
    }

    /** The earliest time at which a member of the run blew up, or null when every member stayed stable. */
    public static Double firstUnstableTime(EnsembleRun run) {
        int first = Integer.MAX_VALUE;
        for (int m = 0; m < run.members(); m++) {
            if (!run.isStable(m)) {
                first = Math.min(first, run.unstableStep()[m]);
            }
        }
        return first == Integer.MAX_VALUE ? null : first * run.dt();
    }

    /** Per parameterization: the notebook's summed error and per-lead statistics over all initial conditions. */
    public record EnsembleResult(double[] leadTime, Map<String, Map<String, Object>> metrics,
                                 Map<String, double[]> rmseByLead) {
    }

    public static EnsembleResult ensemble(Truth truth, EvaluationSpec.Ensemble e,
                                          Map<String, Parameterization> parameterizations) {
        int k = truth.k();
        int members = e.initialConditions();
        int steps = (int) Math.round(e.duration() / truth.sampleInterval());
        // the coarse model steps at dt and is scored at the samples, every stride steps
        int stride = stride(e, truth.sampleInterval());
        double dt = e.dtOr(truth.sampleInterval());
        int every = e.everySamples(truth.sampleInterval());
        double[] x0s = new double[members * k];
        int[] startRows = new int[members];
        for (int m = 0; m < members; m++) {
            startRows[m] = e.first() + m * every;
            System.arraycopy(truth.x(), startRows[m] * k, x0s, m * k, k);
        }
        double[] lead = new double[steps + 1];
        for (int s = 0; s <= steps; s++) {
            lead[s] = s * truth.sampleInterval();
        }
        Map<String, Map<String, Object>> metrics = new LinkedHashMap<>();
        Map<String, double[]> rmse = new LinkedHashMap<>();
        for (String name : e.compare()) {
            Parameterization p = parameterizations.get(name);
            CoarseModel gcm = new CoarseModel(truth.params().forcing(), p);
            EnsembleRun run = gcm.runEnsemble(x0s, members, dt, steps * stride, stepper(e),
                    CoarseModel.DEFAULT_BLOWUP_THRESHOLD, null, pastOf(p, truth, startRows));
            double sumAbs = 0;
            double[] sq = new double[steps + 1];
            int[] count = new int[steps + 1];
            int unstable = 0;
            for (int m = 0; m < members; m++) {
                int row0 = e.first() + m * every;
                if (!run.isStable(m)) {
                    unstable++;
                }
                for (int s = 0; s <= steps; s++) {
                    for (int i = 0; i < k; i++) {
                        double d = truth.x()[(row0 + s) * k + i] - run.history()[run.index(m, s * stride, i)];
                        if (Double.isFinite(d)) {
                            sumAbs += Math.abs(d);
                            sq[s] += d * d;
                            count[s]++;
                        }
                    }
                }
            }
            double[] r = new double[steps + 1];
            for (int s = 0; s <= steps; s++) {
                r[s] = count[s] == 0 ? Double.NaN : Math.sqrt(sq[s] / count[s]);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            // a sum over fewer members, or an RMSE over the members that survived, is not comparable with a
            // stable scheme's: null as soon as one member blew up (the curves keep the members still stable)
            m.put(SUM_ABS_ERROR, unstable == 0 ? sumAbs : null);
            m.put(INITIAL_CONDITIONS, members);
            m.put(UNSTABLE_FRACTION, unstable / (double) members);
            m.put(UNSTABLE_AT, firstUnstableTime(run));
            m.put("rmseAtEnd", unstable == 0 ? r[steps] : null);
            metrics.put(name, m);
            rmse.put(name, r);
        }
        return new EnsembleResult(lead, metrics, rmse);
    }
}

package org.l96.eval;

import org.l96.spec.EvaluationSpec;
import org.l96.world.L96Params;
import org.l96.world.TwoScaleIntegrator;
import org.l96.world.TwoScaleState;
import org.l96.world.TwoScaleTrajectory;

import java.util.function.DoubleConsumer;

/**
 * The real world in another regime: the two-scale model at an evaluation's own forcing, for testing
 * parameterizations trained at the world's forcing. It starts from the stored truth's last full state (X and Y), runs
 * {@link #SPIN_UP} time units at the new forcing and is then sampled at the stored truth's interval, so that sample
 * indices (initial conditions, starts) mean the same as in the stored truth. Plain numerics.
 */
public final class RegimeTruth {
    private RegimeTruth() {
    }

    /**
     * Time units run at the new forcing before the first sample: about ten times the decorrelation time of X at
     * F = 16…24 (under one time unit), so no trace of the old regime's state is left.
     */
    public static final double SPIN_UP = 10;

    /** Whether an evaluation runs at a forcing other than the world's (null means the world's). */
    public static boolean shifts(EvaluationSpec e, double worldForcing) {
        return e.forcing() != null && e.forcing() != worldForcing;
    }

    /**
     * Truth samples the evaluation reads (rows 0..n−1), given the stored truth's {@code rows}: the new regime is
     * simulated only that far. Climate makes its own long runs and needs none.
     */
    public static int rowsNeeded(EvaluationSpec e, int rows, double sampleInterval) {
        return rowsNeeded(e, rows, sampleInterval, 0);
    }

    /**
     * As {@link #rowsNeeded(EvaluationSpec, int, double)} for forecasts whose initial conditions start
     * {@code firstRow} samples in (a compared closure starts its history from the truth,
     * {@link OnlineEvaluation#firstStartRow}).
     */
    public static int rowsNeeded(EvaluationSpec e, int rows, double sampleInterval, int firstRow) {
        if (e instanceof EvaluationSpec.Trajectory t) {
            return (t.start() < 0 ? rows + t.start() : t.start()) + 1;
        }
        if (e instanceof EvaluationSpec.Ensemble en) {
            return en.first() + (en.initialConditions() - 1) * en.everySamples(sampleInterval)
                    + (int) Math.round(en.duration() / sampleInterval) + 1;
        }
        if (e instanceof EvaluationSpec.Forecast f) {
            return firstRow + (f.initialConditions() - 1) * (int) Math.round(f.every() / sampleInterval)
                    + (int) Math.round(f.lead() / sampleInterval) + 1;
        }
        return 0;
    }

    /**
     * The truth at {@code forcing}, {@code rows} samples at the stored truth's interval (Y kept when {@code withY}).
     *
     * @param stored   the stored truth (its Y is not needed)
     * @param lastY    Y of the stored truth's last sample: with its last X, the state the new run starts from
     * @param progress optional; receives the fraction done
     */
    public static OnlineEvaluation.Truth simulate(OnlineEvaluation.Truth stored, double[] lastY, double forcing,
                                                  int rows, boolean withY, DoubleConsumer progress) {
        if (lastY == null || lastY.length != stored.params().fastSize()) {
            throw new IllegalArgumentException("the stored truth's last Y must hold J·K = "
                    + stored.params().fastSize() + " values");
        }
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be at least 1, got " + rows);
        }
        int k = stored.k();
        int last = stored.rows() - 1;
        double[] x0 = new double[k];
        System.arraycopy(stored.x(), last * k, x0, 0, k);
        double[] y0 = lastY.clone();
        L96Params params = stored.params().withForcing(forcing);
        TwoScaleIntegrator world = stored.world(params);
        double si = stored.sampleInterval();
        int spin = (int) Math.round(SPIN_UP / si);
        long total = (long) spin + rows - 1;
        TwoScaleState state = world.run(new TwoScaleState(x0, y0), 0.0, si, spin, false,
                done -> report(progress, done / (double) total)).finalState();
        TwoScaleTrajectory tr = world.run(state, 0.0, si, rows - 1, withY,
                done -> report(progress, (spin + done) / (double) total));
        return new OnlineEvaluation.Truth(params, stored.worldDt(), stored.worldIntegrator(), si, rows, tr.x(),
                withY ? tr.y() : null, tr.coupling());
    }

    private static void report(DoubleConsumer progress, double fraction) {
        if (progress != null) {
            progress.accept(fraction);
        }
    }
}

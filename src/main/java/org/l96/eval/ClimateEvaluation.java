package org.l96.eval;

import org.l96.spec.EvaluationSpec;
import org.l96.world.CoarseModel;
import org.l96.world.HistoryParameterization;
import org.l96.world.TruthPast;
import org.l96.world.EnsembleRun;
import org.l96.world.Integrator;
import org.l96.world.L96Params;
import org.l96.world.Parameterization;
import org.l96.world.TwoScaleIntegrator;
import org.l96.world.TwoScaleL96;
import org.l96.world.TwoScaleState;
import org.l96.world.TwoScaleTrajectory;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleConsumer;

/**
 * Long-run statistics of the coarse model with each parameterization against the real world. Two independent
 * two-scale runs of the same length are made: the first is the reference, the distance between the two is the
 * noise floor that a distance must beat to mean anything. Plain numerics.
 */
public final class ClimateEvaluation {
    private ClimateEvaluation() {
    }

    /**
     * Statistics of one run; {@code unstableAt} is the model time from the start of the run (spin-up included) at
     * which it blew up, or null. The statistics of a blown-up run cover only its rows after the spin-up and before
     * the blow-up (none when it blew up during the spin-up).
     */
    public record Statistics(double mean, double variance, double[] density, double[] acf,
                             double[] spatialCorrelation, double[] samples, Double unstableAt) {
    }

    /**
     * @param truth      the reference run; {@code truthAgain} the independent second one
     * @param floor      distances between the two truth runs
     * @param schemes    each parameterization's run
     * @param hellinger  H (not H²) of each scheme's PDF against the truth's
     */
    public record Result(double[] binCentres, double[] lags, Statistics truth, Statistics truthAgain,
                         Map<String, Statistics> schemes, double hellingerFloor, double wassersteinFloor,
                         Map<String, Double> hellinger, Map<String, Double> wasserstein,
                         Map<String, double[]> hellingerCi, Map<String, Map<String, double[]>> hellingerDiff) {
    }

    /** Length of the blocks of a run that the bootstrap of H resamples, in model time units (see {@link #blocks}). */
    public static final double BLOCK_TIME = 5.0;
    /** Fewest blocks: shorter runs get shorter blocks. */
    public static final int MIN_BLOCKS = 10;
    /** Resamples of the blocks for the 95% intervals of H. */
    public static final int RESAMPLES = 1000;

    /**
     * Block histograms of a run for the moving-block bootstrap of its H: the run's rows cut into consecutive blocks
     * of {@link #BLOCK_TIME} (fewer than {@link #MIN_BLOCKS} blocks: rows/MIN_BLOCKS rows each; leftover rows at the
     * end are left out), each block's counts per bin. Blocks several decorrelation times long (X decorrelates in
     * about a time unit) keep the resampled runs' serial dependence (Künsch 1989, non-overlapping blocks).
     */
    static double[][] blocks(double[] x, int rows, int k, EvaluationSpec.Climate c, double sampleInterval) {
        int length = (int) Math.max(1, Math.round(BLOCK_TIME / sampleInterval));
        if (rows / length < MIN_BLOCKS) {
            length = Math.max(1, rows / MIN_BLOCKS);
        }
        int n = rows / length;
        int bins = c.bins();
        double[][] counts = new double[n][bins];
        for (int b = 0; b < n; b++) {
            for (int i = b * length * k; i < (b + 1) * length * k; i++) {
                int bin = (int) Math.floor((x[i] - c.binFrom()) / c.binWidth());
                if (bin >= 0 && bin < bins) {
                    counts[b][bin]++;
                }
            }
        }
        return counts;
    }

    /** H of the resampled run (block counts weighted by how often each block is drawn) against {@code truth}. */
    static double resampledHellinger(double[][] blocks, int[] draws, double[] truth) {
        double[] p = new double[truth.length];
        double total = 0;
        for (int b = 0; b < blocks.length; b++) {
            if (draws[b] == 0) {
                continue;
            }
            for (int i = 0; i < p.length; i++) {
                p[i] += draws[b] * blocks[b][i];
            }
        }
        for (double v : p) {
            total += v;
        }
        if (total == 0) {
            return Double.NaN;
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= total;
        }
        return ClimateStatistics.hellinger(p, truth);
    }

    /**
     * For a world integrated with RK4 at {@code worldDt}.
     *
     * @param seed seeds the two truth runs (two 32-bit seeds made from it, through the world's initial-state
     *             convention)
     */
    public static Result run(L96Params params, double worldDt, double sampleInterval, EvaluationSpec.Climate c,
                             Map<String, Parameterization> parameterizations, long seed, DoubleConsumer progress) {
        return run(params, worldDt, Integrator.RK4, sampleInterval, c, parameterizations, seed, progress);
    }

    /** As above for a world integrated with {@code worldIntegrator} at {@code worldDt}. */
    public static Result run(L96Params params, double worldDt, Integrator worldIntegrator, double sampleInterval,
                             EvaluationSpec.Climate c,
                             Map<String, Parameterization> parameterizations, long seed, DoubleConsumer progress) {
        int k = params.k();
        int spinSamples = (int) Math.round(c.spinUp() / sampleInterval);
        int samples = (int) Math.round(c.duration() / sampleInterval);
        int maxLag = (int) Math.round(c.maxLag() / sampleInterval);
        int bins = c.bins();
        double[] centres = new double[bins];
        for (int b = 0; b < bins; b++) {
            centres[b] = c.binFrom() + (b + 0.5) * c.binWidth();
        }
        double[] lags = new double[maxLag + 1];
        for (int l = 0; l <= maxLag; l++) {
            lags[l] = l * sampleInterval;
        }
        TwoScaleTrajectory first = truthRun(params, worldDt, worldIntegrator, sampleInterval, spinSamples, samples,
                worldSeed(seed, 0));
        report(progress, 0.35);
        TwoScaleTrajectory second = truthRun(params, worldDt, worldIntegrator, sampleInterval, spinSamples, samples,
                worldSeed(seed, 1));
        report(progress, 0.7);
        Statistics truth = statistics(first.x(), samples + 1, k, c, maxLag, null, sampleInterval);
        Statistics again = statistics(second.x(), samples + 1, k, c, maxLag, null, sampleInterval);

        // a closure that starts its history from the truth starts every scheme a few samples in (0 otherwise)
        int startRow = OnlineEvaluation.firstStartRow(parameterizations.values());
        double[] start = first.xRow(startRow);
        Map<String, Statistics> runs = new LinkedHashMap<>();
        Map<String, Double> hellinger = new LinkedHashMap<>();
        Map<String, Double> wasserstein = new LinkedHashMap<>();
        // the coarse model steps at the evaluation's dt with its stepper and is sampled every stride steps
        int stride = OnlineEvaluation.stride(c, sampleInterval);
        double dt = c.dtOr(sampleInterval);
        Integrator stepper = OnlineEvaluation.stepper(c);
        for (String name : c.compare()) {
            Parameterization p = parameterizations.getOrDefault(name, Parameterization.NONE);
            CoarseModel gcm = new CoarseModel(params.forcing(), p);
            TruthPast past = p instanceof HistoryParameterization h
                    ? h.pastOf(first.x(), first.coupling(), k, new int[]{startRow}) : null;
            EnsembleRun run = gcm.runEnsemble(start, 1, dt, (spinSamples + samples) * stride, stepper,
                    CoarseModel.DEFAULT_BLOWUP_THRESHOLD, null, past);
            int end = spinSamples + samples + 1;
            Double unstableAt = null;
            if (!run.isStable(0)) {
                // keep the samples before the blow-up (sample s is step s·stride)
                int step = run.unstableStep()[0];
                end = (step + stride - 1) / stride;
                unstableAt = step * dt;
            }
            int rows = Math.max(0, end - spinSamples);
            double[] x = new double[rows * k];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(run.history(), run.index(0, (spinSamples + r) * stride, 0), x, r * k, k);
            }
            Statistics s = statistics(x, rows, k, c, maxLag, unstableAt, sampleInterval);
            runs.put(name, s);
            hellinger.put(name, rows == 0 ? Double.NaN : ClimateStatistics.hellinger(
                    probabilities(truth, c), probabilities(s, c)));
            wasserstein.put(name, rows == 0 ? Double.NaN : ClimateStatistics.wasserstein1(truth.samples(),
                    s.samples()));
        }
        // 95% intervals of H over block resamples of each stable run, and of the paired differences between every
        // two compared schemes: the same block draws for all (the runs have equal length), whatever their order.
        // The truth's PDF is held fixed: its own sampling noise is the noise floor, common to every scheme.
        Map<String, double[][]> blockCounts = new LinkedHashMap<>();
        for (var e : runs.entrySet()) {
            Statistics st = e.getValue();
            if (st.unstableAt() == null && st.samples().length > 0) {
                blockCounts.put(e.getKey(), blocks(st.samples(), st.samples().length / k, k, c, sampleInterval));
            }
        }
        Map<String, double[]> resampled = new LinkedHashMap<>();
        if (!blockCounts.isEmpty()) {
            int n = blockCounts.values().iterator().next().length;
            int[][] draws = Bootstrap.resampleCounts(n, RESAMPLES, seed ^ 0x5DEECE66DL);
            double[] truthP = probabilities(truth, c);
            for (var e : blockCounts.entrySet()) {
                double[] h = new double[RESAMPLES];
                for (int b = 0; b < RESAMPLES; b++) {
                    h[b] = resampledHellinger(e.getValue(), draws[b], truthP);
                }
                resampled.put(e.getKey(), h);
            }
        }
        Map<String, double[]> hellingerCi = new LinkedHashMap<>();
        Map<String, Map<String, double[]>> hellingerDiff = new LinkedHashMap<>();
        for (String a : c.compare()) {
            if (!resampled.containsKey(a)) {
                continue;
            }
            hellingerCi.put(a, Bootstrap.interval(resampled.get(a)));
            Map<String, double[]> row = new LinkedHashMap<>();
            for (String b : c.compare()) {
                if (a.equals(b) || !resampled.containsKey(b)) {
                    continue;
                }
                double[] d = new double[RESAMPLES];
                for (int r = 0; r < RESAMPLES; r++) {
                    d[r] = resampled.get(a)[r] - resampled.get(b)[r];
                }
                double[] ci = Bootstrap.interval(d);
                row.put(b, new double[]{hellinger.get(a) - hellinger.get(b), ci[0], ci[1]});
            }
            hellingerDiff.put(a, row);
        }
        report(progress, 1.0);
        return new Result(centres, lags, truth, again, runs,
                ClimateStatistics.hellinger(probabilities(truth, c), probabilities(again, c)),
                ClimateStatistics.wasserstein1(truth.samples(), again.samples()), hellinger, wasserstein,
                hellingerCi, hellingerDiff);
    }

    /** A 32-bit seed for the world's NumPy-compatible generator, from a 64-bit one and a stream number. */
    static long worldSeed(long seed, int stream) {
        long mixed = (seed ^ (seed >>> 32)) + 0x9E3779B9L * stream;
        return mixed & 0xFFFFFFFFL;
    }

    private static void report(DoubleConsumer progress, double fraction) {
        if (progress != null) {
            progress.accept(fraction);
        }
    }

    private static double[] probabilities(Statistics s, EvaluationSpec.Climate c) {
        double[] p = s.density().clone();
        for (int b = 0; b < p.length; b++) {
            p[b] *= c.binWidth();
        }
        return p;
    }

    /** The world from its seeded initial state (the simulation's convention), spun up, then sampled. */
    private static TwoScaleTrajectory truthRun(L96Params params, double worldDt, Integrator scheme, double si,
                                               int spinSamples, int samples, long seed) {
        TwoScaleIntegrator world = new TwoScaleIntegrator(params, worldDt, scheme);
        TwoScaleState state = TwoScaleL96.seededInitialState(params, seed);
        if (spinSamples > 0) {
            state = world.run(state, 0.0, si, spinSamples, false, null).finalState();
        }
        return world.run(state, 0.0, si, samples, false, null);
    }

    private static Statistics statistics(double[] x, int rows, int k, EvaluationSpec.Climate c, int maxLag,
                                         Double unstableAt, double si) {
        if (rows == 0) {
            double[] nan = new double[c.bins()];
            Arrays.fill(nan, Double.NaN);
            double[] acf = new double[maxLag + 1];
            Arrays.fill(acf, Double.NaN);
            double[] spatial = new double[k / 2 + 1];
            Arrays.fill(spatial, Double.NaN);
            return new Statistics(Double.NaN, Double.NaN, nan, acf, spatial, new double[0], unstableAt);
        }
        double[] density = ClimateStatistics.density(ClimateStatistics.histogram(x, c.binFrom(), c.binWidth(),
                c.bins()), c.binWidth());
        double[] acf;
        if (rows > maxLag) {
            acf = ClimateStatistics.autocorrelation(x, rows, k, maxLag);
        } else {
            acf = new double[maxLag + 1];
            Arrays.fill(acf, Double.NaN);
        }
        return new Statistics(ClimateStatistics.mean(x), ClimateStatistics.variance(x), density, acf,
                ClimateStatistics.spatialCorrelation(x, rows, k), x, unstableAt);
    }
}

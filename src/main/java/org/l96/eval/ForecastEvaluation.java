package org.l96.eval;

import org.l96.spec.EvaluationSpec;
import org.l96.spec.Vocabulary;
import org.l96.world.CoarseModel;
import org.l96.world.EnsembleRun;
import org.l96.world.Integrator;
import org.l96.world.NumpyRandom;
import org.l96.world.Parameterization;
import org.l96.world.Stepper;
import org.l96.world.TwoScaleIntegrator;
import org.l96.world.TwoScaleL96;
import org.l96.world.TwoScaleState;
import org.l96.world.TwoScaleTrajectory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;

/**
 * Forecast skill of each parameterization from well-separated truth states, with the reference curves 'none'
 * and the ceiling (the two-scale model from the true X and freshly drawn Y: the best any closure of X alone can
 * hope for). Plain numerics: the caller loads the truth and writes the results.
 */
public final class ForecastEvaluation {
    private ForecastEvaluation() {
    }

    /** One scheme's curves over lead (with 95% bootstrap bands) and its valid prediction times. */
    public record Scheme(double[] rmse, double[] rmseLow, double[] rmseHigh, double[] acc, double[] accLow,
                         double[] accHigh, double[] vptPerInitialCondition, double vpt, double[] vptCi,
                         double vptDiff, double[] vptDiffCi, double unstableFraction, double censoredFraction,
                         Double unstableAt) {
    }

    /** Lead times, the truth's climatological mean and σ_X, and each scheme in order (compared ones, none, ceiling). */
    public record Result(double[] leadTime, double climatologicalMean, double sigmaX, String pairedAgainst,
                         Map<String, Scheme> schemes) {
    }

    /** The schemes scored: the compared ones, then 'none' if not compared, then the ceiling if asked. */
    public static List<String> schemes(EvaluationSpec.Forecast f) {
        List<String> s = new ArrayList<>(f.compare());
        if (!s.contains(Vocabulary.NONE)) {
            s.add(Vocabulary.NONE);
        }
        if (f.ceiling()) {
            s.add(Vocabulary.CEILING);
        }
        return s;
    }

    /**
     * @param seed      seeds the freshly drawn Y of the ceiling and the bootstrap resamples
     * @param progress  receives the fraction done
     */
    public static Result run(OnlineEvaluation.Truth truth, EvaluationSpec.Forecast f,
                             Map<String, Parameterization> parameterizations, long seed, DoubleConsumer progress) {
        int k = truth.k();
        double si = truth.sampleInterval();
        int ics = f.initialConditions();
        int everySamples = (int) Math.round(f.every() / si);
        int leadSamples = (int) Math.round(f.lead() / si);
        int leads = leadSamples + 1;
        if ((long) (ics - 1) * everySamples + leadSamples >= truth.rows()) {
            throw new IllegalArgumentException(ics + " initial conditions every " + f.every() + " time units with lead "
                    + f.lead() + " do not fit in " + truth.rows() + " truth samples");
        }
        double mean = ClimateStatistics.mean(truth.x());
        double sigma = Math.sqrt(ClimateStatistics.variance(truth.x()));

        double[] x0s = new double[ics * k];
        double[] truthRuns = new double[ics * leads * k];
        for (int ic = 0; ic < ics; ic++) {
            int row0 = ic * everySamples;
            System.arraycopy(truth.x(), row0 * k, x0s, ic * k, k);
            System.arraycopy(truth.x(), row0 * k, truthRuns, ic * leads * k, leads * k);
        }
        double[] leadTime = new double[leads];
        for (int t = 0; t < leads; t++) {
            leadTime[t] = t * si;
        }
        List<String> names = schemes(f);
        int[][] resamples = Bootstrap.resampleCounts(ics, f.bootstrap(), seed);
        Map<String, ForecastSkill> skills = new LinkedHashMap<>();
        Map<String, Double> unstableAt = new LinkedHashMap<>();
        for (int s = 0; s < names.size(); s++) {
            String name = names.get(s);
            double[] runs;
            if (Vocabulary.CEILING.equals(name)) {
                runs = ceiling(truth, x0s, ics, leadSamples, seed);
            } else {
                EnsembleRun run = coarse(truth, x0s, ics, leadSamples,
                        parameterizations.getOrDefault(name, Parameterization.NONE));
                runs = run.history();
                unstableAt.put(name, OnlineEvaluation.firstUnstableTime(run));
            }
            skills.put(name, new ForecastSkill(truthRuns, runs, ics, leads, k, si, mean, sigma));
            if (progress != null) {
                progress.accept(0.8 * (s + 1) / names.size());
            }
        }

        String first = names.get(0);
        double[] firstVpt = skills.get(first).validPredictionTimes();
        double[] firstResampled = resampledMedians(firstVpt, resamples);
        Map<String, Scheme> out = new LinkedHashMap<>();
        for (var e : skills.entrySet()) {
            ForecastSkill skill = e.getValue();
            int[] all = Bootstrap.ones(ics);
            double[] rmse = skill.normalizedRmse(all);
            double[] acc = skill.anomalyCorrelation(all);
            double[][] rmseBand = band(leads, resamples, skill::normalizedRmse);
            double[][] accBand = band(leads, resamples, skill::anomalyCorrelation);
            double[] vpt = skill.validPredictionTimes();
            double[] resampled = resampledMedians(vpt, resamples);
            double[] diffs = new double[resamples.length];
            for (int b = 0; b < resamples.length; b++) {
                diffs[b] = resampled[b] - firstResampled[b];
            }
            double median = Bootstrap.weightedMedian(vpt, all);
            out.put(e.getKey(), new Scheme(rmse, rmseBand[0], rmseBand[1], acc, accBand[0], accBand[1], vpt, median,
                    Bootstrap.interval(resampled), median - Bootstrap.weightedMedian(firstVpt, all),
                    Bootstrap.interval(diffs), skill.unstableFraction(), skill.censoredFraction(),
                    unstableAt.get(e.getKey())));
        }
        if (progress != null) {
            progress.accept(1.0);
        }
        return new Result(leadTime, mean, sigma, first, out);
    }

    private static double[] resampledMedians(double[] values, int[][] resamples) {
        double[] m = new double[resamples.length];
        for (int b = 0; b < resamples.length; b++) {
            m[b] = Bootstrap.weightedMedian(values, resamples[b]);
        }
        return m;
    }

    /** Pointwise 95% band of a curve over the resamples: [low, high] per lead. */
    private static double[][] band(int leads, int[][] resamples,
                                   java.util.function.Function<int[], double[]> curve) {
        double[][] byLead = new double[leads][resamples.length];
        for (int b = 0; b < resamples.length; b++) {
            double[] c = curve.apply(resamples[b]);
            for (int t = 0; t < leads; t++) {
                byLead[t][b] = c[t];
            }
        }
        double[][] out = new double[2][leads];
        for (int t = 0; t < leads; t++) {
            double[] ci = Bootstrap.interval(byLead[t]);
            out[0][t] = ci[0];
            out[1][t] = ci[1];
        }
        return out;
    }

    /**
     * The fast variables alone, X frozen, with the world's scheme and step: Y relaxes onto the fast attractor for
     * that X (time scale 1/c).
     */
    static double[] adjustToX(TwoScaleL96 model, double[] x, double[] y, double dt, Integrator scheme) {
        double[] xdot = new double[x.length];
        double[] coupling = new double[x.length];
        Stepper stepper = scheme.stepper((state, dy) -> model.tendency(x, state, xdot, dy, coupling), y.length);
        int steps = (int) Math.round(CEILING_Y_ADJUSTMENT / dt);
        for (int s = 0; s < steps; s++) {
            stepper.step(y, dt);
        }
        return y;
    }

    /** The coarse model from each initial X, one batched ensemble, sampled at the truth's interval. */
    private static EnsembleRun coarse(OnlineEvaluation.Truth truth, double[] x0s, int ics, int leadSamples,
                                      Parameterization p) {
        CoarseModel gcm = new CoarseModel(truth.params().forcing(), p);
        return gcm.runEnsemble(x0s, ics, truth.sampleInterval(), leadSamples, Integrator.RK4,
                CoarseModel.DEFAULT_BLOWUP_THRESHOLD, null);
    }

    /** Model time units the drawn Y evolves with X held at the true X before the forecast starts. */
    public static final double CEILING_Y_ADJUSTMENT = 0.5;

    /**
     * The two-scale model from each true X with a Y that knows nothing of the true Y: drawn as the world draws its
     * initial Y (standard normal, from the NumPy-compatible generator), then evolved for
     * {@link #CEILING_Y_ADJUSTMENT} time units with X held at the true X, so that it is a typical fast state for
     * that X (raw N(0,1) noise is not: its coupling term is wrong for the first ~0.2 time units, and such a
     * "ceiling" loses to a cubic fit). The skill left when only Y is unknown.
     */
    static double[] ceiling(OnlineEvaluation.Truth truth, double[] x0s, int ics, int leadSamples, long seed) {
        int k = truth.k();
        int leads = leadSamples + 1;
        TwoScaleIntegrator world = truth.world(truth.params());
        NumpyRandom random = new NumpyRandom(ClimateEvaluation.worldSeed(seed, 0));
        TwoScaleL96 model = new TwoScaleL96(truth.params());
        double[] out = new double[ics * leads * k];
        for (int ic = 0; ic < ics; ic++) {
            double[] x0 = new double[k];
            System.arraycopy(x0s, ic * k, x0, 0, k);
            double[] y0 = adjustToX(model, x0, random.randn(truth.params().fastSize()), truth.worldDt(),
                    truth.worldIntegrator());
            TwoScaleTrajectory tr = world.run(new TwoScaleState(x0, y0), 0.0, truth.sampleInterval(), leadSamples,
                    false, null);
            System.arraycopy(tr.x(), 0, out, ic * leads * k, leads * k);
        }
        return out;
    }
}

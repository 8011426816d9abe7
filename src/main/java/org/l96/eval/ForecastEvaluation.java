package org.l96.eval;

import org.l96.spec.EvaluationSpec;
import org.l96.spec.Vocabulary;
import org.l96.world.CoarseModel;
import org.l96.world.TruthPast;
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
                         Double unstableAt, Ensemble ensemble) {
    }

    /**
     * The probabilistic scores of an ensemble forecast ({@link EnsembleSkill}) against lead, each with its 95%
     * bootstrap band over initial conditions; the CRPS also as the paired difference from the first compared
     * scheme; the rank histograms at the rank leads (counts pooled over ICs and k).
     */
    public record Ensemble(int members, double[] rmse, double[] rmseLow, double[] rmseHigh, double[] spread,
                           double[] spreadLow, double[] spreadHigh, double[] spreadErrorRatio, double[] crps,
                           double[] crpsLow, double[] crpsHigh, double[] fairCrps, double[] crpsDiff,
                           double[] crpsDiffLow, double[] crpsDiffHigh, double[] rpss, double[] ignoranceSkillScore,
                           double[] rankLeadTimes, long[][] rankHistograms, double unstableFraction) {
    }

    /** Ensemble values (members × leads × k per IC) held at once at most; the ICs are run in batches of this. */
    public static final long ENSEMBLE_BATCH_VALUES = 4_000_000L;
    /** Climatological categories of X for the RPSS and ignorance: its deciles. */
    public static final int CATEGORIES = 10;
    /** Smoothing α of the ignorance's forecast probabilities (n + α)/(M + Cα): one pseudo-member per category. */
    public static final double IGNORANCE_SMOOTHING = 1.0;

    /**
     * Lead times, the truth's climatological mean and σ_X, and each scheme in order (compared ones, none, ceiling);
     * {@code paired}: for each compared scheme a, against each other compared scheme b, the paired differences
     * a − b ({@link Paired}), the same whatever the order of {@code compare}.
     */
    public record Result(double[] leadTime, double climatologicalMean, double sigmaX, String pairedAgainst,
                         Map<String, Scheme> schemes, Map<String, Map<String, Paired>> paired) {
    }

    /**
     * Scheme a minus scheme b over the same initial conditions and the same bootstrap resamples: the median VPT's
     * difference with its 95% interval and, when both are ensembles, the CRPS's difference against lead with its
     * band (null otherwise). Negative CRPS differences and positive VPT differences mean a is the better.
     */
    public record Paired(double vptDiff, double[] vptDiffCi, double[] crpsDiff, double[] crpsDiffLow,
                         double[] crpsDiffHigh) {
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
        return run(truth, f, parameterizations, seed, progress, 0);
    }

    /**
     * As {@link #run(OnlineEvaluation.Truth, EvaluationSpec.Forecast, Map, long, DoubleConsumer)} with the first
     * initial condition at truth row {@code segmentRow} (the first of the segment they are drawn from; later when a
     * compared closure needs more history); σ_X and the climatological mean still come from the whole truth.
     */
    public static Result run(OnlineEvaluation.Truth truth, EvaluationSpec.Forecast f,
                             Map<String, Parameterization> parameterizations, long seed, DoubleConsumer progress,
                             int segmentRow) {
        int k = truth.k();
        double si = truth.sampleInterval();
        int ics = f.initialConditions();
        int everySamples = (int) Math.round(f.every() / si);
        int leadSamples = (int) Math.round(f.lead() / si);
        int leads = leadSamples + 1;
        // a closure that starts its history from the truth needs samples before the first initial condition; the
        // segment's first row comes first when it lies later
        int firstRow = Math.max(segmentRow, OnlineEvaluation.firstStartRow(parameterizations.values()));
        int[] startRows = new int[ics];
        for (int ic = 0; ic < ics; ic++) {
            startRows[ic] = firstRow + ic * everySamples;
        }
        if (segmentRow < 0 || (long) firstRow + (long) (ics - 1) * everySamples + leadSamples >= truth.rows()) {
            throw new IllegalArgumentException(ics + " initial conditions every " + f.every() + " time units with lead "
                    + f.lead() + " from row " + firstRow + " do not fit in " + truth.rows() + " truth samples");
        }
        double mean = ClimateStatistics.mean(truth.x());
        double sigma = Math.sqrt(ClimateStatistics.variance(truth.x()));

        double[] x0s = new double[ics * k];
        double[] truthRuns = new double[ics * leads * k];
        for (int ic = 0; ic < ics; ic++) {
            int row0 = startRows[ic];
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
        Map<String, EnsembleSkill> ensembles = new LinkedHashMap<>();
        int members = f.membersOrOne();
        boolean ensemble = members > 1 || f.perturbationOrZero() > 0;
        EnsembleSkill.Categories categories = ensemble && members > 1
                ? EnsembleSkill.Categories.quantiles(truth.x(), CATEGORIES, IGNORANCE_SMOOTHING) : null;
        // the coarse model steps at dt (a divisor of the sampling interval) and is scored at the samples
        double dt = f.dtOr(si);
        int stride = (int) Math.round(si / dt);
        Integrator stepper = Integrator.named(f.stepperKind().word());
        int[] rankLeadIndex = f.rankLeadsOrNone().stream().mapToInt(t -> (int) Math.round(t / si)).toArray();
        for (int s = 0; s < names.size(); s++) {
            String name = names.get(s);
            double[] runs;
            if (Vocabulary.CEILING.equals(name)) {
                runs = ceiling(truth, x0s, ics, leadSamples, seed);
            } else if (ensemble) {
                Parameterization p = parameterizations.getOrDefault(name, Parameterization.NONE);
                runs = new double[ics * leads * k];
                Double[] firstBlowUp = {null};
                EnsembleSkill skill = ensembleRuns(truth, x0s, truthRuns, ics, members, f.perturbationOrZero(),
                        leadSamples, stride, stepper, p, seed, rankLeadIndex, categories, runs, firstBlowUp,
                        OnlineEvaluation.pastOf(p, truth, startRows));
                if (members > 1) {
                    ensembles.put(name, skill);
                }
                unstableAt.put(name, firstBlowUp[0]);
            } else {
                Parameterization p = parameterizations.getOrDefault(name, Parameterization.NONE);
                EnsembleRun run = coarse(truth, x0s, ics, leadSamples * stride, dt, stepper, p,
                        OnlineEvaluation.pastOf(p, truth, startRows));
                runs = everyNth(run.history(), ics, leadSamples * stride + 1, k, stride);
                unstableAt.put(name, OnlineEvaluation.firstUnstableTime(run));
            }
            skills.put(name, new ForecastSkill(truthRuns, runs, ics, leads, k, si, mean, sigma));
            if (progress != null) {
                progress.accept(0.8 * (s + 1) / names.size());
            }
        }

        String first = names.get(0);
        EnsembleSkill firstEnsemble = ensembles.get(first);
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
                    unstableAt.get(e.getKey()), ensembleScores(ensembles.get(e.getKey()), firstEnsemble, resamples,
                    leads, si)));
        }
        Map<String, Map<String, Paired>> paired = paired(f.compare(), skills, ensembles, resamples, leads);
        if (progress != null) {
            progress.accept(1.0);
        }
        return new Result(leadTime, mean, sigma, first, out, paired);
    }

    /**
     * Every ordered pair (a, b) of distinct compared schemes: a − b. Each scheme's resampled scores are computed once
     * (the resamples do not depend on the schemes or their order), so the pairs cost only their differences.
     */
    private static Map<String, Map<String, Paired>> paired(List<String> compared, Map<String, ForecastSkill> skills,
                                                           Map<String, EnsembleSkill> ensembles, int[][] resamples,
                                                           int leads) {
        Map<String, double[]> vpt = new LinkedHashMap<>();
        Map<String, double[]> vptResampled = new LinkedHashMap<>();
        Map<String, double[]> crps = new LinkedHashMap<>();
        Map<String, double[][]> crpsResampled = new LinkedHashMap<>();
        for (String name : compared) {
            double[] v = skills.get(name).validPredictionTimes();
            vpt.put(name, new double[]{Bootstrap.weightedMedian(v, Bootstrap.ones(v.length))});
            vptResampled.put(name, resampledMedians(v, resamples));
            EnsembleSkill en = ensembles.get(name);
            if (en != null) {
                crps.put(name, en.crps(Bootstrap.ones(en.initialConditions())));
                double[][] byResample = new double[resamples.length][];
                for (int b = 0; b < resamples.length; b++) {
                    byResample[b] = en.crps(resamples[b]);
                }
                crpsResampled.put(name, byResample);
            }
        }
        Map<String, Map<String, Paired>> out = new LinkedHashMap<>();
        for (String a : compared) {
            Map<String, Paired> row = new LinkedHashMap<>();
            for (String b : compared) {
                if (a.equals(b)) {
                    continue;
                }
                double[] ra = vptResampled.get(a);
                double[] rb = vptResampled.get(b);
                double[] d = new double[resamples.length];
                for (int r = 0; r < d.length; r++) {
                    d[r] = ra[r] - rb[r];
                }
                double[] crpsDiff = null;
                double[] low = null;
                double[] high = null;
                if (crps.containsKey(a) && crps.containsKey(b)) {
                    crpsDiff = new double[leads];
                    low = new double[leads];
                    high = new double[leads];
                    double[] byResample = new double[resamples.length];
                    for (int t = 0; t < leads; t++) {
                        crpsDiff[t] = crps.get(a)[t] - crps.get(b)[t];
                        for (int r = 0; r < resamples.length; r++) {
                            byResample[r] = crpsResampled.get(a)[r][t] - crpsResampled.get(b)[r][t];
                        }
                        double[] ci = Bootstrap.interval(byResample);
                        low[t] = ci[0];
                        high[t] = ci[1];
                    }
                }
                row.put(b, new Paired(vpt.get(a)[0] - vpt.get(b)[0], Bootstrap.interval(d), crpsDiff, low, high));
            }
            out.put(a, row);
        }
        return out;
    }

    /** The scores of one scheme's ensemble, null when it has none. */
    private static Ensemble ensembleScores(EnsembleSkill skill, EnsembleSkill first, int[][] resamples, int leads,
                                           double si) {
        if (skill == null) {
            return null;
        }
        int[] all = Bootstrap.ones(skill.initialConditions());
        double[][] rmse = band(leads, resamples, skill::ensembleMeanRmse);
        double[][] spread = band(leads, resamples, skill::spread);
        double[][] crps = band(leads, resamples, skill::crps);
        double[] crpsDiff = new double[leads];
        double[][] diffBand = new double[2][leads];
        if (first != null) {
            double[] a = skill.crps(all);
            double[] b = first.crps(all);
            for (int t = 0; t < leads; t++) {
                crpsDiff[t] = a[t] - b[t];
            }
            diffBand = band(leads, resamples, counts -> {
                double[] x = skill.crps(counts);
                double[] y = first.crps(counts);
                double[] d = new double[leads];
                for (int t = 0; t < leads; t++) {
                    d[t] = x[t] - y[t];
                }
                return d;
            });
        } else {
            java.util.Arrays.fill(crpsDiff, Double.NaN);
            java.util.Arrays.fill(diffBand[0], Double.NaN);
            java.util.Arrays.fill(diffBand[1], Double.NaN);
        }
        int[] rl = skill.rankLeads();
        double[] rankTimes = new double[rl.length];
        long[][] hist = new long[rl.length][];
        for (int r = 0; r < rl.length; r++) {
            rankTimes[r] = rl[r] * si;
            hist[r] = skill.rankHistogram(r, all);
        }
        return new Ensemble(skill.members(), skill.ensembleMeanRmse(all), rmse[0], rmse[1], skill.spread(all),
                spread[0], spread[1], skill.spreadErrorRatio(all), skill.crps(all), crps[0], crps[1],
                skill.fairCrps(all), crpsDiff, diffBand[0], diffBand[1], skill.rpss(all),
                skill.ignoranceSkillScore(all), rankTimes, hist, skill.unstableFraction());
    }

    /**
     * {@code members} runs of the coarse model from each initial X (plus a Gaussian perturbation of standard
     * deviation {@code perturbation}, the same draws for every scheme), a batch of ICs at a time so that at most
     * {@link #ENSEMBLE_BATCH_VALUES} values are held; each batch draws its own noise (a stochastic scheme gets a
     * seed per batch). Writes the ensemble mean of each IC into {@code meanRuns} ([ic][lead][k]; NaN from where a
     * member blew up) and the first blow-up time into {@code firstBlowUp[0]}.
     *
     * @return the probabilistic scores of all ICs, or null with one member
     */
    private static EnsembleSkill ensembleRuns(OnlineEvaluation.Truth truth, double[] x0s, double[] truthRuns, int ics,
                                              int members, double perturbation, int leadSamples, int stride,
                                              Integrator stepper, Parameterization p,
                                              long seed, int[] rankLeads, EnsembleSkill.Categories categories,
                                              double[] meanRuns, Double[] firstBlowUp, TruthPast past) {
        int k = truth.k();
        int leads = leadSamples + 1;
        int steps = leadSamples * stride;
        int batch = (int) Math.max(1, Math.min(ics, ENSEMBLE_BATCH_VALUES / ((long) members * (steps + 1) * k)));
        CoarseModel gcm0 = new CoarseModel(truth.params().forcing(), p);
        List<EnsembleSkill> parts = new ArrayList<>();
        for (int from = 0, b = 0; from < ics; from += batch, b++) {
            int n = Math.min(batch, ics - from);
            double[] starts = new double[n * members * k];
            java.util.SplittableRandom noise = new java.util.SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (b + 1)));
            for (int ic = 0; ic < n; ic++) {
                for (int m = 0; m < members; m++) {
                    int o = (ic * members + m) * k;
                    for (int i = 0; i < k; i++) {
                        starts[o + i] = x0s[(from + ic) * k + i]
                                + (perturbation > 0 ? perturbation * noise.nextGaussian() : 0.0);
                    }
                }
            }
            CoarseModel gcm = p instanceof org.l96.world.StochasticParameterization sp
                    ? new CoarseModel(gcm0.forcing(), sp.withSeed(sp.seed() + 0x632BE59BD9B4E019L * b)) : gcm0;
            TruthPast batchPast = past == null ? null
                    : new TruthPast(past.sampleInterval(), past.history(),
                    java.util.Arrays.copyOfRange(past.states(), from * past.history() * k,
                            (from + n) * past.history() * k),
                    past.previousCoupling() == null ? null : java.util.Arrays.copyOfRange(past.previousCoupling(),
                            from * k, (from + n) * k)).repeated(n, members, k);
            EnsembleRun run = gcm.runEnsemble(starts, n * members, truth.sampleInterval() / stride, steps,
                    stepper, CoarseModel.DEFAULT_BLOWUP_THRESHOLD, null, batchPast);
            Double at = OnlineEvaluation.firstUnstableTime(run);
            if (at != null && (firstBlowUp[0] == null || at < firstBlowUp[0])) {
                firstBlowUp[0] = at;
            }
            double[] h = everyNth(run.history(), n * members, steps + 1, k, stride);
            for (int ic = 0; ic < n; ic++) {
                for (int t = 0; t < leads; t++) {
                    for (int i = 0; i < k; i++) {
                        double sum = 0;
                        for (int m = 0; m < members; m++) {
                            sum += h[((ic * members + m) * leads + t) * k + i];
                        }
                        meanRuns[((from + ic) * leads + t) * k + i] = sum / members;
                    }
                }
            }
            if (members > 1) {
                double[] truthPart = java.util.Arrays.copyOfRange(truthRuns, from * leads * k, (from + n) * leads * k);
                parts.add(new EnsembleSkill(truthPart, h, n, members, leads, k, truth.sampleInterval(), rankLeads,
                        categories, seed + from));
            }
        }
        return members > 1 ? EnsembleSkill.concat(parts) : null;
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

    /** The coarse model from each initial X, one batched ensemble of {@code steps} steps of dt. */
    private static EnsembleRun coarse(OnlineEvaluation.Truth truth, double[] x0s, int ics, int steps, double dt,
                                      Integrator stepper, Parameterization p, TruthPast past) {
        CoarseModel gcm = new CoarseModel(truth.params().forcing(), p);
        return gcm.runEnsemble(x0s, ics, dt, steps, stepper, CoarseModel.DEFAULT_BLOWUP_THRESHOLD, null, past);
    }

    /**
     * Every {@code stride}-th row of each member's history ([member][row][k] with {@code rows} rows): the states at
     * the samples when the model stepped {@code stride} times per sampling interval. The history itself at stride 1.
     */
    static double[] everyNth(double[] history, int members, int rows, int k, int stride) {
        if (stride == 1) {
            return history;
        }
        int kept = (rows - 1) / stride + 1;
        double[] out = new double[members * kept * k];
        for (int m = 0; m < members; m++) {
            for (int r = 0; r < kept; r++) {
                System.arraycopy(history, (m * rows + r * stride) * k, out, (m * kept + r) * k, k);
            }
        }
        return out;
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

package org.l96.run.stages;

import com.fasterxml.jackson.databind.JsonNode;
import org.l96.run.StageRecord;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What an evaluation stage ({@code evaluate-<evaluation>/}) writes and what charts, the report, the summary and sweep
 * summaries read back. All arrays are float64 {@code .npy}; times in model time units, X in its own units.
 *
 * <p>The stage's own files sit in its folder under fixed names; each compared scheme's arrays sit in its own folder
 * {@code schemes/<scheme>/}, so that no scheme name (a network or polynomial called {@code x}, {@code truth},
 * {@code time}) can overwrite a file of the stage or of another scheme.
 * <ul>
 *   <li>trajectory: {@link #TIME} (rows), {@link #TRUTH} (rows × K), per scheme {@link #trajectory} (rows × K);</li>
 *   <li>ensemble: {@link #LEAD} (leads), per scheme {@link #rmse} (leads: RMSE of X over the stable runs);</li>
 *   <li>forecast: {@link #LEAD} (leads), per scheme {@link #forecast} (leads × {@link #FORECAST_COLUMNS}: RMSE/σ_X,
 *       its 95% low and high, anomaly correlation, its low and high) and {@link #vpt} (one valid prediction time
 *       per initial condition);</li>
 *   <li>climate: {@link #PDF_BINS} (bin centres of X), {@link #ACF_LAGS} (lags), for the truth and the second
 *       truth run {@link #truthPdf}/{@link #truthAcf} (densities per unit X; autocorrelations), per scheme
 *       {@link #pdf} and {@link #acf}.</li>
 * </ul>
 * Metrics are under {@code online.<evaluation>.<scheme>} ({@link #metricPath}); a climate's truth under
 * {@code online.<evaluation>.truth}.
 */
public final class EvaluationOutputs {
    /** Stage names are {@code evaluate-<evaluation>}. */
    public static final String PREFIX = "evaluate-";
    public static final String TIME = "time.npy";
    public static final String TRUTH = "truth.npy";
    public static final String LEAD = "lead.npy";
    public static final String PDF_BINS = "pdf-x.npy";
    public static final String ACF_LAGS = "acf-lag.npy";
    /** The folder of the schemes' arrays, one subfolder per scheme. */
    public static final String SCHEMES = "schemes";
    static final String SCHEME_TRAJECTORY = "trajectory.npy";
    static final String SCHEME_RMSE = "rmse.npy";
    static final String SCHEME_FORECAST = "forecast.npy";
    static final String SCHEME_VPT = "vpt.npy";
    static final String SCHEME_ENSEMBLE = "ensemble.npy";
    static final String SCHEME_RANKS = "ranks.npy";
    static final String SCHEME_PDF = "pdf.npy";
    static final String SCHEME_ACF = "acf.npy";
    /** Columns of {@link #forecast}: RMSE/σ_X, low, high, anomaly correlation, low, high. */
    public static final int FORECAST_COLUMNS = 6;
    public static final int FORECAST_RMSE = 0;
    public static final int FORECAST_ACC = 3;

    /** The truth runs of a climate evaluation (not schemes): the truth, and a second one for the noise floors. */
    public enum TruthRun {
        TRUTH("truth"), TRUTH_AGAIN("truth-again");

        /** Its name in metric paths and file names. */
        public final String id;

        TruthRun(String id) {
            this.id = id;
        }
    }

    /** Metrics group and the climate truth's entry. */
    public static final String METRIC_GROUP = "online";
    public static final String TRUTH_METRICS = TruthRun.TRUTH.id;

    /** Metric names of a scheme's entry (not every evaluation writes every one). */
    public static final String UNSTABLE_AT = org.l96.eval.OnlineEvaluation.UNSTABLE_AT;
    public static final String UNSTABLE_FRACTION = org.l96.eval.OnlineEvaluation.UNSTABLE_FRACTION;
    public static final String INITIAL_CONDITIONS = org.l96.eval.OnlineEvaluation.INITIAL_CONDITIONS;
    public static final String SUM_ABS_ERROR = org.l96.eval.OnlineEvaluation.SUM_ABS_ERROR;
    public static final String UNSTABLE_FRACTION_CI = org.l96.eval.OnlineEvaluation.UNSTABLE_FRACTION_CI;
    public static final String MEDIAN_TIME_TO_BLOW_UP = org.l96.eval.OnlineEvaluation.MEDIAN_TIME_TO_BLOW_UP;
    public static final String MEDIAN_TIME_TO_BLOW_UP_NOTE =
            org.l96.eval.OnlineEvaluation.MEDIAN_TIME_TO_BLOW_UP_NOTE;
    public static final String MEDIAN_TIME_TO_BLOW_UP_CI = org.l96.eval.OnlineEvaluation.MEDIAN_TIME_TO_BLOW_UP_CI;
    public static final String BLOW_UP_TIMES = org.l96.eval.OnlineEvaluation.BLOW_UP_TIMES;
    public static final String UNSTABLE_FRACTION_DIFF = org.l96.eval.OnlineEvaluation.UNSTABLE_FRACTION_DIFF;
    public static final String UNSTABLE_FRACTION_DIFF_CI = org.l96.eval.OnlineEvaluation.UNSTABLE_FRACTION_DIFF_CI;
    public static final String VPT = "vpt";
    public static final String HELLINGER = "hellinger";
    public static final String COEFFICIENTS = "coefficients";
    /** The metric group of the fitted polynomials: {@code polynomials.<name>.coefficients} and {@code .noise}. */
    public static final String POLYNOMIAL_GROUP = "polynomials";
    /** A stochastic scheme's noise: its form, process, φ at the sampling interval, σs by the paper's names. */
    public static final String NOISE = "noise";
    public static final String NOISE_FORM = "form";
    public static final String NOISE_PROCESS = "process";
    public static final String NOISE_PHI = "phi";
    /** The sampling interval Δ at which φ is given. */
    public static final String NOISE_INTERVAL = "interval";
    /** The names of the noise's parameters fitted to the residuals ({@code phi}, the σ); empty: all given. */
    public static final String NOISE_FITTED = "fitted";
    /** The base a stochastic scheme adds noise to. */
    public static final String NOISE_BASE = "base";
    public static final String FORCING = "forcing";
    // forecast: sigmaX, vpt with its interval, the paired difference against the first scheme, the fraction of
    // initial conditions still valid at the last lead, and RMSE/σ_X and anomaly correlation at the reported leads
    // climate: mean and variance of X, distances with their noise floors, autocorrelation at the reported lags
    public static final String VPT_CI = "vptCi";
    public static final String VPT_DIFF = "vptDiff";
    public static final String VPT_DIFF_CI = "vptDiffCi";
    public static final String VPT_DIFF_AGAINST = "vptDiffAgainst";
    /**
     * A forecast scheme's paired differences from every other compared scheme, by its name: this scheme minus that
     * one, {@link #VPT_DIFF}, {@link #VPT_DIFF_CI} and, between ensembles, {@link #CRPS_DIFF} with its band; the
     * same pairs and signs whatever the order of {@code compare}.
     */
    public static final String PAIRED_DIFFERENCES = "pairedDifferences";
    public static final String VPT_CENSORED_FRACTION = "vptCensoredFraction";
    public static final String LEADS = "leads";
    public static final String RMSE_BY_LEAD = "rmseByLead";
    public static final String RMSE_BY_LEAD_LOW = "rmseByLeadLow";
    public static final String RMSE_BY_LEAD_HIGH = "rmseByLeadHigh";
    public static final String ACC = "acc";
    public static final String ACC_LOW = "accLow";
    public static final String ACC_HIGH = "accHigh";
    public static final String SIGMA_X = "sigmaX";
    // an ensemble forecast (members ≥ 2): eval.EnsembleSkill's scores at the reported leads
    public static final String MEMBERS = "members";
    public static final String ENSEMBLE_RMSE = "ensembleMeanRmseByLead";
    public static final String ENSEMBLE_RMSE_LOW = "ensembleMeanRmseByLeadLow";
    public static final String ENSEMBLE_RMSE_HIGH = "ensembleMeanRmseByLeadHigh";
    public static final String SPREAD = "spreadByLead";
    public static final String SPREAD_LOW = "spreadByLeadLow";
    public static final String SPREAD_HIGH = "spreadByLeadHigh";
    public static final String SPREAD_ERROR_RATIO = "spreadErrorRatioByLead";
    public static final String CRPS = "crpsByLead";
    public static final String CRPS_LOW = "crpsByLeadLow";
    public static final String CRPS_HIGH = "crpsByLeadHigh";
    public static final String FAIR_CRPS = "fairCrpsByLead";
    public static final String CRPS_DIFF = "crpsDiffByLead";
    public static final String CRPS_DIFF_LOW = "crpsDiffByLeadLow";
    public static final String CRPS_DIFF_HIGH = "crpsDiffByLeadHigh";
    public static final String CRPS_DIFF_AGAINST = "crpsDiffAgainst";
    public static final String RPSS = "rpssByLead";
    public static final String IGNORANCE_SKILL_SCORE = "ignoranceSkillScoreByLead";
    public static final String RANK_LEADS = "rankLeads";
    public static final String RANK_HISTOGRAMS = "rankHistograms";
    public static final String MEAN = "mean";
    public static final String VARIANCE = "variance";
    public static final String HELLINGER_FLOOR = "hellingerFloor";
    /**
     * A climate scheme's 95% interval of H over block resamples of its run, and under {@link #PAIRED_DIFFERENCES}
     * the difference of H from every other compared scheme (this one minus that one) with its interval.
     */
    public static final String HELLINGER_CI = "hellingerCi";
    public static final String HELLINGER_DIFF = "hellingerDiff";
    public static final String HELLINGER_DIFF_CI = "hellingerDiffCi";
    public static final String WASSERSTEIN = "wasserstein";
    public static final String WASSERSTEIN_FLOOR = "wassersteinFloor";
    public static final String ACF_LAGS_REPORTED = "acfLags";
    public static final String ACF = "acf";
    public static final String SPATIAL_CORRELATION = "spatialCorrelation";
    public static final String DURATION = "duration";

    private EvaluationOutputs() {
    }

    public static String stageName(String evaluation) {
        return PREFIX + evaluation;
    }

    /** The evaluation a stage runs, or null when {@code stage} is no evaluation. */
    public static String evaluationOf(String stage) {
        return stage.startsWith(PREFIX) ? stage.substring(PREFIX.length()) : null;
    }

    /** The folder of one scheme's arrays. */
    public static Path scheme(Path stageDir, String scheme) {
        return stageDir.resolve(SCHEMES).resolve(scheme);
    }

    public static Path trajectory(Path stageDir, String scheme) {
        return scheme(stageDir, scheme).resolve(SCHEME_TRAJECTORY);
    }

    public static Path rmse(Path stageDir, String scheme) {
        return scheme(stageDir, scheme).resolve(SCHEME_RMSE);
    }

    public static Path forecast(Path stageDir, String scheme) {
        return scheme(stageDir, scheme).resolve(SCHEME_FORECAST);
    }

    public static Path vpt(Path stageDir, String scheme) {
        return scheme(stageDir, scheme).resolve(SCHEME_VPT);
    }

    /**
     * An ensemble forecast's scores against lead (leads × {@link #ENSEMBLE_COLUMNS}): ensemble-mean RMSE, low,
     * high, spread, low, high, spread/error ratio, CRPS, low, high, fair CRPS, CRPS minus the first scheme's, low,
     * high, RPSS, ignorance skill score.
     */
    public static Path ensemble(Path stageDir, String scheme) {
        return scheme(stageDir, scheme).resolve(SCHEME_ENSEMBLE);
    }

    public static final int ENSEMBLE_COLUMNS = 16;

    /**
     * An ensemble forecast's rank histograms: (rank leads + 1) × (members + 1), the first row the rank leads'
     * times in its first columns (the rest NaN), then one row of counts per rank lead (ranks 0..members).
     */
    public static Path ranks(Path stageDir, String scheme) {
        return scheme(stageDir, scheme).resolve(SCHEME_RANKS);
    }

    public static Path pdf(Path stageDir, String scheme) {
        return scheme(stageDir, scheme).resolve(SCHEME_PDF);
    }

    public static Path acf(Path stageDir, String scheme) {
        return scheme(stageDir, scheme).resolve(SCHEME_ACF);
    }

    public static Path truthPdf(Path stageDir, TruthRun run) {
        return stageDir.resolve("pdf-" + run.id + ".npy");
    }

    public static Path truthAcf(Path stageDir, TruthRun run) {
        return stageDir.resolve("acf-" + run.id + ".npy");
    }

    /** The dotted path of a polynomial's fitted {@code field} ({@link #COEFFICIENTS}, {@link #NOISE}). */
    public static String polynomialMetricPath(String polynomial, String field) {
        return POLYNOMIAL_GROUP + "." + polynomial + "." + field;
    }

    /** The dotted path of a scheme's metrics in {@code stage.json} and the manifest. */
    public static String metricPath(String evaluation, String scheme) {
        return METRIC_GROUP + "." + evaluation + "." + scheme;
    }

    /** A scheme's metric path split into evaluation and scheme, or null when {@code path} is no evaluation's. */
    public static String[] evaluationAndScheme(String path) {
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 && parts[0].equals(METRIC_GROUP) ? new String[]{parts[1], parts[2]} : null;
    }

    /** Whether {@code path} (a dotted metric path, e.g. in a sweep's summary) is a scheme's {@code metric}. */
    public static boolean isSchemeMetric(String path, String metric) {
        return path.startsWith(METRIC_GROUP + ".") && path.endsWith("." + metric);
    }

    /** The metrics of {@code scheme} stored by the evaluation in {@code stageDir}, or a missing node. */
    public static JsonNode metrics(Path stageDir, String evaluation, String scheme) throws IOException {
        return StageRecord.metricsIn(stageDir).path(metricPath(evaluation, scheme));
    }
}

package org.l96.run.stages;

import org.l96.data.Npy;
import org.l96.eval.ClimateEvaluation;
import org.l96.eval.ForecastEvaluation;
import org.l96.eval.OnlineEvaluation;
import org.l96.eval.RegimeTruth;
import org.l96.nn.DenseForward;
import org.l96.nn.TrainedNetwork;
import org.l96.run.SimulationFiles;
import org.l96.run.Simulator;
import org.l96.run.Stage;
import org.l96.run.StageContext;
import org.l96.spec.EvaluationSpec;
import org.l96.spec.Segments;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.NetworkSpec;
import org.l96.spec.PolynomialSpec;
import org.l96.spec.Vocabulary;
import org.l96.world.HistoryParameterization;
import org.l96.world.InputLayout;
import org.l96.world.L96Params;
import org.l96.world.Parameterization;
import org.l96.world.PolynomialParameterization;
import org.l96.world.StochasticParameterization;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one online evaluation: the coarse model with each compared parameterization against the real world.
 * What it writes, and where each scheme's arrays go, is {@link EvaluationOutputs}. Networks run through their
 * plain-Java forward pass, one call per RK stage for the whole ensemble.
 */
public final class EvaluateStage implements Stage {
    public static final String PREFIX = EvaluationOutputs.PREFIX;
    /** Changes when the metrics of the same evaluation change meaning, so that older stored results are recomputed. */
    static final int METRICS_FORMAT = 5; // 3: each scheme's arrays in schemes/<scheme>/; 4: pairedDifferences;
                                         // 5: ensembles' stability (Wilson interval, time to blow-up, paired)
    private final ExperimentSpec spec;
    private final String evaluation;

    public EvaluateStage(ExperimentSpec spec, String evaluation) {
        this.spec = spec;
        this.evaluation = evaluation;
    }

    public static String nameOf(String evaluation) {
        return EvaluationOutputs.stageName(evaluation);
    }

    @Override
    public String name() {
        return nameOf(evaluation);
    }

    private EvaluationSpec eval() {
        return spec.evaluations().get(evaluation);
    }

    /** The networks this evaluation reads: compared ones and those polynomials take their weights from. */
    private Set<String> networks() {
        Set<String> nets = new LinkedHashSet<>();
        for (String c : eval().compare()) {
            if (spec.networks().containsKey(c)) {
                nets.add(c);
            }
            PolynomialSpec p = spec.polynomials().get(c);
            if (p != null && p.from() != null) {
                if (spec.networks().containsKey(p.from())) {
                    nets.add(p.from());
                }
                p = spec.polynomials().get(p.from());
            }
            if (p != null && p.fromNetwork() != null) {
                nets.add(p.fromNetwork());
            }
        }
        return nets;
    }

    @Override
    public List<String> inputs() {
        List<String> in = new ArrayList<>(List.of(SimulateStage.NAME));
        networks().forEach(n -> in.add(TrainStage.nameOf(n)));
        return in;
    }

    @Override
    public Object keyMaterial() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("evaluation", evaluation);
        // results stored before unstable runs scored null (they scored 0.0 or 1e32) must not be reused
        m.put("metricsFormat", METRICS_FORMAT);
        // the world's own forcing, written out or not, is the same evaluation: one key, one cached result
        boolean shifted = RegimeTruth.shifts(eval(), spec.world().forcing());
        m.put("spec", shifted ? eval() : eval().withForcing(null));
        String segment = Segments.of(eval(), spec.data());
        if (Segments.ALL.equals(segment) && eval().segment() != null) {
            // segment 'all' written out is the evaluation as before segments: the same key, the same cached result
            com.fasterxml.jackson.databind.node.ObjectNode tree = org.l96.spec.SpecJson.toTree(m.get("spec")).deepCopy();
            tree.remove("segment");
            try {
                m.put("spec", org.l96.spec.SpecJson.mapper().treeToValue(tree, EvaluationSpec.class));
            } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
                throw new IllegalStateException("an evaluation without its segment does not read back", ex);
            }
        }
        if (!Segments.ALL.equals(segment) && !(eval() instanceof EvaluationSpec.Climate)) {
            // the rows the initial conditions come from (the whole truth, as before segments, adds nothing)
            Segments.Range r = Segments.rows(segment, spec);
            m.put("segmentRows", List.of(r.from(), r.to()));
        }
        if (shifted) {
            m.put("forcing", eval().forcing());
            m.put("regimeSpinUp", RegimeTruth.SPIN_UP);
        }
        Map<String, PolynomialSpec> polys = new LinkedHashMap<>();
        for (String c : eval().compare()) {
            PolynomialSpec p = spec.polynomials().get(c);
            if (p != null) {
                polys.put(c, p);
                PolynomialSpec base = p.from() == null ? null : spec.polynomials().get(p.from());
                if (base != null) {
                    polys.put(p.from(), base);
                }
                // fitted coefficients or noise depend on the training rows
                if (p.fitDegree() != null || (base != null && base.fitDegree() != null) || p.noise() != null) {
                    m.put("data", spec.data());
                }
                if (p.noise() != null) {
                    m.put("seed", spec.seed()); // the noise is drawn from a seed derived from it
                }
            }
        }
        m.put("polynomials", polys);
        if (eval() instanceof EvaluationSpec.Forecast || eval() instanceof EvaluationSpec.Climate
                || eval() instanceof EvaluationSpec.Ensemble) {
            // the ceiling's Y, the bootstraps and the climate's truth runs draw from seeds derived from it
            m.put("seed", spec.seed());
            m.put("world", spec.world());
        }
        return m;
    }

    @Override
    public Map<String, String> keyMaterialPaths() {
        return Map.of("spec", "evaluations." + evaluation, "forcing", "evaluations." + evaluation + ".forcing",
                "polynomials", "polynomials", "data", "data", "seed", "seed", "world", "world");
    }

    @Override
    public void run(StageContext ctx) throws Exception {
        // sample indices of the segment become rows of the truth
        Segments.Range segment = eval() instanceof EvaluationSpec.Climate ? null
                : Segments.rows(Segments.of(eval(), spec.data()), spec);
        int firstRow = segment == null ? 0 : segment.from();
        EvaluationSpec e = inRows(eval(), segment);
        boolean trajectory = e instanceof EvaluationSpec.Trajectory;
        // at another forcing the truth is simulated anew from the stored one's last full state (climate makes its own)
        boolean regime = RegimeTruth.shifts(e, spec.world().forcing()) && !(e instanceof EvaluationSpec.Climate);
        // Y is never loaded whole: a trajectory reads its start row alone (trajectoryStartY)
        SimulationFiles.Loaded sim = StageInputs.simulation(ctx, false);
        OnlineEvaluation.Truth truth = new OnlineEvaluation.Truth(Simulator.params(spec.world()), spec.world().dt(),
                Simulator.integrator(spec.world()), spec.simulation().sampleInterval(), sim.rows(), sim.x(), sim.y(),
                sim.coupling());
        Map<String, Parameterization> params = new LinkedHashMap<>();
        Map<String, Object> fitted = new LinkedHashMap<>();
        Map<String, Object> noises = new LinkedHashMap<>();
        for (String c : e.compare()) {
            params.put(c, parameterization(ctx, c, sim, fitted, noises));
        }
        // the coefficients and noise of every polynomial are its own stage's metrics (PolynomialStage)
        if (regime) {
            String what = "the world at F = " + e.forcing();
            double[] lastY = SimulationFiles.lastY(ctx.input(SimulateStage.NAME));
            // a forecast's first row is the later of its segment's and the one its closures' history needs
            int first = Math.max(e instanceof EvaluationSpec.Forecast ? firstRow : 0,
                    OnlineEvaluation.firstStartRow(params.values()));
            truth = RegimeTruth.simulate(truth, lastY, e.forcing(), RegimeTruth.rowsNeeded(e, truth.rows(),
                    truth.sampleInterval(), first), trajectory, done -> ctx.progress().update(0.1 * done, what));
        }
        ctx.progress().update(0.1, "running " + e.compare().size() + " parameterizations");
        Map<String, Map<String, Object>> metrics;
        if (e instanceof EvaluationSpec.Trajectory t) {
            OnlineEvaluation.TrajectoryResult r = regime ? OnlineEvaluation.trajectory(truth, t, params)
                    : OnlineEvaluation.trajectory(truth, t, params, trajectoryStartY(ctx, t, truth.rows()));
            int k = truth.k();
            int rows = r.time().length;
            Npy.writeDoubles(ctx.dir().resolve(EvaluationOutputs.TIME), r.time(), rows);
            Npy.writeDoubles(ctx.dir().resolve(EvaluationOutputs.TRUTH), r.truth(), rows, k);
            for (var run : r.runs().entrySet()) {
                Npy.writeDoubles(schemeFile(EvaluationOutputs.trajectory(ctx.dir(), run.getKey())), run.getValue(),
                        rows, k);
            }
            metrics = r.metrics();
        } else if (e instanceof EvaluationSpec.Forecast f) {
            metrics = forecast(ctx, truth, f, params, firstRow);
        } else if (e instanceof EvaluationSpec.Climate c) {
            metrics = climate(ctx, truth, c, params);
        } else {
            OnlineEvaluation.EnsembleResult r = OnlineEvaluation.ensemble(truth, (EvaluationSpec.Ensemble) e, params,
                    StageInputs.seedOf(spec, "ensemble/" + evaluation));
            Npy.writeDoubles(ctx.dir().resolve(EvaluationOutputs.LEAD), r.leadTime(), r.leadTime().length);
            for (var rm : r.rmseByLead().entrySet()) {
                Npy.writeDoubles(schemeFile(EvaluationOutputs.rmse(ctx.dir(), rm.getKey())), rm.getValue(),
                        rm.getValue().length);
            }
            metrics = r.metrics();
        }
        for (String n : networks()) {
            String why = divergence(ctx, n);
            if (why != null) {
                ctx.warn("uses network '" + n + "', whose training " + why);
            }
        }
        metrics.forEach((param, m) -> {
            if (m.get(EvaluationOutputs.UNSTABLE_AT) instanceof Double at) {
                ctx.warn("'" + param + "' unstable at t = " + org.l96.run.Findings.num(at));
            }
            if (fitted.containsKey(param)) {
                // ascending, as metrics.polynomials.<name>.coefficients (fitted holds them highest power first)
                m.put(EvaluationOutputs.COEFFICIENTS, PolynomialStage.ascending((double[]) fitted.get(param)));
            }
            if (noises.containsKey(param)) {
                m.put(EvaluationOutputs.NOISE, noises.get(param));
            }
            if (RegimeTruth.shifts(e, spec.world().forcing())) {
                m.put(EvaluationOutputs.FORCING, e.forcing());
            }
            if (e instanceof EvaluationSpec.Forecast && segment != null) {
                // a forecast's segment is often its default (test): say which, and its rows of the truth
                m.put("segment", Segments.of(eval(), spec.data()));
                m.put("segmentRows", List.of(segment.from(), segment.to()));
            }
            ctx.metric(EvaluationOutputs.metricPath(evaluation, param), m);
        });
    }

    /**
     * The evaluation with its sample indices as rows of the whole truth: a trajectory's {@code start} and an
     * ensemble's {@code first} count from the segment's first row (a negative start from its end). A forecast's
     * first row is passed on separately.
     */
    static EvaluationSpec inRows(EvaluationSpec e, Segments.Range segment) {
        if (segment == null) {
            return e;
        }
        if (e instanceof EvaluationSpec.Trajectory t) {
            int start = segment.from() + (t.start() < 0 ? segment.length() + t.start() : t.start());
            return new EvaluationSpec.Trajectory(t.compare(), start, t.duration(), t.dt(), t.forcing(), t.stepper(),
                    t.segment());
        }
        if (e instanceof EvaluationSpec.Ensemble en) {
            return new EvaluationSpec.Ensemble(en.compare(), en.initialConditions(), en.every(),
                    segment.from() + en.first(), en.duration(), en.forcing(), en.stepper(), en.dt(), en.segment());
        }
        return e;
    }

    /**
     * Y at a trajectory's start row: read alone from the stored simulation ({@code Y.npy} when kept, else
     * {@code Ylast.npy} for the last row), or recomputed from the initial state when the simulation did not keep Y.
     */
    private double[] trajectoryStartY(StageContext ctx, EvaluationSpec.Trajectory t, int rows) throws IOException {
        int start = t.start() < 0 ? rows + t.start() : t.start();
        Path dir = ctx.input(SimulateStage.NAME);
        double[] y = SimulationFiles.yAt(dir, start, rows);
        if (y != null) {
            return y;
        }
        String what = "the world's state at sample " + start + " (simulate keeps no Y; keepY true stores it)";
        org.l96.world.TwoScaleState state = Simulator.stateAt(spec.world(), spec.simulation(), spec.seed(), start,
                done -> ctx.progress().update(0.1 * done, what));
        double[] x = StageInputs.simulation(ctx, false).x();
        for (int i = 0; i < state.x().length; i++) {
            if (Double.doubleToLongBits(state.x()[i]) != Double.doubleToLongBits(x[start * state.x().length + i])) {
                throw new IllegalStateException("the recomputed state at sample " + start
                        + " differs from the stored X: " + state.x()[i] + " != " + x[start * state.x().length + i]);
            }
        }
        return state.y();
    }

    /** Leads at which the manifest lists the curves (the full curves go to each scheme's forecast array). */
    static final double REPORTED_LEAD_SPACING = 0.5;
    /** Lags (time units) at which the manifest lists the autocorrelation. */
    static final double[] REPORTED_LAGS = {0.1, 0.2, 0.5, 1.0};

    /**
     * Writes the lead times and, per scheme, the forecast table and the valid prediction times
     * ({@link EvaluationOutputs#forecast}, {@link EvaluationOutputs#vpt}).
     */
    private Map<String, Map<String, Object>> forecast(StageContext ctx, OnlineEvaluation.Truth truth,
                                                      EvaluationSpec.Forecast f, Map<String, Parameterization> params,
                                                      int firstRow)
            throws IOException {
        ForecastEvaluation.Result r = ForecastEvaluation.run(truth, f, params,
                StageInputs.seedOf(spec, "forecast/" + evaluation),
                done -> ctx.progress().update(0.1 + 0.85 * done, "forecasts"), firstRow);
        double[] lead = r.leadTime();
        Npy.writeDoubles(ctx.dir().resolve(EvaluationOutputs.LEAD), lead, lead.length);
        int step = Math.max(1, (int) Math.round(REPORTED_LEAD_SPACING / truth.sampleInterval()));
        List<Integer> reported = new ArrayList<>();
        for (int t = 0; t < lead.length; t += step) {
            reported.add(t);
        }
        Map<String, Map<String, Object>> metrics = new LinkedHashMap<>();
        for (var e : r.schemes().entrySet()) {
            ForecastEvaluation.Scheme s = e.getValue();
            int width = EvaluationOutputs.FORECAST_COLUMNS;
            double[] table = new double[lead.length * width];
            for (int t = 0; t < lead.length; t++) {
                double[] row = {s.rmse()[t], s.rmseLow()[t], s.rmseHigh()[t], s.acc()[t], s.accLow()[t],
                        s.accHigh()[t]};
                System.arraycopy(row, 0, table, t * width, width);
            }
            Npy.writeDoubles(schemeFile(EvaluationOutputs.forecast(ctx.dir(), e.getKey())), table, lead.length,
                    width);
            Npy.writeDoubles(schemeFile(EvaluationOutputs.vpt(ctx.dir(), e.getKey())), s.vptPerInitialCondition(),
                    s.vptPerInitialCondition().length);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(EvaluationOutputs.INITIAL_CONDITIONS, f.initialConditions());
            m.put(EvaluationOutputs.SIGMA_X, r.sigmaX());
            m.put(EvaluationOutputs.VPT, finite(s.vpt()));
            m.put(EvaluationOutputs.VPT_CI, finite(s.vptCi()));
            if (!e.getKey().equals(r.pairedAgainst())) {
                m.put(EvaluationOutputs.VPT_DIFF, finite(s.vptDiff()));
                m.put(EvaluationOutputs.VPT_DIFF_CI, finite(s.vptDiffCi()));
                m.put(EvaluationOutputs.VPT_DIFF_AGAINST, r.pairedAgainst());
            }
            m.put(EvaluationOutputs.VPT_CENSORED_FRACTION, s.censoredFraction());
            m.put(EvaluationOutputs.LEADS, pick(lead, reported));
            m.put(EvaluationOutputs.RMSE_BY_LEAD, pick(s.rmse(), reported));
            m.put(EvaluationOutputs.RMSE_BY_LEAD_LOW, pick(s.rmseLow(), reported));
            m.put(EvaluationOutputs.RMSE_BY_LEAD_HIGH, pick(s.rmseHigh(), reported));
            m.put(EvaluationOutputs.ACC, pick(s.acc(), reported));
            m.put(EvaluationOutputs.ACC_LOW, pick(s.accLow(), reported));
            m.put(EvaluationOutputs.ACC_HIGH, pick(s.accHigh(), reported));
            m.put(EvaluationOutputs.UNSTABLE_FRACTION, s.unstableFraction());
            m.put(EvaluationOutputs.UNSTABLE_FRACTION_CI, org.l96.eval.Stability.wilson95(
                    (int) Math.round(s.unstableFraction() * f.initialConditions()), f.initialConditions()));
            m.put(EvaluationOutputs.UNSTABLE_AT, s.unstableAt());
            if (s.ensemble() != null) {
                ensembleMetrics(ctx, e.getKey(), s.ensemble(), lead.length, reported, r.pairedAgainst(), m);
            }
            Map<String, ForecastEvaluation.Paired> pairs = r.paired().get(e.getKey());
            if (pairs != null && !pairs.isEmpty()) {
                Map<String, Object> byOther = new LinkedHashMap<>();
                pairs.forEach((other, d) -> {
                    Map<String, Object> pm = new LinkedHashMap<>();
                    pm.put(EvaluationOutputs.VPT_DIFF, finite(d.vptDiff()));
                    pm.put(EvaluationOutputs.VPT_DIFF_CI, finite(d.vptDiffCi()));
                    if (d.crpsDiff() != null) {
                        pm.put(EvaluationOutputs.CRPS_DIFF, pick(d.crpsDiff(), reported));
                        pm.put(EvaluationOutputs.CRPS_DIFF_LOW, pick(d.crpsDiffLow(), reported));
                        pm.put(EvaluationOutputs.CRPS_DIFF_HIGH, pick(d.crpsDiffHigh(), reported));
                    }
                    byOther.put(other, pm);
                });
                m.put(EvaluationOutputs.PAIRED_DIFFERENCES, byOther);
            }
            metrics.put(e.getKey(), m);
        }
        return metrics;
    }

    /** An ensemble forecast's scores: the full curves to the scheme's ensemble array, the reported leads to m. */
    private static void ensembleMetrics(StageContext ctx, String scheme, ForecastEvaluation.Ensemble en, int leads,
                                        List<Integer> reported, String against, Map<String, Object> m)
            throws IOException {
        double[][] cols = {en.rmse(), en.rmseLow(), en.rmseHigh(), en.spread(), en.spreadLow(), en.spreadHigh(),
                en.spreadErrorRatio(), en.crps(), en.crpsLow(), en.crpsHigh(), en.fairCrps(), en.crpsDiff(),
                en.crpsDiffLow(), en.crpsDiffHigh(), en.rpss(), en.ignoranceSkillScore()};
        int width = EvaluationOutputs.ENSEMBLE_COLUMNS;
        double[] table = new double[leads * width];
        for (int t = 0; t < leads; t++) {
            for (int c = 0; c < width; c++) {
                table[t * width + c] = cols[c][t];
            }
        }
        Npy.writeDoubles(schemeFile(EvaluationOutputs.ensemble(ctx.dir(), scheme)), table, leads, width);
        if (en.rankHistograms().length > 0) {
            int w = en.members() + 1;
            int rl = en.rankHistograms().length;
            double[] ranks = new double[(rl + 1) * w];
            java.util.Arrays.fill(ranks, 0, w, Double.NaN);
            for (int r = 0; r < rl; r++) {
                if (r < w) {
                    ranks[r] = en.rankLeadTimes()[r];
                }
                for (int c = 0; c < w; c++) {
                    ranks[(r + 1) * w + c] = en.rankHistograms()[r][c];
                }
            }
            Npy.writeDoubles(schemeFile(EvaluationOutputs.ranks(ctx.dir(), scheme)), ranks, rl + 1, w);
        }
        m.put(EvaluationOutputs.MEMBERS, en.members());
        m.put(EvaluationOutputs.ENSEMBLE_RMSE, pick(en.rmse(), reported));
        m.put(EvaluationOutputs.ENSEMBLE_RMSE_LOW, pick(en.rmseLow(), reported));
        m.put(EvaluationOutputs.ENSEMBLE_RMSE_HIGH, pick(en.rmseHigh(), reported));
        m.put(EvaluationOutputs.SPREAD, pick(en.spread(), reported));
        m.put(EvaluationOutputs.SPREAD_LOW, pick(en.spreadLow(), reported));
        m.put(EvaluationOutputs.SPREAD_HIGH, pick(en.spreadHigh(), reported));
        m.put(EvaluationOutputs.SPREAD_ERROR_RATIO, pick(en.spreadErrorRatio(), reported));
        m.put(EvaluationOutputs.CRPS, pick(en.crps(), reported));
        m.put(EvaluationOutputs.CRPS_LOW, pick(en.crpsLow(), reported));
        m.put(EvaluationOutputs.CRPS_HIGH, pick(en.crpsHigh(), reported));
        m.put(EvaluationOutputs.FAIR_CRPS, pick(en.fairCrps(), reported));
        if (!scheme.equals(against)) {
            m.put(EvaluationOutputs.CRPS_DIFF, pick(en.crpsDiff(), reported));
            m.put(EvaluationOutputs.CRPS_DIFF_LOW, pick(en.crpsDiffLow(), reported));
            m.put(EvaluationOutputs.CRPS_DIFF_HIGH, pick(en.crpsDiffHigh(), reported));
            m.put(EvaluationOutputs.CRPS_DIFF_AGAINST, against);
        }
        m.put(EvaluationOutputs.RPSS, pick(en.rpss(), reported));
        m.put(EvaluationOutputs.IGNORANCE_SKILL_SCORE, pick(en.ignoranceSkillScore(), reported));
        m.put(EvaluationOutputs.RANK_LEADS, finite(en.rankLeadTimes()));
        m.put(EvaluationOutputs.RANK_HISTOGRAMS, en.rankHistograms());
    }

    /**
     * Writes the bin centres, the lags, and the densities and autocorrelations ({@link EvaluationOutputs}) of
     * the truth ("truth"), the second truth run ("truth-again") and each parameterization.
     */
    private Map<String, Map<String, Object>> climate(StageContext ctx, OnlineEvaluation.Truth truth,
                                                     EvaluationSpec.Climate c, Map<String, Parameterization> params)
            throws IOException {
        // the truth runs (noise floor too) and the coarse model at the evaluation's forcing
        L96Params world = c.forcing() == null ? truth.params() : truth.params().withForcing(c.forcing());
        ClimateEvaluation.Result r = ClimateEvaluation.run(world, truth.worldDt(), truth.worldIntegrator(),
                truth.sampleInterval(), c,
                params, StageInputs.seedOf(spec, "climate/" + evaluation),
                done -> ctx.progress().update(0.1 + 0.85 * done, "long runs"));
        Npy.writeDoubles(ctx.dir().resolve(EvaluationOutputs.PDF_BINS), r.binCentres(), r.binCentres().length);
        Npy.writeDoubles(ctx.dir().resolve(EvaluationOutputs.ACF_LAGS), r.lags(), r.lags().length);
        Map<EvaluationOutputs.TruthRun, ClimateEvaluation.Statistics> truths = Map.of(
                EvaluationOutputs.TruthRun.TRUTH, r.truth(), EvaluationOutputs.TruthRun.TRUTH_AGAIN, r.truthAgain());
        for (var e : truths.entrySet()) {
            Npy.writeDoubles(EvaluationOutputs.truthPdf(ctx.dir(), e.getKey()), e.getValue().density(),
                    e.getValue().density().length);
            Npy.writeDoubles(EvaluationOutputs.truthAcf(ctx.dir(), e.getKey()), e.getValue().acf(),
                    e.getValue().acf().length);
        }
        for (var e : r.schemes().entrySet()) {
            Npy.writeDoubles(schemeFile(EvaluationOutputs.pdf(ctx.dir(), e.getKey())), e.getValue().density(),
                    e.getValue().density().length);
            Npy.writeDoubles(schemeFile(EvaluationOutputs.acf(ctx.dir(), e.getKey())), e.getValue().acf(),
                    e.getValue().acf().length);
        }
        List<Integer> lagRows = new ArrayList<>();
        List<Double> lagTimes = new ArrayList<>();
        for (double lag : REPORTED_LAGS) {
            int row = (int) Math.round(lag / truth.sampleInterval());
            if (row < r.lags().length) {
                lagRows.add(row);
                lagTimes.add(lag);
            }
        }
        Map<String, Map<String, Object>> metrics = new LinkedHashMap<>();
        Map<String, Object> t = new LinkedHashMap<>();
        t.put(EvaluationOutputs.MEAN, r.truth().mean());
        t.put(EvaluationOutputs.VARIANCE, r.truth().variance());
        t.put(EvaluationOutputs.ACF_LAGS_REPORTED, lagTimes);
        t.put(EvaluationOutputs.ACF, pick(r.truth().acf(), lagRows));
        t.put(EvaluationOutputs.SPATIAL_CORRELATION, finite(r.truth().spatialCorrelation()));
        t.put(EvaluationOutputs.HELLINGER_FLOOR, r.hellingerFloor());
        t.put(EvaluationOutputs.WASSERSTEIN_FLOOR, r.wassersteinFloor());
        t.put(EvaluationOutputs.DURATION, c.duration());
        metrics.put(EvaluationOutputs.TRUTH_METRICS, t);
        for (var e : r.schemes().entrySet()) {
            ClimateEvaluation.Statistics s = e.getValue();
            // statistics of a run cut short by its blow-up are not those of the climate it was asked for: null
            boolean stable = s.unstableAt() == null;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(EvaluationOutputs.MEAN, stable ? finite(s.mean()) : null);
            m.put(EvaluationOutputs.VARIANCE, stable ? finite(s.variance()) : null);
            m.put(EvaluationOutputs.HELLINGER, stable ? finite(r.hellinger().get(e.getKey())) : null);
            m.put(EvaluationOutputs.HELLINGER_CI, stable && r.hellingerCi().containsKey(e.getKey())
                    ? finite(r.hellingerCi().get(e.getKey())) : null);
            m.put(EvaluationOutputs.HELLINGER_FLOOR, r.hellingerFloor());
            m.put(EvaluationOutputs.WASSERSTEIN, stable ? finite(r.wasserstein().get(e.getKey())) : null);
            m.put(EvaluationOutputs.WASSERSTEIN_FLOOR, r.wassersteinFloor());
            m.put(EvaluationOutputs.ACF_LAGS_REPORTED, lagTimes);
            m.put(EvaluationOutputs.ACF, stable ? pick(s.acf(), lagRows) : null);
            m.put(EvaluationOutputs.SPATIAL_CORRELATION, stable ? finite(s.spatialCorrelation()) : null);
            m.put(EvaluationOutputs.UNSTABLE_FRACTION, s.unstableAt() == null ? 0.0 : 1.0);
            m.put(EvaluationOutputs.UNSTABLE_AT, s.unstableAt());
            Map<String, double[]> pairs = r.hellingerDiff().get(e.getKey());
            if (pairs != null && !pairs.isEmpty()) {
                Map<String, Object> byOther = new LinkedHashMap<>();
                pairs.forEach((other, d) -> {
                    Map<String, Object> pm = new LinkedHashMap<>();
                    pm.put(EvaluationOutputs.HELLINGER_DIFF, finite(d[0]));
                    pm.put(EvaluationOutputs.HELLINGER_DIFF_CI, finite(new double[]{d[1], d[2]}));
                    byOther.put(other, pm);
                });
                m.put(EvaluationOutputs.PAIRED_DIFFERENCES, byOther);
            }
            metrics.put(e.getKey(), m);
        }
        return metrics;
    }

    /** A file in a scheme's folder, that folder made first. */
    private static Path schemeFile(Path file) throws IOException {
        java.nio.file.Files.createDirectories(file.getParent());
        return file;
    }

    /** JSON has no NaN: a value that is not finite is written as null. */
    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static List<Double> finite(double[] v) {
        List<Double> out = new ArrayList<>();
        for (double d : v) {
            out.add(finite(d));
        }
        return out;
    }

    private static List<Double> pick(double[] v, List<Integer> rows) {
        List<Double> out = new ArrayList<>();
        for (int r : rows) {
            out.add(finite(v[r]));
        }
        return out;
    }

    /**
     * The scheme {@code name} compared by the evaluation: 'none', a network, or a polynomial (its coefficients go
     * into {@code fitted}), made stochastic by its noise (its fitted or given parameters go into {@code noises}).
     */
    private Parameterization parameterization(StageContext ctx, String name, SimulationFiles.Loaded sim,
                                              Map<String, Object> fitted, Map<String, Object> noises)
            throws IOException {
        if (Vocabulary.NONE.equals(name)) {
            return Parameterization.NONE;
        }
        NetworkSpec net = spec.networks().get(name);
        if (net != null) {
            return network(ctx, name, net, spec);
        }
        PolynomialSpec p = spec.polynomials().get(name);
        Parameterization deterministic = p.from() != null
                ? parameterization(ctx, p.from(), sim, fitted, noises) : polynomial(ctx, name, p, sim, fitted);
        if (p.noise() == null) {
            return deterministic;
        }
        return stochastic(name, p, deterministic, sim, noises);
    }

    /** The deterministic scheme with the noise of {@code p}, given or fitted ({@link SchemeNoise}). */
    private Parameterization stochastic(String name, PolynomialSpec p, Parameterization deterministic,
                                        SimulationFiles.Loaded sim, Map<String, Object> noises) {
        SchemeNoise noise = SchemeNoise.of(spec, name, deterministic, sim);
        noises.put(name, noise.reported());
        return new StochasticParameterization(deterministic,
                StochasticParameterization.Form.valueOf(p.noise().noiseForm().name()), noise.sigmas(), noise.phi(),
                noise.interval(), StageInputs.seedOf(spec, "noise/" + evaluation + "/" + name));
    }

    /** A polynomial with its own coefficients: the same the polynomial's own stage records with its scores. */
    private Parameterization polynomial(StageContext ctx, String name, PolynomialSpec p, SimulationFiles.Loaded sim,
                                        Map<String, Object> fitted) throws IOException {
        double[] coefficients = PolynomialStage.coefficients(spec, name, sim, source -> model(ctx, source));
        fitted.put(name, coefficients);
        return new PolynomialParameterization(coefficients);
    }

    /** Why a network's training failed ("diverged at epoch 3: training loss NaN"), from its stage, or null. */
    private static String divergence(StageContext ctx, String network) {
        try {
            com.fasterxml.jackson.databind.JsonNode m = TrainOutputs.metrics(ctx.input(TrainStage.nameOf(network)),
                    network);
            if (m.path(TrainOutputs.DIVERGENCE).isTextual()) {
                return m.path(TrainOutputs.DIVERGENCE).asText();
            }
            // a training stored before divergence was recorded by name
            return "DIVERGED".equals(m.path(TrainOutputs.STOP_REASON).asText()) ? "diverged (loss not finite)" : null;
        } catch (IOException e) {
            return null; // the training's record says nothing more than its model does
        }
    }

    static Path model(StageContext ctx, String network) {
        return ctx.input(TrainStage.nameOf(network)).resolve(TrainOutputs.MODEL);
    }

    /**
     * A network as a parameterization: local ones see each X_k (or its stencil) as a sample, non-local ones each
     * state; one that sees earlier samples keeps its history per run ({@link HistoryParameterization}), started
     * from the truth by each evaluation.
     */
    static Parameterization network(StageContext ctx, String name, NetworkSpec spec, ExperimentSpec experiment)
            throws IOException {
        DenseForward forward = DenseForward.of(TrainedNetwork.loadNetwork(model(ctx, name)));
        InputLayout layout = spec.inputLayout();
        int k = experiment.world().k();
        if (forward.inputs() != layout.inputs(k)) {
            throw new IllegalStateException("network '" + name + "' has " + forward.inputs() + " inputs, but "
                    + layout.describe() + " gives " + layout.inputs(k));
        }
        boolean local = layout.local();
        if (layout.equals(InputLayout.LOCAL) || layout.equals(InputLayout.NON_LOCAL)) {
            return (x, members, kk, out) -> forward.forward(x, local ? members * kk : members, out);
        }
        double[][] scratch = {new double[0]};
        HistoryParameterization.Closure closure = (x, past, prev, rows, kk, out) -> {
            int samples = rows * layout.samplesPerState(kk);
            int n = samples * layout.inputs(kk);
            if (scratch[0].length < n) {
                scratch[0] = new double[n];
            }
            layout.writeAll(x, past, prev, rows, kk, scratch[0]);
            forward.forward(scratch[0], samples, out);
        };
        if (!layout.hasPast()) {
            return (x, members, kk, out) -> closure.subgridTendency(x, null, null, members, kk, out);
        }
        return new HistoryParameterization(closure, layout.history(), layout.previousCoupling(),
                experiment.simulation().sampleInterval());
    }
}

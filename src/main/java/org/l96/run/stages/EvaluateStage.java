package org.l96.run.stages;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.l96.data.Npy;
import org.l96.data.Split;
import org.l96.eval.ClimateEvaluation;
import org.l96.eval.ForecastEvaluation;
import org.l96.eval.OnlineEvaluation;
import org.l96.eval.PolynomialFit;
import org.l96.eval.RegimeTruth;
import org.l96.nn.DenseForward;
import org.l96.nn.TrainedNetwork;
import org.l96.run.SimulationFiles;
import org.l96.run.Simulator;
import org.l96.run.Stage;
import org.l96.run.StageContext;
import org.l96.run.UserError;
import org.l96.spec.EvaluationSpec;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.NetworkSpec;
import org.l96.spec.PolynomialSpec;
import org.l96.spec.Vocabulary;
import org.l96.world.L96Params;
import org.l96.world.Parameterization;
import org.l96.world.PolynomialParameterization;

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
 * Trajectory evaluations write {@code time.npy}, {@code truth.npy} and one {@code <parameterization>.npy} each;
 * ensembles write {@code lead.npy} and {@code rmse-<parameterization>.npy}. Networks run through their plain-Java
 * forward pass, one call per RK stage for the whole ensemble.
 */
public final class EvaluateStage implements Stage {
    public static final String PREFIX = "evaluate-";
    /** Changes when the metrics of the same evaluation change meaning, so that older stored results are recomputed. */
    static final int METRICS_FORMAT = 2;
    private final ExperimentSpec spec;
    private final String evaluation;

    public EvaluateStage(ExperimentSpec spec, String evaluation) {
        this.spec = spec;
        this.evaluation = evaluation;
    }

    public static String nameOf(String evaluation) {
        return PREFIX + evaluation;
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
        if (shifted) {
            m.put("forcing", eval().forcing());
            m.put("regimeSpinUp", RegimeTruth.SPIN_UP);
        }
        Map<String, PolynomialSpec> polys = new LinkedHashMap<>();
        for (String c : eval().compare()) {
            if (spec.polynomials().containsKey(c)) {
                polys.put(c, spec.polynomials().get(c));
                if (spec.polynomials().get(c).fitDegree() != null) {
                    m.put("data", spec.data());
                }
            }
        }
        m.put("polynomials", polys);
        if (eval() instanceof EvaluationSpec.Forecast || eval() instanceof EvaluationSpec.Climate) {
            // the ceiling's Y, the bootstrap and the climate's truth runs draw from seeds derived from it
            m.put("seed", spec.seed());
            m.put("world", spec.world());
        }
        return m;
    }

    @Override
    public void run(StageContext ctx) throws Exception {
        EvaluationSpec e = eval();
        boolean trajectory = e instanceof EvaluationSpec.Trajectory;
        // at another forcing the truth is simulated anew from the stored one's last full state (climate makes its own)
        boolean regime = RegimeTruth.shifts(e, spec.world().forcing()) && !(e instanceof EvaluationSpec.Climate);
        SimulationFiles.Loaded sim = StageInputs.simulation(ctx, trajectory);
        OnlineEvaluation.Truth truth = new OnlineEvaluation.Truth(Simulator.params(spec.world()), spec.world().dt(),
                Simulator.integrator(spec.world()), spec.simulation().sampleInterval(), sim.rows(), sim.x(), sim.y());
        Map<String, Parameterization> params = new LinkedHashMap<>();
        Map<String, Object> fitted = new LinkedHashMap<>();
        for (String c : e.compare()) {
            params.put(c, parameterization(ctx, c, sim, fitted));
        }
        if (regime) {
            String what = "the world at F = " + e.forcing();
            double[] lastY = SimulationFiles.lastY(ctx.input(SimulateStage.NAME));
            truth = RegimeTruth.simulate(truth, lastY, e.forcing(), RegimeTruth.rowsNeeded(e, truth.rows(),
                    truth.sampleInterval()), trajectory, done -> ctx.progress().update(0.1 * done, what));
        }
        ctx.progress().update(0.1, "running " + e.compare().size() + " parameterizations");
        Map<String, Map<String, Object>> metrics;
        if (e instanceof EvaluationSpec.Trajectory t) {
            OnlineEvaluation.TrajectoryResult r = OnlineEvaluation.trajectory(truth, t, params);
            int k = truth.k();
            int rows = r.time().length;
            Npy.writeDoubles(ctx.dir().resolve("time.npy"), r.time(), rows);
            Npy.writeDoubles(ctx.dir().resolve("truth.npy"), r.truth(), rows, k);
            for (var run : r.runs().entrySet()) {
                Npy.writeDoubles(ctx.dir().resolve(run.getKey() + ".npy"), run.getValue(), rows, k);
            }
            metrics = r.metrics();
        } else if (e instanceof EvaluationSpec.Forecast f) {
            metrics = forecast(ctx, truth, f, params);
        } else if (e instanceof EvaluationSpec.Climate c) {
            metrics = climate(ctx, truth, c, params);
        } else {
            OnlineEvaluation.EnsembleResult r = OnlineEvaluation.ensemble(truth, (EvaluationSpec.Ensemble) e, params);
            Npy.writeDoubles(ctx.dir().resolve("lead.npy"), r.leadTime(), r.leadTime().length);
            for (var rm : r.rmseByLead().entrySet()) {
                Npy.writeDoubles(ctx.dir().resolve("rmse-" + rm.getKey() + ".npy"), rm.getValue(),
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
            if (m.get("unstableAt") instanceof Double at) {
                ctx.warn("'" + param + "' unstable at t = " + org.l96.run.Findings.num(at));
            }
            if (fitted.containsKey(param)) {
                m.put("coefficients", fitted.get(param));
            }
            if (RegimeTruth.shifts(e, spec.world().forcing())) {
                m.put("forcing", e.forcing());
            }
            ctx.metric("online." + evaluation + "." + param, m);
        });
    }

    /** Leads at which the manifest lists the curves (the full curves go to forecast-*.npy). */
    static final double REPORTED_LEAD_SPACING = 0.5;
    /** Lags (time units) at which the manifest lists the autocorrelation. */
    static final double[] REPORTED_LAGS = {0.1, 0.2, 0.5, 1.0};

    /**
     * Writes {@code lead.npy}, per scheme {@code forecast-<scheme>.npy} (leads × 6: RMSE/σ_X with its 95% band,
     * anomaly correlation with its band) and {@code vpt-<scheme>.npy} (per initial condition).
     */
    private Map<String, Map<String, Object>> forecast(StageContext ctx, OnlineEvaluation.Truth truth,
                                                      EvaluationSpec.Forecast f, Map<String, Parameterization> params)
            throws IOException {
        ForecastEvaluation.Result r = ForecastEvaluation.run(truth, f, params,
                StageInputs.seedOf(spec, "forecast/" + evaluation),
                done -> ctx.progress().update(0.1 + 0.85 * done, "forecasts"));
        double[] lead = r.leadTime();
        Npy.writeDoubles(ctx.dir().resolve("lead.npy"), lead, lead.length);
        int step = Math.max(1, (int) Math.round(REPORTED_LEAD_SPACING / truth.sampleInterval()));
        List<Integer> reported = new ArrayList<>();
        for (int t = 0; t < lead.length; t += step) {
            reported.add(t);
        }
        Map<String, Map<String, Object>> metrics = new LinkedHashMap<>();
        for (var e : r.schemes().entrySet()) {
            ForecastEvaluation.Scheme s = e.getValue();
            double[] table = new double[lead.length * 6];
            for (int t = 0; t < lead.length; t++) {
                double[] row = {s.rmse()[t], s.rmseLow()[t], s.rmseHigh()[t], s.acc()[t], s.accLow()[t],
                        s.accHigh()[t]};
                System.arraycopy(row, 0, table, t * 6, 6);
            }
            Npy.writeDoubles(ctx.dir().resolve("forecast-" + e.getKey() + ".npy"), table, lead.length, 6);
            Npy.writeDoubles(ctx.dir().resolve("vpt-" + e.getKey() + ".npy"), s.vptPerInitialCondition(),
                    s.vptPerInitialCondition().length);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("initialConditions", f.initialConditions());
            m.put("sigmaX", r.sigmaX());
            m.put("vpt", finite(s.vpt()));
            m.put("vptCi", finite(s.vptCi()));
            if (!e.getKey().equals(r.pairedAgainst())) {
                m.put("vptDiff", finite(s.vptDiff()));
                m.put("vptDiffCi", finite(s.vptDiffCi()));
                m.put("vptDiffAgainst", r.pairedAgainst());
            }
            m.put("vptCensoredFraction", s.censoredFraction());
            m.put("leads", pick(lead, reported));
            m.put("rmseByLead", pick(s.rmse(), reported));
            m.put("rmseByLeadLow", pick(s.rmseLow(), reported));
            m.put("rmseByLeadHigh", pick(s.rmseHigh(), reported));
            m.put("acc", pick(s.acc(), reported));
            m.put("accLow", pick(s.accLow(), reported));
            m.put("accHigh", pick(s.accHigh(), reported));
            m.put("unstableFraction", s.unstableFraction());
            m.put("unstableAt", s.unstableAt());
            metrics.put(e.getKey(), m);
        }
        return metrics;
    }

    /**
     * Writes {@code pdf-x.npy} (bin centres), {@code pdf-<run>.npy}, {@code acf-lag.npy}, {@code acf-<run>.npy} for
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
        Npy.writeDoubles(ctx.dir().resolve("pdf-x.npy"), r.binCentres(), r.binCentres().length);
        Npy.writeDoubles(ctx.dir().resolve("acf-lag.npy"), r.lags(), r.lags().length);
        Map<String, ClimateEvaluation.Statistics> all = new LinkedHashMap<>();
        all.put("truth", r.truth());
        all.put("truth-again", r.truthAgain());
        all.putAll(r.schemes());
        for (var e : all.entrySet()) {
            Npy.writeDoubles(ctx.dir().resolve("pdf-" + e.getKey() + ".npy"), e.getValue().density(),
                    e.getValue().density().length);
            Npy.writeDoubles(ctx.dir().resolve("acf-" + e.getKey() + ".npy"), e.getValue().acf(),
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
        t.put("mean", r.truth().mean());
        t.put("variance", r.truth().variance());
        t.put("acfLags", lagTimes);
        t.put("acf", pick(r.truth().acf(), lagRows));
        t.put("spatialCorrelation", finite(r.truth().spatialCorrelation()));
        t.put("hellingerFloor", r.hellingerFloor());
        t.put("wassersteinFloor", r.wassersteinFloor());
        t.put("duration", c.duration());
        metrics.put("truth", t);
        for (var e : r.schemes().entrySet()) {
            ClimateEvaluation.Statistics s = e.getValue();
            // statistics of a run cut short by its blow-up are not those of the climate it was asked for: null
            boolean stable = s.unstableAt() == null;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mean", stable ? finite(s.mean()) : null);
            m.put("variance", stable ? finite(s.variance()) : null);
            m.put("hellinger", stable ? finite(r.hellinger().get(e.getKey())) : null);
            m.put("hellingerFloor", r.hellingerFloor());
            m.put("wasserstein", stable ? finite(r.wasserstein().get(e.getKey())) : null);
            m.put("wassersteinFloor", r.wassersteinFloor());
            m.put("acfLags", lagTimes);
            m.put("acf", stable ? pick(s.acf(), lagRows) : null);
            m.put("spatialCorrelation", stable ? finite(s.spatialCorrelation()) : null);
            m.put("unstableFraction", s.unstableAt() == null ? 0.0 : 1.0);
            m.put("unstableAt", s.unstableAt());
            metrics.put(e.getKey(), m);
        }
        return metrics;
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

    private Parameterization parameterization(StageContext ctx, String name, SimulationFiles.Loaded sim,
                                              Map<String, Object> fitted) throws IOException {
        if (Vocabulary.NONE.equals(name)) {
            return Parameterization.NONE;
        }
        NetworkSpec net = spec.networks().get(name);
        if (net != null) {
            return network(ctx, name, net);
        }
        PolynomialSpec p = spec.polynomials().get(name);
        double[] coefficients;
        if (p.coefficients() != null) {
            coefficients = p.coefficients().stream().mapToDouble(Double::doubleValue).toArray();
        } else if (p.fromNetwork() != null) {
            MultiLayerNetwork linear = TrainedNetwork.loadNetwork(model(ctx, p.fromNetwork()));
            coefficients = new double[]{linear.getParam("0_W").getDouble(0), linear.getParam("0_b").getDouble(0)};
        } else {
            // least squares on the training rows' local pairs (X_k, coupling_k)
            Split split = Split.of(sim.rows(), spec.data());
            int n = split.trainRows() * sim.k();
            double[] xs = java.util.Arrays.copyOf(sim.x(), n);
            double[] ys = java.util.Arrays.copyOf(sim.coupling(), n);
            try {
                coefficients = PolynomialFit.fit(xs, ys, p.fitDegree());
            } catch (IllegalArgumentException tooFewOrDegenerate) { // the data decide, so only the run can tell
                throw new UserError("polynomial '" + name + "': " + tooFewOrDegenerate.getMessage() + " ("
                        + split.trainRows() + " training samples × " + sim.k() + " X_k)");
            }
        }
        for (double c : coefficients) {
            if (!Double.isFinite(c)) { // only a computed polynomial gets here: written ones are validated
                throw new UserError("polynomial '" + name + "' has non-finite coefficients "
                        + java.util.Arrays.toString(coefficients) + (p.fromNetwork() != null
                        ? ": network '" + p.fromNetwork() + "' trained to non-finite weights (its training diverged)"
                        : ": the training data it was fitted to are not finite (the world's run blew up)"));
            }
        }
        fitted.put(name, coefficients);
        return new PolynomialParameterization(coefficients);
    }

    /** Why a network's training failed ("diverged at epoch 3: training loss NaN"), from its stage, or null. */
    private static String divergence(StageContext ctx, String network) {
        Path record = ctx.input(TrainStage.nameOf(network)).resolve("stage.json");
        try {
            com.fasterxml.jackson.databind.JsonNode m = org.l96.spec.SpecJson.mapper().readTree(record.toFile())
                    .path("metrics").path("networks." + network).path(TrainStage.DIVERGENCE);
            if (m.isTextual()) {
                return m.asText();
            }
            // a training stored before divergence was recorded by name
            return "DIVERGED".equals(org.l96.spec.SpecJson.mapper().readTree(record.toFile()).path("metrics")
                    .path("networks." + network).path("stopReason").asText()) ? "diverged (loss not finite)" : null;
        } catch (IOException e) {
            return null; // the training's record says nothing more than its model does
        }
    }

    private static Path model(StageContext ctx, String network) {
        return ctx.input(TrainStage.nameOf(network)).resolve(TrainStage.MODEL);
    }

    /** A network as a parameterization: local ones see each X_k as a sample, non-local ones each state. */
    private static Parameterization network(StageContext ctx, String name, NetworkSpec spec) throws IOException {
        DenseForward forward = DenseForward.of(TrainedNetwork.loadNetwork(model(ctx, name)));
        boolean local = spec.isLocal();
        return (x, members, k, out) -> forward.forward(x, local ? members * k : members, out);
    }
}

package org.l96.run.stages;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.l96.data.Npy;
import org.l96.data.Split;
import org.l96.eval.OnlineEvaluation;
import org.l96.eval.PolynomialFit;
import org.l96.nn.DenseForward;
import org.l96.nn.TrainedNetwork;
import org.l96.run.SimulationFiles;
import org.l96.run.Simulator;
import org.l96.run.Stage;
import org.l96.run.StageContext;
import org.l96.spec.EvaluationSpec;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.NetworkSpec;
import org.l96.spec.PolynomialSpec;
import org.l96.spec.Vocabulary;
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
        m.put("spec", eval());
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
        return m;
    }

    @Override
    public void run(StageContext ctx) throws Exception {
        EvaluationSpec e = eval();
        boolean trajectory = e instanceof EvaluationSpec.Trajectory;
        SimulationFiles.Loaded sim = StageInputs.simulation(ctx, trajectory);
        OnlineEvaluation.Truth truth = new OnlineEvaluation.Truth(Simulator.params(spec.world()), spec.world().dt(),
                spec.simulation().sampleInterval(), sim.rows(), sim.x(), sim.y());
        Map<String, Parameterization> params = new LinkedHashMap<>();
        Map<String, Object> fitted = new LinkedHashMap<>();
        for (String c : e.compare()) {
            params.put(c, parameterization(ctx, c, sim, fitted));
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
        } else {
            OnlineEvaluation.EnsembleResult r = OnlineEvaluation.ensemble(truth, (EvaluationSpec.Ensemble) e, params);
            Npy.writeDoubles(ctx.dir().resolve("lead.npy"), r.leadTime(), r.leadTime().length);
            for (var rm : r.rmseByLead().entrySet()) {
                Npy.writeDoubles(ctx.dir().resolve("rmse-" + rm.getKey() + ".npy"), rm.getValue(),
                        rm.getValue().length);
            }
            metrics = r.metrics();
        }
        metrics.forEach((param, m) -> {
            if (fitted.containsKey(param)) {
                m.put("coefficients", fitted.get(param));
            }
            ctx.metric("online." + evaluation + "." + param, m);
        });
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
            coefficients = PolynomialFit.fit(xs, ys, p.fitDegree());
        }
        fitted.put(name, coefficients);
        return new PolynomialParameterization(coefficients);
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

package org.l96.spec;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * Everything an experiment says, as one immutable value. The Groovy DSL and the Java builder both produce it; the
 * interpreter consumes only it. Canonical JSON (see {@link SpecJson}) is its identity: equal specs give equal JSON,
 * and stage keys are hashes of slices of that JSON.
 *
 * <p>Networks, LR range tests, polynomials and evaluations are maps keyed by name (in declaration order), so that
 * {@code --set networks.ann.train.epochs=100} reads as what it does.
 */
@JsonPropertyOrder({"name", "seed", "world", "simulation", "data", "networks", "polynomials", "lrRangeTests",
        "evaluations", "charts", "sweep"})
public record ExperimentSpec(
        String name,
        long seed,
        WorldSpec world,
        SimulationSpec simulation,
        DataSpec data,
        Map<String, NetworkSpec> networks,
        Map<String, PolynomialSpec> polynomials,
        Map<String, LrRangeTestSpec> lrRangeTests,
        Map<String, EvaluationSpec> evaluations,
        List<ChartSpec> charts,
        SweepSpec sweep) {

    public ExperimentSpec {
        world = world == null ? WorldSpec.DEFAULT : world;
        simulation = simulation == null ? SimulationSpec.DEFAULT : simulation;
        data = data == null ? DataSpec.DEFAULT : data;
        networks = Specs.copy(defaultDtLeftOut(networks, simulation.sampleInterval()));
        polynomials = Specs.copy(polynomials);
        lrRangeTests = Specs.copy(lrRangeTests);
        evaluations = Specs.copy(evaluations);
        charts = Specs.copy(charts);
    }

    /**
     * An online training's {@code dt} equal to the sampling interval (its default, and the only value allowed) is
     * left out, as the canonical JSON leaves defaults out: {@code dt 0.01} or {@code --set …dt=0.01} at a sampling
     * interval of 0.01 keeps the stage key.
     */
    private static Map<String, NetworkSpec> defaultDtLeftOut(Map<String, NetworkSpec> networks, double interval) {
        if (networks == null || networks.values().stream().noneMatch(n -> defaultDt(n, interval))) {
            return networks;
        }
        Map<String, NetworkSpec> out = new java.util.LinkedHashMap<>();
        networks.forEach((name, n) -> out.put(name, defaultDt(n, interval) ? n.withTrain(n.train().withoutDt()) : n));
        return out;
    }

    /** An online training (a loaded network has none) whose dt is the sampling interval. */
    private static boolean defaultDt(NetworkSpec n, double interval) {
        return n != null && n.train() != null && n.train().isRollout() && n.train().dt() != null
                && Math.abs(n.train().dt() - interval) <= 1e-9 * Math.abs(interval);
    }

    /** The seed notebook's seed, used when a script names none. */
    public static final long DEFAULT_SEED = 14;
}

package org.l96.spec;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecJsonTest {

    /** A spec touching every record type, so that a round trip exercises all of them. */
    static ExperimentSpec everything() {
        Map<String, NetworkSpec> networks = new LinkedHashMap<>();
        networks.put("linear", new NetworkSpec("local", List.of(new LayerSpec.Dense(1, "identity")), "pytorch", "mse",
                new TrainSpec(3, OptimizerSpec.Adam.withLr(0.03), new ScheduleSpec.Constant(), null, null), null));
        networks.put("ann", new NetworkSpec("non-local", List.of(new LayerSpec.Dense(16, "relu"),
                new LayerSpec.Dropout(0.2), new LayerSpec.BatchNorm(0.1, 1e-5), new LayerSpec.Dense(8, "identity")),
                "xavier", "mae", new TrainSpec(50, new OptimizerSpec.Sgd(0.01, 0.9, true, 0.1),
                new ScheduleSpec.Cyclic(1e-4, 1e-2, 100, 100, "triangular2", 1.0),
                new EarlyStoppingSpec(5, 1e-4, true), 512), null));
        networks.put("ann-more", new NetworkSpec("non-local", networks.get("ann").layers(), "xavier", "mae",
                new TrainSpec(10, new OptimizerSpec.AdamW(0.01, 0.9, 0.999, 1e-8, 0.01),
                        new ScheduleSpec.OneCycle(0.1, 0.3, 25, 1e4), null, null), "ann"));
        networks.put("rms", new NetworkSpec(null, List.of(new LayerSpec.Dense(8, null)), null, null,
                new TrainSpec(2, new OptimizerSpec.RmsProp(0.01, 0.99, 1e-8, 0, 0),
                        new ScheduleSpec.Step(10, 0.5), null, null), null));
        networks.put("exp", new NetworkSpec(null, List.of(new LayerSpec.Dense(8, null)), null, null,
                new TrainSpec(2, null, new ScheduleSpec.Exponential(0.9), null, null), null));
        return new ExperimentSpec("everything", 7, WorldSpec.DEFAULT, SimulationSpec.DEFAULT,
                new DataSpec(null, 0.2, 100, 256, false), networks,
                Map.of("cubic", new PolynomialSpec(null, 3, null), "lin", new PolynomialSpec(null, null, "linear"),
                        "given", new PolynomialSpec(List.of(-0.85, -0.76), null, null)),
                Map.of("ann", new LrRangeTestSpec("ann", 1e-7, 100, 200, "exponential", 0.05, 5)),
                Map.of("t10", new EvaluationSpec.Trajectory(List.of("none", "linear", "lin"), -1, 10, null, null),
                        "ics", new EvaluationSpec.Ensemble(List.of("linear", "ann"), 100, 0.1, 0, 1, null)),
                List.of(new ChartSpec.BatchScatter("fig1", "linear"),
                        new ChartSpec.Predictions("fig2", "linear", 1, 1000),
                        new ChartSpec.Trajectories("fig3", "t10", 4, 200),
                        new ChartSpec.Activation("fig4", "relu", -2, 2),
                        new ChartSpec.LossCurves("fig5", "ann"),
                        new ChartSpec.LrRangeTest("fig11", "ann")),
                new SweepSpec("product", List.of(new SweepSpec.Axis("world.forcing", List.of("16", "20"))), 3));
    }

    @Test
    void roundTripIsUnchanged() {
        ExperimentSpec spec = everything();
        String json = SpecJson.toJson(spec);
        ExperimentSpec back = SpecJson.fromJson(json);
        assertEquals(spec, back);
        assertEquals(json, SpecJson.toJson(back));
        assertTrue(SpecValidator.validate(spec).isEmpty(), () -> SpecValidator.validate(spec).toString());
    }

    @Test
    void topLevelFieldsAreNamedAsDocumented() {
        var tree = SpecJson.toTree(everything());
        assertEquals(7, tree.get("seed").asLong());
        assertEquals(18.0, tree.get("world").get("forcing").asDouble());
        assertEquals("adam", tree.get("networks").get("linear").get("train").get("optimizer").get("type").asText());
    }

    @Test
    void setChangesOneFieldByPath() {
        ExperimentSpec spec = everything();
        ExperimentSpec changed = SpecJson.withValue(spec, "world.forcing", "20");
        assertEquals(20.0, changed.world().forcing());
        changed = SpecJson.withValue(changed, "networks.ann.train.epochs", "7");
        assertEquals(7, changed.networks().get("ann").train().epochs());
        changed = SpecJson.withValue(changed, "networks.ann.layers.0.activation", "tanh");
        assertEquals(new LayerSpec.Dense(16, "tanh"), changed.networks().get("ann").layers().get(0));
        changed = SpecJson.withValue(changed, "seed", "99");
        assertEquals(99, changed.seed());
        assertNotEquals(SpecJson.hash(spec), SpecJson.hash(changed));
    }

    @Test
    void setRejectsUnknownPathsWithTheFieldsThatExist() {
        SpecException e = assertThrows(SpecException.class,
                () -> SpecJson.withValue(everything(), "world.frocing.x", "20"));
        assertTrue(e.getMessage().contains("forcing"), e.getMessage());
        assertThrows(SpecException.class, () -> SpecJson.withValue(everything(), "world.frocing", "20"));
        assertThrows(SpecException.class, () -> SpecJson.withValue(everything(), "world.k", "eight"));
        assertThrows(SpecException.class, () -> SpecJson.withValue(everything(), "charts.9.file", "x"));
    }

    @Test
    void validatorReportsEveryProblemWithItsPath() {
        ExperimentSpec spec = everything();
        spec = SpecJson.withValue(spec, "world.dt", "0");
        spec = SpecJson.withValue(spec, "networks.ann.train.epochs", "-1");
        spec = SpecJson.withValue(spec, "networks.ann.layers.1.rate", "1.5");
        spec = SpecJson.withValue(spec, "evaluations.t10.compare.1", "lnear");
        List<Problem> problems = SpecValidator.validate(spec);
        List<String> paths = problems.stream().map(Problem::path).toList();
        assertTrue(paths.contains("world.dt"), paths::toString);
        assertTrue(paths.contains("networks.ann.train.epochs"), paths::toString);
        assertTrue(paths.contains("networks.ann.layers.1.rate"), paths::toString);
        assertTrue(paths.contains("evaluations.t10.compare.1"), paths::toString);
        assertTrue(problems.stream().anyMatch(p -> p.message().contains("did you mean 'linear'")),
                problems::toString);
    }

    @Test
    void sampleIntervalMustBeAWholeMultipleOfDt() {
        assertTrue(SpecValidator.isWholeMultiple(0.01, 0.001));
        assertTrue(SpecValidator.isWholeMultiple(0.3, 0.1));
        assertTrue(!SpecValidator.isWholeMultiple(0.015, 0.01));
        assertTrue(!SpecValidator.isWholeMultiple(0.0005, 0.001));
        ExperimentSpec spec = SpecJson.withValue(everything(), "simulation.sampleInterval", "0.0125");
        assertEquals(List.of("simulation.sampleInterval"),
                SpecValidator.validate(spec).stream().map(Problem::path).toList());
    }
}

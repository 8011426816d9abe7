package org.l96.run.stages;

import org.l96.run.SimulationFiles;
import org.l96.run.Simulator;
import org.l96.run.Stage;
import org.l96.run.StageContext;
import org.l96.spec.ExperimentSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Simulates the "real world" and stores X, the coupling target, t, the last Y (and Y's history with keepY). Depends on the seed, world and simulation only. */
public final class SimulateStage implements Stage {
    public static final String NAME = SimulationFiles.STAGE;
    private final ExperimentSpec spec;

    public SimulateStage(ExperimentSpec spec) {
        this.spec = spec;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> inputs() {
        return List.of();
    }

    @Override
    public Object keyMaterial() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", spec.seed());
        m.put("world", spec.world());
        m.put("simulation", spec.simulation());
        return m;
    }

    @Override
    public Map<String, String> keyMaterialPaths() {
        return Map.of("seed", "seed", "world", "world", "simulation", "simulation");
    }

    @Override
    public void run(StageContext ctx) throws Exception {
        long t0 = System.nanoTime();
        // streamed to disk as it is integrated: memory does not grow with the number of samples
        Simulator.simulate(spec.world(), spec.simulation(), Simulator.initialState(spec.world(), spec.seed()),
                ctx.dir(), spec.simulation().keepsY(),
                f -> ctx.progress().update(f, String.format("%.0f%%", 100 * f)));
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("rows", spec.simulation().samples() + 1);
        metrics.put("integrationSeconds", Math.round(seconds * 1000) / 1000.0);
        ctx.metric(SimulationFiles.METRIC_GROUP, metrics);
    }
}

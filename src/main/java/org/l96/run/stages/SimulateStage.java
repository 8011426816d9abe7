package org.l96.run.stages;

import org.l96.data.Npy;
import org.l96.run.AtomicFiles;
import org.l96.run.ExternalInputs;
import org.l96.run.SimulationFiles;
import org.l96.run.Simulator;
import org.l96.run.Stage;
import org.l96.run.StageContext;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.SimulationSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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
        SimulationSpec sim = spec.simulation();
        if (sim.isFromFolder()) {
            // the files' contents, not where they lie: a moved folder is the same data, a rewritten one is not
            m.put("world", spec.world());
            m.put("simulation", new SimulationSpec(sim.sampleInterval(), sim.samples(), sim.spinUp(),
                    sim.couplingTarget(), sim.keepY(), null));
            m.put("dataset", ExternalInputs.dataset(Path.of(sim.from())).sha256());
            return m;
        }
        m.put("seed", spec.seed());
        m.put("world", spec.world());
        m.put("simulation", spec.simulation());
        return m;
    }

    @Override
    public Map<String, String> keyMaterialPaths() {
        return spec.simulation().isFromFolder()
                ? Map.of("world", "world", "simulation", "simulation", "dataset", "simulation.from")
                : Map.of("seed", "seed", "world", "world", "simulation", "simulation");
    }

    @Override
    public void run(StageContext ctx) throws Exception {
        if (spec.simulation().isFromFolder()) {
            bringIn(ctx);
            return;
        }
        long t0 = System.nanoTime();
        // streamed to disk as it is integrated: memory does not grow with the number of samples
        Simulator.simulate(spec.world(), spec.simulation(), Simulator.initialState(spec.world(), spec.seed()),
                ctx.dir(), spec.simulation().keepsY(), f -> {
                    if (ctx.cancelled()) {
                        // Ctrl-C: stop at the next progress report, not after the whole integration (the stage's
                        // folder is a temporary one, discarded by the runner)
                        throw new java.util.concurrent.CancellationException("interrupted");
                    }
                    ctx.progress().update(f, String.format("%.0f%%", 100 * f));
                });
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("rows", spec.simulation().samples() + 1);
        metrics.put("integrationSeconds", Math.round(seconds * 1000) / 1000.0);
        ctx.metric(SimulationFiles.METRIC_GROUP, metrics);
    }

    /**
     * The dataset of {@code simulate { from … }}: its files are linked (copied where links cannot be made) into this
     * stage's folder, so that later stages read it as a simulation; t.npy is written when the folder has none. The
     * metrics name the source folder, its manifest and each file's SHA-256.
     */
    private void bringIn(StageContext ctx) throws IOException {
        ExternalInputs.Dataset d = ExternalInputs.dataset(Path.of(spec.simulation().from()));
        for (String f : d.sha256().keySet()) {
            Path target = ctx.dir().resolve(f);
            Files.deleteIfExists(target);
            try {
                Files.createLink(target, d.dir().resolve(f));
            } catch (IOException | UnsupportedOperationException e) {
                AtomicFiles.write(target, tmp -> Files.copy(d.dir().resolve(f), tmp,
                        StandardCopyOption.REPLACE_EXISTING));
            }
        }
        if (!d.sha256().containsKey(SimulationFiles.T)) {
            double[] t = new double[d.rows()];
            for (int i = 0; i < t.length; i++) {
                t[i] = spec.simulation().spinUp() + i * spec.simulation().sampleInterval();
            }
            AtomicFiles.write(ctx.dir().resolve(SimulationFiles.T), f -> Npy.writeDoubles(f, t, t.length));
        }
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("rows", d.rows());
        metrics.put("from", d.dir().toString());
        metrics.put("manifest", d.manifest() == null ? null : d.manifest().toString());
        metrics.put("sha256", d.sha256());
        metrics.put("hasY", d.sha256().containsKey(SimulationFiles.Y));
        metrics.put("hasLastY", d.sha256().containsKey(SimulationFiles.Y_LAST));
        ctx.metric(SimulationFiles.METRIC_GROUP, metrics);
    }
}

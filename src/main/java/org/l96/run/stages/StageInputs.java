package org.l96.run.stages;

import org.l96.data.TrainingData;
import org.l96.run.SimulationFiles;
import org.l96.run.StageContext;
import org.l96.run.UserError;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.NetworkSpec;
import org.l96.spec.SpecJson;
import org.l96.world.InputLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Loading what stages share (the simulation, the datasets), once per run, and per-network seeds. */
final class StageInputs {
    private StageInputs() {
    }

    static SimulationFiles.Loaded simulation(StageContext ctx, boolean withY) {
        Path dir = ctx.input(SimulateStage.NAME);
        // one copy per run, shared by all stages; the one with Y serves those that need only X too
        if (!withY) {
            SimulationFiles.Loaded full = ctx.sharedIfPresent("simulation+y:" + dir);
            if (full != null) {
                return full;
            }
        }
        return ctx.shared("simulation" + (withY ? "+y:" : ":") + dir, () -> {
            try {
                return SimulationFiles.read(dir, withY);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static TrainingData trainingData(StageContext ctx, boolean local) {
        return trainingData(ctx, local ? InputLayout.LOCAL : InputLayout.NON_LOCAL);
    }

    /** The samples of a network that sees {@code layout} (a stencil, earlier states, the previous coupling term). */
    static TrainingData trainingData(StageContext ctx, InputLayout layout) {
        ExperimentSpec spec = ctx.spec();
        String inputs = layout.equals(InputLayout.LOCAL) || layout.equals(InputLayout.NON_LOCAL)
                ? String.valueOf(layout.local()) : layout.toString();
        return ctx.shared("data:" + inputs + ":" + SpecJson.hash(spec.data()), () -> {
            SimulationFiles.Loaded sim = simulation(ctx, false);
            try {
                return TrainingData.from(sim.x(), sim.coupling(), sim.pairRows(), sim.k(), spec.data(), layout);
            } catch (IllegalArgumentException e) {
                throw new UserError("data: " + e.getMessage(), e);
            }
        });
    }

    /** Each network's own seed, derived from the experiment's seed and its name: independent and repeatable. */
    static long seedOf(ExperimentSpec spec, String what) {
        return Long.parseUnsignedLong(SpecJson.hashText(spec.seed() + "/" + what), 16) >>> 1;
    }

    static NetworkSpec network(ExperimentSpec spec, String name) {
        NetworkSpec n = spec.networks().get(name);
        if (n == null) {
            throw new IllegalStateException("no network " + name);
        }
        return n;
    }
}

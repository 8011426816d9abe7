package org.l96.cli;

import org.l96.dsl.ScriptLoader;
import org.l96.run.Planner;
import org.l96.spec.ExperimentSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code l96 validate}: checks a script without running anything. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check an experiment script (syntax, words, types, values, names) without running anything.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCRIPT")
    Path script;
    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "override a spec field (as for run)")
    List<String> sets = new ArrayList<>();

    @Override
    public Integer call() {
        ScriptLoader.Loaded loaded = ScriptLoader.loadWithOrigins(script, sets);
        ExperimentSpec spec = loaded.spec();
        int stages = Planner.plan(spec).size();
        String nets = spec.networks().size() + (spec.networks().size() == 1 ? " network" : " networks");
        if (spec.sweep() != null && !spec.sweep().axes().isEmpty()) {
            // every point, as l96 sweep --dry-run checks them; the sweep (not the experiment) names the folder
            org.l96.sweep.SweepPlan plan = SweepCommand.planAt(spec, loaded.where().apply("sweep"));
            int n = plan.points().size();
            System.out.println(script + ": sweep '" + spec.name() + "' is valid (" + n + (n == 1 ? " point" : " points")
                    + " → OUT/" + spec.name() + "/; each point " + nets + ", " + stages + " stages)");
            return Main.OK;
        }
        System.out.println(script + ": experiment '" + spec.name() + "' is valid (" + nets + ", " + stages
                + " stages)");
        return Main.OK;
    }
}

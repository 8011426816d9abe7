package org.l96.cli;

import org.l96.dsl.ScriptLoader;
import org.l96.run.CachePlan;
import org.l96.run.Planner;
import org.l96.spec.ExperimentSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code l96 plan}: which stages a run would reuse and which it would run, and why, without running or writing. */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show what 'l96 run' would do with each stage: reuse it, or run it and why (no stored run, "
                + "stored run failed, output damaged, or the spec paths and input stages that changed since the "
                + "stored run). Runs nothing and writes nothing."})
final class PlanCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCRIPT", description = "the experiment script (.groovy)")
    Path script;
    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out = Path.of("output");
    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "override a spec field (as for run)")
    List<String> sets = new ArrayList<>();

    @Override
    public Integer call() {
        OutputFolder.check("--out", out); // what run would refuse, plan refuses too
        ExperimentSpec spec = ScriptLoader.load(script, sets);
        print(spec, CachePlan.of(spec, Planner.plan(spec), out), out.resolve(spec.name()), System.out);
        return Main.OK;
    }

    static void print(ExperimentSpec spec, List<CachePlan.Entry> plan, Path expDir, PrintStream o) {
        long runs = plan.stream().filter(e -> e.action() == CachePlan.Action.RUN).count();
        o.println(spec.name() + ": " + plan.size() + " stages, " + (plan.size() - runs) + " reused, " + runs
                + " to run → " + expDir);
        String holder = org.l96.run.FolderLock.holderNow(expDir.resolve(org.l96.run.Runner.LOCK_FILE));
        if (holder != null) {
            o.println("  (a run is in progress there: " + holder + "; this plan is of what is stored now, and a run "
                    + "started now would wait for it)");
        }
        for (CachePlan.Entry e : plan) {
            o.printf("  %-5s  %s%n", e.action(), e.stage());
            for (String why : e.reasons()) {
                o.println("           " + why);
            }
        }
        List<String> leftovers = org.l96.run.Runner.leftoverStages(expDir,
                plan.stream().map(CachePlan.Entry::stage).toList());
        if (!leftovers.isEmpty()) {
            o.println("  left from earlier runs, not stages of this script (a run keeps them): "
                    + String.join(", ", leftovers));
        }
    }
}

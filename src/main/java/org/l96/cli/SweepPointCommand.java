package org.l96.cli;

import org.l96.sweep.PointRun;
import org.l96.sweep.PointStatus;
import org.l96.sweep.SweepLayout;
import org.l96.sweep.SweepPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code l96 sweep-point} (hidden): what a sweep worker or SLURM array task runs, one point of a written plan. */
@Command(name = "sweep-point", hidden = true, description = "Run one point of a sweep plan (used by 'l96 sweep').")
final class SweepPointCommand implements Callable<Integer> {
    @Option(names = "--plan", required = true, paramLabel = "FILE")
    Path plan;
    @Option(names = "--index", required = true, paramLabel = "I", description = "the point's index in the plan")
    int index;
    @Option(names = "--threads", paramLabel = "N", description = "stages at once (default: ${DEFAULT-VALUE})")
    int threads = 1;

    @Override
    public Integer call() {
        SweepPlan p = SweepPlan.read(plan);
        if (index < 0 || index >= p.points().size()) {
            throw new org.l96.run.UserError("--index " + index + " is outside 0.." + (p.points().size() - 1));
        }
        SweepPlan.Point point = p.points().get(index);
        SweepLayout layout = SweepLayout.ofSweepDir(plan.toAbsolutePath().getParent());
        PointStatus s = PointRun.run(layout, point, threads, System.err);
        System.err.println("l96: point " + point.id() + ": " + s.status() + (s.ok() ? "" : ": " + s.error()));
        return s.ok() ? Main.OK : Main.INTERNAL;
    }
}

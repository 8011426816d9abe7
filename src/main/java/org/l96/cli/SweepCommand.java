package org.l96.cli;

import org.l96.dsl.ScriptLoader;
import org.l96.run.FolderLock;
import org.l96.run.ProgressReporter;
import org.l96.run.UserError;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.Problem;
import org.l96.spec.SpecValidator;
import org.l96.spec.SweepSpec;
import org.l96.sweep.LocalExecutor;
import org.l96.sweep.PointStatus;
import org.l96.sweep.SlurmExecutor;
import org.l96.sweep.SweepLayout;
import org.l96.sweep.SweepPlan;
import org.l96.sweep.SweepReport;
import org.l96.sweep.SweepResults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code l96 sweep}: run an experiment at every point of a sweep, locally or as a SLURM job array. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run an experiment at every point of a parameter sweep: the script's sweep { .. } block, a "
                + "sweep script (sweep(experiment: 'file.groovy') { .. }) or --vary options. Every point is a full "
                + "experiment in OUT/<sweep>/points/<point>/; stages shared between points run once "
                + "(OUT/.cache/). Results: OUT/<sweep>/summary.csv, summary.json, report.html.",
                "Exit codes: 0 every point ok, 1 some point failed (see the summary) or an internal error, "
                        + "2 a mistake in the script or options (nothing is run)."})
final class SweepCommand implements Callable<Integer> {
    private static final Pattern AXIS = Pattern.compile("sweep\\.axes\\.(\\d+)(\\..*)?");

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCRIPT",
            description = "an experiment script with a sweep block, or a sweep script")
    Path script;
    @Option(names = "--vary", paramLabel = "PATH=V1,V2,…", description = "an axis (replaces the script's axes): a "
            + "spec path as 'l96 spec' prints it and its values, e.g. --vary world.forcing=16,18,20, "
            + "--vary networks.ann.train.optimizer.type=sgd,adam, --vary evaluations.e.compare=[none],[none,ann]")
    List<String> vary = new ArrayList<>();
    @Option(names = "--zip", description = "take the i-th values of all axes together instead of every combination")
    boolean zip;
    @Option(names = "--seeds", paramLabel = "N", description = "repeat every point with N seeds: seed, seed+1, …")
    Integer seeds;
    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "override a spec field (as for run)")
    List<String> sets = new ArrayList<>();
    @Option(names = "--dry-run", description = "list the points (and which are already done); run nothing")
    boolean dryRun;
    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out = Path.of("output");
    @Option(names = "--parallel", paramLabel = "N", description = "points at once on this machine, a thread "
            + "each in one worker JVM (L96_WORKER_SLOTS=K: K per JVM) (default: the number of cores, "
            + "${DEFAULT-VALUE})")
    int parallel = Runtime.getRuntime().availableProcessors();
    @Option(names = "--executor", paramLabel = "local|slurm", description = "where points run (default: "
            + "${DEFAULT-VALUE}); slurm submits one job array with sbatch")
    String executor = "local";
    @Option(names = "--partition", paramLabel = "P", description = "SLURM partition (#SBATCH --partition)")
    String partition;
    @Option(names = "--time", paramLabel = "T", description = "SLURM time limit per point, e.g. 1:00:00")
    String time;
    @Option(names = "--cpus", paramLabel = "C", description = "SLURM CPUs per point (default 1)")
    Integer cpus;
    @Option(names = "--mem", paramLabel = "M", description = "SLURM memory per point, e.g. 4G")
    String mem;
    @Option(names = "--no-wait", description = "with slurm: submit and return; gather later with --collect")
    boolean noWait;
    @Option(names = "--collect", paramLabel = "DIR", description = "gather the results of the sweep in DIR "
            + "(OUT/<sweep>) into its summary and report, e.g. after --no-wait")
    Path collect;

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        if (collect != null) {
            if (!Files.isRegularFile(collect.resolve(SweepPlan.FILE))) {
                throw new UserError("--collect " + collect + ": not a sweep folder (it has no " + SweepPlan.FILE + ")");
            }
            SweepLayout layout = SweepLayout.ofSweepDir(collect);
            try (FolderLock held = lock(layout, collect.getFileName().toString())) {
                return finish(layout);
            }
        }
        if (script == null) {
            throw new UserError("name a SCRIPT (or gather a finished sweep with --collect DIR)");
        }
        if (!List.of("local", "slurm").contains(executor)) {
            throw new UserError("--executor " + executor + ": use local or slurm");
        }
        if (parallel < 1) {
            throw new UserError("--parallel " + parallel + ": at least 1");
        }
        if (seeds != null && seeds < 1) {
            throw new UserError("--seeds " + seeds + ": at least 1");
        }
        if ("local".equals(executor) && !dryRun) {
            // a bad L96_WORKER_SLOTS is refused before anything is printed or written (plan.json, the lock)
            LocalExecutor.slotsPerJvm(env.apply(LocalExecutor.SLOTS_ENV), parallel);
        }
        ScriptLoader.Loaded loaded = ScriptLoader.loadWithOrigins(script, sets);
        ExperimentSpec spec = withOptions(loaded.spec());
        if (spec.sweep() == null) {
            throw new UserError(script + " declares no sweep: add sweep { vary 'PATH', V1, V2 } to the experiment, "
                    + "or give --vary PATH=V1,V2 (or --seeds N)");
        }
        // a problem of the sweep as the script writes it is said at its line; one of --vary/--seeds names the option
        SweepPlan plan = planAt(spec, vary.isEmpty() && seeds == null && !zip ? loaded.where().apply("sweep") : null);
        SweepLayout layout = SweepLayout.of(out, plan.name());
        List<SweepPlan.Point> todo = new ArrayList<>();
        for (SweepPlan.Point p : plan.points()) {
            if (!done(layout, p)) {
                todo.add(p);
            }
        }
        if (dryRun) {
            printTable(plan, layout, System.out);
            System.out.println(plan.points().size() + " points, " + (plan.points().size() - todo.size())
                    + " done, " + todo.size() + " to run → " + layout.dir());
            return Main.OK;
        }
        OutputFolder.check("--out", out);
        Files.createDirectories(layout.dir());
        try (FolderLock held = lock(layout, plan.name())) {
            todo.removeIf(p -> done(layout, p)); // a sweep this one waited for may have run them
            String left = leftOut(layout, plan);
            if (left != null) {
                err.println(left);
            }
            plan.write(layout.plan());
            err.println("l96: sweep " + plan.name() + ": " + plan.points().size() + " points, "
                    + (plan.points().size() - todo.size()) + " done, " + todo.size() + " to run → " + layout.dir());
            if (!todo.isEmpty()) {
                if ("slurm".equals(executor)) {
                    new SlurmExecutor(new SlurmExecutor.Options(partition, time, cpus, mem, !noWait), err)
                            .run(layout, plan, todo);
                    if (noWait) {
                        return Main.OK;
                    }
                } else {
                    new LocalExecutor(parallel, err, ProgressReporter.isTerminal())
                            .alreadyDone(plan.points().size() - todo.size()).run(layout, todo);
                }
            }
            return finish(layout);
        }
    }

    /**
     * One sweep at a time writes a sweep folder (its plan, statuses and summary): a second {@code l96 sweep} into it
     * waits for the first, then runs only what is left. Each point's folder has its own lock besides (the
     * experiment's), and shared stages the stage cache's.
     */
    static FolderLock lock(SweepLayout layout, String name) throws java.io.IOException {
        return FolderLock.acquire(layout.dir().resolve(SWEEP_LOCK), "sweep " + name,
                why -> System.err.println("l96: sweep " + name + ": " + why), () -> false);
    }

    static final String SWEEP_LOCK = ".sweep.lock";

    /** The sweep's plan; its problems (points the experiment cannot take) prefixed with {@code where} when known. */
    static SweepPlan planAt(ExperimentSpec spec, String where) {
        try {
            return SweepPlan.of(spec, spec.name());
        } catch (UserError e) {
            if (where == null) {
                throw e;
            }
            throw new UserError(where + ": " + e.getMessage(), e);
        }
    }

    /** The environment (tests stand in their own). */
    static java.util.function.UnaryOperator<String> env = System::getenv;

    private int finish(SweepLayout layout) throws Exception {
        // Ctrl-C while the summary is written: the points are kept, and the earlier summary files stay whole
        Thread hook = new Thread(() -> System.err.println("\nl96: sweep: interrupted while writing the summary; "
                + "the points are kept, and l96 sweep --collect " + layout.dir() + " writes it again"));
        Runtime.getRuntime().addShutdownHook(hook);
        SweepResults.Summary summary;
        Path report;
        try {
            summary = SweepResults.collect(layout);
            report = SweepReport.write(layout, summary);
        } finally {
            org.l96.run.ShutdownHooks.remove(hook);
        }
        PrintStream o = System.out;
        o.println("sweep " + summary.plan().name() + ": " + summary.count(PointStatus.OK) + " ok"
                + (summary.countDiverged() > 0 ? " (" + summary.countDiverged() + " with a diverged training)" : "")
                + ", " + summary.count(PointStatus.FAILED) + " failed"
                + (summary.count(SweepResults.PENDING) > 0 ? ", " + summary.count(SweepResults.PENDING) + " pending"
                : "") + " of " + summary.rows().size() + " points");
        for (SweepResults.Row r : summary.rows()) {
            if (!PointStatus.OK.equals(r.status())) {
                o.println("  " + r.status() + " " + r.point() + (r.error() == null ? "" : ": " + r.error()));
            } else if (!SweepResults.diverged(r.metrics()).isEmpty()) {
                o.println("  ok " + r.point() + " " + SweepResults.divergedNote(SweepResults.diverged(r.metrics())));
            }
        }
        o.println("summary: " + layout.dir().resolve("summary.csv"));
        o.println("report:  " + report);
        return summary.count(PointStatus.OK) == summary.rows().size() ? Main.OK : Main.INTERNAL;
    }

    /**
     * What to say when the folder holds an earlier plan with points this one does not have: they stay in
     * {@code points/} but leave the summary, which is this plan's. Null when there is nothing to say.
     */
    static String leftOut(SweepLayout layout, SweepPlan plan) {
        if (!Files.isRegularFile(layout.plan())) {
            return null;
        }
        SweepPlan earlier;
        try {
            earlier = SweepPlan.read(layout.plan());
        } catch (UserError unreadable) {
            return null; // replaced by this one's
        }
        java.util.Set<String> now = new java.util.HashSet<>();
        plan.points().forEach(p -> now.add(p.id()));
        List<String> gone = earlier.points().stream().map(SweepPlan.Point::id).filter(id -> !now.contains(id))
                .toList();
        if (gone.isEmpty()) {
            return null;
        }
        return "l96: sweep " + plan.name() + ": this folder holds an earlier sweep with " + gone.size() + " point"
                + (gone.size() == 1 ? "" : "s") + " this one does not have (" + String.join(", ",
                gone.subList(0, Math.min(3, gone.size()))) + (gone.size() > 3 ? ", …" : "") + "): they stay in "
                + layout.dir().resolve("points") + " but leave the summary, which is this sweep's; give --out DIR to "
                + "keep the two apart";
    }

    /**
     * A point is done when it finished ok with the spec it would run now and every output its manifest lists is still
     * there (a point with a stage folder deleted runs again: only that stage is computed).
     */
    static boolean done(SweepLayout layout, SweepPlan.Point p) {
        PointStatus s = PointStatus.read(layout.status(p.id()));
        return s != null && s.ok() && p.specHash().equals(s.specHash())
                && Files.isRegularFile(layout.point(p.id()).resolve(org.l96.run.Runner.MANIFEST))
                && org.l96.run.Manifest.missingOutputs(layout.point(p.id())).isEmpty();
    }

    /** The script's sweep with --vary, --zip and --seeds applied; their mistakes name the option. */
    ExperimentSpec withOptions(ExperimentSpec spec) {
        if (vary.isEmpty() && !zip && seeds == null) {
            return spec;
        }
        SweepSpec base = spec.sweep() != null ? spec.sweep() : new SweepSpec(org.l96.spec.Vocabulary.Combine.PRODUCT.word(), List.of(), 1);
        List<SweepSpec.Axis> axes = base.axes();
        if (!vary.isEmpty()) {
            axes = new ArrayList<>();
            for (String v : vary) {
                int eq = v.indexOf('=');
                if (eq <= 0 || eq == v.length() - 1) {
                    throw new UserError("--vary " + v + ": expected PATH=V1,V2,…, e.g. --vary world.forcing=16,18,20");
                }
                axes.add(new SweepSpec.Axis(v.substring(0, eq).trim(), values(v.substring(eq + 1))));
            }
        }
        SweepSpec sweep = new SweepSpec(zip ? org.l96.spec.Vocabulary.Combine.ZIP.word() : base.combine(), axes, seeds != null ? seeds : base.seeds());
        ExperimentSpec with = SweepPlan.withNameAndSweep(spec, spec.name(), sweep);
        List<Problem> problems = new ArrayList<>();
        for (Problem p : SpecValidator.validate(with)) {
            if (p.path().startsWith("sweep")) {
                problems.add(p);
            }
        }
        if (!problems.isEmpty()) {
            List<String> lines = new ArrayList<>();
            for (Problem p : problems) {
                lines.add(optionOf(p.path()) + ": " + p.message());
            }
            throw new UserError(String.join("\nl96: ", lines));
        }
        return with;
    }

    /** The comma-separated values of a --vary; a list value keeps its commas: {@code [none],[none, ann]}. */
    static List<String> values(String text) {
        List<String> values = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char c : text.toCharArray()) {
            depth += c == '[' ? 1 : c == ']' ? -1 : 0;
            if (c == ',' && depth == 0) {
                values.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        values.add(current.toString().trim());
        return values;
    }

    private String optionOf(String path) {
        Matcher m = AXIS.matcher(path);
        if (m.matches() && !vary.isEmpty()) {
            int i = Integer.parseInt(m.group(1));
            return i < vary.size() ? "--vary " + vary.get(i) : "--vary";
        }
        if (path.startsWith("sweep.seeds")) {
            return "--seeds " + seeds;
        }
        if (path.startsWith("sweep.combine") || path.startsWith("sweep.axes")) {
            return zip ? "--zip" : "the script's sweep";
        }
        return path;
    }

    static void printTable(SweepPlan plan, SweepLayout layout, PrintStream o) {
        List<String> header = new ArrayList<>(List.of("#", "point"));
        plan.axes().forEach(a -> header.add(a.path()));
        header.addAll(List.of("rep", "seed", "state"));
        List<List<String>> rows = new ArrayList<>();
        for (SweepPlan.Point p : plan.points()) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(p.index()), p.id()));
            plan.axes().forEach(a -> row.add(p.values().get(a.path())));
            row.addAll(List.of(String.valueOf(p.repetition()), String.valueOf(p.seed()),
                    done(layout, p) ? "done" : "to run"));
            rows.add(row);
        }
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> r : rows) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        }
        Map<Integer, Integer> w = new LinkedHashMap<>();
        for (int i = 0; i < widths.length; i++) {
            w.put(i, widths[i]);
        }
        o.println(line(header, w));
        for (List<String> r : rows) {
            o.println(line(r, w));
        }
    }

    private static String line(List<String> cells, Map<Integer, Integer> widths) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            b.append(String.format("%-" + widths.get(i) + "s", cells.get(i)));
            if (i < cells.size() - 1) {
                b.append("  ");
            }
        }
        return b.toString().stripTrailing();
    }
}

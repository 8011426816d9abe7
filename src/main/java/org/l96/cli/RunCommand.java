package org.l96.cli;

import org.l96.dsl.ScriptLoader;
import org.l96.run.CancelToken;
import org.l96.run.ExperimentRunner;
import org.l96.run.FolderLock;
import org.l96.run.Runner;
import org.l96.run.SimulationFiles;
import org.l96.run.UserError;
import org.l96.run.stages.ChartOutputs;
import org.l96.run.stages.EvaluationOutputs;
import org.l96.run.stages.LrRangeTestOutputs;
import org.l96.run.stages.TrainOutputs;
import org.l96.spec.ExperimentSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;

/** {@code l96 run}: every stage of an experiment, reusing those whose inputs did not change. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run an experiment script: simulate, train, evaluate, draw. Stages whose inputs are unchanged "
                + "since the last run are reused; results go to OUT/<experiment>/ with a manifest.json."})
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCRIPT", description = "the experiment script (.groovy)")
    Path script;
    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: output)")
    Path outGiven;
    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "override a spec field by its dotted path as "
            + "'l96 spec' prints it, e.g. --set world.forcing=20 --set networks.ann.train.epochs=5; the results go to "
            + "the experiment's own folder, replacing an earlier run's (use --out to keep runs apart)")
    List<String> sets = new ArrayList<>();
    @Option(names = "--fresh", description = "recompute every stage, reusing nothing")
    boolean fresh;
    @Option(names = "--parallel", paramLabel = "N", description = "stages run at once (default: the number of "
            + "cores, ${DEFAULT-VALUE})")
    int parallel = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws Exception {
        if (parallel < 1) {
            throw new UserError("--parallel " + parallel + ": at least 1");
        }
        ScriptLoader.Loaded loaded = ScriptLoader.loadWithOrigins(script, sets);
        Path out = outGiven != null ? outGiven : Path.of("output");
        OutputFolder.check("--out", out);
        ExperimentSpec spec = loaded.spec();
        String notice = OverrideNotice.of(sets, spec, out.resolve(spec.name()), outGiven != null);
        if (notice != null) {
            System.err.println(notice);
        }
        CountDownLatch finished = new CountDownLatch(1);
        CancelToken cancel = new CancelToken();
        Thread hook = new Thread(() -> {
            cancel.cancel();
            System.err.println("\nl96: stopping: finishing the manifest (Ctrl-C again to kill at once)");
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        Runner.Result result;
        try {
            try {
                result = ExperimentRunner.inFolder(out).fresh(fresh).parallel(parallel).cancel(cancel).run(spec);
            } catch (FolderLock.Interrupted stopped) {
                System.err.println("l96: " + stopped.getMessage() + "; nothing was run");
                return Main.INTERNAL;
            }
            // printed before the hook lets the JVM exit, so an interrupted run still says what it kept
            Summary.print(result, System.out, stage -> loaded.where().apply(specPathOf(stage, spec)));
        } finally {
            finished.countDown();
            org.l96.run.ShutdownHooks.remove(hook);
        }
        if (result.ok()) {
            return Main.OK;
        }
        boolean userOnly = result.failed().stream().allMatch(r -> r.error() != null
                && !r.error().startsWith("internal error") && !r.error().startsWith(Runner.INTERRUPTED));
        return userOnly && !result.failed().isEmpty() ? Main.USER : Main.INTERNAL;
    }

    /** The part of the spec a stage comes from, to point a failure at the script line that declared it. */
    static String specPathOf(String stage, ExperimentSpec spec) {
        if (TrainOutputs.networkOf(stage) != null) {
            return "networks." + TrainOutputs.networkOf(stage);
        }
        if (LrRangeTestOutputs.testOf(stage) != null) {
            return "lrRangeTests." + LrRangeTestOutputs.testOf(stage);
        }
        if (EvaluationOutputs.evaluationOf(stage) != null) {
            return "evaluations." + EvaluationOutputs.evaluationOf(stage);
        }
        String file = ChartOutputs.fileOf(stage);
        if (file != null) {
            for (int i = 0; i < spec.charts().size(); i++) {
                if (spec.charts().get(i).file().equals(file)) {
                    return "charts." + i;
                }
            }
        }
        // what fails in a simulation that validated is the world diverging: its dt and integrator are to blame
        return stage.equals(SimulationFiles.STAGE) ? "world.dt" : "";
    }
}

package org.l96.cli;

import org.l96.run.CancelToken;
import org.l96.run.UserError;
import org.l96.sweep.PointRun;
import org.l96.sweep.PointServer;
import org.l96.sweep.PointStatus;
import org.l96.sweep.SweepLayout;
import org.l96.sweep.SweepPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code l96 sweep-point} (hidden): what a sweep worker runs. With {@code --index I}, one point of a written plan
 * (a SLURM array task); with {@code --serve}, a local worker JVM that runs the points whose indices arrive on
 * standard input, one a line, {@code --slots} of them at once ({@link PointServer}), answering
 * {@code l96-point-done I} on standard output after each, so that JVM start, ND4J initialization and the JIT's
 * warm-up are paid once per worker, not once per point or per slot.
 */
@Command(name = "sweep-point", hidden = true, description = "Run points of a sweep plan (used by 'l96 sweep').")
final class SweepPointCommand implements Callable<Integer> {
    static final String DONE = org.l96.sweep.LocalExecutor.DONE;

    @Option(names = "--plan", required = true, paramLabel = "FILE")
    Path plan;
    @Option(names = "--sweep-dir", paramLabel = "DIR", description = "the sweep folder (default: the plan's folder)")
    Path sweepDir;
    @Option(names = "--index", paramLabel = "I", description = "the point's index in the plan")
    Integer index;
    @Option(names = "--serve", description = "run the indices read from standard input, one a line")
    boolean serve;
    @Option(names = "--threads", paramLabel = "N", description = "stages at once (default: ${DEFAULT-VALUE})")
    int threads = 1;
    @Option(names = "--slots", paramLabel = "N", description = "with --serve: points at once, one thread each "
            + "(default: ${DEFAULT-VALUE})")
    int slots = 1;

    @Override
    public Integer call() throws IOException {
        SweepPlan p = SweepPlan.read(plan);
        SweepLayout layout = SweepLayout.ofSweepDir(sweepDir != null ? sweepDir : plan.toAbsolutePath().getParent());
        // Ctrl-C or SIGTERM (the sweep stopping its workers): the points running stop as l96 run stops, keeping
        // what they finished, and the JVM waits for them (30 s at most)
        CancelToken cancel = new CancelToken();
        java.util.concurrent.Phaser running = new java.util.concurrent.Phaser(1);
        Thread hook = new Thread(() -> {
            cancel.cancel();
            try {
                running.awaitAdvanceInterruptibly(running.arrive(), 30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
                // exit anyway
            }
        }, "l96-worker-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        if (serve) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            PrintStream protocol = System.out;
            // standard output carries the protocol alone: anything a stage prints goes to the worker's log
            System.setOut(System.err);
            Files.createDirectories(layout.logs());
            PointServer.serve(in, protocol, slots, i -> {
                SweepPlan.Point point = point(p, i);
                if (cancel.isCancelled()) {
                    return; // stopping: start nothing
                }
                running.register();
                try (PrintStream log = new PrintStream(Files.newOutputStream(layout.log(point.id())), true,
                        StandardCharsets.UTF_8)) {
                    PointRun.run(layout, point, threads, log, cancel);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } finally {
                    running.arriveAndDeregister();
                }
            }, System.err);
            return Main.OK;
        }
        if (index == null) {
            throw new UserError("sweep-point needs --index I or --serve");
        }
        SweepPlan.Point point = point(p, index);
        running.register();
        PointStatus s;
        try {
            s = PointRun.run(layout, point, threads, System.err, cancel);
        } finally {
            running.arriveAndDeregister();
        }
        System.err.println("l96: point " + point.id() + ": " + s.status() + (s.ok() ? "" : ": " + s.error()));
        return s.ok() ? Main.OK : Main.INTERNAL;
    }

    private static SweepPlan.Point point(SweepPlan p, int i) {
        if (i < 0 || i >= p.points().size()) {
            throw new UserError("--index " + i + " is outside 0.." + (p.points().size() - 1));
        }
        return p.points().get(i);
    }
}

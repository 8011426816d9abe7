package org.l96.sweep;

import org.l96.run.CancelToken;
import org.l96.run.ExperimentRunner;
import org.l96.run.Runner;
import org.l96.run.StageRecord;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.stream.Collectors;

/**
 * Runs one point of a sweep in this process (what each worker JVM or SLURM array task does): the point's experiment
 * into {@code points/<id>/} with the shared stage cache, then its {@code status/<id>.json}.
 */
public final class PointRun {
    private PointRun() {
    }

    /**
     * Runs the point; {@code cancel} stops it as Ctrl-C stops {@code l96 run} (the stages running keep what they
     * finished, the point is recorded as failed: interrupted, and the next sweep runs it again).
     */
    public static PointStatus run(SweepLayout layout, SweepPlan.Point point, int threads, PrintStream log,
                                  CancelToken cancel) {
        long t0 = System.nanoTime();
        PointStatus status;
        try {
            Files.createDirectories(layout.points());
            Runner.Result result = ExperimentRunner.inFolder(layout.points()).parallel(threads).log(log)
                    .terminal(false).cache(layout.cache()).cancel(cancel).run(point.spec());
            String error = result.ok() ? null : result.failed().stream()
                    .map(r -> r.name() + ": " + r.error()).collect(Collectors.joining("; "));
            if (error == null && result.stages().stream().anyMatch(r -> !StageRecord.OK.equals(r.status()))) {
                error = "some stages did not run";
            }
            status = new PointStatus(point.id(), error == null ? PointStatus.OK : PointStatus.FAILED, error,
                    seconds(t0), point.specHash());
        } catch (IOException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // a point that fails, even by exhausting its stack or the heap, is this point's failure alone: the
            // other points of a worker JVM go on
            status = new PointStatus(point.id(), PointStatus.FAILED, e.getClass().getSimpleName() + ": "
                    + e.getMessage(), seconds(t0), point.specHash());
        }
        try {
            status.write(layout.status(point.id()));
        } catch (IOException e) {
            log.println("l96: cannot write the status of point " + point.id() + ": " + e.getMessage());
        }
        return status;
    }

    static double seconds(long t0) {
        return Math.round((System.nanoTime() - t0) / 1e6) / 1000.0;
    }
}

package org.l96.run;

import org.l96.spec.ExperimentSpec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/** What a running stage sees: its (temporary) output folder, its inputs' folders, the spec, progress and metrics. */
public final class StageContext {
    private final Stage stage;
    private final Path dir;
    private final Map<String, Path> inputDirs;
    private final ExperimentSpec spec;
    private final ProgressReporter.Task progress;
    private final ConcurrentMap<String, Object> memo;
    private final Map<String, Object> metrics = new LinkedHashMap<>();
    private final java.util.List<String> warnings = new java.util.ArrayList<>();
    private Map<String, String> failedInputs = Map.of();
    private final CancelToken cancel;

    StageContext(Stage stage, Path dir, Map<String, Path> inputDirs, ExperimentSpec spec,
                 ProgressReporter.Task progress, CancelToken cancel, ConcurrentMap<String, Object> memo) {
        this.cancel = cancel;
        this.stage = stage;
        this.dir = dir;
        this.inputDirs = inputDirs;
        this.spec = spec;
        this.progress = progress;
        this.memo = memo;
    }

    /** Where this stage writes its outputs (renamed into place only when the stage succeeds). */
    public Path dir() {
        return dir;
    }

    /**
     * Inputs that failed or were skipped in this run, with why ({@code "failed: …"}, {@code "skipped: …"}): only a
     * stage that {@link Stage#runsDespiteFailedInputs() runs despite failed inputs} sees any. Their folders may
     * hold an older result: do not read them.
     */
    public Map<String, String> failedInputs() {
        return failedInputs;
    }

    void failedInputs(Map<String, String> failed) {
        this.failedInputs = Map.copyOf(failed);
    }

    /** The finished output folder of an input stage. */
    public Path input(String stageName) {
        Path p = inputDirs.get(stageName);
        if (p == null) {
            throw new IllegalStateException(stage.name() + " reads " + stageName + " without declaring it");
        }
        return p;
    }

    public ExperimentSpec spec() {
        return spec;
    }

    public ProgressReporter.Task progress() {
        return progress;
    }

    /**
     * A value computed once per run and shared between stages (e.g. the simulation loaded from disk), keyed by what
     * it is made from. Stages that ask at the same time wait for one computation; {@code make} may itself ask for
     * other shared values.
     */
    @SuppressWarnings("unchecked")
    public <T> T shared(String key, Supplier<T> make) {
        FutureTask<Object> task = new FutureTask<>(make::get);
        Object existing = memo.putIfAbsent(key, task);
        FutureTask<Object> f = existing == null ? task : (FutureTask<Object>) existing;
        if (existing == null) {
            task.run();
        }
        try {
            return (T) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (ExecutionException e) {
            memo.remove(key, f); // a failure is not cached: a later stage may try again
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** A shared value if some stage has already computed it, else null. */
    @SuppressWarnings("unchecked")
    public <T> T sharedIfPresent(String key) {
        Object f = memo.get(key);
        if (f instanceof FutureTask<?> task && task.isDone()) {
            try {
                return (T) task.get();
            } catch (InterruptedException | ExecutionException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * Records a metric for the manifest under a dotted path such as {@code networks.ann}; values are anything Jackson
     * can write. Metrics are stored with the stage, so cached stages still report them.
     */
    public synchronized void metric(String path, Object value) {
        metrics.put(path, value);
    }

    synchronized Map<String, Object> metrics() {
        return new LinkedHashMap<>(metrics);
    }

    /**
     * Says that the stage finished but something in its result is wrong (a training that diverged, a scheme that blew
     * up): the run's progress marks the stage with ⚠ and the message instead of ✓. What the summary and the report
     * show comes from the metrics, so record the fact there too.
     */
    public synchronized void warn(String message) {
        warnings.add(message);
    }

    synchronized java.util.List<String> warnings() {
        return java.util.List.copyOf(warnings);
    }

    /** True once the user asked the run to stop (Ctrl-C); long loops should check it and end cleanly. */
    public boolean cancelled() {
        return Thread.currentThread().isInterrupted() || cancel.isCancelled();
    }
}

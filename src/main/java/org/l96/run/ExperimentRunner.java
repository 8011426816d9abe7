package org.l96.run;

import org.l96.spec.ExperimentSpec;
import org.l96.spec.SpecValidator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The one way to run an experiment, used by {@code l96 run}, by each point of a sweep and from Java:
 * {@code ExperimentRunner.inFolder(Path.of("output")).run(spec)} validates the spec, plans its stages and runs them
 * into {@code <out>/<experiment>/}, reusing unchanged ones.
 */
public final class ExperimentRunner {
    private final Path out;
    private boolean fresh;
    private int parallel = Runtime.getRuntime().availableProcessors();
    private PrintStream log = System.err;
    private Boolean terminal;
    private Path cache;
    private CancelToken cancel = new CancelToken();

    private ExperimentRunner(Path out) {
        this.out = out;
    }

    public static ExperimentRunner inFolder(Path out) {
        return new ExperimentRunner(out);
    }

    /** Recompute every stage instead of reusing unchanged ones. */
    public ExperimentRunner fresh(boolean fresh) {
        this.fresh = fresh;
        return this;
    }

    /** How many stages may run at once (default: the number of cores). */
    public ExperimentRunner parallel(int stages) {
        this.parallel = stages;
        return this;
    }

    /** Where progress goes (default: standard error). */
    public ExperimentRunner log(PrintStream log) {
        this.log = log;
        return this;
    }

    /** Whether the log is a terminal that takes a live progress line (default: whether standard error is one). */
    public ExperimentRunner terminal(boolean terminal) {
        this.terminal = terminal;
        return this;
    }

    /** Shares finished stages with other experiments through {@code cacheRoot} (see {@link Runner#withCache}). */
    public ExperimentRunner cache(Path cacheRoot) {
        this.cache = cacheRoot;
        return this;
    }

    /** Stops the run when {@code token} is cancelled (default: nothing stops it). */
    public ExperimentRunner cancel(CancelToken token) {
        this.cancel = token;
        return this;
    }

    /**
     * Validates, plans and runs.
     *
     * @throws org.l96.spec.SpecException when the spec is not valid (nothing is run)
     * @throws FolderLock.Interrupted when cancelled while waiting for another run into the same folder
     */
    public Runner.Result run(ExperimentSpec spec) throws IOException {
        // loaded networks and datasets: their files fill in and check the spec (a script's loader did it already)
        ExternalInputs.Completed completed = ExternalInputs.complete(spec, ExternalInputs.differsFromDefault(spec));
        if (!completed.problems().isEmpty()) {
            throw new org.l96.spec.SpecException(completed.problems());
        }
        spec = completed.spec();
        SpecValidator.requireValid(spec);
        return new Runner(out, log, terminal != null ? terminal : ProgressReporter.isTerminal(), parallel)
                .withCache(cache).withCancel(cancel).run(spec, Planner.plan(spec), fresh);
    }
}

package org.l96.run;

import org.l96.spec.ExperimentSpec;
import org.l96.spec.SpecValidator;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Running an experiment from Java, as {@code l96 run} does for scripts:
 * {@code ExperimentRunner.inFolder(Path.of("output")).run(spec)}.
 */
public final class ExperimentRunner {
    private final Path out;
    private boolean fresh;
    private int parallel = Runtime.getRuntime().availableProcessors();

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

    /** Validates, plans and runs; progress goes to standard error. */
    public Runner.Result run(ExperimentSpec spec) throws IOException {
        SpecValidator.requireValid(spec);
        return new Runner(out, System.err, ProgressReporter.isTerminal(), parallel)
                .run(spec, Planner.plan(spec), fresh);
    }
}

package org.l96.dsl;

import org.l96.spec.Defaults;
import org.l96.spec.EvaluationSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * {@code ensemble('ics') { compare 'linear', 'ann'; initialConditions 100; every 0.1; duration 1 }}: many short runs
 * from successive truth states, summing |X_true − X_model|.
 */
public final class EnsembleBuilder extends DslBuilder {
    private String segment;
    /** The notebook's 100-initial-condition test. */
    public static final int INITIAL_CONDITIONS = Defaults.ENSEMBLE_INITIAL_CONDITIONS;
    /** 0.1 time units: 10 samples of the notebook's 0.01. */
    public static final double EVERY = Defaults.ENSEMBLE_EVERY;
    public static final int FIRST = Defaults.ENSEMBLE_FIRST;
    public static final double DURATION = Defaults.ENSEMBLE_DURATION;

    private final String name;
    private final List<String> compare = new ArrayList<>();
    private Double forcing;
    private String stepper;
    private Double dt;
    private int initialConditions = INITIAL_CONDITIONS;
    private double every = EVERY;
    private final DoubleSupplier sampleInterval;
    private int first = FIRST;
    private double duration = DURATION;

    EnsembleBuilder(DslContext context, String name, DoubleSupplier sampleInterval) {
        super(context, "evaluations." + name);
        this.name = name;
        this.sampleInterval = sampleInterval;
    }

    @Override
    String blockName() {
        return "ensemble '" + name + "'";
    }

    @Override
    String usage(String word) {
        return "every".equals(word) ? "a time in model time units, a whole multiple of the sampling interval "
                + "(every 0.1)" : null;
    }

    /** Parameterizations to run: {@code 'none'}, network names, polynomial names. Adds to earlier ones. */
    public EnsembleBuilder compare(String... parameterizations) {
        return compare(List.of(parameterizations));
    }

    public EnsembleBuilder compare(List<?> parameterizations) {
        compare.addAll(names("compare", parameterizations, set("compare", "compare")));
        return this;
    }

    /** Number of runs (initial conditions). */
    public EnsembleBuilder initialConditions(int runs) {
        set("initialConditions", "initialConditions");
        this.initialConditions = runs;
        return this;
    }

    /** Model time units between successive initial conditions (a whole multiple of the sampling interval). */
    public EnsembleBuilder every(double timeUnits) {
        set("every", "every");
        this.every = timeUnits;
        return this;
    }

    /**
     * Refused: a whole number was a sample count before {@code every} became time units, and taking it in the new
     * unit would change an old script's results silently. The message gives the time it meant.
     */
    public EnsembleBuilder every(int samples) {
        issue("every", EvaluationSpec.Ensemble.everyInSamplesMessage(samples, sampleInterval.getAsDouble()),
                set("every", "every"));
        return this;
    }

    /** Sample index of the first initial condition. */
    public EnsembleBuilder first(int sample) {
        set("first", "first");
        this.first = sample;
        return this;
    }

    /** Model time units each run lasts. */
    public EnsembleBuilder duration(double timeUnits) {
        set("duration", "duration");
        this.duration = timeUnits;
        return this;
    }

    /**
     * Forcing F of this evaluation's real world and coarse model (default: the world's); the parameterizations stay
     * as trained on the world's data.
     */
    public EnsembleBuilder forcing(double f) {
        set("forcing", "forcing");
        this.forcing = f;
        return this;
    }

    /**
     * The segment of the truth the initial conditions are drawn from: {@code 'train'}, {@code 'validation'},
     * {@code 'test'} or {@code 'all'} (default: {@code 'test'} for a forecast when the data hold a test segment, else
     * {@code 'all'}). Sample indices count from the segment's first sample.
     */
    public EnsembleBuilder segment(String segment) {
        set("segment", "segment");
        this.segment = segment;
        return this;
    }

    /** The coarse model's time stepping: 'euler', 'rk2' or 'rk4' (default rk4). */
    public EnsembleBuilder stepper(String scheme) {
        set("stepper", "stepper");
        this.stepper = scheme;
        return this;
    }

    /** The coarse model's step, in model time units; must divide the sampling interval (default: it). */
    public EnsembleBuilder dt(double step) {
        set("dt", "dt");
        this.dt = step;
        return this;
    }

    EvaluationSpec.Ensemble toSpec() {
        return new EvaluationSpec.Ensemble(compare, initialConditions, every, first, duration, forcing,
                stepper, dt, segment);
    }
}

package org.l96.dsl;

import org.l96.spec.EvaluationSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code ensemble('ics') { compare 'linear', 'ann'; initialConditions 100; every 10; duration 1 }}: many short runs
 * from successive truth states, summing |X_true − X_model|.
 */
public final class EnsembleBuilder extends DslBuilder {
    /** The notebook's 100-initial-condition test. */
    public static final int INITIAL_CONDITIONS = 100;
    public static final int EVERY = 10;
    public static final int FIRST = 0;
    public static final double DURATION = 1;

    private final String name;
    private final List<String> compare = new ArrayList<>();
    private Double forcing;
    private int initialConditions = INITIAL_CONDITIONS;
    private int every = EVERY;
    private int first = FIRST;
    private double duration = DURATION;

    EnsembleBuilder(DslContext context, String name) {
        super(context, "evaluations." + name);
        this.name = name;
    }

    @Override
    String blockName() {
        return "ensemble '" + name + "'";
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

    /** Samples between successive initial conditions. */
    public EnsembleBuilder every(int samples) {
        set("every", "every");
        this.every = samples;
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

    EvaluationSpec.Ensemble toSpec() {
        return new EvaluationSpec.Ensemble(compare, initialConditions, every, first, duration, forcing);
    }
}

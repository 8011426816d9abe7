package org.l96.dsl;

import org.l96.spec.Defaults;
import org.l96.spec.EvaluationSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code trajectory('T10') { start(-1); duration 10; compare 'none', 'linear' }}: single coarse-model runs from one
 * truth state, each parameterization against the real world.
 */
public final class TrajectoryBuilder extends DslBuilder {
    private String segment;
    /** The notebook's choice: the last truth state, ten time units. */
    public static final int START = Defaults.TRAJECTORY_START;
    public static final double DURATION = Defaults.TRAJECTORY_DURATION;

    private final String name;
    private final List<String> compare = new ArrayList<>();
    private Double forcing;
    private int start = START;
    private double duration = DURATION;
    private Double dt;
    private String stepper;

    TrajectoryBuilder(DslContext context, String name) {
        super(context, "evaluations." + name);
        this.name = name;
    }

    @Override
    String blockName() {
        return "trajectory '" + name + "'";
    }

    @Override
    String usage(String word) {
        return "start".equals(word) ? "a sample index; negative counts from the end: start(-1) is the last" : null;
    }

    /** Sample index of the initial state; -1 is the last sample (write {@code start(-1)}: parentheses). */
    public TrajectoryBuilder start(int sample) {
        set("start", "start");
        this.start = sample;
        return this;
    }

    /** Model time units each run lasts. */
    public TrajectoryBuilder duration(double timeUnits) {
        set("duration", "duration");
        this.duration = timeUnits;
        return this;
    }

    /** Time step of the coarse model (default: the sampling interval). */
    public TrajectoryBuilder dt(double timeUnits) {
        set("dt", "dt");
        this.dt = timeUnits;
        return this;
    }

    /** Parameterizations to run: {@code 'none'}, network names, polynomial names. Adds to earlier ones. */
    public TrajectoryBuilder compare(String... parameterizations) {
        return compare(List.of(parameterizations));
    }

    public TrajectoryBuilder compare(List<?> parameterizations) {
        compare.addAll(names("compare", parameterizations, set("compare", "compare")));
        return this;
    }

    /**
     * Forcing F of this evaluation's real world and coarse model (default: the world's); the parameterizations stay
     * as trained on the world's data.
     */
    public TrajectoryBuilder forcing(double f) {
        set("forcing", "forcing");
        this.forcing = f;
        return this;
    }

    /**
     * The segment of the truth the initial conditions are drawn from: {@code 'train'}, {@code 'validation'},
     * {@code 'test'} or {@code 'all'} (default: {@code 'test'} for a forecast when the data hold a test segment, else
     * {@code 'all'}). Sample indices count from the segment's first sample.
     */
    public TrajectoryBuilder segment(String segment) {
        set("segment", "segment");
        this.segment = segment;
        return this;
    }

    /** The coarse model's time stepping: 'euler', 'rk2' or 'rk4' (default rk4). */
    public TrajectoryBuilder stepper(String scheme) {
        set("stepper", "stepper");
        this.stepper = scheme;
        return this;
    }

    EvaluationSpec.Trajectory toSpec() {
        return new EvaluationSpec.Trajectory(compare, start, duration, dt, forcing, stepper, segment);
    }
}

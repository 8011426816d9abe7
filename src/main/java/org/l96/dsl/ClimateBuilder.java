package org.l96.dsl;

import org.l96.spec.Defaults;
import org.l96.spec.EvaluationSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code climate('long') { compare 'none', 'ann'; duration 100 }}: long runs compared with the real world's
 * statistics, each distance next to its noise floor.
 */
public final class ClimateBuilder extends DslBuilder {
    public static final double DURATION = Defaults.CLIMATE_DURATION;
    public static final double SPIN_UP = Defaults.CLIMATE_SPIN_UP;
    public static final double BIN_WIDTH = Defaults.CLIMATE_BIN_WIDTH;
    public static final double BIN_FROM = Defaults.CLIMATE_BIN_FROM;
    public static final double BIN_TO = Defaults.CLIMATE_BIN_TO;
    public static final double MAX_LAG = Defaults.CLIMATE_MAX_LAG;

    private final String name;
    private final List<String> compare = new ArrayList<>();
    private Double forcing;
    private String stepper;
    private Double dt;
    private double duration = DURATION;
    private double spinUp = SPIN_UP;
    private double binWidth = BIN_WIDTH;
    private double binFrom = BIN_FROM;
    private double binTo = BIN_TO;
    private double maxLag = MAX_LAG;

    ClimateBuilder(DslContext context, String name) {
        super(context, "evaluations." + name);
        this.name = name;
    }

    @Override
    String blockName() {
        return "climate '" + name + "'";
    }

    @Override
    String usage(String word) {
        return "binRange".equals(word) ? "two numbers, the start and end of the bins: binRange(-15, 25)" : null;
    }

    /** Parameterizations to run: {@code 'none'}, network names, polynomial names. Adds to earlier ones. */
    public ClimateBuilder compare(String... parameterizations) {
        return compare(List.of(parameterizations));
    }

    public ClimateBuilder compare(List<?> parameterizations) {
        compare.addAll(names("compare", parameterizations, set("compare", "compare")));
        return this;
    }

    /** Model time units of each run that count (after the spin-up). */
    public ClimateBuilder duration(double timeUnits) {
        set("duration", "duration");
        this.duration = timeUnits;
        return this;
    }

    /** Model time units run and discarded first. */
    public ClimateBuilder spinUp(double timeUnits) {
        set("spinUp", "spinUp");
        this.spinUp = timeUnits;
        return this;
    }

    /** Width of the PDF's bins. */
    public ClimateBuilder binWidth(double width) {
        set("binWidth", "binWidth");
        this.binWidth = width;
        return this;
    }

    /** The range [from, to) the bins cover. */
    public ClimateBuilder binRange(double from, double to) {
        Origin at = set("binRange", "binFrom");
        context.record(path + ".binTo", at);
        this.binFrom = from;
        this.binTo = to;
        return this;
    }

    /** Longest lag of the autocorrelation, in model time units. */
    public ClimateBuilder maxLag(double timeUnits) {
        set("maxLag", "maxLag");
        this.maxLag = timeUnits;
        return this;
    }

    /**
     * Forcing F of this evaluation's real world and coarse model (default: the world's); the parameterizations stay
     * as trained on the world's data.
     */
    public ClimateBuilder forcing(double f) {
        set("forcing", "forcing");
        this.forcing = f;
        return this;
    }

    /** The coarse model's time stepping: 'euler', 'rk2' or 'rk4' (default rk4). */
    public ClimateBuilder stepper(String scheme) {
        set("stepper", "stepper");
        this.stepper = scheme;
        return this;
    }

    /** The coarse model's step, in model time units; must divide the sampling interval (default: it). */
    public ClimateBuilder dt(double step) {
        set("dt", "dt");
        this.dt = step;
        return this;
    }

    EvaluationSpec.Climate toSpec() {
        return new EvaluationSpec.Climate(compare, duration, spinUp, binWidth, binFrom, binTo, maxLag, forcing,
                stepper, dt);
    }
}

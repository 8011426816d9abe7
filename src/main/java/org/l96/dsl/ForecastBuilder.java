package org.l96.dsl;

import org.l96.spec.Defaults;
import org.l96.spec.EvaluationSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code forecast('skill') { compare 'none', 'cubic', 'ann'; initialConditions 300; every 10; lead 3 }}: forecast
 * skill from many well-separated truth states, with bootstrap intervals and reference curves.
 */
public final class ForecastBuilder extends DslBuilder {
    private String segment;
    /** Enough well-separated runs to tell good schemes apart (differences of ~0.05 time units of VPT). */
    public static final int INITIAL_CONDITIONS = Defaults.FORECAST_INITIAL_CONDITIONS;
    /** Time units between initial conditions: far beyond the decorrelation time, so runs are independent. */
    public static final double EVERY = Defaults.FORECAST_EVERY;
    public static final double LEAD = Defaults.FORECAST_LEAD;
    public static final int BOOTSTRAP = Defaults.FORECAST_BOOTSTRAP;
    public static final boolean CEILING = Defaults.FORECAST_CEILING;

    private final String name;
    private final List<String> compare = new ArrayList<>();
    private Double forcing;
    private int initialConditions = INITIAL_CONDITIONS;
    private double every = EVERY;
    private double lead = LEAD;
    private int bootstrap = BOOTSTRAP;
    private boolean ceiling = CEILING;
    private Integer members;
    private Double perturbation;
    private List<Double> rankLeads;
    private String stepper;
    private Double dt;

    ForecastBuilder(DslContext context, String name) {
        super(context, "evaluations." + name);
        this.name = name;
    }

    @Override
    String blockName() {
        return "forecast '" + name + "'";
    }

    /** Parameterizations to score: network names, polynomial names ('none' is always scored). Adds up. */
    public ForecastBuilder compare(String... parameterizations) {
        return compare(List.of(parameterizations));
    }

    public ForecastBuilder compare(List<?> parameterizations) {
        compare.addAll(names("compare", parameterizations, set("compare", "compare")));
        return this;
    }

    /** Number of runs (initial conditions). */
    public ForecastBuilder initialConditions(int runs) {
        set("initialConditions", "initialConditions");
        this.initialConditions = runs;
        return this;
    }

    /** Model time units between successive initial conditions. */
    public ForecastBuilder every(double timeUnits) {
        set("every", "every");
        this.every = timeUnits;
        return this;
    }

    /** Longest lead time, in model time units. */
    public ForecastBuilder lead(double timeUnits) {
        set("lead", "lead");
        this.lead = timeUnits;
        return this;
    }

    /** Bootstrap resamples over initial conditions for the 95% intervals. */
    public ForecastBuilder bootstrap(int resamples) {
        set("bootstrap", "bootstrap");
        this.bootstrap = resamples;
        return this;
    }

    /** Whether to score the ceiling: the two-scale model from the true X with freshly drawn Y. */
    public ForecastBuilder ceiling(boolean on) {
        set("ceiling", "ceiling");
        this.ceiling = on;
        return this;
    }

    /**
     * Forcing F of this evaluation's real world and coarse model (default: the world's); the parameterizations stay
     * as trained on the world's data.
     */
    public ForecastBuilder forcing(double f) {
        set("forcing", "forcing");
        this.forcing = f;
        return this;
    }

    /**
     * Runs per initial condition (an ensemble forecast; default 1): the members differ in their noise (stochastic
     * schemes) and in their {@link #perturbation}. With 2 or more, the ensemble's scores are added.
     */
    public ForecastBuilder members(int runs) {
        set("members", "members");
        this.members = runs;
        return this;
    }

    /** Standard deviation of the Gaussian perturbation added to each member's initial X (default 0). */
    public ForecastBuilder perturbation(double sd) {
        set("perturbation", "perturbation");
        this.perturbation = sd;
        return this;
    }

    /** Leads (model time units) at which to keep the rank histogram of an ensemble forecast; each once. */
    public ForecastBuilder rankLeads(double... leads) {
        Origin at = set("rankLeads", "rankLeads");
        if (leads.length == 0) {
            issue("rankLeads", "rankLeads takes " + takes("rankLeads"), at);
            context.consequenceOfIssue(path + ".rankLeads");
            return this;
        }
        this.rankLeads = java.util.Arrays.stream(leads).boxed().toList();
        return this;
    }

    /** {@code rankLeads([0.5, 1])}: the leads as a list. */
    public ForecastBuilder rankLeads(List<?> leads) {
        Origin at = set("rankLeads", "rankLeads");
        List<Double> values = new java.util.ArrayList<>();
        for (Object v : leads) {
            if (v instanceof Number n) {
                values.add(n.doubleValue());
            } else if (!(v instanceof ErrorValue)) {
                issue("rankLeads", "rankLeads takes " + takes("rankLeads") + ", got " + Words.given(v), at);
                context.consequenceOfIssue(path + ".rankLeads");
                return this;
            }
        }
        if (values.isEmpty()) {
            issue("rankLeads", "rankLeads takes " + takes("rankLeads"), at);
            context.consequenceOfIssue(path + ".rankLeads");
            return this;
        }
        this.rankLeads = values;
        return this;
    }

    @Override
    String usage(String word) {
        return "rankLeads".equals(word) ? "one or more leads in time units, each once (rankLeads 0.5, 1)" : null;
    }

    /** The coarse model's time stepping: 'euler', 'rk2' or 'rk4' (default rk4). */
    public ForecastBuilder stepper(String scheme) {
        set("stepper", "stepper");
        this.stepper = scheme;
        return this;
    }

    /** The coarse model's step, in model time units; must divide the sampling interval (default: it). */
    public ForecastBuilder dt(double step) {
        set("dt", "dt");
        this.dt = step;
        return this;
    }

    /**
     * The segment of the truth the initial conditions are drawn from: {@code 'train'}, {@code 'validation'},
     * {@code 'test'} or {@code 'all'} (default: {@code 'test'} for a forecast when the data hold a test segment, else
     * {@code 'all'}). Sample indices count from the segment's first sample.
     */
    public ForecastBuilder segment(String segment) {
        set("segment", "segment");
        this.segment = segment;
        return this;
    }

    EvaluationSpec.Forecast toSpec() {
        return new EvaluationSpec.Forecast(compare, initialConditions, every, lead, bootstrap, ceiling,
                forcing, members, perturbation, rankLeads, stepper, dt, segment);
    }
}

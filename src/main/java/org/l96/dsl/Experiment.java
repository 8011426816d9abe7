package org.l96.dsl;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import org.l96.spec.DataSpec;
import org.l96.spec.EvaluationSpec;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.LrRangeTestSpec;
import org.l96.spec.NetworkSpec;
import org.l96.spec.PolynomialSpec;
import org.l96.spec.Problem;
import org.l96.spec.SimulationSpec;
import org.l96.spec.SpecException;
import org.l96.spec.SpecValidator;
import org.l96.spec.Suggest;
import org.l96.spec.Vocabulary;
import org.l96.spec.WorldSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * An experiment declaration, the one builder behind both front ends. In Java:
 * <pre>{@code
 * ExperimentSpec spec = Experiment.named("quick").seed(14)
 *     .world(w -> w.forcing(18))
 *     .network("ann", n -> n.layers(l -> l.dense(16, "relu").dense(8))
 *                           .train(t -> t.epochs(50).optimizer(Optimizers.adam(0.003))))
 *     .build();
 * }</pre>
 * In a script, {@code experiment('quick') { … }} runs its block with an {@code Experiment} as delegate. Every
 * block-taking method has a Groovy {@link Closure} form and a Java {@link Consumer} form. Declaring runs nothing.
 */
public final class Experiment extends DslBuilder {
    private final String name;
    private long seed = ExperimentSpec.DEFAULT_SEED;
    private final WorldBuilder world;
    private final SimulationBuilder simulation;
    private final DataBuilder data;
    private final Map<String, NetworkBuilder> networks = new LinkedHashMap<>();
    private final Map<String, PolynomialBuilder> polynomials = new LinkedHashMap<>();
    private final Map<String, LrRangeTestBuilder> lrRangeTests = new LinkedHashMap<>();
    private final Map<String, Supplier<EvaluationSpec>> evaluations = new LinkedHashMap<>();
    private final ChartsBuilder charts;
    private SweepBuilder sweep;

    Experiment(String name, DslContext context) {
        super(context, "");
        this.name = name;
        world = new WorldBuilder(context, WorldSpec.DEFAULT);
        simulation = new SimulationBuilder(context, SimulationSpec.DEFAULT);
        data = new DataBuilder(context, DataSpec.DEFAULT);
        charts = new ChartsBuilder(context);
    }

    /** Starts a declaration in Java. */
    public static Experiment named(String name) {
        return new Experiment(name, DslContext.forJava());
    }

    @Override
    String blockName() {
        return "experiment '" + name + "'";
    }

    @Override
    void issue(String field, String message, Origin at) {
        context.issue(field == null ? "" : field, message, at);
    }

    /** Seed of every random draw (initial state, weights, shuffling). */
    public Experiment seed(long seed) {
        context.record("seed", here("seed"));
        this.seed = seed;
        return this;
    }

    public Experiment world(@DelegatesTo(value = WorldBuilder.class, strategy = Closure.DELEGATE_FIRST)
                            Closure<?> block) {
        context.record("world", here("world"));
        configure(world, block);
        return this;
    }

    public Experiment world(Consumer<WorldBuilder> block) {
        configure(world, block);
        return this;
    }

    public Experiment simulate(@DelegatesTo(value = SimulationBuilder.class, strategy = Closure.DELEGATE_FIRST)
                               Closure<?> block) {
        context.record("simulation", here("simulate"));
        configure(simulation, block);
        return this;
    }

    public Experiment simulate(Consumer<SimulationBuilder> block) {
        configure(simulation, block);
        return this;
    }

    public Experiment data(@DelegatesTo(value = DataBuilder.class, strategy = Closure.DELEGATE_FIRST)
                           Closure<?> block) {
        context.record("data", here("data"));
        configure(data, block);
        return this;
    }

    public Experiment data(Consumer<DataBuilder> block) {
        configure(data, block);
        return this;
    }

    // ---- networks -------------------------------------------------------------------------------------------------

    public Experiment network(String name,
                              @DelegatesTo(value = NetworkBuilder.class, strategy = Closure.DELEGATE_FIRST)
                              Closure<?> block) {
        configure(declareNetwork(name, Map.of()), block);
        return this;
    }

    public Experiment network(String name, Consumer<NetworkBuilder> block) {
        configure(declareNetwork(name, Map.of()), block);
        return this;
    }

    /**
     * {@code network('b', from: 'a') { … }} starts from a copy of a's declaration;
     * {@code network('b', continues: 'a') { … }} also starts from a's trained weights and optimizer state.
     */
    public Experiment network(Map<String, ?> options, String name,
                              @DelegatesTo(value = NetworkBuilder.class, strategy = Closure.DELEGATE_FIRST)
                              Closure<?> block) {
        configure(declareNetwork(name, options), block);
        fromLoaded(name, options);
        return this;
    }

    public Experiment network(Map<String, ?> options, String name, Consumer<NetworkBuilder> block) {
        configure(declareNetwork(name, options), block);
        fromLoaded(name, options);
        return this;
    }

    /** from: a loaded network copies no layers (the file is read later): say so rather than "has no layers". */
    private void fromLoaded(String name, Map<String, ?> options) {
        Object from = options.get("from");
        NetworkBuilder b = networks.get(name);
        NetworkBuilder base = from == null ? null : networks.get(String.valueOf(from));
        if (b == null || base == null || b == base || !base.toSpec().isLoaded()) {
            return;
        }
        NetworkSpec n = b.toSpec();
        if (!n.isLoaded() && n.layers().isEmpty()) {
            String key = "networks." + name;
            context.issue(key + ".layers", "network '" + name + "' is declared from: '" + from + "', which is "
                    + "loaded from a file: from: does not copy a loaded file's layers; give '" + name + "' its own "
                    + "layers { }, or train '" + from + "' further with network('" + name + "', continues: '" + from
                    + "')", context.origin(key));
            context.consequenceOfIssue(key + ".layers");
        }
    }

    /** A network that starts from a copy of {@code base}'s declaration (features, layers, init, loss, training). */
    public Experiment networkFrom(String name, String base,
                                  @DelegatesTo(value = NetworkBuilder.class, strategy = Closure.DELEGATE_FIRST)
                                  Closure<?> block) {
        return network(Map.of("from", base), name, block);
    }

    public Experiment networkFrom(String name, String base, Consumer<NetworkBuilder> block) {
        return network(Map.of("from", base), name, block);
    }

    /** {@code base} trained further: same declaration, starting from its trained weights and optimizer state. */
    public Experiment networkContinuing(String name, String base,
                                        @DelegatesTo(value = NetworkBuilder.class,
                                                strategy = Closure.DELEGATE_FIRST) Closure<?> block) {
        return network(Map.of("continues", base), name, block);
    }

    public Experiment networkContinuing(String name, String base, Consumer<NetworkBuilder> block) {
        return network(Map.of("continues", base), name, block);
    }

    private NetworkBuilder declareNetwork(String name, Map<String, ?> options) {
        Origin at = here("network");
        Options o = new Options(this, "network", options, at, List.of("from", "continues"));
        String from = o.text("from", null);
        String continues = o.text("continues", null);
        String key = "networks." + name;
        if (from != null && continues != null) {
            context.issue(key, "give one of from: and continues:, not both", at);
        }
        if (o.hadUnknownNames() || (from != null && continues != null)) {
            context.consequenceOfIssue(key + ".layers"); // the base it meant is unclear
        }
        String base = continues != null ? continues : from;
        NetworkSpec start = NetworkBuilder.fresh();
        String continueFrom = null;
        if (base != null) {
            NetworkBuilder baseBuilder = networks.get(base);
            if (baseBuilder == null) {
                context.issue(key, "no network '" + base + "' is declared before '" + name + "'"
                        + Suggest.closest(base, networks.keySet()).map(s -> "; did you mean '" + s + "'?")
                        .orElse(networks.isEmpty() ? "" : "; declared: " + String.join(", ", networks.keySet())), at);
                context.consequenceOfIssue(key + ".layers");
            } else {
                start = baseBuilder.toSpec();
                continueFrom = continues != null ? continues : null;
            }
        }
        NetworkBuilder builder = new NetworkBuilder(context, name, start, continueFrom);
        if (!unique("network", name, key, at)) {
            return builder; // run its block for the mistakes inside, but keep the first declaration
        }
        context.record(key, at); // a reserved name ('none', 'ceiling') is refused by the validator, for Java too
        networks.put(name, builder);
        return builder;
    }

    /** Whether {@code key} is free; reports the earlier declaration otherwise. */
    private boolean unique(String what, String name, String key, Origin at) {
        Origin first = context.origin(key);
        boolean taken = switch (what) {
            case "network" -> networks.containsKey(name);
            case "polynomial" -> polynomials.containsKey(name);
            case "lrRangeTest" -> lrRangeTests.containsKey(name);
            default -> evaluations.containsKey(name);
        };
        if (taken) {
            context.issue(key, what + " '" + name + "' is already declared"
                    + (first != null && !first.isOverride() ? " at line " + first.line() : ""), at);
        }
        return !taken;
    }

    // ---- polynomials, LR range tests ------------------------------------------------------------------------------

    public Experiment polynomial(String name,
                                 @DelegatesTo(value = PolynomialBuilder.class, strategy = Closure.DELEGATE_FIRST)
                                 Closure<?> block) {
        configure(declarePolynomial(name), block);
        return this;
    }

    public Experiment polynomial(String name, Consumer<PolynomialBuilder> block) {
        configure(declarePolynomial(name), block);
        return this;
    }

    private PolynomialBuilder declarePolynomial(String name) {
        Origin at = here("polynomial");
        String key = "polynomials." + name;
        PolynomialBuilder builder = new PolynomialBuilder(context, name);
        if (unique("polynomial", name, key, at)) {
            context.record(key, at);
            polynomials.put(name, builder);
        }
        return builder;
    }

    public Experiment lrRangeTest(String name,
                                  @DelegatesTo(value = LrRangeTestBuilder.class, strategy = Closure.DELEGATE_FIRST)
                                  Closure<?> block) {
        configure(declareLrRangeTest(name), block);
        return this;
    }

    public Experiment lrRangeTest(String name, Consumer<LrRangeTestBuilder> block) {
        configure(declareLrRangeTest(name), block);
        return this;
    }

    private LrRangeTestBuilder declareLrRangeTest(String name) {
        Origin at = here("lrRangeTest");
        String key = "lrRangeTests." + name;
        LrRangeTestBuilder builder = new LrRangeTestBuilder(context, name);
        if (unique("lrRangeTest", name, key, at)) {
            context.record(key, at);
            lrRangeTests.put(name, builder);
        }
        return builder;
    }

    // ---- evaluations ----------------------------------------------------------------------------------------------

    public Experiment trajectory(String name,
                                 @DelegatesTo(value = TrajectoryBuilder.class, strategy = Closure.DELEGATE_FIRST)
                                 Closure<?> block) {
        configure(declareTrajectory(name), block);
        return this;
    }

    public Experiment trajectory(String name, Consumer<TrajectoryBuilder> block) {
        configure(declareTrajectory(name), block);
        return this;
    }

    private TrajectoryBuilder declareTrajectory(String name) {
        TrajectoryBuilder builder = new TrajectoryBuilder(context, name);
        declareEvaluation("trajectory", name, builder::toSpec);
        return builder;
    }

    public Experiment ensemble(String name,
                               @DelegatesTo(value = EnsembleBuilder.class, strategy = Closure.DELEGATE_FIRST)
                               Closure<?> block) {
        configure(declareEnsemble(name), block);
        return this;
    }

    public Experiment ensemble(String name, Consumer<EnsembleBuilder> block) {
        configure(declareEnsemble(name), block);
        return this;
    }

    private EnsembleBuilder declareEnsemble(String name) {
        EnsembleBuilder builder = new EnsembleBuilder(context, name,
                () -> simulation.toSpec().sampleInterval());
        declareEvaluation("ensemble", name, builder::toSpec);
        return builder;
    }

    /** Forecast skill from many well-separated truth states: RMSE, anomaly correlation, VPT with intervals. */
    public Experiment forecast(String name,
                               @DelegatesTo(value = ForecastBuilder.class, strategy = Closure.DELEGATE_FIRST)
                               Closure<?> block) {
        configure(declareForecast(name), block);
        return this;
    }

    public Experiment forecast(String name, Consumer<ForecastBuilder> block) {
        configure(declareForecast(name), block);
        return this;
    }

    private ForecastBuilder declareForecast(String name) {
        ForecastBuilder builder = new ForecastBuilder(context, name);
        declareEvaluation("forecast", name, builder::toSpec);
        return builder;
    }

    /** Long-run statistics (PDF, autocorrelation) against the real world, with noise floors. */
    public Experiment climate(String name,
                              @DelegatesTo(value = ClimateBuilder.class, strategy = Closure.DELEGATE_FIRST)
                              Closure<?> block) {
        configure(declareClimate(name), block);
        return this;
    }

    public Experiment climate(String name, Consumer<ClimateBuilder> block) {
        configure(declareClimate(name), block);
        return this;
    }

    private ClimateBuilder declareClimate(String name) {
        ClimateBuilder builder = new ClimateBuilder(context, name);
        declareEvaluation("climate", name, builder::toSpec);
        return builder;
    }

    private void declareEvaluation(String word, String name, Supplier<EvaluationSpec> spec) {
        Origin at = here(word);
        String key = "evaluations." + name;
        if (unique("evaluation", name, key, at)) {
            context.record(key, at);
            evaluations.put(name, spec);
        }
    }

    // ---- charts, sweep --------------------------------------------------------------------------------------------

    /** Figures; several charts blocks add up. */
    public Experiment charts(@DelegatesTo(value = ChartsBuilder.class, strategy = Closure.DELEGATE_FIRST)
                             Closure<?> block) {
        context.record("charts", here("charts"));
        configure(charts, block);
        return this;
    }

    public Experiment charts(Consumer<ChartsBuilder> block) {
        configure(charts, block);
        return this;
    }

    public Experiment sweep(@DelegatesTo(value = SweepBuilder.class, strategy = Closure.DELEGATE_FIRST)
                            Closure<?> block) {
        context.record("sweep", here("sweep"));
        configure(sweep(), block);
        return this;
    }

    public Experiment sweep(Consumer<SweepBuilder> block) {
        configure(sweep(), block);
        return this;
    }

    private SweepBuilder sweep() {
        if (sweep == null) {
            sweep = new SweepBuilder(context);
        }
        return sweep;
    }

    // ---- the spec -------------------------------------------------------------------------------------------------

    /**
     * The spec, checked: every mistake of the declaration and every broken rule of {@link SpecValidator} at once,
     * as one {@link SpecException}.
     */
    public ExperimentSpec build() {
        ExperimentSpec spec = toSpec();
        List<Problem> problems = new ArrayList<>();
        for (DslIssue issue : context.issues()) {
            problems.add(new Problem(issue.path(), issue.message()));
        }
        for (Problem p : SpecValidator.validate(spec)) {
            if (!context.isConsequence(p.path())) {
                problems.add(p);
            }
        }
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        return spec;
    }

    /** The spec as declared, unchecked. */
    ExperimentSpec toSpec() {
        Map<String, NetworkSpec> networkSpecs = new LinkedHashMap<>();
        networks.forEach((n, b) -> networkSpecs.put(n, b.toSpec()));
        Map<String, PolynomialSpec> polynomialSpecs = new LinkedHashMap<>();
        polynomials.forEach((n, b) -> polynomialSpecs.put(n, b.toSpec()));
        Map<String, LrRangeTestSpec> lrSpecs = new LinkedHashMap<>();
        lrRangeTests.forEach((n, b) -> lrSpecs.put(n, b.toSpec()));
        Map<String, EvaluationSpec> evaluationSpecs = new LinkedHashMap<>();
        evaluations.forEach((n, s) -> evaluationSpecs.put(n, s.get()));
        return new ExperimentSpec(name, seed, world.toSpec(), simulation.toSpec(), data.toSpec(), networkSpecs,
                polynomialSpecs, lrSpecs, evaluationSpecs, charts.toSpec(), sweep == null ? null : sweep.toSpec());
    }
}

package org.l96.dsl;

import groovy.lang.Binding;
import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import groovy.lang.MissingPropertyException;
import groovy.lang.Script;
import org.l96.spec.Suggest;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The base class of experiment scripts: {@code experiment('name') { … }} declares the experiment. Running a script
 * only declares; {@link ScriptLoader} turns the declaration into a spec.
 *
 * <p>Words a script's helper methods use ({@code def hidden(n) { dense n, relu }}) go to the block running at that
 * moment, so helpers work as if written inline.
 */
public abstract class L96Script extends Script {
    private DslContext context;

    protected L96Script() {
    }

    protected L96Script(Binding binding) {
        super(binding);
    }

    void attach(DslContext context) {
        this.context = context;
        context.attach(this);
    }

    private DslContext context() {
        if (context == null) {
            // compiled outside ScriptLoader (an IDE, a plain GroovyShell): declarations still work, without positions
            attach(DslContext.forJava());
        }
        return context;
    }

    /** Declares the experiment of this script (one per script). */
    public Experiment experiment(String name,
                                 @DelegatesTo(value = Experiment.class, strategy = Closure.DELEGATE_FIRST)
                                 Closure<?> block) {
        return DslBuilder.configure(declare(name), block);
    }

    public Experiment experiment(String name, Consumer<Experiment> block) {
        return DslBuilder.configure(declare(name), block);
    }

    /**
     * A sweep script: {@code sweep(experiment: 'seed-notebook.groovy') { vary 'world.forcing', 16, 20; seeds 3 }}
     * sweeps the experiment of another script (path relative to this script); {@code name:} names the sweep (default:
     * this script's file name without .groovy). Such a script declares no experiment of its own.
     */
    public SweepBuilder sweep(Map<String, ?> options,
                              @DelegatesTo(value = SweepBuilder.class, strategy = Closure.DELEGATE_FIRST)
                              Closure<?> block) {
        SweepBuilder builder = new SweepBuilder(context());
        Origin at = context().here("sweep");
        DslBuilder.configure(builder, block);
        return declareSweep(options, builder, at);
    }

    public SweepBuilder sweep(Map<String, ?> options, Consumer<SweepBuilder> block) {
        SweepBuilder builder = new SweepBuilder(context());
        Origin at = context().here("sweep");
        DslBuilder.configure(builder, block);
        return declareSweep(options, builder, at);
    }

    private SweepBuilder declareSweep(Map<String, ?> options, SweepBuilder builder, Origin at) {
        DslContext ctx = context();
        ctx.record("sweep", at);
        Object experiment = options.get("experiment");
        Object name = options.get("name");
        for (String key : options.keySet()) {
            if (!List.of("experiment", "name").contains(key)) {
                ctx.issue("sweep", "sweep takes experiment: 'file.groovy' and optionally name: 'sweep-name', not "
                        + key + ":", at);
            }
        }
        if (!(experiment instanceof CharSequence) || experiment.toString().isBlank()) {
            ctx.issue("sweep", "a sweep script names the experiment script it sweeps: "
                    + "sweep(experiment: 'file.groovy') { .. }", at);
            experiment = null;
        }
        if (name != null && !(name instanceof CharSequence && !name.toString().isBlank())) {
            ctx.issue("sweep", "name: takes a name in quotes, e.g. name: 'forcing-sweep'", at);
            name = null;
        }
        if (!ctx.sweepScripts().isEmpty()) {
            ctx.issue("sweep", "a sweep script declares one sweep; one is already declared at line "
                    + ctx.sweepScripts().get(0).at().line(), at);
        }
        ctx.declared(new DslContext.SweepScript(experiment == null ? null : experiment.toString(),
                name == null ? null : name.toString(), builder, at));
        return builder;
    }

    private Experiment declare(String name) {
        DslContext ctx = context();
        Origin at = ctx.here("experiment");
        Experiment experiment = new Experiment(name, ctx);
        List<Experiment> earlier = ctx.experiments();
        if (!earlier.isEmpty()) {
            Origin first = ctx.origin("");
            ctx.issue("", "a script declares one experiment; one is already declared"
                    + (first != null ? " at line " + first.line() : ""), at);
            return experiment; // its block still runs, for the mistakes inside
        }
        ctx.record("", at);
        ctx.record("name", at);
        ctx.declared(experiment);
        return experiment;
    }

    /** Helper methods reach the running block; anything else is an unknown word. */
    public Object methodMissing(String name, Object args) {
        Object[] argv = args instanceof Object[] a ? a : new Object[]{args};
        if (getBinding().hasVariable(name) && getBinding().getVariable(name) instanceof Closure<?> c) {
            return c.call(argv);
        }
        DslBuilder running = context().current();
        if (running != null) {
            return running.invokeMethod(name, argv);
        }
        if (Words.of(L96Script.class).contains(name)) {
            context().issue("", name + " takes a name in quotes and a block: experiment('name') { .. }, got "
                    + Words.givenAll(argv), context().here(name));
            return ErrorValue.INSTANCE;
        }
        context().issue("", topLevelMistake(name), context().here(name));
        return ErrorValue.INSTANCE;
    }

    public Object propertyMissing(String name) {
        if ("out".equals(name)) {
            throw new MissingPropertyException(name, getClass()); // Script.println asks for a binding variable 'out'
        }
        DslBuilder running = context().current();
        if (running != null) {
            return running.getProperty(name);
        }
        context().issue("", topLevelMistake(name), context().here(name));
        return ErrorValue.INSTANCE;
    }

    private String topLevelMistake(String name) {
        for (Class<?> builder : Words.BUILDERS) {
            if (builder != L96Script.class && Words.of(builder).contains(name)) {
                return "'" + name + "' belongs inside experiment('name') { .. }";
            }
        }
        return Suggest.closest(name, List.of("experiment"))
                .map(s -> "unknown word '" + name + "'; did you mean '" + s + "'?")
                .orElse("unknown word or variable '" + name + "'; a script declares experiment('name') { .. }");
    }
}

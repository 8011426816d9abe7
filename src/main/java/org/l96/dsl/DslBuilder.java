package org.l96.dsl;

import groovy.lang.Closure;
import groovy.lang.GroovyObject;
import groovy.lang.MetaClass;
import groovy.lang.MetaProperty;
import groovy.lang.Script;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.l96.spec.Suggest;
import org.l96.spec.Vocabulary;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * What every builder shares: the context it reports to, the spec path of what it builds, running blocks (Groovy
 * closures and Java consumers alike), and the handling of words a script gets wrong.
 *
 * <p>Builders are {@link GroovyObject}s so that a closure whose delegate is a builder reaches
 * {@code methodMissing}/{@code propertyMissing} here instead of failing: a mistake is recorded at its script line
 * and evaluation goes on, so that one run reports every mistake.
 */
public abstract class DslBuilder implements GroovyObject {
    private transient MetaClass metaClass;
    final DslContext context;
    final String path;

    DslBuilder(DslContext context, String path) {
        this.context = context;
        this.path = path;
    }

    /** What the block is called in messages ("world", "network 'ann'", …). */
    abstract String blockName();

    /** Whether bare activation words ({@code relu}, {@code tanh}, …) mean their names in this block. */
    boolean takesActivationWords() {
        return false;
    }

    /** A hand-written description of what a word takes, where the one derived from its signature reads badly. */
    String usage(String word) {
        return null;
    }

    // ---- running blocks -------------------------------------------------------------------------------------------

    static <B extends DslBuilder> B configure(B builder, Closure<?> block) {
        Closure<?> body = (Closure<?>) block.clone();
        body.setResolveStrategy(Closure.DELEGATE_FIRST);
        body.setDelegate(builder);
        builder.context.enter(builder);
        try {
            if (body.getMaximumNumberOfParameters() == 0) {
                body.call(); // a block written { -> … }
            } else {
                body.call(builder); // the builder is also the block's parameter: world { w -> w.k 8 }
            }
        } finally {
            builder.context.leave();
        }
        return builder;
    }

    static <B extends DslBuilder> B configure(B builder, Consumer<? super B> block) {
        builder.context.enter(builder);
        try {
            block.accept(builder);
        } finally {
            builder.context.leave();
        }
        return builder;
    }

    // ---- positions and issues -------------------------------------------------------------------------------------

    /** The script position of the call now running, pointing at {@code word}. */
    Origin here(String word) {
        return context.here(word);
    }

    /** Notes that the call now running (the word {@code word}) set {@code field} of this block. */
    Origin set(String word, String field) {
        Origin at = here(word);
        context.record(field.isEmpty() ? path : path + "." + field, at);
        return at;
    }

    void issue(String field, String message, Origin at) {
        context.issue(field == null || field.isEmpty() ? path : path + "." + field, message, at);
    }

    /** Names given as a list: Groovy does not check element types, so check them here. */
    List<String> names(String word, List<?> values, Origin at) {
        List<String> names = new ArrayList<>();
        for (Object v : values) {
            if (v instanceof CharSequence s) {
                names.add(s.toString());
            } else if (!(v instanceof ErrorValue)) {
                issue(null, word + " takes names in quotes, got " + Words.given(v), at);
            }
        }
        return names;
    }

    String takes(String word) {
        String custom = usage(word);
        return custom != null ? custom : Words.takes(getClass(), word);
    }

    // ---- Groovy's meta-object protocol ----------------------------------------------------------------------------

    @Override
    public MetaClass getMetaClass() {
        if (metaClass == null) {
            metaClass = InvokerHelper.getMetaClass(getClass());
        }
        return metaClass;
    }

    @Override
    public void setMetaClass(MetaClass metaClass) {
        this.metaClass = metaClass;
    }

    /**
     * Bare words never read a builder's fields (Groovy would, private or not): {@code world { k }} is a mistake,
     * not 8.
     */
    @Override
    public Object getProperty(String name) {
        if ("metaClass".equals(name)) {
            return getMetaClass();
        }
        if ("class".equals(name)) {
            return getClass();
        }
        return propertyMissing(name);
    }

    /** {@code k = 8} must not write the field behind the word either. */
    @Override
    public void setProperty(String name, Object value) {
        propertyMissing(name, value);
    }

    /**
     * A call no method of this builder accepts: a helper method or closure of the script, a known word with
     * arguments of the wrong type, or an unknown word.
     */
    public Object methodMissing(String name, Object args) {
        Object[] argv = args instanceof Object[] a ? a : new Object[]{args};
        Script script = context.script();
        if (script != null) {
            if (script.getBinding().hasVariable(name) && script.getBinding().getVariable(name) instanceof Closure<?> c) {
                return c.call(argv);
            }
            if (!script.getMetaClass().respondsTo(script, name, argv).isEmpty()) {
                return script.getMetaClass().invokeMethod(script, name, argv);
            }
        }
        if (Arrays.stream(argv).anyMatch(a -> a instanceof ErrorValue)) {
            return ErrorValue.INSTANCE; // already reported where the bad value came from
        }
        Origin at = here(name);
        if (Words.of(getClass()).contains(name)) {
            // the word's value is dropped, so a check of the block as a whole ("give exactly one of …") would
            // report its absence: that follows from this issue
            context.blockHasBadValue(path);
            String tooLarge = Arrays.stream(argv).filter(Words::isWholeBeyondInt).map(String::valueOf).findFirst()
                    .orElse(null);
            if (tooLarge != null && takes(name).contains("a whole number")) {
                issue(null, name + " " + tooLarge + (tooLarge.startsWith("-")
                        ? " is too small: a whole number here is at least " + Integer.MIN_VALUE
                        : " is too large: a whole number here is at most " + Integer.MAX_VALUE), at);
            } else {
                issue(null, name + " takes " + takes(name) + ", got " + Words.givenAll(argv), at);
            }
        } else {
            issue(null, unknownWord(name), at);
        }
        return ErrorValue.INSTANCE;
    }

    /**
     * A bare word: an activation name, a word that needs no value ({@code local}, {@code batchNorm}), a variable
     * of the script, or a mistake.
     */
    public Object propertyMissing(String name) {
        if (takesActivationWords() && Vocabulary.ACTIVATIONS.contains(name)) {
            return name;
        }
        if (Words.of(getClass()).contains(name) && hasNoArgumentForm(name)) {
            return InvokerHelper.invokeMethod(this, name, new Object[0]);
        }
        Script script = context.script();
        if (script != null) {
            if (script.getBinding().hasVariable(name)) {
                return script.getBinding().getVariable(name);
            }
            MetaProperty property = script.getMetaClass().hasProperty(script, name);
            if (property != null) {
                return property.getProperty(script);
            }
        }
        if (Words.of(getClass()).contains(name)) {
            // 'start -1' lands here too: Groovy reads it as 'start minus 1'
            String takes = takes(name);
            issue(null, name + " needs a value: " + name + " takes " + takes + (takes.contains("number")
                    ? " (a negative number needs parentheses: " + name + "(-1))" : ""), here(name));
            return ErrorValue.INSTANCE;
        }
        if (QUOTED_WORDS.contains(name)) {
            // stepper rk4: a value of a word, written without its quotes
            issue(null, name + " is a name: write it in quotes, '" + name + "'", here(name));
            return ErrorValue.INSTANCE;
        }
        issue(null, unknownWord(name), here(name));
        return ErrorValue.INSTANCE;
    }

    /** Values that are given in quotes ('rk4', 'mse', 'xavier', …): a bare one is a missing pair of quotes. */
    private static final Set<String> QUOTED_WORDS = quotedWords();

    private static Set<String> quotedWords() {
        Set<String> w = new TreeSet<>();
        for (List<String> l : List.of(Vocabulary.INTEGRATORS, Vocabulary.RNGS, Vocabulary.COUPLING_TARGETS,
                Vocabulary.WEIGHT_INITS, Vocabulary.LOSSES, Vocabulary.CYCLIC_MODES, Vocabulary.RAMPS,
                Vocabulary.COMBINE, Vocabulary.NOISE_FORMS, Vocabulary.NOISE_PROCESSES)) {
            w.addAll(l);
        }
        return Set.copyOf(w);
    }

    /** {@code k = 8} inside a block: the words are calls, not fields. Other names are script variables. */
    public void propertyMissing(String name, Object value) {
        if (Words.of(getClass()).contains(name)) {
            issue(null, "write '" + name + " " + value + "' without '=' (" + name + " is a word of "
                    + blockName() + ", not a variable)", here(name));
            return;
        }
        Script script = context.script();
        if (script != null) {
            script.getBinding().setVariable(name, value);
        } else {
            issue(null, unknownWord(name), here(name));
        }
    }

    private boolean hasNoArgumentForm(String name) {
        for (Method m : getClass().getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == 0) {
                return true;
            }
        }
        return false;
    }

    String unknownWord(String name) {
        Set<String> known = new TreeSet<>(Words.of(getClass()));
        if (takesActivationWords()) {
            known.addAll(Vocabulary.ACTIVATIONS);
        }
        String unknown = "unknown word '" + name + "' in " + blockName();
        String home = Words.homesOf(name, getClass());
        if (home != null) {
            return unknown + "; it belongs in " + home;
        }
        return Suggest.closest(name, known)
                .map(s -> unknown + "; did you mean '" + s + "'?")
                .orElse(unknown + "; words here: " + String.join(", ", Words.of(getClass())));
    }
}

package org.l96.spec;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What every section of {@link SpecValidator} shares: the spec, the list of problems they add to, and the checks of
 * one field (ranges, allowed words, references to declared names) with their messages.
 */
abstract class Checks {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    final ExperimentSpec spec;
    private final List<Problem> problems;

    Checks(ExperimentSpec spec, List<Problem> problems) {
        this.spec = spec;
        this.problems = problems;
    }

    final void problem(String path, String message) {
        problems.add(new Problem(path, message));
    }

    static boolean isWholeMultiple(double sampleInterval, double dt) {
        return SpecValidator.isWholeMultiple(sampleInterval, dt);
    }


    /** A sampling interval the other checks can divide by (its own problems are reported at simulation). */
    boolean validSampleInterval() {
        double si = spec.simulation().sampleInterval();
        double dt = spec.world().dt();
        // shorter than the world's dt it holds no step at all; merely not a multiple of it, it is still a length
        return si > 0 && Double.isFinite(si) && (!(dt > 0) || !Double.isFinite(dt) || si >= dt * (1 - 1e-9));
    }

    /**
     * A run of {@code duration} time units at {@code dt} for {@code members} initial conditions keeps its X history
     * in one Java array; refuse what cannot fit there instead of failing at run time.
     */
    void runFits(String path, String what, double duration, double dt, long members) {
        if (!(duration > 0) || !(dt > 0) || !Double.isFinite(duration) || !Double.isFinite(dt) || members < 1
                || (dt == spec.simulation().sampleInterval() && !validSampleInterval())) {
            return; // reported elsewhere
        }
        double values = members * (Math.rint(duration / dt) + 1) * spec.world().k();
        if (values > MAX_ARRAY) {
            problem(path, what + " needs " + String.format("%.3g", values) + " stored values, more than one array "
                    + "holds (" + MAX_ARRAY + "); make it shorter");
        }
    }

    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    /** The kind word of an evaluation, as messages name it ("trajectory", "forecast", …). */
    static String kindOf(EvaluationSpec e) {
        return Vocabulary.EvaluationKind.of(e).word();
    }

    static String article(String word) {
        return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
    }

    /** Whether {@code name} is a declared network; a problem at {@code path} when it is not. */
    boolean networkRef(String path, String name) {
        if (!spec.networks().containsKey(name)) {
            unknown(path, name, "network", spec.networks().keySet());
            return false;
        }
        return true;
    }

    void variable(String path, int k) {
        if (spec.world().k() >= 4 && (k < 0 || k >= spec.world().k())) {
            problem(path, "variable " + k + " is outside X_0..X_" + (spec.world().k() - 1));
        }
    }

    /** The name of a network, polynomial, LR range test or evaluation: a segment of spec paths, so no '.'. */
    void name(String path, String name, String what) {
        if (name == null || !SpecPaths.SEGMENT_NAME.matcher(name).matches()) {
            problem(path, what + " name '" + name + "' " + SpecPaths.segmentNameRule(path.substring(0,
                    path.indexOf('.'))));
        }
    }

    /** A parameterization may not take the name of a reference scheme that evaluations add themselves. */
    void reservedName(String path, String name, String what) {
        if (Vocabulary.NONE.equals(name)) {
            problem(path, what + " name 'none' is taken: it is the coarse model without a parameterization");
        } else if (Vocabulary.CEILING.equals(name)) {
            problem(path, what + " name 'ceiling' is taken: it is the reference curve of forecast evaluations");
        }
    }

    void unknown(String path, String name, String what, java.util.Collection<String> known) {
        String hint = Suggest.closest(name, known).map(s -> "; did you mean '" + s + "'?").orElse(
                known.isEmpty() ? "; none is declared" : "; declared: " + String.join(", ", known));
        String other = declaredAs(name);
        problem(path, "no " + what + " named '" + name + "'" + (other == null ? "" : " ('" + name + "' is " + other
                + ")") + hint);
    }

    /** What else a name is declared as, to tell a user who gave a polynomial where a network belongs. */
    String declaredAs(String name) {
        if (spec.networks().containsKey(name)) {
            return "a network";
        } else if (spec.polynomials().containsKey(name)) {
            return "a polynomial";
        } else if (spec.lrRangeTests().containsKey(name)) {
            return "an LR range test";
        } else if (spec.evaluations().containsKey(name)) {
            return article(kindOf(spec.evaluations().get(name))) + " evaluation";
        }
        return null;
    }

    /** {@code value} is a word of the enumerated field {@code type}. */
    <E extends Enum<E> & Vocabulary.Word> void oneOf(String path, String value, Class<E> type) {
        oneOf(path, value, Vocabulary.words(type));
    }

    void oneOf(String path, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            String hint = Suggest.closest(value, allowed).map(s -> " (did you mean '" + s + "'?)").orElse("");
            problem(path, "'" + value + "' is not one of " + String.join(", ", allowed) + hint);
        }
    }

    void atLeast(String path, int value, int min) {
        if (value < min) {
            problem(path, leaf(path) + " must be at least " + min + ", got " + value);
        }
    }

    void positive(String path, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            problem(path, leaf(path) + " must be a positive number, got " + value);
        }
    }

    void nonNegative(String path, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            problem(path, leaf(path) + " must be zero or more, got " + value);
        }
    }

    void unit(String path, double value) {
        if (!(value >= 0 && value < 1)) {
            problem(path, leaf(path) + " must be in [0, 1), got " + value);
        }
    }

    void finite(String path, double value) {
        if (!Double.isFinite(value)) {
            problem(path, leaf(path) + " must be a finite number, got " + value);
        }
    }

    void nonZero(String path, double value) {
        if (!Double.isFinite(value) || value == 0) {
            problem(path, leaf(path) + " must be a finite non-zero number, got " + value);
        }
    }

    /** A positive finite number: one that the checks of other fields may divide by or compare with. */
    static boolean valid(double v) {
        return v > 0 && Double.isFinite(v);
    }

    static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}

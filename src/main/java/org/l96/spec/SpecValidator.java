package org.l96.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Every rule a spec must keep, checked all at once: each problem carries the dotted path of the offending field so
 * that front ends can point at the script line that set it. The one entry point of validation: the Groovy DSL, the
 * Java builder, {@code --set}, {@code l96 sweep --vary} and sweep points all check their spec here, each mapping the
 * problems' paths to its own locations (script lines, {@code --set} arguments, sweep options). A spec with a sweep
 * block also has every value of every axis checked, in a point of the plan ({@link SweepChecks}). The rules live by section in
 * package-private classes ({@link WorldChecks}, {@link NetworkChecks}, {@link PolynomialChecks},
 * {@link EvaluationChecks}, {@link ChartChecks}, {@link SweepChecks}); problems come in the order of the spec's
 * sections.
 */
public final class SpecValidator {
    private SpecValidator() {
    }

    public static List<Problem> validate(ExperimentSpec spec) {
        List<Problem> problems = new ArrayList<>();
        if (spec.name() == null || !Checks.NAME.matcher(spec.name()).matches()) {
            problems.add(new Problem("name", "experiment name '" + spec.name() + "' must start with a letter or "
                    + "digit and use only letters, digits, '.', '_' and '-' (it names the output folder)"));
        }
        new WorldChecks(spec, problems).check();
        NetworkChecks networks = new NetworkChecks(spec, problems);
        spec.networks().forEach(networks::network);
        PolynomialChecks polynomials = new PolynomialChecks(spec, problems);
        spec.polynomials().forEach(polynomials::polynomial);
        spec.lrRangeTests().forEach(networks::lrRangeTest);
        EvaluationChecks evaluations = new EvaluationChecks(spec, problems);
        spec.evaluations().forEach(evaluations::evaluation);
        new ChartChecks(spec, problems).charts();
        if (spec.sweep() != null) {
            new SweepChecks(spec, problems).sweep(spec.sweep());
            problems.addAll(SweepChecks.pointProblems(spec)); // each point validated here, without its sweep
        }
        return List.copyOf(problems);
    }

    /** Throws a {@link SpecException} listing every problem, if there is any. */
    public static ExperimentSpec requireValid(ExperimentSpec spec) {
        List<Problem> problems = validate(spec);
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        return spec;
    }

    /** True when {@code sampleInterval / dt} is a whole number within 1e-9 relative. */
    public static boolean isWholeMultiple(double sampleInterval, double dt) {
        double ratio = sampleInterval / dt;
        return ratio >= 1 - 1e-9 && Math.abs(ratio - Math.rint(ratio)) <= 1e-9 * ratio;
    }
}

package org.l96.spec;

import java.util.List;

/**
 * The segments of the truth an evaluation draws its initial conditions from, as rows of the simulation (rows =
 * samples + 1): {@code train} [0, v), {@code validation} [v, t), {@code test} [t, rows), {@code all} [0, rows), where
 * the split is the data's (the same as training's: validation {@code last:} N or {@code fraction:} F of the rows that
 * pair a state with a target, the test segment the last {@code testLast} of them). The default is {@code test} for
 * a forecast when the data hold a test segment, else {@code all} (the evaluations' behaviour before segments).
 */
public final class Segments {
    public static final String TRAIN = "train";
    public static final String VALIDATION = "validation";
    public static final String TEST = "test";
    public static final String ALL = "all";
    public static final List<String> WORDS = List.of(TRAIN, VALIDATION, TEST, ALL);

    private Segments() {
    }

    /** Rows [from, to) of the simulation. */
    public record Range(int from, int to) {
        public int length() {
            return to - from;
        }
    }

    /** The segment an evaluation uses: its own, or the default. */
    public static String of(EvaluationSpec e, DataSpec data) {
        if (e.segment() != null) {
            return e.segment();
        }
        return e instanceof EvaluationSpec.Forecast && data.testLast() != null ? TEST : ALL;
    }

    /**
     * The rows of {@code segment}, or null when the data have no such segment (no test segment, no validation) or
     * the split leaves no training rows.
     */
    public static Range rows(String segment, ExperimentSpec spec) {
        long rows = spec.simulation().samples() + 1L;
        // with the discrete target the last row has no target: the split counts the rows before it
        long pairs = SimulationSpec.COUPLING_DISCRETE.equals(spec.simulation().couplingTarget()) ? rows - 1 : rows;
        DataSpec d = spec.data();
        long test = d.testLast() == null ? 0 : d.testLast();
        long validation = d.validationLast() != null ? d.validationLast()
                : d.validationFraction() != null ? Math.round(d.validationFraction() * pairs) : 0;
        long train = pairs - validation - test;
        if (train < 1 || rows > Integer.MAX_VALUE) {
            return null;
        }
        return switch (segment) {
            case ALL -> new Range(0, (int) rows);
            case TRAIN -> new Range(0, (int) train);
            case VALIDATION -> validation == 0 ? null : new Range((int) train, (int) (train + validation));
            case TEST -> test == 0 ? null : new Range((int) (train + validation), (int) rows);
            default -> null;
        };
    }
}

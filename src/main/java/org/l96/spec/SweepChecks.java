package org.l96.spec;

import java.util.List;

/** The checks of the sweep block: its combination and axes. */
final class SweepChecks extends Checks {
    SweepChecks(ExperimentSpec spec, List<Problem> problems) {
        super(spec, problems);
    }

    void sweep(SweepSpec s) {
        oneOf("sweep.combine", s.combine(), Vocabulary.Combine.class);
        atLeast("sweep.seeds", s.seeds(), 1);
        int size = -1;
        for (int i = 0; i < s.axes().size(); i++) {
            SweepSpec.Axis axis = s.axes().get(i);
            if (axis.path() == null || axis.path().isBlank()) {
                problem("sweep.axes." + i + ".path", "an axis needs a spec path");
            }
            if (axis.values().isEmpty()) {
                problem("sweep.axes." + i + ".values", "axis '" + axis.path() + "' has no values");
            }
            if (Vocabulary.Combine.ZIP.word().equals(s.combine()) && size >= 0 && axis.values().size() != size) {
                problem("sweep.axes." + i + ".values", "zipped axes need equally many values: " + size + " and "
                        + axis.values().size());
            }
            size = axis.values().size();
        }
    }
}

package org.l96.spec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The checks of the sweep block: its combination and axes, and that every value of every axis gives a valid point. */
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

    /**
     * Every value of every axis must give a valid point: each value is checked in a point of the plan, with the
     * other axes at their first values (zipped axes: at the same index), the axes set in order (so that an axis
     * switching a type, {@code optimizer.type}, is followed by one setting that type's fields). A misspelt path or
     * a value the spec cannot hold is reported now rather than in the middle of a long sweep.
     */
    static List<Problem> pointProblems(ExperimentSpec spec) {
        Set<Problem> problems = new LinkedHashSet<>();
        if (spec.sweep() == null) {
            return new ArrayList<>(problems);
        }
        ExperimentSpec plain = new ExperimentSpec(spec.name(), spec.seed(), spec.world(), spec.simulation(),
                spec.data(), spec.networks(), spec.polynomials(), spec.lrRangeTests(), spec.evaluations(),
                spec.charts(), null);
        List<SweepSpec.Axis> axes = spec.sweep().axes();
        boolean zip = Vocabulary.Combine.ZIP.word().equals(spec.sweep().combine());
        Set<Problem> already = new HashSet<>(SpecValidator.validate(plain));
        Set<Integer> badPaths = new HashSet<>();
        Set<Problem> ofBase = null;
        for (int i = 0; i < axes.size(); i++) {
            for (int j = 0; j < axes.get(i).values().size(); j++) {
                if (badPaths.contains(i) || (i > 0 && j == 0 && !zip)) {
                    continue; // the point with every axis at its first value is checked once, as axis 0's
                }
                int[] at = new int[axes.size()];
                for (int k = 0; k < axes.size(); k++) {
                    at[k] = k == i || zip ? j : 0;
                }
                Map<Integer, String> combo = new LinkedHashMap<>();
                for (int k = 0; k < axes.size(); k++) {
                    SweepSpec.Axis a = axes.get(k);
                    if (a.path() != null && !a.path().isBlank() && !a.path().startsWith("sweep")
                            && at[k] < a.values().size() && !badPaths.contains(k)) {
                        combo.put(k, a.values().get(at[k]));
                    }
                }
                boolean base = java.util.Arrays.stream(at).allMatch(x -> x == 0);
                ExperimentSpec point = applyPoint(plain, axes, combo, at, base ? -1 : i, badPaths, problems);
                if (point == null) {
                    continue;
                }
                String with = "with " + describe(axes, combo, zip || j == 0 ? -1 : i) + ": ";
                Set<Problem> found = new LinkedHashSet<>(SpecValidator.validate(point));
                found.removeAll(already);
                if (ofBase == null) {
                    ofBase = new HashSet<>(found);
                } else if (!zip) {
                    found.removeAll(ofBase);
                }
                for (Problem p : found) {
                    problems.add(new Problem("sweep.axes." + i + ".values." + j, with + p));
                }
            }
        }
        if (!zip && problems.isEmpty() && axes.size() >= 2 && badPaths.isEmpty()) {
            combinations(plain, axes, already, ofBase == null ? Set.of() : ofBase, problems);
        }
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(java.util.Comparator.comparingInt(p -> axisOf(p.path()))); // stable: by axis, then as found
        return sorted;
    }

    /** Combinations above this many points are not all checked here ({@code l96 sweep --dry-run} checks them). */
    static final int MAX_COMBINATIONS = 4096;

    /**
     * Every combination of a product that varies two or more axes from their first values (the one-axis points are
     * checked above): two values each fine alone may not go together (world.dt × simulation.sampleInterval), and
     * {@code l96 sweep} refuses such a point. A problem is put at the last varied axis's value, naming the whole
     * combination.
     */
    private static void combinations(ExperimentSpec plain, List<SweepSpec.Axis> axes, Set<Problem> already,
                                     Set<Problem> ofBase, Set<Problem> problems) {
        long total = 1;
        for (SweepSpec.Axis a : axes) {
            total *= Math.max(1, a.values().size());
            if (total > MAX_COMBINATIONS) {
                return;
            }
        }
        int[] at = new int[axes.size()];
        while (true) {
            int k = at.length - 1;
            while (k >= 0 && ++at[k] == axes.get(k).values().size()) {
                at[k--] = 0;
            }
            if (k < 0) {
                return;
            }
            int varied = 0;
            int last = -1;
            for (int i = 0; i < at.length; i++) {
                if (at[i] != 0) {
                    varied++;
                    last = i;
                }
            }
            if (varied < 2) {
                continue;
            }
            Map<Integer, String> combo = new LinkedHashMap<>();
            for (int i = 0; i < axes.size(); i++) {
                if (!axes.get(i).path().startsWith("sweep")) {
                    combo.put(i, axes.get(i).values().get(at[i]));
                }
            }
            Set<Problem> found = new LinkedHashSet<>();
            ExperimentSpec point = applyPoint(plain, axes, combo, at.clone(), last, new HashSet<>(), found);
            if (point != null) {
                found.addAll(SpecValidator.validate(point));
                found.removeAll(already);
                found.removeAll(ofBase);
                String with = "with " + describe(axes, combo, -1) + ": ";
                for (Problem p : found) {
                    problems.add(new Problem("sweep.axes." + last + ".values." + at[last], with + p));
                }
            } else {
                problems.addAll(found);
            }
        }
    }

    private static int axisOf(String path) {
        String[] parts = path.split("\\.");
        return parts.length > 2 ? Integer.parseInt(parts[2]) : -1;
    }

    /** The point with the axes of {@code combo} set in order, or null after adding why it cannot be made. */
    private static ExperimentSpec applyPoint(ExperimentSpec plain, List<SweepSpec.Axis> axes,
                                             Map<Integer, String> combo, int[] at, int varied,
                                             Set<Integer> badPaths, Set<Problem> problems) {
        SpecPaths.Editor editor = SpecPaths.edit(plain);
        boolean failed = false; // a failed edit changes nothing: go on, to find every wrong path at once
        for (Map.Entry<Integer, String> e : combo.entrySet()) {
            int k = e.getKey();
            String path = axes.get(k).path();
            try {
                editor.set(path, e.getValue());
            } catch (SpecPaths.PathException x) {
                if (varied < 0) { // missing at the axes' first values: the path itself is wrong
                    problems.add(new Problem("sweep.axes." + k + ".path", "cannot vary '" + path + "': "
                            + x.problems().get(0).message()));
                    badPaths.add(k);
                } else { // there with the first values, so the varied value (a switch of type) removed it
                    problems.add(new Problem("sweep.axes." + varied + ".values." + at[varied], "with "
                            + describe(axes, combo, varied) + ": cannot set " + path + " = " + e.getValue() + ": "
                            + x.problems().get(0).message()));
                }
                failed = true;
            } catch (SpecException x) {
                for (Problem p : x.problems()) {
                    problems.add(new Problem("sweep.axes." + k + ".values." + at[k], "cannot set " + path + " = "
                            + e.getValue() + ": " + p.message()));
                }
                failed = true;
            }
        }
        if (failed) {
            return null;
        }
        try {
            return editor.result();
        } catch (SpecException x) {
            for (Problem p : x.problems()) {
                int k = combo.keySet().stream().filter(a -> axes.get(a).path().equals(p.path())).findFirst()
                        .orElse(combo.keySet().iterator().next());
                problems.add(new Problem("sweep.axes." + k + ".values." + at[k], "with "
                        + describe(axes, combo, -1) + ": " + p.message()));
            }
            return null;
        }
    }

    /** "path = value" of axis {@code only}, or of every axis in the combination when {@code only} is -1. */
    private static String describe(List<SweepSpec.Axis> axes, Map<Integer, String> combo, int only) {
        List<String> parts = new ArrayList<>();
        combo.forEach((k, v) -> {
            if (only < 0 || k == only || combo.size() == 1) {
                parts.add(axes.get(k).path() + " = " + v);
            }
        });
        return String.join(", ", parts);
    }
}

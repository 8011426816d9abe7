package org.l96.sweep;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.l96.run.AtomicFiles;
import org.l96.run.UserError;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.Problem;
import org.l96.spec.SpecException;
import org.l96.spec.SpecJson;
import org.l96.spec.SpecPaths;
import org.l96.spec.SpecValidator;
import org.l96.spec.SweepSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The points of a sweep: every combination (product) or the i-th values together (zip) of the axes, each repeated
 * over the sweep's seeds. A point is a full experiment: the base spec with the axis values set as {@code --set}
 * would set them, seed = (the point's experiment seed) + repetition, named by its id, without the sweep block.
 *
 * <p>Point ids depend only on the point's values and repetition ({@code forcing-16_r0}), never on its position, so
 * adding a value to an axis leaves the other points' folders and results where they were.
 */
public record SweepPlan(String name, String combine, List<SweepSpec.Axis> axes, int seeds, long baseSeed,
                        List<Point> points) {

    public static final String FILE = "plan.json";
    private static final ObjectMapper JSON = SpecJson.mapper();

    public SweepPlan {
        axes = List.copyOf(axes);
        points = List.copyOf(points);
    }

    /** One run of the experiment: the values of the axes (path → value as written), the repetition and its seed. */
    public record Point(int index, String id, Map<String, String> values, int repetition, long seed,
                        ExperimentSpec spec) {
        @JsonIgnore
        public String specHash() {
            return SpecJson.hash(spec);
        }
    }

    /** Repetition r of a point runs with the point's experiment seed + r (r = 0: the script's own seed). */
    public static long seedOf(long experimentSeed, int repetition) {
        return experimentSeed + repetition;
    }

    /**
     * The plan of {@code spec}'s sweep (no sweep block: one point), named {@code name}. A combination the spec cannot
     * take is a {@link UserError} naming the point.
     */
    public static SweepPlan of(ExperimentSpec spec, String name) {
        SweepSpec sweep = spec.sweep() != null ? spec.sweep() : new SweepSpec(org.l96.spec.Vocabulary.Combine.PRODUCT.word(), List.of(), 1);
        List<SweepSpec.Axis> axes = sweep.axes();
        Set<String> paths = new HashSet<>();
        for (SweepSpec.Axis a : axes) {
            if (!paths.add(a.path())) {
                throw new UserError("the sweep varies " + a.path() + " twice; give all its values in one axis ("
                        + "--vary " + a.path() + "=V1,V2,… or one vary '" + a.path() + "', …)");
            }
        }
        List<Map<String, String>> combos = combinations(sweep.combine(), axes);
        Map<String, String> labels = labels(axes);
        ExperimentSpec plain = withNameAndSweep(spec, spec.name(), null);
        List<Point> points = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Map<String, Point> byRun = new HashMap<>(); // the same experiment twice would be run and averaged twice
        for (Map<String, String> combo : combos) {
            ExperimentSpec at;
            try {
                at = SpecPaths.set(plain, combo); // in axis order: a switch of type, then its fields
            } catch (SpecException e) { // its messages name the path already
                e.problems().forEach(p -> problems.add(describe(combo) + ": " + p.message()));
                continue;
            }
            for (int r = 0; r < Math.max(1, sweep.seeds()); r++) {
                String id = idOf(combo, labels, r);
                if (!ids.add(id)) {
                    id = id + "-" + SpecJson.hashText(combo.toString()).substring(0, 6);
                    ids.add(id);
                }
                long seed = seedOf(at.seed(), r);
                ExperimentSpec point = withNameAndSweep(withSeed(at, seed), id, null);
                List<Problem> invalid = SpecValidator.validate(point);
                if (!invalid.isEmpty()) {
                    problems.add(describe(combo) + ": " + invalid.get(0));
                    break;
                }
                Point added = new Point(points.size(), id, combo, r, seed, point);
                Point same = byRun.putIfAbsent(SpecJson.hash(withNameAndSweep(point, "point", null)), added);
                if (same != null) {
                    problems.add(describe(combo) + (sweep.seeds() > 1 ? " (repetition " + r + ", seed " + seed + ")"
                            : "") + " is the same experiment as " + describe(same.values())
                            + (sweep.seeds() > 1 ? " (repetition " + same.repetition() + ", seed " + same.seed() + ")"
                            : "") + ": give each value once" + (sweep.seeds() > 1 && combo.containsKey("seed")
                            ? ", and seeds at least " + sweep.seeds() + " apart (repetition r runs seed + r)" : ""));
                    break;
                }
                points.add(added);
            }
        }
        if (!problems.isEmpty()) {
            throw new UserError("the sweep has points the experiment cannot take:\n  "
                    + String.join("\n  ", new java.util.LinkedHashSet<>(problems))); // a repeat once
        }
        return new SweepPlan(name, sweep.combine(), axes, Math.max(1, sweep.seeds()), spec.seed(), points);
    }

    static List<Map<String, String>> combinations(String combine, List<SweepSpec.Axis> axes) {
        List<Map<String, String>> out = new ArrayList<>();
        if (org.l96.spec.Vocabulary.Combine.ZIP.word().equals(combine)) {
            int n = axes.isEmpty() ? 1 : axes.get(0).values().size();
            for (SweepSpec.Axis a : axes) {
                if (a.values().size() != n) {
                    throw new UserError("zipped axes need equally many values: " + axes.get(0).path() + " has " + n
                            + ", " + a.path() + " has " + a.values().size());
                }
            }
            for (int i = 0; i < n; i++) {
                Map<String, String> combo = new LinkedHashMap<>();
                for (SweepSpec.Axis a : axes) {
                    combo.put(a.path(), a.values().get(i));
                }
                out.add(combo);
            }
            return out;
        }
        out.add(new LinkedHashMap<>());
        for (SweepSpec.Axis a : axes) { // the first axis varies slowest
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : out) {
                for (String v : a.values()) {
                    Map<String, String> combo = new LinkedHashMap<>(partial);
                    combo.put(a.path(), v);
                    next.add(combo);
                }
            }
            out = next;
        }
        return out;
    }

    /**
     * An axis is labelled by the shortest ending of its path that no other axis shares: {@code forcing} alone,
     * {@code skill.forcing} and {@code online.forcing} for {@code evaluations.skill.forcing} beside
     * {@code evaluations.online.forcing}.
     */
    private static Map<String, String> labels(List<SweepSpec.Axis> axes) {
        Map<String, String> labels = new HashMap<>();
        for (int k = 1; labels.size() < axes.size(); k++) {
            Map<String, Integer> count = new HashMap<>();
            for (SweepSpec.Axis a : axes) {
                count.merge(ending(a.path(), k), 1, Integer::sum);
            }
            boolean longer = false;
            for (SweepSpec.Axis a : axes) {
                String e = ending(a.path(), k);
                longer |= !e.equals(a.path());
                if (!labels.containsKey(a.path()) && (count.get(e) == 1 || e.equals(a.path()))) {
                    labels.put(a.path(), e);
                }
            }
            if (!longer) {
                axes.forEach(a -> labels.putIfAbsent(a.path(), a.path()));
            }
        }
        return labels;
    }

    /** The last {@code k} segments of a dotted path. */
    private static String ending(String path, int k) {
        String[] parts = path.split("\\.");
        return String.join(".", java.util.Arrays.asList(parts).subList(Math.max(0, parts.length - k), parts.length));
    }

    private static String last(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    static String idOf(Map<String, String> combo, Map<String, String> labels, int repetition) {
        StringBuilder id = new StringBuilder();
        for (Map.Entry<String, String> e : combo.entrySet()) {
            id.append(safe(labels.get(e.getKey()))).append('-').append(safe(e.getValue())).append('_');
        }
        id.append('r').append(repetition);
        if (id.length() > 120) {
            return "p-" + SpecJson.hashText(combo.toString()) + "_r" + repetition;
        }
        return id.toString();
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9.-]", "-");
    }

    private static String describe(Map<String, String> combo) {
        List<String> parts = new ArrayList<>();
        combo.forEach((k, v) -> parts.add(k + "=" + v));
        return parts.isEmpty() ? "the experiment" : String.join(", ", parts);
    }

    public static ExperimentSpec withNameAndSweep(ExperimentSpec s, String name, SweepSpec sweep) {
        return new ExperimentSpec(name, s.seed(), s.world(), s.simulation(), s.data(), s.networks(), s.polynomials(),
                s.lrRangeTests(), s.evaluations(), s.charts(), sweep);
    }

    private static ExperimentSpec withSeed(ExperimentSpec s, long seed) {
        return new ExperimentSpec(s.name(), seed, s.world(), s.simulation(), s.data(), s.networks(), s.polynomials(),
                s.lrRangeTests(), s.evaluations(), s.charts(), s.sweep());
    }

    public Point point(String id) {
        return points.stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new UserError("the sweep has no point '" + id + "'"));
    }

    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n");
    }

    public static SweepPlan read(Path file) {
        try {
            return JSON.readValue(file.toFile(), SweepPlan.class);
        } catch (IOException e) {
            throw new UserError("cannot read the sweep plan " + file + ": " + e.getMessage());
        }
    }
}

package org.l96.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.l96.spec.ExperimentSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code l96 run} would do with each stage, and why, without doing it ({@code l96 plan}, like {@code make -n}):
 * a stage is reused when its folder holds a successful run under the same key with undamaged outputs, and run
 * otherwise. For a stage that will run the plan says why: no stored run, the last run failed or skipped it (as its
 * manifest says), its outputs are damaged, or what its key was computed from changed — the spec paths (old → new value), the l96 version, or the
 * input stages whose keys changed. The comparison is with the key material each {@code stage.json} records
 * ({@link StageRecord#keyMaterial()}).
 *
 * <p>{@link Runner} takes its reuse decisions from {@link #decide}, so the plan and the run cannot disagree. Reading
 * the plan writes nothing: no folder, no lock, no file. The stage cache shared between experiments
 * ({@code --cache}, sweeps) is not consulted: a stage planned to run may be linked from there instead.
 */
public final class CachePlan {
    /** What the run will do with a stage. */
    public enum Action {
        REUSE, RUN;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One stage: its action and, when it runs, the reasons (one line each). */
    public record Entry(String stage, Action action, List<String> reasons) {
    }

    /** The outcome of looking at a stage's folder before a run (see {@link #decide}). */
    record Decision(Action action, StageRecord previous, String damage, boolean unreadableRecord) {
        /** Run although its key is unchanged: the folder's outputs are damaged, so it is made again as it was. */
        boolean remake() {
            return action == Action.RUN && damage != null;
        }
    }

    private CachePlan() {
    }

    /**
     * Whether {@code s} is reused from {@code dir}. {@code rerun} holds the stages earlier in the plan that run with
     * a new key (a stage that {@link Stage#runsDespiteFailedInputs() runs despite failed inputs} is made again while
     * one of its inputs is).
     */
    static Decision decide(Stage s, Path dir, String key, boolean fresh, Set<String> rerun) {
        StageRecord previous = fresh ? null : Runner.readRecord(dir);
        // a stage.json that is there but no stage record: said as such, then computed again
        boolean unreadable = !fresh && previous == null && java.nio.file.Files.isRegularFile(
                dir.resolve(Runner.STAGE_FILE));
        // a stage that ran despite a failed input may have been made without it: while an input is recomputed
        // (a failed one is retried under the same key), it is made again
        boolean inputsRerun = s.runsDespiteFailedInputs() && s.inputs().stream().anyMatch(rerun::contains);
        if (previous != null && previous.key().equals(key) && StageRecord.OK.equals(previous.status())
                && !inputsRerun) {
            String damage = OutputFiles.damage(dir, previous);
            return new Decision(damage == null ? Action.REUSE : Action.RUN, previous, damage, false);
        }
        return new Decision(Action.RUN, previous, null, unreadable);
    }

    /** What the plan and the run say of a stage.json that is no stage record. */
    static String unreadableRecord(String stage) {
        return stage + "/" + Runner.STAGE_FILE + " is damaged (not a stage record)";
    }

    /** The plan of {@code stages} (as {@link Planner#plan} gives them) for an experiment under {@code outRoot}. */
    public static List<Entry> of(ExperimentSpec spec, List<Stage> stages, Path outRoot) {
        Path expDir = outRoot.resolve(spec.name());
        Map<String, ObjectNode> materials = StageKeys.materials(stages);
        Map<String, String> keys = new LinkedHashMap<>();
        materials.forEach((name, m) -> keys.put(name, org.l96.spec.SpecJson.hash(m)));
        Set<String> rerun = new HashSet<>();
        Map<String, JsonNode> lastRun = lastRun(expDir);
        List<Entry> plan = new ArrayList<>();
        for (Stage s : stages) {
            Decision d = decide(s, expDir.resolve(s.name()), keys.get(s.name()), false, rerun);
            if (d.action() == Action.REUSE) {
                plan.add(new Entry(s.name(), Action.REUSE, List.of()));
                continue;
            }
            if (!d.remake()) {
                rerun.add(s.name());
            }
            List<String> reasons = new ArrayList<>();
            JsonNode last = lastRun.get(s.name());
            if (last != null && keys.get(s.name()).equals(last.path("key").asText())
                    && !StageRecord.OK.equals(last.path("status").asText())) {
                // failed stages leave no folder of their own: the manifest says what happened last time
                reasons.add("stored run " + last.path("status").asText()
                        + (last.path("error").isTextual() ? ": " + last.path("error").asText() : ""));
            } else if (d.unreadableRecord()) {
                reasons.add(unreadableRecord(s.name()));
            } else {
                reasons.addAll(reasons(s, d, keys.get(s.name()), asStored(materials.get(s.name())), rerun));
            }
            plan.add(new Entry(s.name(), Action.RUN, List.copyOf(reasons)));
        }
        return plan;
    }

    /** Each stage of the last run into {@code expDir} as its manifest lists it (name, key, status, error). */
    private static Map<String, JsonNode> lastRun(Path expDir) {
        Map<String, JsonNode> stages = new LinkedHashMap<>();
        java.nio.file.Path manifest = expDir.resolve(Runner.MANIFEST);
        if (!java.nio.file.Files.isRegularFile(manifest)) {
            return stages;
        }
        try {
            MetricsJson.mapper().readTree(manifest.toFile()).path("stages")
                    .forEach(st -> stages.put(st.path("name").asText(), st));
        } catch (java.io.IOException unreadable) {
            // the stage folders alone decide, as for the run
        }
        return stages;
    }

    /** The material as a stage.json holds it once read back (a long 14 and an int 14 are one value there). */
    private static JsonNode asStored(ObjectNode material) {
        try {
            return MetricsJson.mapper().readTree(MetricsJson.mapper().writeValueAsString(material));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> reasons(Stage s, Decision d, String key, JsonNode now, Set<String> rerun) {
        StageRecord previous = d.previous();
        if (previous == null) {
            return List.of("no stored run");
        }
        if (d.damage() != null) {
            return List.of("output damaged: " + d.damage());
        }
        if (!StageRecord.OK.equals(previous.status())) {
            return List.of("stored run " + previous.status()
                    + (previous.error() == null ? "" : ": " + previous.error()));
        }
        JsonNode before = previous.keyMaterial();
        if (before == null || !before.isObject()) {
            if (previous.key().equals(key)) {
                return List.of("an input stage runs again, and this stage runs despite failed inputs");
            }
            return List.of("key changed (the stored stage.json predates recorded key material, so what changed "
                    + "cannot be said)");
        }
        List<String> reasons = new ArrayList<>();
        if (!before.path("tool").equals(now.path("tool"))) {
            reasons.add("l96 version " + text(before.path("tool")) + " → " + text(now.path("tool")));
        }
        Map<String, JsonNode> old = new LinkedHashMap<>();
        Map<String, JsonNode> cur = new LinkedHashMap<>();
        leaves("", before.path("spec"), old);
        leaves("", now.path("spec"), cur);
        Map<String, String> paths = s.keyMaterialPaths();
        for (Map.Entry<String, JsonNode> e : cur.entrySet()) {
            JsonNode was = old.get(e.getKey());
            if (was == null) {
                reasons.add(specPath(e.getKey(), paths) + ": (absent) → " + text(e.getValue()));
            } else if (!was.equals(e.getValue())) {
                reasons.add(specPath(e.getKey(), paths) + ": " + text(was) + " → " + text(e.getValue()));
            }
        }
        for (Map.Entry<String, JsonNode> e : old.entrySet()) {
            if (!cur.containsKey(e.getKey())) {
                reasons.add(specPath(e.getKey(), paths) + ": " + text(e.getValue()) + " → (absent)");
            }
        }
        JsonNode oldInputs = before.path("inputs");
        for (Iterator<Map.Entry<String, JsonNode>> it = now.path("inputs").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> in = it.next();
            if (!in.getValue().equals(oldInputs.path(in.getKey()))) {
                reasons.add("input " + in.getKey() + " changed");
            }
        }
        for (Iterator<String> it = oldInputs.fieldNames(); it.hasNext(); ) {
            String in = it.next();
            if (!now.path("inputs").has(in)) {
                reasons.add("no longer reads " + in);
            }
        }
        if (reasons.isEmpty() && s.runsDespiteFailedInputs()) {
            List<String> again = s.inputs().stream().filter(rerun::contains).toList();
            reasons.add("inputs run again (" + String.join(", ", again) + ") and it was made despite failed inputs");
        }
        if (reasons.isEmpty()) {
            reasons.add("key changed");
        }
        return reasons;
    }

    /**
     * A key-material path as the spec path it comes from ({@code spec.train.epochs} of a training is
     * {@code networks.ann.train.epochs}), or, for a field of the stage's own, that field's name after "l96's".
     */
    static String specPath(String materialPath, Map<String, String> paths) {
        int dot = materialPath.indexOf('.');
        String field = dot < 0 ? materialPath : materialPath.substring(0, dot);
        String rest = dot < 0 ? "" : materialPath.substring(dot + 1);
        String prefix = paths.get(field);
        if (prefix == null) {
            return "l96's " + materialPath;
        }
        return prefix.isEmpty() ? rest : rest.isEmpty() ? prefix : prefix + "." + rest;
    }

    /** Dotted path → value of every leaf (list elements by index); an empty object or list is a leaf. */
    static void leaves(String prefix, JsonNode node, Map<String, JsonNode> out) {
        if (node.isObject() && node.size() > 0) {
            node.fields().forEachRemaining(e -> leaves(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(),
                    e.getValue(), out));
        } else if (node.isArray() && node.size() > 0 && !allScalars(node)) {
            for (int i = 0; i < node.size(); i++) {
                leaves(prefix + "." + i, node.get(i), out);
            }
        } else if (!node.isMissingNode()) {
            out.put(prefix, node);
        }
    }

    /** A list of numbers or words is one value ({@code [1, 2, 4] → [1, 2, 8]}), not one leaf per element. */
    private static boolean allScalars(JsonNode array) {
        for (JsonNode e : array) {
            if (e.isContainerNode()) {
                return false;
            }
        }
        return true;
    }

    private static String text(JsonNode v) {
        return v.isTextual() ? v.asText() : v.toString();
    }
}

package org.l96.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.SpecJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first line of a run with {@code --set}: its results go to the experiment's own folder, as without
 * {@code --set}, and replace what an earlier run left there (so that unchanged stages are reused); when that earlier
 * run had another spec, the line names what differed, so that nobody takes the folder for holding both.
 */
final class OverrideNotice {
    private static final int SHOWN = 4;

    private OverrideNotice() {
    }

    /** The notice, or null when the run has no {@code --set}. */
    static String of(List<String> sets, ExperimentSpec spec, Path experimentDir) {
        return of(sets, spec, experimentDir, false);
    }

    /**
     * The notice, or null when the run has no {@code --set}; {@code outGiven}: the run has {@code --out} already,
     * so the notice does not advise it.
     */
    static String of(List<String> sets, ExperimentSpec spec, Path experimentDir, boolean outGiven) {
        String apart = outGiven ? "" : "; give --out DIR to keep runs apart";
        if (sets.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder("l96: with --set " + String.join(", ", sets) + " the results go to "
                + experimentDir + ", the folder of the script as written too");
        Map<String, String> before = earlierSpec(experimentDir);
        if (before == null) {
            b.append(" (a later run there replaces them" + apart + ")");
            return b.toString();
        }
        Map<String, String> now = leaves(SpecJson.toTree(spec));
        List<String> changed = new ArrayList<>();
        for (String path : union(before, now)) {
            String was = before.get(path);
            String is = now.get(path);
            if (was == null ? is != null : !was.equals(is)) {
                changed.add(path + "=" + (was == null ? "unset" : was) + " (now " + (is == null ? "unset" : is) + ")");
            }
        }
        if (changed.isEmpty()) {
            b.append("; the earlier run there had the same spec");
        } else {
            b.append("; they replace those of the earlier run there, which had ")
                    .append(String.join(", ", changed.subList(0, Math.min(SHOWN, changed.size()))))
                    .append(changed.size() > SHOWN ? " and " + (changed.size() - SHOWN) + " more differences" : "")
                    .append(outGiven ? "" : " (give --out DIR to keep runs apart)");
        }
        return b.toString();
    }

    private static Map<String, String> earlierSpec(Path experimentDir) {
        Path manifest = experimentDir.resolve(org.l96.run.Runner.MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return null;
        }
        try {
            JsonNode spec = SpecJson.mapper().readTree(manifest.toFile()).get("spec");
            return spec == null ? null : leaves(spec);
        } catch (IOException e) {
            return null; // an unreadable manifest: say nothing about it rather than fail the run
        }
    }

    private static List<String> union(Map<String, String> a, Map<String, String> b) {
        List<String> keys = new ArrayList<>(a.keySet());
        b.keySet().stream().filter(k -> !a.containsKey(k)).forEach(keys::add);
        return keys;
    }

    /** Dotted path → value text of every leaf, as {@code l96 spec} prints them. */
    static Map<String, String> leaves(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        collect(node, "", out);
        return out;
    }

    /** A leaf as a user writes it: 0.0001 rather than Java's 1.0E-4, 3 rather than 3.0. */
    static String text(JsonNode leaf) {
        if (leaf.isFloatingPointNumber() && Double.isFinite(leaf.doubleValue())) {
            return leaf.decimalValue().stripTrailingZeros().toPlainString();
        }
        return leaf.asText();
    }

    private static void collect(JsonNode node, String path, Map<String, String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                collect(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "." + i, out);
            }
        } else {
            out.put(path, text(node));
        }
    }
}

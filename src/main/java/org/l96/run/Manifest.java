package org.l96.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.SpecJson;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An experiment's {@code manifest.json}: the canonical spec, provenance, seeds, every stage with its key, status,
 * time and outputs, and the stages' metrics gathered under their dotted paths.
 */
public final class Manifest {
    private static final ObjectMapper JSON = SpecJson.mapper();

    private Manifest() {
    }

    static Path write(ExperimentSpec spec, Path expDir, List<StageRecord> records) throws IOException {
        ObjectNode m = JSON.createObjectNode();
        m.put("experiment", spec.name());
        m.set("spec", SpecJson.toTree(spec));
        m.set("provenance", JSON.valueToTree(Provenance.current()));
        ObjectNode seeds = m.putObject("seeds");
        seeds.put("experiment", spec.seed());
        m.set("stages", JSON.valueToTree(records.stream().map(Manifest::entry).toList()));
        ObjectNode metrics = m.putObject("metrics");
        for (StageRecord r : records) {
            if (r.metrics() != null) {
                r.metrics().forEach((path, value) -> putPath(metrics, path, MetricsJson.toTree(value)));
            }
        }
        Path manifest = expDir.resolve(Runner.MANIFEST);
        AtomicFiles.writeString(manifest, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(m) + "\n");
        return manifest;
    }

    private static Map<String, Object> entry(StageRecord r) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", r.name());
        e.put("key", r.key());
        e.put("status", r.status());
        e.put("cached", r.cached());
        e.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
        e.put("computeSeconds", Math.round(r.computeSeconds() * 1000) / 1000.0);
        e.put("outputs", r.outputs().stream().map(o -> r.name() + "/" + o).toList());
        if (r.error() != null) {
            e.put("error", r.error());
        }
        return e;
    }

    /**
     * The outputs a finished experiment's manifest lists that are not in its folder (paths relative to it); all of
     * them when the manifest cannot be read. A cheap completeness check (existence only; {@code l96 run} checks sizes
     * and checksums when it reuses a stage).
     */
    public static List<String> missingOutputs(Path expDir) {
        try {
            JsonNode stages = JSON.readTree(expDir.resolve(Runner.MANIFEST).toFile()).path("stages");
            List<String> missing = new java.util.ArrayList<>();
            for (JsonNode stage : stages) {
                for (JsonNode output : stage.path("outputs")) {
                    if (!java.nio.file.Files.isRegularFile(expDir.resolve(output.asText()))) {
                        missing.add(output.asText());
                    }
                }
            }
            return missing;
        } catch (IOException e) {
            return List.of(Runner.MANIFEST);
        }
    }

    static void putPath(ObjectNode root, String dotted, JsonNode value) {
        String[] parts = dotted.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            node = child instanceof ObjectNode o ? o : node.putObject(parts[i]);
        }
        node.set(parts[parts.length - 1], value);
    }
}

package org.l96.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.l96.spec.SpecJson;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage keys: a stage is reused when its key is unchanged. The key chains through the inputs, so a change reaches
 * every stage downstream of it.
 */
final class StageKeys {
    private static final ObjectMapper JSON = SpecJson.mapper();

    private StageKeys() {
    }

    /** Key = hash of the stage's name, its spec slice, its inputs' keys and the tool version. */
    static Map<String, String> of(List<Stage> stages) {
        Map<String, String> keys = new HashMap<>();
        materials(stages).forEach((name, material) -> keys.put(name, SpecJson.hash(material)));
        return keys;
    }

    /**
     * What each stage's key is the hash of, in plan order: {@code stage}, {@code tool} (the l96 version),
     * {@code spec} (the stage's slice of the spec, {@link Stage#keyMaterial()}) and {@code inputs} (each input
     * stage's key). Stored in {@code stage.json} so that {@link CachePlan} can say what changed.
     */
    static Map<String, ObjectNode> materials(List<Stage> stages) {
        Map<String, ObjectNode> materials = new LinkedHashMap<>();
        for (Stage s : stages) {
            ObjectNode material = JSON.createObjectNode();
            material.put("stage", s.name());
            material.put("tool", Provenance.toolVersion());
            material.set("spec", SpecJson.toTree(s.keyMaterial()));
            ObjectNode inputs = material.putObject("inputs");
            for (String in : s.inputs()) {
                inputs.put(in, SpecJson.hash(materials.get(in)));
            }
            materials.put(s.name(), material);
        }
        return materials;
    }
}

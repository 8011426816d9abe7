package org.l96.run;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.l96.dsl.ScriptLoader;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.SpecJson;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code l96 plan} names a changed key-material field by its spec path ({@link Stage#keyMaterialPaths()}): for every
 * stage of the examples, each leaf of its key material that a path is given for is found at that path in the spec's
 * JSON with the same value, so the path the plan prints is the one {@code --set} takes.
 */
class KeyMaterialPathsTest {
    @Test
    void everyMappedLeafIsTheSpecsValueAtThatPath() {
        int checked = 0;
        for (String example : List.of("examples/seed-notebook.groovy", "examples/forecast-skill.groovy",
                "examples/lr-range-test.groovy", "examples/quickstart.groovy")) {
            ExperimentSpec spec = ScriptLoader.load(Path.of(example), List.of());
            JsonNode tree = MetricsJson.mapper().valueToTree(SpecJson.toTree(spec));
            for (Stage s : Planner.plan(spec)) {
                Map<String, JsonNode> leaves = new LinkedHashMap<>();
                CachePlan.leaves("", MetricsJson.mapper().valueToTree(SpecJson.toTree(s.keyMaterial())), leaves);
                boolean anyMapped = false;
                for (var leaf : leaves.entrySet()) {
                    String path = CachePlan.specPath(leaf.getKey(), s.keyMaterialPaths());
                    if (path.startsWith("l96's ")) {
                        continue; // the stage's own field: its name, a format version
                    }
                    anyMapped = true;
                    JsonNode there = tree.at("/" + path.replace('.', '/'));
                    assertFalse(there.isMissingNode(), example + ": " + s.name() + ": " + leaf.getKey() + " → "
                            + path + " is not in the spec");
                    // an evaluation at the world's own forcing keys it as null; one that compares no polynomial
                    // keys an empty set of them
                    boolean nothing = leaf.getValue().isNull() || leaf.getValue().isContainerNode()
                            && leaf.getValue().isEmpty();
                    if (!nothing) {
                        assertEquals(there, leaf.getValue(), example + ": " + s.name() + ": " + path);
                    }
                    checked++;
                }
                assertTrue(anyMapped, example + ": " + s.name() + " maps no field of its key to the spec");
            }
        }
        assertTrue(checked > 100, checked + " leaves checked");
    }

    @Test
    void specPathsOfKeyMaterial() {
        Map<String, String> train = Map.of("spec", "networks.ann", "data", "data");
        assertEquals("networks.ann.train.epochs", CachePlan.specPath("spec.train.epochs", train));
        assertEquals("data.batchSize", CachePlan.specPath("data.batchSize", train));
        assertEquals("world.forcing", CachePlan.specPath("spec.world.forcing", Map.of("spec", "")));
        assertEquals("l96's semantics", CachePlan.specPath("semantics", train));
    }
}

package org.l96.nn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * metrics.json writes a loss that does not exist as null (as the manifest does), not the string "NaN", and no
 * best epoch for no epochs (a loaded network without its history); it reads back as it was.
 */
class MetricsNullsTest {

    @Test
    void noEpochsNoLossesAreNull(@TempDir Path dir) throws Exception {
        Metrics none = new Metrics(Double.NaN, 0.25, 0.25, 0, 0, 120, 0, Metrics.StopReason.COMPLETED);
        Path f = dir.resolve("metrics.json");
        none.write(f, Map.of("testLoss", 0.5));
        JsonNode tree = new ObjectMapper().readTree(f.toFile());
        assertTrue(tree.get("finalTrainLoss").isNull(), tree.toString());
        assertTrue(tree.get("bestEpoch").isNull(), tree.toString());
        assertEquals(0.25, tree.get("finalValLoss").asDouble(), 0.0);
        assertEquals(0.5, tree.get("testLoss").asDouble(), 0.0);
        Metrics back = Metrics.read(f);
        assertTrue(Double.isNaN(back.finalTrainLoss()));
        assertEquals(0, back.bestEpoch());
        assertEquals(none, back);

        Metrics trained = new Metrics(0.1, 0.2, 0.15, 3, 5, 120, 1.5, Metrics.StopReason.COMPLETED);
        trained.write(f);
        assertEquals(3, new ObjectMapper().readTree(f.toFile()).get("bestEpoch").asInt());
        assertEquals(trained, Metrics.read(f));
    }
}

package org.l96.nn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** history.json writes a loss that is not finite as null (as the metrics do) and reads null, and old strings, back. */
class HistoryJsonTest {
    @TempDir
    Path dir;

    @Test
    void aLossThatIsNotFiniteIsNullInTheFileAndNaNWhenRead() throws IOException {
        History h = new History(List.of(new History.Epoch(1, 2.5, 3.5, 0.01),
                new History.Epoch(2, Double.NaN, Double.POSITIVE_INFINITY, 0.01)), List.of(0.01, Double.NaN));
        Path f = dir.resolve("history.json");
        h.write(f);
        JsonNode json = new ObjectMapper().readTree(f.toFile());
        assertEquals(2.5, json.get("epochs").get(0).get("trainLoss").asDouble());
        assertTrue(json.get("epochs").get(1).get("trainLoss").isNull(), json.toString());
        assertTrue(json.get("epochs").get(1).get("valLoss").isNull(), json.toString());
        assertTrue(json.get("iterationLr").get(1).isNull(), json.toString());
        History back = History.read(f);
        assertEquals(3.5, back.valLosses()[0]);
        assertTrue(Double.isNaN(back.trainLosses()[1]) && Double.isNaN(back.valLosses()[1]));
        assertTrue(Double.isNaN(back.iterationLr().get(1)));
    }

    @Test
    void aFileWrittenWithTheOldStringsIsStillRead() throws IOException {
        Path f = dir.resolve("old.json");
        Files.writeString(f, "{\"epochs\":[{\"epoch\":1,\"trainLoss\":\"NaN\",\"valLoss\":\"Infinity\",\"lr\":0.1}],"
                + "\"iterationLr\":[0.1]}");
        History h = History.read(f);
        assertTrue(Double.isNaN(h.trainLosses()[0]));
        assertEquals(Double.POSITIVE_INFINITY, h.valLosses()[0]);
    }
}

package org.l96.nn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArtifactsTest {

    @Test
    void historyMetricsAndRangeTestResultsRoundTripThroughJson(@TempDir Path dir) throws Exception {
        History h = new History(List.of(new History.Epoch(1, 3.5, 3.25, 0.01), new History.Epoch(2, 2.5, Double.NaN,
                0.005)), List.of(0.01, 0.01, 0.005, 0.005));
        h.write(dir.resolve("history.json"));
        assertEquals(h, History.read(dir.resolve("history.json")));
        assertTrue(Files.readString(dir.resolve("history.json")).contains("\"trainLoss\""));

        Metrics m = new Metrics(2.5, Double.NaN, 3.25, 1, 2, 1234, 1.5, Metrics.StopReason.EARLY_STOPPED);
        m.write(dir.resolve("metrics.json"));
        assertEquals(m, Metrics.read(dir.resolve("metrics.json")));

        LrRangeTest.Result r = new LrRangeTest.Result(List.of(1e-7, 1e-6), List.of(5.0, 4.0), List.of(5.0, 3.9),
                Double.NaN, -1, 1, false);
        r.write(dir.resolve("lr.json"));
        assertEquals(r, LrRangeTest.Result.read(dir.resolve("lr.json")));
    }
}

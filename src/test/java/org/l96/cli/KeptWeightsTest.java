package org.l96.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With {@code restoreBest} the run says which epoch's weights the network kept, and their validation loss measured
 * on the saved network, in the stage's metrics, the manifest, the console summary and the report.
 */
class KeptWeightsTest {
    /**
     * minDelta 100 (far above any loss here): no epoch after the first counts as an improvement, so early stopping
     * with patience 2 ends after epoch 3 and the best epoch is 1, whatever the losses are.
     */
    private static final String SCRIPT = """
            experiment('kept') {
                seed 5
                simulate { sampleEvery 0.01; samples 1500 }
                data { validation fraction: 0.2; batchSize 128 }
                network('best') {
                    layers { dense 8, relu; dense 8 }
                    train { epochs 10; optimizer adam(lr: 0.01); earlyStopping patience: 2, minDelta: 100, restoreBest: true }
                }
                network('last', from: 'best') {
                    train { earlyStopping patience: 2, minDelta: 100, restoreBest: false }
                }
                // restoreBest, but its one epoch is both the best and the last: nothing restored, nothing said
                network('one', from: 'best') {
                    train { epochs 1; earlyStopping patience: 2, minDelta: 100, restoreBest: true }
                }
            }
            """;

    @Test
    void restoreBestKeepsTheBestEpochAndSaysSoWithItsLoss(@TempDir Path dir) throws IOException {
        Path script = dir.resolve("kept.groovy");
        Files.writeString(script, SCRIPT);
        CliRunner.Outcome run = CliRunner.run("run", script.toString(), "--out", dir.resolve("out").toString());
        assertEquals(0, run.code(), run.err() + run.out());
        Path exp = dir.resolve("out/kept");
        ObjectMapper json = new ObjectMapper();
        JsonNode networks = json.readTree(exp.resolve("manifest.json").toFile()).get("metrics").get("networks");
        JsonNode history = json.readTree(exp.resolve("train-best/history.json").toFile()).get("epochs");
        assertEquals(3, history.size(), "stopped early after epoch 3");
        double val1 = history.get(0).get("valLoss").asDouble();
        double val3 = history.get(2).get("valLoss").asDouble();
        assertNotEquals(val1, val3);

        JsonNode best = networks.get("best");
        assertEquals("EARLY_STOPPED", best.get("stopReason").asText());
        assertEquals(1, best.get("keptEpoch").asInt());
        assertTrue(best.get("restoredBest").asBoolean());
        // measured anew on the returned network: the loss epoch 1 had, not the last epoch's
        assertEquals(val1, best.get("keptValLoss").asDouble(), 1e-12 * val1);
        assertEquals(val3, best.get("finalValLoss").asDouble(), 0.0);
        JsonNode stage = json.readTree(exp.resolve("train-best/stage.json").toFile()).get("metrics")
                .get("networks.best");
        assertEquals(1, stage.get("keptEpoch").asInt());
        // the training's own metrics.json says the same (an interrupted training's folder has only it)
        JsonNode own = json.readTree(exp.resolve("train-best/metrics.json").toFile());
        assertEquals(1, own.get("keptEpoch").asInt(), own.toString());
        assertEquals(val1, own.get("keptValLoss").asDouble(), 1e-12 * val1);
        assertEquals(3, own.get("epochs").asInt());
        assertEquals(org.l96.nn.Metrics.read(exp.resolve("train-best/metrics.json")).bestEpoch(), 1);

        // same training without restoreBest keeps the last epoch (its own history: same seed, same data)
        JsonNode last = networks.get("last");
        JsonNode lastHistory = json.readTree(exp.resolve("train-last/history.json").toFile()).get("epochs");
        assertEquals(3, last.get("keptEpoch").asInt());
        assertFalse(last.get("restoredBest").asBoolean());
        assertEquals(lastHistory.get(2).get("valLoss").asDouble(), last.get("keptValLoss").asDouble(),
                1e-12 * val3);

        String expected = "network 'best' stopped early (its validation loss no longer improved) after epoch 3 and "
                + "keeps the weights of epoch 1 of 3, its best (validation loss " + org.l96.run.Findings.num(val1)
                + ")";
        assertTrue(run.out().contains(expected), run.out());
        assertFalse(run.out().contains("network 'last' keeps"), run.out());
        // early stopping is said without restoreBest too (it used to be in the manifest alone)
        assertTrue(run.out().contains("network 'last' stopped early (its validation loss no longer improved) after "
                + "epoch 3\n"), run.out());
        assertEquals(1, networks.get("one").get("keptEpoch").asInt());
        assertFalse(networks.get("one").get("restoredBest").asBoolean());
        assertFalse(run.out().contains("network 'one' keeps"), run.out());
        assertTrue(Files.readString(exp.resolve("report/report.html")).contains(expected));
    }
}

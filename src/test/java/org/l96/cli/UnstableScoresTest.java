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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The case "unstable-scores" of issue 10 through the real command line: a training that diverges (SGD at lr 1), a
 * polynomial that blows the coarse model up (+0.05 X³), both compared in a trajectory and a climate evaluation.
 */
class UnstableScoresTest {
    private static final String SCRIPT = "src/test/resources/cases/unstable-scores.groovy";

    @Test
    void unstableRunsScoreNullAndTheRunSaysWhatWentWrong(@TempDir Path out) throws IOException {
        CliRunner.Outcome run = CliRunner.run("run", SCRIPT, "--out", out.toString());
        assertEquals(0, run.code(), run.err() + run.out());
        Path exp = out.resolve("unstable2");
        JsonNode manifest = new ObjectMapper().readTree(exp.resolve("manifest.json").toFile());
        JsonNode online = manifest.get("metrics").get("online");

        // trajectory 'T' at dt 0.002: before, 'diverge' scored 0.0 (the best score) and 'wild' 3.1e32
        JsonNode wild = online.get("T").get("wild");
        JsonNode diverge = online.get("T").get("diverge");
        for (JsonNode m : new JsonNode[]{wild, diverge}) {
            assertTrue(m.has("meanAbsError") && m.get("meanAbsError").isNull(), m.toString());
            assertTrue(m.get("meanAbsErrorFirst2TimeUnits").isNull(), m.toString());
            assertEquals(1.0, m.get("unstableFraction").asDouble());
        }
        assertEquals(0.09, wild.get("unstableAt").asDouble(), 1e-9, "the case's blow-up time");
        assertEquals(0.002, diverge.get("unstableAt").asDouble(), 1e-12, "NaN weights: NaN after one step");
        for (String stable : new String[]{"none", "weak"}) {
            JsonNode m = online.get("T").get(stable);
            assertTrue(m.get("meanAbsError").asDouble() > 0 && m.get("meanAbsError").asDouble() < 20, m.toString());
            assertTrue(m.get("unstableAt").isNull(), m.toString());
        }

        // climate 'clim' (coarse dt = the sample interval 0.01): no statistic of a run that did not last
        for (String scheme : new String[]{"wild", "diverge"}) {
            JsonNode m = online.get("clim").get(scheme);
            for (String metric : new String[]{"mean", "variance", "hellinger", "wasserstein", "acf",
                    "spatialCorrelation"}) {
                assertTrue(m.has(metric) && m.get(metric).isNull(), scheme + "." + metric + ": " + m);
            }
            assertEquals(1.0, m.get("unstableFraction").asDouble());
        }
        assertEquals(0.09, online.get("clim").get("wild").get("unstableAt").asDouble(), 1e-9,
                "counted from the start of the run, spin-up included (it blew up in the spin-up)");
        assertEquals(0.01, online.get("clim").get("diverge").get("unstableAt").asDouble(), 1e-12);
        assertTrue(online.get("clim").get("none").get("hellinger").asDouble() > 0);

        // the diverged training: failed with its reason, losses null (not the string "NaN")
        JsonNode net = manifest.get("metrics").get("networks").get("diverge");
        assertTrue(net.get("diverged").asBoolean(), net.toString());
        assertEquals(1, net.get("divergedAtEpoch").asInt());
        assertEquals("diverged at epoch 1: training loss NaN", net.get("divergence").asText());
        assertEquals("DIVERGED", net.get("stopReason").asText());
        assertEquals(1, net.get("epochs").asInt(), "training stops at the epoch it diverged, not after 3");
        assertTrue(net.get("finalTrainLoss").isNull() && net.get("keptValLoss").isNull(), net.toString());
        assertTrue(net.get("bestEpoch").isNull(), "no epoch had a finite loss, so there is no best one: " + net);
        assertFalse(manifest.get("metrics").get("networks").get("weak").get("diverged").asBoolean());
        // the same in the stage's own record
        JsonNode stage = new ObjectMapper().readTree(exp.resolve("train-diverge/stage.json").toFile());
        assertTrue(stage.get("metrics").get("networks.diverge").get("diverged").asBoolean());

        // the console: its own mark and the reason, unstable schemes with their time, the diverged net used online
        String summary = run.out();
        assertTrue(summary.matches("(?s).*⚠ train-diverge\\s+diverged.*"), summary);
        assertTrue(summary.matches("(?s).*✓ train-weak\\s+ran.*"), summary);
        assertTrue(summary.contains("⚠ network 'diverge' diverged at epoch 1: training loss NaN"), summary);
        assertTrue(summary.contains("unstable in 'T': 'wild' at t = 0.09, 'diverge' at t = 0.002"), summary);
        assertTrue(summary.contains("unstable in 'clim': 'wild' at t = 0.09, 'diverge' at t = 0.01"), summary);
        assertTrue(summary.contains("network 'diverge' diverged in training and is used online by 'T', 'clim'"),
                summary);
        assertTrue(run.err().contains("⚠ train-diverge"), run.err());

        // the report says the same
        String report = Files.readString(exp.resolve("report/report.html"));
        assertTrue(report.contains("Problems and notes"), report);
        assertTrue(report.contains("⚠ network 'diverge' diverged at epoch 1: training loss NaN"), report);
        assertTrue(report.contains("used online by 'T', 'clim'"), report);
        assertTrue(report.contains("at t = 0.09"), report);

        // a rerun reuses every stage and says the same (the findings come from the stored metrics)
        CliRunner.Outcome again = CliRunner.run("run", SCRIPT, "--out", out.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("⚠ network 'diverge' diverged at epoch 1: training loss NaN"), again.out());
        assertTrue(again.out().matches("(?s).*⚠ train-diverge\\s+diverged.*"), again.out());
    }
}

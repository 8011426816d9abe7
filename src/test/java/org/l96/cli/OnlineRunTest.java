package org.l96.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.spec.SpecJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@code l96 run} says about online training (a new user's findings). */
class OnlineRunTest {
    static CliRunner.Outcome run(Path dir, String body, String... extra) throws IOException {
        Path s = dir.resolve("r.groovy");
        Files.writeString(s, "experiment('r') {\n" + body + "\n}\n");
        String[] args = new String[4 + extra.length];
        args[0] = "run";
        args[1] = s.toString();
        args[2] = "--out";
        args[3] = dir.resolve("out").toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        return CliRunner.run(args);
    }

    static JsonNode manifest(Path dir) throws IOException {
        return SpecJson.mapper().readTree(dir.resolve("out").resolve("r").resolve("manifest.json").toFile());
    }

    /** A test segment too short for one window: the run says so, naming the segment's length and the window. */
    @Test
    void aTestSegmentShorterThanAWindowIsNamed(@TempDir Path dir) throws IOException {
        CliRunner.Outcome o = run(dir, """
                    seed 1
                    world { k 8; j 8 }
                    simulate { samples 400 }
                    data { validation last: 100; test last: 4 }
                    network('on') { layers { dense 8 }; train { rollout 5; epochs 1 } }""");
        assertEquals(0, o.code(), o.err());
        String all = o.out() + o.err();
        assertTrue(all.contains("network 'on': the test segment has 4 samples, fewer than one window of 5 steps "
                + "needs (6), so there is no test loss"), all);
        JsonNode on = manifest(dir).path("metrics").path("networks").path("on");
        assertTrue(on.path("testLoss").isNull(), on.toString());
        assertEquals(0, on.path("rollout").path("testWindows").asInt(-1));
    }

    /** Continuing a network whose training left non-finite weights is refused, naming the base and why. */
    @Test
    void continuingADivergedNetworkIsRefusedAsAFailedInput(@TempDir Path dir) throws IOException {
        CliRunner.Outcome o = run(dir, """
                    seed 1
                    world { k 8; j 8 }
                    simulate { samples 400 }
                    data { validation last: 100; batchSize 64 }
                    network('hot') { layers { dense 8, relu; dense 8 }; train { epochs 1; optimizer sgd(lr: 1e12) } }
                    network('warm', continues: 'hot') { train { epochs 1; optimizer sgd(lr: 0.001) } }""");
        String all = o.out() + o.err();
        JsonNode hot = manifest(dir).path("metrics").path("networks").path("hot");
        assertTrue(hot.path("diverged").asBoolean(), hot.toString());
        assertTrue(all.contains("network 'warm' continues 'hot', whose weights are not finite (its training "
                + "diverged, in 1 epoch): there is nothing to continue"), all);
        assertFalse(all.contains("Exception"), all);
        assertTrue(manifest(dir).path("metrics").path("networks").path("warm").isMissingNode(),
                "no result for the continued training");
    }
}

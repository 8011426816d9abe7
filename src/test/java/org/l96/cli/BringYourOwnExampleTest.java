package org.l96.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.l96.data.Split;
import org.l96.spec.DataSpec;
import org.l96.testsupport.ByoExample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * examples/bring-your-own.groovy runs as its header says (the dataset and the source network made first): the
 * loaded network is the source run's file, every network has a test loss, the forecast and the ensemble start in the
 * test segment, and the figures are drawn.
 */
class BringYourOwnExampleTest {

    @Test
    void theExampleRunsAsDocumented() throws Exception {
        Path root = ByoExample.root();
        Path out = root.resolve("output");
        CliRunner.Outcome r = CliRunner.run("run", root.resolve("examples/bring-your-own.groovy").toString(),
                "--out", out.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        Path exp = out.resolve("bring-your-own");
        JsonNode m = new ObjectMapper().readTree(exp.resolve("manifest.json").toFile());
        Path model = out.resolve("byo-source/train-ann/model.zip");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(model)));
        assertEquals(sha, m.at("/metrics/networks/theirs/loaded/sha256").asText());
        assertEquals("byo-source", m.at("/metrics/networks/theirs/loaded/experiment").asText());
        for (String n : new String[]{"theirs", "theirs-more", "ours"}) {
            assertTrue(m.at("/metrics/networks/" + n + "/testLoss").isNumber(), n);
            assertTrue(m.at("/metrics/online/skill/" + n + "/vpt").isNumber(), n);
        }
        // the forecast and the ensemble draw from the test segment: rows 16001 to 20000 of the 20001 (the split
        // training uses), recorded in their stage keys
        Split split = Split.of(20_001, new DataSpec(4000, null, 4000, 256, true));
        assertEquals(16_001, split.testStart());
        for (String e : new String[]{"skill", "fromTest"}) {
            JsonNode key = new ObjectMapper().readTree(exp.resolve("evaluate-" + e + "/stage.json").toFile())
                    .at("/keyMaterial/spec/segmentRows");
            assertEquals("[16001,20001]", key.toString(), e);
        }
        assertTrue(m.at("/metrics/online/fromTest/none/sumAbsError").isNumber());
        String report = Files.readString(exp.resolve("report/report.html"));
        assertTrue(report.contains("theirs is loaded from " + model.toAbsolutePath().normalize())
                && report.contains(sha.substring(0, 12)) && report.contains("experiment 'byo-source'"));
        for (String chart : new String[]{"chart-lossCurves_theirs/lossCurves_theirs.png",
                "chart-rmseByLead_skill/rmseByLead_skill.png"}) {
            assertTrue(Files.exists(exp.resolve(chart)), chart);
        }
    }
}

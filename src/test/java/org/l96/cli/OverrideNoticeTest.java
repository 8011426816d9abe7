package org.l96.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OverrideNoticeTest {

    @Test
    void leavesPrintNumbersAsAUserWritesThem() throws Exception {
        var tree = new ObjectMapper().readTree(
                "{\"train\":{\"lr\":1e-4,\"epochs\":3,\"dt\":3.0,\"big\":20000.0,\"tiny\":1e-7,\"word\":\"adam\"}}");
        Map<String, String> leaves = OverrideNotice.leaves(tree);
        assertEquals("0.0001", leaves.get("train.lr"));
        assertEquals("3", leaves.get("train.epochs"));
        assertEquals("3", leaves.get("train.dt"));
        assertEquals("20000", leaves.get("train.big"));
        assertEquals("0.0000001", leaves.get("train.tiny"));
        assertEquals("adam", leaves.get("train.word"));
    }

    /** With --out given the notice does not advise giving it. */
    @Test
    void theNoticeAdvisesOutOnlyWithoutIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path script = dir.resolve("n.groovy");
        java.nio.file.Files.writeString(script, "experiment('n') { network('a') { layers { dense 8 } } }");
        var spec = org.l96.dsl.ScriptLoader.load(script, java.util.List.of("world.forcing=20"));
        String without = OverrideNotice.of(java.util.List.of("world.forcing=20"), spec, dir.resolve("out/n"), false);
        String with = OverrideNotice.of(java.util.List.of("world.forcing=20"), spec, dir.resolve("out/n"), true);
        org.junit.jupiter.api.Assertions.assertTrue(without.contains("give --out DIR to keep runs apart"), without);
        org.junit.jupiter.api.Assertions.assertFalse(with.contains("--out"), with);
        org.junit.jupiter.api.Assertions.assertTrue(with.contains("a later run there replaces them)"), with);
    }
}

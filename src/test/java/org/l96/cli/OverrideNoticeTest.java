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
}

package org.l96.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An LR range test whose loss never fell suggests no rate, and the run says so as a problem; one that did, not. */
class LrRangeTestFindingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode metrics(Double suggested) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode m = root.putObject("lrRangeTest.fast");
        if (suggested == null) {
            m.putNull("suggestedLr");
        } else {
            m.put("suggestedLr", suggested);
        }
        m.put("stoppedAtLr", 0.5);
        m.put("diverged", true);
        return root;
    }

    @Test
    void noSuggestionIsAProblemAndASuggestionIsNot() {
        List<Findings.Finding> none = Findings.ofStage("lr-range-test-fast", metrics(null));
        assertEquals(1, none.size(), none.toString());
        assertTrue(none.get(0).problem());
        assertTrue(none.get(0).text().startsWith("LR range test 'fast' suggests no rate: the loss did not fall before "
                + "it stopped at lr 0.5"), none.get(0).text());
        assertEquals(List.of(), Findings.ofStage("lr-range-test-fast", metrics(0.014)));
    }
}

package org.l96.testsupport;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A missing tool skips a test with its reason on a developer's machine and fails it under CI. */
class NeedsTest {

    @Test
    void missingIsASkipWithTheReasonOutsideCiAndAFailureUnderCi() {
        assertDoesNotThrow(() -> Needs.check(true, "present", false));
        assertDoesNotThrow(() -> Needs.check(true, "present", true));
        TestAbortedException skip = assertThrows(TestAbortedException.class,
                () -> Needs.check(false, "chromium is not on the PATH", false));
        assertTrue(skip.getMessage().contains("chromium is not on the PATH"), skip.getMessage());
        AssertionFailedError fail = assertThrows(AssertionFailedError.class,
                () -> Needs.check(false, "chromium is not on the PATH", true));
        assertTrue(fail.getMessage().startsWith("chromium is not on the PATH (CI=true"), fail.getMessage());
    }

    @Test
    void findsCommandsOnThePath() {
        assertNull(Needs.onPath("no-such-command-l96"));
        assertEquals("sh", Needs.onPath("no-such-command-l96", "sh").getFileName().toString());
    }
}

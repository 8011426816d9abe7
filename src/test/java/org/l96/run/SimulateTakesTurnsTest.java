package org.l96.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code l96 simulate} between processes (issue 14 §2): two into one folder take turns (the second waits for the
 * first, then writes the same files), and a simulation stopped midway leaves no temporary folder and says so.
 */
class SimulateTakesTurnsTest {

    private static boolean anyTemp(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().contains(".tmp-"));
        }
    }

    @Test
    void twoIntoOneFolderTakeTurns(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("two");
        String[] args = {"simulate", "--samples", "100000", "--no-y", "--out", out.toString()};
        L96Process a = L96Process.start(dir.resolve("logs"), "a", args);
        L96Process b = L96Process.start(dir.resolve("logs"), "b", args);
        assertEquals(0, a.waitFor(5), a.toString());
        assertEquals(0, b.waitFor(5), b.toString());
        String both = a.err() + b.err();
        assertFalse(both.contains("internal error") || both.contains("Exception"), both);
        assertTrue(both.contains("waiting for pid"), both); // one of them waited for the other
        assertEquals(100001, org.l96.data.Npy.shape(out.resolve(SimulationFiles.X))[0]);
        assertTrue(Files.exists(out.resolve("manifest.json")));
        assertFalse(anyTemp(dir));
    }

    @Test
    void stoppedMidwayLeavesNothing(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("big");
        L96Process p = L96Process.start(dir.resolve("logs"), "p", "simulate", "--samples", "2000000", "--no-y",
                "--out", out.toString());
        long until = System.nanoTime() + 120_000_000_000L;
        while (!anyTemp(dir) && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertTrue(anyTemp(dir), "the simulation started writing: " + p);
        Thread.sleep(500);
        p.process.destroy(); // SIGTERM, as a kill or Ctrl-C (SIGINT) stops the JVM: shutdown hooks run
        p.waitFor(2);
        assertFalse(anyTemp(dir), p.toString());
        assertFalse(Files.exists(out));
        assertTrue(p.err().contains("interrupted; nothing written to " + out), p.err());
    }
}

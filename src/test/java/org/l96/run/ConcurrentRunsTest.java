package org.l96.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs that meet each other or damage, with real {@code l96} processes: two runs into one experiment folder take
 * turns (the second waits, says for whom, then reuses what the first computed); a run killed with SIGKILL while it
 * holds the folder frees it and leaves no half-written stage; a stored output damaged after the run is found on
 * the next run, which computes that stage again with a warning naming the file.
 */
class ConcurrentRunsTest {
    @TempDir
    Path dir;

    private static final String TINY = """
            experiment('tiny') {
                seed 14
                simulate { sampleEvery 0.01; samples 400 }
                data { validation fraction: 0.2; batchSize 128 }
                network('small') {
                    nonLocal()
                    layers { dense 8, relu; dense 8 }
                    train { epochs EPOCHS; optimizer adam(lr: 0.003) }
                }
                ensemble('runs') { compare 'none', 'small'; initialConditions 3; every 0.5; duration 0.3 }
            }
            """;
    private static final Pattern RAN = Pattern.compile("(?m)^(?:[✓⚠✗–]\\s+)?\\S+\\s+ran\\s");

    private Path script(int epochs) throws IOException {
        Path s = dir.resolve("tiny.groovy");
        Files.writeString(s, TINY.replace("EPOCHS", String.valueOf(epochs)));
        return s;
    }

    private static void waitUntil(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 2 min for: " + what);
            }
            Thread.sleep(20);
        }
    }

    private static String lockHolder(Path expDir) throws IOException {
        Path f = expDir.resolve(Runner.LOCK_FILE);
        return Files.isRegularFile(f) ? Files.readString(f) : "";
    }

    /** Every stage folder has a stage.json whose recorded files are all there, whole. */
    private static void assertNoStageDamaged(Path expDir, List<String> stages) {
        for (String s : stages) {
            StageRecord r = Runner.readRecord(expDir.resolve(s));
            assertNotNull(r, s + " has no stage.json");
            assertNull(OutputFiles.damage(expDir.resolve(s), r), s);
        }
        assertFalse(Files.exists(expDir.resolve(Runner.WORK)), "the work folder is left behind");
    }

    private static final List<String> STAGES = List.of("simulate", "train-small", "evaluate-runs", "report");

    @Test
    void planNamesARunInProgressAndWaitsForNothing() throws Exception {
        Path script = script(2);
        Path out = dir.resolve("out-plan");
        Path exp = out.resolve("tiny");
        try (FolderLock held = FolderLock.acquire(exp.resolve(Runner.LOCK_FILE), "the test", m -> { }, () -> false)) {
            L96Process p = L96Process.start(dir.resolve("logs"), "plan", "plan", script.toString(), "--out",
                    out.toString());
            assertEquals(0, p.waitFor(2), p.toString());
            assertTrue(p.out().contains("a run is in progress there: pid " + ProcessHandle.current().pid() + " on "),
                    p.toString());
            assertTrue(p.out().contains("running the test (started "), p.toString());
            // the plan's probe left the lock with its holder
            assertTrue(FolderLock.holderNow(exp.resolve(Runner.LOCK_FILE)).contains("a run in this process"));
        }
        assertNull(FolderLock.holderNow(exp.resolve(Runner.LOCK_FILE)));
    }

    @Test
    void twoRunsIntoOneFolderTakeTurns() throws Exception {
        Path script = script(2);
        Path out = dir.resolve("out");
        Path exp = out.resolve("tiny");
        L96Process a;
        L96Process b;
        // this test holds the folder first, so both processes must wait: for it, then the later one for the other
        try (FolderLock held = FolderLock.acquire(exp.resolve(Runner.LOCK_FILE), "the test", m -> { }, () -> false)) {
            a = L96Process.start(dir.resolve("logs"), "a", "run", script.toString(), "--out", out.toString());
            b = L96Process.start(dir.resolve("logs"), "b", "run", script.toString(), "--out", out.toString());
            String me = "waiting for pid " + ProcessHandle.current().pid() + " on ";
            waitUntil("both runs wait for the test", () -> a.err().contains(me) && b.err().contains(me));
            assertTrue(a.err().contains("running the test (started "), a.toString());
        }
        assertEquals(0, a.waitFor(5), a.toString());
        assertEquals(0, b.waitFor(5), b.toString());
        L96Process first = RAN.matcher(a.out()).find() ? a : b;
        L96Process second = first == a ? b : a;
        // the first computed every stage; the second waited for it, naming it, then reused them all
        assertEquals(STAGES.size(), RAN.matcher(first.out()).results().count(), first.toString());
        assertTrue(second.err().contains("waiting for pid " + first.pid() + " on "), second.toString());
        assertTrue(second.err().contains("running experiment tiny (started "), second.toString());
        assertTrue(second.err().contains(STAGES.size() + " reused, 0 to run"), second.toString());
        assertFalse(RAN.matcher(second.out()).find(), second.toString());
        assertNoStageDamaged(exp, STAGES);
    }

    @Test
    void aSweepWaitsForAnotherSweepIntoTheSameFolder() throws Exception {
        Path script = dir.resolve("sweep.groovy");
        Files.writeString(script, TINY.replace("EPOCHS", "1").replace("ensemble(",
                "sweep { vary 'networks.small.train.epochs', 1, 2 }\n        ensemble("));
        Path out = dir.resolve("out");
        L96Process s;
        try (FolderLock held = FolderLock.acquire(out.resolve("tiny/.sweep.lock"), "the test", m -> { },
                () -> false)) {
            s = L96Process.start(dir.resolve("logs"), "sweep", "sweep", script.toString(), "--out", out.toString(),
                    "--parallel", "2");
            String me = "waiting for pid " + ProcessHandle.current().pid() + " on ";
            waitUntil("the sweep waits for the test", () -> s.err().contains(me));
            assertFalse(Files.exists(out.resolve("tiny/plan.json")), "a waiting sweep writes nothing");
        }
        assertEquals(0, s.waitFor(5), s.toString());
        assertTrue(s.out().contains("2 ok, 0 failed"), s.toString());
    }

    /**
     * Processes whose command line mentions {@code path} and {@code word} (a sweep's worker JVMs), read from
     * /proc: ProcessHandle.Info leaves out the arguments of a command line as long as a test class path.
     */
    private static List<ProcessHandle> processesOf(Path path, String word) throws IOException {
        List<ProcessHandle> found = new java.util.ArrayList<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                String cmd;
                try {
                    cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                } catch (IOException gone) {
                    continue;
                }
                if (cmd.contains(word) && cmd.contains(path.toString())) {
                    ProcessHandle.of(Long.parseLong(p.getFileName().toString())).ifPresent(found::add);
                }
            }
        }
        return found;
    }

    @Test
    void aSweepStoppedAloneStopsItsWorkerWhosePointsKeepWhatTheyHad() throws Exception {
        // SIGINT to the sweep's own process only (kill -INT from another terminal, not Ctrl-C to the group): its
        // worker JVM must stop too, its points stopping as l96 run stops, and the count must be the final one
        Path script = dir.resolve("sweep.groovy");
        Files.writeString(script, TINY.replace("EPOCHS", "1000000").replace("ensemble(",
                "sweep { vary 'networks.small.train.epochs', 1000000, 1000001 }\n        ensemble("));
        Path out = dir.resolve("out");
        Path logs = out.resolve("tiny/logs");
        L96Process s = L96Process.start(dir.resolve("logs"), "sweep", "sweep", script.toString(), "--out",
                out.toString(), "--parallel", "2");
        try {
            waitUntil("both points train", () -> {
                if (!Files.isDirectory(logs)) {
                    return false;
                }
                try (var files = Files.list(logs)) {
                    return files.filter(f -> !f.getFileName().toString().startsWith("worker")).filter(f -> {
                        try {
                            return Files.readString(f).contains("train-small: epoch 1/");
                        } catch (IOException e) {
                            return false;
                        }
                    }).count() == 2;
                }
            });
            assertFalse(processesOf(out, "sweep-point").isEmpty(), "the worker JVM runs");
            new ProcessBuilder("kill", "-INT", String.valueOf(s.pid())).start().waitFor();
            assertEquals(130, s.waitFor(2), s.toString());
            assertTrue(s.err().contains("interrupted: 0 of 2 points done (kept)"), s.toString());
            assertTrue(processesOf(out, "sweep-point").isEmpty(), "the worker JVM ended with the sweep");
            try (var statuses = Files.list(out.resolve("tiny/status"))) {
                List<Path> files = statuses.toList();
                assertEquals(2, files.size(), files.toString());
                for (Path f : files) {
                    org.l96.sweep.PointStatus st = org.l96.sweep.PointStatus.read(f);
                    assertEquals("failed", st.status(), st.toString());
                    assertTrue(st.error().contains("train-small: interrupted"), st.toString());
                    assertTrue(Files.isRegularFile(out.resolve("tiny/points/" + st.id()
                            + "/interrupted/train-small/model.zip")), st + ": what it had is kept");
                }
            }
        } finally {
            processesOf(out, "sweep-point").forEach(ProcessHandle::destroyForcibly);
            s.process.destroyForcibly();
        }
    }

    @Test
    void aRunKilledWhileItHoldsTheFolderFreesItAndLeavesNoHalfWrittenStage() throws Exception {
        Path script = script(3000); // a training long enough to be killed in the middle of
        Path out = dir.resolve("out");
        Path exp = out.resolve("tiny");
        L96Process a = L96Process.start(dir.resolve("logs"), "a", "run", script.toString(), "--out", out.toString());
        waitUntil("the run holds the folder and is training", () -> lockHolder(exp).contains("pid " + a.pid() + " ")
                && Files.isDirectory(exp.resolve(Runner.WORK)) && hasWork(exp, "train-small-"));
        a.process.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
        a.waitFor(1);
        assertTrue(Files.isRegularFile(exp.resolve("simulate/stage.json")));
        assertFalse(Files.exists(exp.resolve("train-small")), "a killed training must not look finished");

        Files.writeString(script, TINY.replace("EPOCHS", "2"));
        L96Process b = L96Process.start(dir.resolve("logs"), "b", "run", script.toString(), "--out", out.toString());
        assertEquals(0, b.waitFor(5), b.toString());
        assertFalse(b.err().contains("waiting for"), "the dead run's lock must be gone: " + b);
        assertTrue(b.err().contains("1 reused, 3 to run"), b.toString()); // its finished simulation is kept
        assertNoStageDamaged(exp, STAGES);
    }

    private static boolean hasWork(Path exp, String prefix) throws IOException {
        try (Stream<Path> s = Files.list(exp.resolve(Runner.WORK))) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith(prefix));
        } catch (java.nio.file.NoSuchFileException gone) {
            return false;
        }
    }

    @Test
    void aDamagedOutputIsFoundAndItsStageComputedAgain() throws Exception {
        Path script = script(2);
        Path out = dir.resolve("out");
        Path exp = out.resolve("tiny");
        L96Process a = L96Process.start(dir.resolve("logs"), "a", "run", script.toString(), "--out", out.toString());
        assertEquals(0, a.waitFor(5), a.toString());
        Path x = exp.resolve("simulate/X.npy");
        byte[] whole = Files.readAllBytes(x);
        try (var ch = java.nio.channels.FileChannel.open(x, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(whole.length / 2); // in place, as a full disk or a cut copy would leave it
        }

        L96Process b = L96Process.start(dir.resolve("logs"), "b", "run", script.toString(), "--out", out.toString());
        assertEquals(0, b.waitFor(5), b.toString());
        assertTrue(b.err().contains("warning: simulate/X.npy is damaged: " + whole.length / 2 + " bytes where "
                + whole.length + " were written; computing simulate again"), b.toString());
        assertTrue(b.err().contains("3 reused, 1 to run"), b.toString());
        assertArrayEquals(whole, Files.readAllBytes(x));
        assertNoStageDamaged(exp, STAGES);
    }
}

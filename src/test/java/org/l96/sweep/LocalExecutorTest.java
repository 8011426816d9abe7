package org.l96.sweep;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.dsl.ScriptLoader;
import org.l96.run.UserError;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.SweepSpec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local executor's worker protocol with stand-in workers ({@link FakeWorker}, real JVMs whose points do as a
 * test says): several points at once in one worker JVM, a failing point beside others, a worker JVM that dies with
 * a bystander in it, one JVM per slot, and cancellation.
 */
class LocalExecutorTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    private SweepLayout layout;
    private SweepPlan plan;

    /** A plan of {@code n} points (seeds of a tiny experiment) and how each behaves in the fake worker. */
    private void plan(String... behaviours) throws IOException {
        Path script = dir.resolve("base.groovy");
        Files.writeString(script, SweepPlanTest.EXPERIMENT);
        ExperimentSpec base = ScriptLoader.load(script);
        plan = SweepPlan.of(SweepPlan.withNameAndSweep(base, "s",
                new SweepSpec("product", List.of(), behaviours.length)), "s");
        layout = SweepLayout.of(dir.resolve("out"), "s");
        Files.createDirectories(layout.dir().resolve("behave"));
        plan.write(layout.plan());
        for (int i = 0; i < behaviours.length; i++) {
            Files.writeString(layout.dir().resolve("behave/" + i), behaviours[i]);
        }
    }

    private LocalExecutor executor(int workers, int perJvm) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new LocalExecutor(workers, perJvm, log, false, (l, slots, sideBySide) -> List.of(java, "-cp",
                System.getProperty("java.class.path"), FakeWorker.class.getName(), l.dir().toString(),
                String.valueOf(slots)));
    }

    private Map<String, PointStatus> run(LocalExecutor executor) throws IOException {
        return executor.run(layout, plan.points()).stream()
                .collect(Collectors.toMap(PointStatus::id, s -> s));
    }

    /** The JVMs started: one line each, their slots. */
    private List<Integer> starts() throws IOException {
        List<Integer> slots = new ArrayList<>();
        for (String line : Files.readAllLines(layout.dir().resolve("marks/starts"))) {
            slots.add(Integer.parseInt(line.split(" ")[0]));
        }
        return slots;
    }

    private String id(int index) {
        return plan.points().get(index).id();
    }

    @Test
    void oneWorkerJvmRunsTwoPointsAtOnce() throws IOException {
        plan("pair", "pair", "ok", "ok");
        Files.writeString(layout.dir().resolve("behave/pair"), "0,1");
        Map<String, PointStatus> s = run(executor(2, 2));
        // points 0 and 1 got through only by running at the same time in the same JVM
        for (int i = 0; i < 4; i++) {
            assertEquals(PointStatus.OK, s.get(id(i)).status(), s.get(id(i)) + "\n" + logBytes);
            assertEquals(s.get(id(i)), PointStatus.read(layout.status(id(i))));
        }
        assertEquals(List.of(2), starts());
        assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains("4/4 points"), logBytes.toString());
    }

    @Test
    void aFailingPointLeavesTheOthersAndTheirJvm() throws IOException {
        plan("ok", "fail", "ok", "ok");
        Map<String, PointStatus> s = run(executor(2, 2));
        assertEquals(PointStatus.FAILED, s.get(id(1)).status());
        assertEquals("it was told to fail", s.get(id(1)).error());
        for (int i : new int[]{0, 2, 3}) {
            assertEquals(PointStatus.OK, s.get(id(i)).status(), s.get(id(i)).toString());
        }
        assertEquals(List.of(2), starts());
    }

    @Test
    void aDyingJvmFailsItsCulpritAndItsBystanderRunsAgainAlone() throws IOException {
        // point 0 ends the JVM while point 1 runs beside it: both are run again in JVMs of their own, where the
        // culprit dies again (failed, with the exit code) and the bystander finishes; the rest get a new worker
        plan("die", "victim", "ok", "ok");
        Files.writeString(layout.dir().resolve("behave/victim"), "1");
        Map<String, PointStatus> s = run(executor(2, 2));
        assertEquals(PointStatus.FAILED, s.get(id(0)).status());
        assertTrue(s.get(id(0)).error().contains("the worker JVM died (exit code 3)"), s.get(id(0)).error());
        assertEquals(s.get(id(0)), PointStatus.read(layout.status(id(0))));
        for (int i : new int[]{1, 2, 3}) {
            assertEquals(PointStatus.OK, s.get(id(i)).status(), s.get(id(i)) + "\n" + logBytes);
        }
        // one line on the console and in the worker's log: the exit code and the points run again alone
        String console = logBytes.toString(StandardCharsets.UTF_8);
        String line = "a worker JVM died (exit code 3) while running " + id(0) + ", " + id(1)
                + "; running both again, each alone in a JVM of its own";
        assertEquals(1, console.split(java.util.regex.Pattern.quote(line), -1).length - 1, console);
        assertTrue(Files.readString(layout.logs().resolve("worker-0.log")).contains(line));
        List<Integer> starts = starts();
        // the shared JVM, two lone retries, and the shared JVM again for the points left
        assertEquals(2, starts.stream().filter(k -> k == 1).count(), starts.toString());
        assertEquals(2, starts.stream().filter(k -> k == 2).count(), starts.toString());
    }

    @Test
    void aJvmThatDiesWithOnePointInItFailsThatPointOnly() throws IOException {
        plan("die", "ok", "ok");
        Files.writeString(layout.dir().resolve("behave/victim"), "0"); // waits for itself: dies at once
        Files.createDirectories(layout.dir().resolve("marks"));
        Files.writeString(layout.dir().resolve("marks/started-0"), "");
        Map<String, PointStatus> s = run(executor(1, 1));
        assertEquals(PointStatus.FAILED, s.get(id(0)).status());
        // the worker's own last words, not the executor's line about its death
        assertTrue(s.get(id(0)).error().contains("the worker JVM died (exit code 3): fake worker: told to die"),
                s.get(id(0)).error());
        assertEquals(PointStatus.OK, s.get(id(1)).status());
        assertEquals(PointStatus.OK, s.get(id(2)).status());
        assertEquals(List.of(1, 1), starts()); // no lone retry: it was alone already
    }

    @Test
    void ctrlCSaysWhatIsKeptAndHowToFinish() {
        assertEquals("l96: sweep: interrupted: 3 of 8 points done (kept); rerun the same command to finish the "
                + "others, or summarize those done with l96 sweep --collect out/s",
                LocalExecutor.interrupted(3, 8, Path.of("out/s")));
    }

    @Test
    void oneJvmPerSlotWhenAsked() throws IOException {
        plan("ok", "ok", "ok", "ok");
        Map<String, PointStatus> s = run(executor(2, 1));
        assertEquals(4, s.values().stream().filter(PointStatus::ok).count());
        assertEquals(List.of(1, 1), starts());
    }

    @Test
    void cancellingStartsNoFurtherPointAndLetsTheRunningOneFinish() throws Exception {
        plan("hold", "ok", "ok");
        LocalExecutor executor = executor(1, 1);
        CompletableFuture<List<PointStatus>> running = CompletableFuture.supplyAsync(() -> {
            try {
                return executor.run(layout, plan.points());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Path started = layout.dir().resolve("marks/started-0");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(started) && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(started), "point 0 never started");
        executor.cancel();
        Files.writeString(layout.dir().resolve("marks/release"), "");
        List<PointStatus> s = running.get(30, TimeUnit.SECONDS);
        assertEquals(PointStatus.OK, s.get(0).status());
        assertEquals(List.of("failed: not run", "failed: not run"),
                s.subList(1, 3).stream().map(p -> p.status() + ": " + p.error()).toList());
        assertTrue(Files.notExists(layout.status(id(1))));
    }

    @Test
    void workerSlotsFromTheEnvironment() {
        assertEquals(4, LocalExecutor.slotsPerJvm(null, 4));
        assertEquals(4, LocalExecutor.slotsPerJvm(" ", 4));
        assertEquals(1, LocalExecutor.slotsPerJvm("1", 4));
        UserError e = assertThrows(UserError.class, () -> LocalExecutor.slotsPerJvm("0", 4));
        assertTrue(e.getMessage().startsWith("L96_WORKER_SLOTS=0: "), e.getMessage());
        assertThrows(UserError.class, () -> LocalExecutor.slotsPerJvm("two", 4));
    }
}

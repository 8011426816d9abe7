package org.l96.run;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.SpecJson;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunnerTest {
    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    /** The token of the runs {@link #runner} makes (what Ctrl-C cancels in l96 run). */
    private CancelToken cancel = new CancelToken();

    /** A stage that writes one file whose content is its material, and counts how often it ran. */
    private Stage stage(String name, Object material, List<String> inputs, StageBody body) {
        return new Stage() {
            public String name() {
                return name;
            }

            public List<String> inputs() {
                return inputs;
            }

            public Object keyMaterial() {
                return material;
            }

            public void run(StageContext ctx) throws Exception {
                runs.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
                StringBuilder content = new StringBuilder(String.valueOf(material));
                for (String in : inputs) {
                    content.append("|").append(Files.readString(ctx.input(in).resolve("out.txt")));
                }
                Files.writeString(ctx.dir().resolve("out.txt"), content);
                ctx.metric("things." + name, Map.of("value", material));
                body.run(ctx);
            }
        };
    }

    interface StageBody {
        void run(StageContext ctx) throws Exception;
    }

    private static final StageBody NOTHING = ctx -> { };

    private Runner runner(Path out) {
        return new Runner(out, new PrintStream(new ByteArrayOutputStream()), false, 2).withCancel(cancel);
    }

    private static ExperimentSpec spec() {
        return new ExperimentSpec("exp", 1, null, null, null, null, null, null, null, null, null);
    }

    private List<Stage> plan(String simMaterial, String trainMaterial, String chartMaterial) {
        return List.of(
                stage("simulate", simMaterial, List.of(), NOTHING),
                stage("train-a", trainMaterial, List.of("simulate"), NOTHING),
                stage("train-b", "b", List.of("simulate"), NOTHING),
                stage("chart", chartMaterial, List.of("train-a", "train-b"), NOTHING));
    }

    private int count(String name) {
        return runs.getOrDefault(name, new AtomicInteger()).get();
    }

    @Test
    void reusesStagesWhoseKeysAreUnchangedAndRerunsDependents(@TempDir Path out) throws Exception {
        Runner.Result r = runner(out).run(spec(), plan("sim1", "epochs=3", "red"), false);
        assertTrue(r.ok());
        assertEquals("red|epochs=3|sim1|b|sim1", Files.readString(out.resolve("exp/chart/out.txt")));

        runner(out).run(spec(), plan("sim1", "epochs=3", "red"), false);
        assertEquals(1, count("simulate"));
        assertEquals(1, count("chart"));

        // a chart change reruns only the chart
        runner(out).run(spec(), plan("sim1", "epochs=3", "blue"), false);
        assertEquals(1, count("simulate"));
        assertEquals(1, count("train-a"));
        assertEquals(2, count("chart"));

        // a training change reruns that training and what reads it, not the simulation or the other training
        Runner.Result third = runner(out).run(spec(), plan("sim1", "epochs=5", "blue"), false);
        assertEquals(1, count("simulate"));
        assertEquals(2, count("train-a"));
        assertEquals(1, count("train-b"));
        assertEquals(3, count("chart"));
        assertEquals(List.of(true, false, true, false), third.stages().stream().map(StageRecord::cached).toList());

        // a simulation change reruns everything; --fresh reruns everything
        runner(out).run(spec(), plan("sim2", "epochs=5", "blue"), false);
        assertEquals(2, count("simulate"));
        assertEquals(2, count("train-b"));
        runner(out).run(spec(), plan("sim2", "epochs=5", "blue"), true);
        assertEquals(3, count("simulate"));
    }

    @Test
    void manifestListsStagesAndMergesMetrics(@TempDir Path out) throws Exception {
        runner(out).run(spec(), plan("s", "t", "c"), false);
        Runner.Result r = runner(out).run(spec(), plan("s", "t", "c2"), false);
        JsonNode m = SpecJson.mapper().readTree(r.manifest().toFile());
        assertEquals("exp", m.get("spec").get("name").asText());
        assertEquals(1, m.get("spec").get("seed").asInt());
        assertTrue(m.get("provenance").has("toolVersion"));
        assertTrue(m.get("provenance").has("java"));
        JsonNode stages = m.get("stages");
        assertEquals(4, stages.size());
        assertEquals("simulate", stages.get(0).get("name").asText());
        assertTrue(stages.get(0).get("cached").asBoolean());
        assertFalse(stages.get(3).get("cached").asBoolean());
        assertEquals("chart/out.txt", stages.get(3).get("outputs").get(0).asText());
        // metrics of reused stages are still reported
        assertEquals("t", m.get("metrics").get("things").get("train-a").get("value").asText());
        assertEquals("c2", m.get("metrics").get("things").get("chart").get("value").asText());
    }

    @Test
    void aFailingStageLeavesNoFolderAndTheNextRunResumes(@TempDir Path out) throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        StageBody failsOnce = ctx -> {
            Files.writeString(ctx.dir().resolve("half.txt"), "half-written");
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("boom");
            }
        };
        List<Stage> plan = List.of(
                stage("simulate", "s", List.of(), NOTHING),
                stage("train-a", "t", List.of("simulate"), failsOnce),
                stage("train-b", "b", List.of("simulate"), NOTHING),
                stage("chart", "c", List.of("train-a"), NOTHING));
        Runner.Result r = runner(out).run(spec(), plan, false);
        assertFalse(r.ok());
        assertEquals(List.of("ok", "failed", "ok", "skipped"), r.stages().stream().map(StageRecord::status).toList());
        assertFalse(Files.exists(out.resolve("exp/train-a")), "no half-written stage folder");
        assertFalse(Files.exists(out.resolve("exp/.work")), "no temporary folders left");
        assertTrue(Files.exists(out.resolve("exp/logs/train-a.log")));
        assertTrue(r.failed().get(0).error().contains("boom"));

        Runner.Result again = runner(out).run(spec(), plan, false);
        assertTrue(again.ok());
        assertEquals(1, count("simulate"));
        assertEquals(1, count("train-b"));
        assertEquals(2, count("train-a"));
    }

    @Test
    void aUserErrorIsReportedByItsMessage(@TempDir Path out) throws Exception {
        List<Stage> plan = List.of(stage("simulate", "s", List.of(), ctx -> {
            throw new UserError("world blew up at t=3.2: try a smaller dt");
        }));
        Runner.Result r = runner(out).run(spec(), plan, false);
        assertEquals("world blew up at t=3.2: try a smaller dt", r.failed().get(0).error());
    }

    @Test
    void independentStagesRunConcurrently(@TempDir Path out) throws Exception {
        CountDownLatch both = new CountDownLatch(2);
        StageBody meet = ctx -> {
            both.countDown();
            if (!both.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other training never ran alongside");
            }
        };
        List<Stage> plan = List.of(
                stage("simulate", "s", List.of(), NOTHING),
                stage("train-a", "a", List.of("simulate"), meet),
                stage("train-b", "b", List.of("simulate"), meet));
        assertTrue(runner(out).run(spec(), plan, false).ok());
    }

    @Test
    void aCorruptStageRecordIsRecomputed(@TempDir Path out) throws Exception {
        runner(out).run(spec(), plan("s", "t", "c"), false);
        Files.writeString(out.resolve("exp/simulate/stage.json"), "{ not json");
        runner(out).run(spec(), plan("s", "t", "c"), false);
        assertEquals(2, count("simulate"));
    }

    /** Ctrl-C during a training: what it wrote (its best network) is kept aside, never taken for a result. */
    @Test
    void anInterruptedStageKeepsItsOutputAsideAndRerunsNextTime(@TempDir Path out) throws Exception {
        Stage simulate = stage("simulate", "s", List.of(), NOTHING);
        Stage interrupted = new Stage() {
            public String name() {
                return "train-a";
            }

            public List<String> inputs() {
                return List.of("simulate");
            }

            public Object keyMaterial() {
                return "a";
            }

            public void run(StageContext ctx) throws Exception {
                runs.computeIfAbsent(name(), k -> new AtomicInteger()).incrementAndGet();
                Files.writeString(ctx.dir().resolve("model.txt"), "best so far");
                cancel.cancel(); // as the Ctrl-C hook does
            }

            public boolean keepsInterruptedOutput() {
                return true;
            }
        };
        Runner.Result r = runner(out).run(spec(), List.of(simulate, interrupted), false);
        assertFalse(r.ok());
        String error = r.failed().get(0).error();
        assertTrue(error.startsWith(Runner.INTERRUPTED), error);
        Path kept = out.resolve("exp/interrupted/train-a/model.txt");
        assertTrue(error.contains(kept.getParent().toString()), error);
        assertEquals("best so far", Files.readString(kept));
        assertFalse(Files.exists(out.resolve("exp/train-a")));

        cancel = new CancelToken();
        runner(out).run(spec(), List.of(simulate, interrupted), false); // nothing of train-a was taken as done
        assertEquals(2, count("train-a"));
        assertEquals(1, count("simulate"));
    }

    @Test
    void anInterruptedFolderWhoseStageHasFinishedSinceIsNamedNotDeleted(@TempDir Path out) throws Exception {
        Path exp = out.resolve("exp");
        Files.createDirectories(exp.resolve("interrupted/train-a"));
        Files.createDirectories(exp.resolve("interrupted/train-b"));
        assertEquals(List.of("interrupted/train-a"), Runner.supersededInterrupted(exp, List.of("simulate", "train-a")));
        assertEquals(List.of(), Runner.supersededInterrupted(out.resolve("none"), List.of("train-a")));
        assertTrue(Files.isDirectory(exp.resolve("interrupted/train-a")), "kept");
    }

    /** Cancelling one run stops that run only: another runner in the same JVM, with its own token, runs everything. */
    @Test
    void aCancelledRunDoesNotStopAnother(@TempDir Path out) throws Exception {
        Stage first = stage("simulate", "s", List.of(), ctx -> cancel.cancel());
        Stage second = stage("train-a", "a", List.of("simulate"), NOTHING);
        Runner.Result stopped = runner(out.resolve("one")).run(spec(), List.of(first, second), false);
        assertEquals(StageRecord.SKIPPED, stopped.stages().get(1).status());
        assertEquals("the run was interrupted", stopped.stages().get(1).error());
        assertTrue(cancel.isCancelled());

        Runner.Result other = new Runner(out.resolve("two"), new PrintStream(new ByteArrayOutputStream()), false, 2)
                .run(spec(), List.of(stage("simulate", "s", List.of(), NOTHING), second), false);
        assertTrue(other.ok(), other.stages().toString());
        assertEquals(1, count("train-a"));
    }
}

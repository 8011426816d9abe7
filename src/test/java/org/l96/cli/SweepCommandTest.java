package org.l96.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.spec.SpecJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code l96 sweep} end to end on a tiny experiment (each point runs in a worker JVM): the stage cache shares the
 * simulation between points, a rerun with one added value runs only the new point, a failing point is recorded
 * while the others finish, and mistakes in options are one-line errors with nothing written.
 */
class SweepCommandTest {
    @TempDir
    Path dir;

    static final String TINY = SweepFixtures.TINY;

    private Path script() throws IOException {
        Path s = dir.resolve("tiny.groovy");
        Files.writeString(s, TINY);
        return s;
    }

    private static JsonNode json(Path p) throws IOException {
        return SpecJson.mapper().readTree(p.toFile());
    }

    private static boolean simulateCached(Path point) throws IOException {
        for (JsonNode s : json(point.resolve("manifest.json")).get("stages")) {
            if (s.get("name").asText().equals("simulate")) {
                return s.get("cached").asBoolean();
            }
        }
        throw new AssertionError("no simulate stage in " + point);
    }

    @Test
    void pointsShareStagesAndARerunRunsOnlyNewPoints() throws IOException {
        Path script = script();
        Path out = dir.resolve("out");
        CliRunner.Outcome first = CliRunner.run("sweep", script.toString(), "--out", out.toString(),
                "--parallel", "2");
        assertEquals(0, first.code(), first.err() + first.out());
        Path sweep = out.resolve("tiny");
        Path p1 = sweep.resolve("points/epochs-1_r0");
        Path p2 = sweep.resolve("points/epochs-2_r0");
        // the points differ only in training: one computed the simulation, the other took it from the cache
        assertEquals(1, (simulateCached(p1) ? 1 : 0) + (simulateCached(p2) ? 1 : 0));
        assertTrue(Files.isRegularFile(sweep.resolve("report.html")));
        assertTrue(Files.isRegularFile(sweep.resolve("points.json")));
        // one figure per metric family: the schemes' online errors against the axis, a line each
        assertTrue(Files.isRegularFile(sweep.resolve("figures/online.runs.all.sumAbsError-vs-"
                + "networks.small.train.epochs.png")));

        // summary: one row per point, the varied values, seed, status, seconds and flattened metrics
        List<String> csv = Files.readAllLines(sweep.resolve("summary.csv"));
        List<String> header = List.of(csv.get(0).split(","));
        assertEquals(List.of("point", "networks.small.train.epochs", "repetition", "seed", "status", "error",
                "seconds"), header.subList(0, 7));
        assertTrue(header.contains("networks.small.finalValLoss"), header.toString());
        assertTrue(header.contains("online.runs.small.sumAbsError"), header.toString());
        assertTrue(header.contains("online.runs.none.sumAbsError"), header.toString());
        assertEquals(3, csv.size());
        JsonNode summary = json(sweep.resolve("summary.json"));
        assertEquals(2, summary.get("ok").asInt());
        assertEquals("ok", summary.get("rows").get(1).get("status").asText());
        assertEquals("2", summary.get("rows").get(1).get("networks.small.train.epochs").asText());
        assertTrue(summary.get("rows").get(1).get("networks.small.finalValLoss").isNumber());

        // one more value: only its point runs; the old points are left as they were
        FileTime before = Files.getLastModifiedTime(sweep.resolve("status/epochs-1_r0.json"));
        CliRunner.Outcome second = CliRunner.run("sweep", script.toString(), "--out", out.toString(),
                "--vary", "networks.small.train.epochs=1,2,3", "--parallel", "2");
        assertEquals(0, second.code(), second.err() + second.out());
        assertTrue(second.err().contains("3 points, 2 done, 1 to run"), second.err());
        assertEquals(before, Files.getLastModifiedTime(sweep.resolve("status/epochs-1_r0.json")));
        assertTrue(simulateCached(sweep.resolve("points/epochs-3_r0")));
        assertEquals(4, Files.readAllLines(sweep.resolve("summary.csv")).size());

        assertFalse(second.err().contains("earlier sweep"), "a plan that only adds points says nothing");

        // a plan without some points of the earlier one says that they leave the summary
        CliRunner.Outcome other = CliRunner.run("sweep", script.toString(), "--out", out.toString(),
                "--vary", "networks.small.train.epochs=1,3", "--parallel", "2");
        assertEquals(0, other.code(), other.err() + other.out());
        assertTrue(other.err().contains("this folder holds an earlier sweep with 1 point this one does not have "
                + "(epochs-2_r0): they stay in " + sweep.resolve("points") + " but leave the summary"), other.err());
        assertEquals(3, Files.readAllLines(sweep.resolve("summary.csv")).size());

        // a point with a stage folder deleted is not done: it runs again, and computes only that stage
        org.l96.run.AtomicFiles.deleteTree(sweep.resolve("points/epochs-2_r0/train-small"));
        CliRunner.Outcome third = CliRunner.run("sweep", script.toString(), "--out", out.toString(),
                "--vary", "networks.small.train.epochs=1,2,3", "--parallel", "2");
        assertEquals(0, third.code(), third.err() + third.out());
        assertTrue(third.err().contains("3 points, 2 done, 1 to run"), third.err());
        assertTrue(Files.isRegularFile(sweep.resolve("points/epochs-2_r0/train-small/model.zip")));
        assertTrue(simulateCached(sweep.resolve("points/epochs-2_r0")));
    }

    @Test
    void aFailingPointIsRecordedWhileTheOthersFinish() throws IOException {
        Path script = script();
        Path out = dir.resolve("out");
        // a file where a point's folder must go: that point cannot run
        Files.createDirectories(out.resolve("tiny/points"));
        Files.writeString(out.resolve("tiny/points/epochs-2_r0"), "in the way");
        CliRunner.Outcome r = CliRunner.run("sweep", script.toString(), "--out", out.toString(), "--parallel", "2");
        assertEquals(Main.INTERNAL, r.code(), r.err() + r.out());
        JsonNode rows = json(out.resolve("tiny/summary.json")).get("rows");
        assertEquals("ok", rows.get(0).get("status").asText());
        assertEquals("failed", rows.get(1).get("status").asText());
        assertFalse(rows.get(1).get("error").asText().isBlank());
        assertTrue(r.out().contains("failed epochs-2_r0"), r.out());
        assertTrue(Files.isRegularFile(out.resolve("tiny/points/epochs-1_r0/manifest.json")));
    }

    /**
     * validate checks every point of a sweep script as l96 sweep does: two values each fine alone but not together
     * are an error at the vary line; a valid one names the sweep and its folder, not the experiment's name.
     */
    @Test
    void validateChecksEveryCombinationOfASweepScript() throws IOException {
        script();
        Path bad = dir.resolve("sw.groovy");
        Files.writeString(bad, """
                sweep(experiment: 'tiny.groovy') {
                    vary 'world.dt', 0.001, 0.002
                    vary 'simulation.sampleInterval', 0.01, 0.005
                }
                """);
        CliRunner.Outcome v = CliRunner.run("validate", bad.toString());
        assertEquals(2, v.code(), v.err() + v.out());
        assertTrue(v.err().contains("sw.groovy:3:"), v.err());
        assertTrue(v.err().contains("world.dt = 0.002, simulation.sampleInterval = 0.005"), v.err());
        CliRunner.Outcome dry = CliRunner.run("sweep", bad.toString(), "--dry-run", "--out",
                dir.resolve("out").toString());
        assertEquals(2, dry.code(), "sweep refuses it too: " + dry.err());

        Files.writeString(bad, Files.readString(bad).replace("0.01, 0.005", "0.01, 0.02"));
        CliRunner.Outcome ok = CliRunner.run("validate", bad.toString());
        assertEquals(0, ok.code(), ok.err() + ok.out());
        assertTrue(ok.out().contains("sweep 'sw' is valid (4 points → OUT/sw/"), ok.out());
        assertFalse(ok.out().contains("experiment 'sw'"), ok.out());

        // points that are one experiment twice (a varied seed and its repetitions): said at the sweep's line
        Path seeds = dir.resolve("seeds.groovy");
        Files.writeString(seeds, "sweep(experiment: 'tiny.groovy') {\n    vary 'seed', 1, 2\n    seeds 2\n}\n");
        for (String[] args : new String[][]{{"validate", seeds.toString()},
                {"sweep", seeds.toString(), "--dry-run", "--out", dir.resolve("out").toString()}}) {
            CliRunner.Outcome clash = CliRunner.run(args);
            assertEquals(2, clash.code(), clash.err());
            assertTrue(clash.err().contains("seeds.groovy:1: the sweep has points the experiment cannot take"),
                    clash.err());
        }
    }

    /** One value written three ways is one error, at the vary line, with the spellings as the script has them. */
    @Test
    void aValueGivenTwiceIsOneErrorAtTheVaryLine() throws IOException {
        script();
        Path dup = dir.resolve("dup.groovy");
        Files.writeString(dup, """
                sweep(experiment: 'tiny.groovy') {
                    vary 'world.forcing', 16, 16.0, 1.6e1
                }
                """);
        for (CliRunner.Outcome r : List.of(CliRunner.run("validate", dup.toString()),
                CliRunner.run("sweep", dup.toString(), "--dry-run", "--out", dir.resolve("o").toString()))) {
            assertEquals(2, r.code(), r.err());
            String msg = "dup.groovy:2:5: vary 'world.forcing' gives the value 16 3 times (as 16, 16.0, 1.6e1): "
                    + "give each value once";
            assertTrue(r.err().contains(msg), r.err());
            assertEquals(r.err().indexOf("give each value once"), r.err().lastIndexOf("give each value once"),
                    "said once: " + r.err());
        }
    }

    /** The sweep script that sweep.md shows exists and is valid. */
    @Test
    void theDocumentedSweepScriptExists() throws IOException {
        String doc = Files.readString(Path.of("dsl-docs/sweep.md"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("For example `([^`]+\\.groovy)`").matcher(doc);
        assertTrue(m.find(), "sweep.md shows a sweep script");
        Path example = Path.of(m.group(1));
        assertTrue(Files.isRegularFile(example), example.toString());
        CliRunner.Outcome r = CliRunner.run("validate", example.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("sweep 'sweep-notebook-forcing' is valid (9 points"), r.out());
    }

    /** A bad L96_WORKER_SLOTS is refused before the sweep prints or writes anything. */
    @Test
    void aBadWorkerSlotsIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path script = script();
        try {
            for (String bad : List.of("0", "abc", "-1")) {
                SweepCommand.env = name -> org.l96.sweep.LocalExecutor.SLOTS_ENV.equals(name) ? bad : null;
                Path out = dir.resolve("out-" + bad);
                CliRunner.Outcome r = CliRunner.run("sweep", script.toString(), "--out", out.toString());
                assertEquals(2, r.code(), r.err());
                assertTrue(r.err().contains("L96_WORKER_SLOTS=" + bad + ": "), r.err());
                assertFalse(r.err().contains("points,"), "nothing printed before: " + r.err());
                assertFalse(Files.exists(out), "nothing written: " + out);
            }
        } finally {
            SweepCommand.env = System::getenv;
        }
    }

    /** A point whose training diverged ran (ok), but the progress line, the summary and the report all say so. */
    @Test
    void aDivergedTrainingIsMarkedNotPlainOk() throws IOException {
        Path out = dir.resolve("out");
        CliRunner.Outcome r = CliRunner.run("sweep", script().toString(), "--out", out.toString(), "--vary",
                "networks.small.train.optimizer.lr=0.003,1e30");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.err().contains("lr-1e30_r0 ok ⚠ diverged (network 'small')"), r.err());
        assertFalse(r.err().contains("lr-0.003_r0 ok ⚠"), r.err());
        assertTrue(r.out().contains("2 ok (1 with a diverged training), 0 failed"), r.out());
        assertTrue(r.out().contains("ok lr-1e30_r0 ⚠ diverged (network 'small')"), r.out());
        String html = Files.readString(out.resolve("tiny/report.html"));
        assertTrue(html.contains("2 ok (⚠ 1 with a diverged training)"), html);
        assertTrue(html.contains("<td>ok ⚠ diverged (network &#39;small&#39;)</td>")
                || html.contains("<td>ok ⚠ diverged (network 'small')</td>"), html);
        JsonNode summary = json(out.resolve("tiny/summary.json"));
        assertEquals(1, summary.get("diverged").asInt());
    }

    @Test
    void pointsSideBySideInOneWorkerGiveTheNumbersTheyGiveOneAtATime() throws IOException {
        // --parallel 2 runs both points at once on two threads of one worker JVM: every metric must be what the
        // points give one at a time (only timings may differ)
        Path script = script();
        java.util.Map<String, String> alone = null;
        for (String parallel : List.of("1", "2")) {
            Path out = dir.resolve("out-" + parallel);
            CliRunner.Outcome r = CliRunner.run("sweep", script.toString(), "--out", out.toString(),
                    "--parallel", parallel);
            assertEquals(0, r.code(), r.err() + r.out());
            java.util.Map<String, String> metrics = new java.util.TreeMap<>();
            for (JsonNode row : json(out.resolve("tiny/summary.json")).get("rows")) {
                row.fields().forEachRemaining(f -> {
                    if (!f.getKey().toLowerCase(java.util.Locale.ROOT).contains("seconds")) {
                        metrics.put(row.get("point").asText() + " " + f.getKey(), f.getValue().toString());
                    }
                });
            }
            assertTrue(metrics.keySet().stream().anyMatch(k -> k.endsWith("networks.small.finalValLoss")),
                    metrics.keySet().toString());
            if (alone == null) {
                alone = metrics;
            } else {
                assertEquals(alone, metrics);
            }
        }
    }

    @Test
    void dryRunListsThePointsAndWritesNothing() throws IOException {
        Path out = dir.resolve("out");
        CliRunner.Outcome r = CliRunner.run("sweep", script().toString(), "--out", out.toString(), "--dry-run",
                "--vary", "world.forcing=16,18", "--vary", "networks.small.train.epochs=1,2", "--seeds", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("forcing-18_epochs-2_r1"), r.out());
        assertTrue(r.out().contains("8 points, 0 done, 8 to run"), r.out());
        assertFalse(Files.exists(out));
    }

    @Test
    void anAxisMaySwitchTheOptimizer() throws IOException {
        Path out = dir.resolve("out");
        CliRunner.Outcome r = CliRunner.run("sweep", script().toString(), "--out", out.toString(), "--dry-run",
                "--vary", "networks.small.train.optimizer.type=sgd,adam,rmsprop");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("type-rmsprop_r0"), r.out());
        assertTrue(r.out().contains("3 points, 0 done, 3 to run"), r.out());
        // a list value keeps its commas
        assertEquals(List.of("[none]", "[none, small]", "x"), SweepCommand.values("[none], [none, small],x"));
        CliRunner.Outcome lists = CliRunner.run("sweep", script().toString(), "--out", out.toString(), "--dry-run",
                "--vary", "evaluations.runs.compare=[none],[none,small]");
        assertEquals(0, lists.code(), lists.err());
        assertTrue(lists.out().contains("2 points, 0 done, 2 to run"), lists.out());
        CliRunner.Outcome bad = CliRunner.run("sweep", script().toString(), "--out", out.toString(), "--dry-run",
                "--vary", "networks.small.train.optimizer.type=sgd,adamm");
        assertEquals(Main.USER, bad.code(), bad.err());
        assertTrue(bad.err().contains("--vary networks.small.train.optimizer.type=sgd,adamm: cannot set "
                + "networks.small.train.optimizer.type = adamm: 'adamm' is not an optimizer; one of sgd, adam, adamw, "
                + "rmsprop (did you mean 'adam'?)"), bad.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void mistakesAreOneLineErrorsNamingTheOption() throws IOException {
        Path out = dir.resolve("out");
        CliRunner.Outcome path = CliRunner.run("sweep", script().toString(), "--out", out.toString(),
                "--vary", "world.forcng=16,18");
        assertEquals(Main.USER, path.code());
        assertTrue(path.err().contains("--vary world.forcng=16,18: cannot vary 'world.forcng'"), path.err());
        assertTrue(path.err().contains("did you mean 'forcing'"), path.err());
        CliRunner.Outcome value = CliRunner.run("sweep", script().toString(), "--out", out.toString(),
                "--vary", "world.forcing=16,lots");
        assertEquals(Main.USER, value.code());
        assertTrue(value.err().contains("--vary world.forcing=16,lots: cannot set world.forcing = lots"),
                value.err());
        CliRunner.Outcome zip = CliRunner.run("sweep", script().toString(), "--out", out.toString(), "--zip",
                "--vary", "world.forcing=16,18", "--vary", "world.h=1,2,3");
        assertEquals(Main.USER, zip.code(), zip.err());
        assertFalse(Files.exists(out));

        Path bad = dir.resolve("bad.groovy");
        Files.writeString(bad, TINY.replace("vary 'networks.small.train.epochs', 1, 2",
                "vary 'networks.small.train.epoch', 1, 2"));
        CliRunner.Outcome script = CliRunner.run("sweep", bad.toString(), "--out", out.toString());
        assertEquals(Main.USER, script.code());
        assertTrue(script.err().contains("bad.groovy:12"), script.err());
        assertFalse(Files.exists(out));
    }
}

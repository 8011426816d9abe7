package org.l96.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.spec.SpecJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The quickstart example, shrunk with --set, through the real command line: run, rerun, change, errors. */
class RunCommandTest {
    private static final String QUICKSTART = "examples/quickstart.groovy";
    private static final String[] SMALL = {"--set", "simulation.samples=1200", "--set", "networks.small.train.epochs=1"};

    private static CliRunner.Outcome run(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", QUICKSTART, "--out", out.toString()));
        args.addAll(List.of(SMALL));
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    private static Map<String, Boolean> cachedByStage(Path out) throws IOException {
        JsonNode m = new ObjectMapper().readTree(out.resolve("quickstart/manifest.json").toFile());
        Map<String, Boolean> cached = new HashMap<>();
        m.get("stages").forEach(s -> cached.put(s.get("name").asText(), s.get("cached").asBoolean()));
        return cached;
    }

    @Test
    void runsReusesAndRerunsOnlyWhatChanged(@TempDir Path out) throws IOException {
        CliRunner.Outcome first = run(out);
        assertEquals(0, first.code(), first.err() + first.out());
        Path exp = out.resolve("quickstart");
        // a run with --set says first where its results go, and that they replace an earlier run's (it has --out:
        // no advice to give it)
        assertTrue(first.err().startsWith("l96: with --set simulation.samples=1200, networks.small.train.epochs=1 "
                + "the results go to " + exp + ", the folder of the script as written too (a later run there replaces "
                + "them)\n"), first.err());
        assertTrue(Files.exists(exp.resolve("train-small/model.zip")));
        assertTrue(Files.exists(exp.resolve("train-small/history.json")));
        assertTrue(Files.exists(exp.resolve("report/report.html")));
        assertTrue(cachedByStage(out).values().stream().noneMatch(c -> c));

        JsonNode m = new ObjectMapper().readTree(exp.resolve("manifest.json").toFile());
        assertEquals(1200, m.get("spec").get("simulation").get("samples").asInt());
        assertTrue(m.get("metrics").get("networks").get("small").get("finalValLoss").asDouble() > 0);
        assertTrue(m.get("metrics").get("online").get("runs").get("small").get("sumAbsError").asDouble() > 0);
        assertTrue(m.get("provenance").has("java"));

        CliRunner.Outcome second = run(out);
        assertEquals(0, second.code(), second.err());
        assertTrue(second.err().lines().findFirst().orElseThrow().endsWith("; the earlier run there had the same "
                + "spec"), second.err());
        assertTrue(cachedByStage(out).values().stream().allMatch(c -> c), cachedByStage(out).toString());

        // a chart change reruns that chart and the report only
        CliRunner.Outcome third = run(out, "--set", "charts.1.steps=100");
        assertEquals(0, third.code(), third.err());
        Map<String, Boolean> cached = cachedByStage(out);
        assertFalse(cached.get("chart-trajectories_run"));
        assertFalse(cached.get("report"));
        assertTrue(cached.get("simulate"));
        assertTrue(cached.get("train-small"));
        assertTrue(cached.get("evaluate-run"));
        assertTrue(cached.get("chart-lossCurves_small"));

        // more epochs rerun the training and what reads it, not the simulation
        CliRunner.Outcome fourth = run(out, "--set", "networks.small.train.epochs=2");
        assertEquals(0, fourth.code(), fourth.err());
        // the later --set of epochs wins; the line names what the folder held before (and the chart change)
        assertTrue(fourth.err().lines().findFirst().orElseThrow().endsWith("they replace those of the earlier run "
                + "there, which had networks.small.train.epochs=1 (now 2), charts.1.steps=100 (now 200)"),
                fourth.err());
        cached = cachedByStage(out);
        assertTrue(cached.get("simulate"));
        assertFalse(cached.get("train-small"));
        assertFalse(cached.get("evaluate-runs"));
    }

    @Test
    void aBadScriptIsRejectedBeforeAnythingIsWritten(@TempDir Path tmp) throws IOException {
        Path script = tmp.resolve("bad.groovy");
        Files.writeString(script, "experiment('bad') {\n  world { frocing 18; dt 0 }\n}\n");
        Path out = tmp.resolve("out");
        CliRunner.Outcome r = CliRunner.run("run", script.toString(), "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("bad.groovy:2:11: unknown word 'frocing'"), r.err());
        assertTrue(r.err().contains("did you mean 'forcing'?"), r.err());
        assertTrue(r.err().contains("bad.groovy:2:23"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertFalse(Files.exists(out));

        CliRunner.Outcome badSet = CliRunner.run("run", QUICKSTART, "--out", out.toString(), "--set",
                "world.frocing=3");
        assertEquals(2, badSet.code());
        assertTrue(badSet.err().contains("forcing"), badSet.err());
        assertFalse(Files.exists(out));

        // the issue's --set cases: the DSL's words, exit 2, no Java
        CliRunner.Outcome unit = CliRunner.run("validate", QUICKSTART, "--set", "networks.small.layers.0.unit=8");
        assertEquals(Main.USER, unit.code(), unit.err());
        assertTrue(unit.err().contains("--set networks.small.layers.0.unit=8: no field 'unit' in "
                + "networks.small.layers.0 (a dense layer); did you mean 'units'?"), unit.err());
        assertFalse(unit.err().contains("org.l96"), unit.err());
        CliRunner.Outcome sgd = CliRunner.run("spec", QUICKSTART, "--set", "networks.small.train.optimizer.type=sgd");
        assertEquals(0, sgd.code(), sgd.err());
        assertEquals(new org.l96.spec.OptimizerSpec.Sgd(0.003, 0, false, 0),
                SpecJson.fromJson(sgd.out()).networks().get("small").train().optimizer());

        CliRunner.Outcome missing = CliRunner.run("validate", tmp.resolve("nope.groovy").toString());
        assertEquals(2, missing.code());
        assertFalse(missing.err().contains("\tat "), missing.err());
    }

    @Test
    void anOutputFolderThatCannotBeCreatedIsAUserErrorAndNothingIsLeft(@TempDir Path tmp) throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        Path script = Path.of("examples/quickstart.groovy").toAbsolutePath();
        for (String command : new String[]{"run", "sweep", "plan", "simulate"}) {
            CliRunner.Outcome r = switch (command) {
                case "sweep" -> CliRunner.run(command, script.toString(), "--seeds", "2", "--out", "/proc/nope/x");
                case "simulate" -> CliRunner.run(command, "--samples", "10", "--out", "/proc/nope/x");
                default -> CliRunner.run(command, script.toString(), "--out", "/proc/nope/x");
            };
            assertEquals(2, r.code(), command + ": " + r.err());
            assertTrue(r.err().contains("--out /proc/nope/x: cannot create the folder"), command + ": " + r.err());
            assertFalse(r.err().contains("\tat "), r.err());
        }
        // a folder that can be created is checked by creating it, and is not left behind by plan
        Path fresh = tmp.resolve("a/b/c");
        CliRunner.Outcome plan = CliRunner.run("plan", script.toString(), "--out", fresh.toString());
        assertEquals(0, plan.code(), plan.err());
        assertFalse(Files.exists(tmp.resolve("a")), "the probe removed what it created");
    }

    @Test
    void specPrintsCanonicalJsonThatReadsBack() {
        CliRunner.Outcome r = CliRunner.run("spec", QUICKSTART, "--set", "world.forcing=20", "--set", "seed=7");
        assertEquals(0, r.code(), r.err());
        var spec = SpecJson.fromJson(r.out());
        assertEquals(20.0, spec.world().forcing());
        assertEquals(7, spec.seed());
        assertEquals(r.out(), SpecJson.toJson(spec));

        CliRunner.Outcome v = CliRunner.run("validate", "examples/seed-notebook.groovy");
        assertEquals(0, v.code(), v.err());
        assertTrue(v.out().contains("is valid"));
    }

    /** --out naming a file is a one-line user error, before anything runs. */
    @Test
    void anOutputThatIsAFileIsAUserError(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        for (Path out : List.of(file, file.resolve("below"))) {
            CliRunner.Outcome r = run(out);
            assertEquals(Main.USER, r.code(), r.err());
            assertTrue(r.err().contains("is a file, not a folder"), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
        assertEquals("x", Files.readString(file));
    }
}

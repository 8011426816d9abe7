package org.l96.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.spec.SpecJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code l96 plan} on the quickstart after a run: nothing changed (all reuse), more epochs (the training and what
 * reads it run, the simulation is reused), another forcing (everything runs); that it writes nothing; and that its
 * "run" and "reuse" are what the next {@code l96 run} then does.
 */
class PlanCommandTest {
    private static final String QUICKSTART = "examples/quickstart.groovy";
    private static final List<String> SMALL = List.of("--set", "simulation.samples=1200",
            "--set", "networks.small.train.epochs=1");

    private static CliRunner.Outcome cli(String command, Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, QUICKSTART, "--out", out.toString()));
        args.addAll(SMALL);
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    /** Stage → its plan block (the "run"/"reuse" line's word and the reason lines under it). */
    private static Map<String, List<String>> parse(String out) {
        Map<String, List<String>> plan = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : out.lines().skip(1).toList()) {
            if (line.startsWith("  run") || line.startsWith("  reuse")) {
                String[] parts = line.trim().split("\\s+");
                current = new ArrayList<>(List.of(parts[0]));
                plan.put(parts[1], current);
            } else {
                current.add(line.trim());
            }
        }
        return plan;
    }

    /** Every file and folder under {@code root} with its size and modification time. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                files.put(root.relativize(p).toString(), (Files.isDirectory(p) ? "dir " : Files.size(p) + " ")
                        + Files.getLastModifiedTime(p).toMillis());
            }
        }
        return files;
    }

    private static Map<String, Boolean> cachedByStage(Path out) throws IOException {
        JsonNode m = SpecJson.mapper().readTree(out.resolve("quickstart/manifest.json").toFile());
        Map<String, Boolean> cached = new LinkedHashMap<>();
        m.get("stages").forEach(s -> cached.put(s.get("name").asText(), s.get("cached").asBoolean()));
        return cached;
    }

    @Test
    void saysWhatARunWouldReuseAndWhyTheRestRuns(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        // before any run: every stage runs, and the plan creates no folder
        CliRunner.Outcome empty = cli("plan", out);
        assertEquals(0, empty.code(), empty.err());
        assertFalse(Files.exists(out), "plan created " + out);
        Map<String, List<String>> none = parse(empty.out());
        assertEquals(List.of("simulate", "train-small", "evaluate-run", "evaluate-runs", "chart-lossCurves_small",
                "chart-trajectories_run", "report"), List.copyOf(none.keySet()), empty.out());
        none.values().forEach(v -> assertEquals(List.of("run", "no stored run"), v, empty.out()));

        CliRunner.Outcome run = cli("run", out);
        assertEquals(0, run.code(), run.err());
        Path exp = out.resolve("quickstart");
        // stage.json says what its key was computed from
        JsonNode record = SpecJson.mapper().readTree(exp.resolve("train-small/stage.json").toFile());
        assertEquals(1, record.at("/keyMaterial/spec/spec/train/epochs").asInt(), record.toString());
        assertEquals(SpecJson.mapper().readTree(exp.resolve("simulate/stage.json").toFile()).get("key"),
                record.at("/keyMaterial/inputs/simulate"), record.toString());
        assertEquals(record.get("key").asText(), SpecJson.hash(record.get("keyMaterial")));

        Map<String, String> before = snapshot(tmp);

        // nothing changed: all reuse
        CliRunner.Outcome same = cli("plan", out);
        assertEquals(0, same.code(), same.err());
        assertTrue(same.out().startsWith("quickstart: 7 stages, 7 reused, 0 to run → " + exp + "\n"), same.out());
        parse(same.out()).forEach((stage, v) -> assertEquals(List.of("reuse"), v, stage));

        // more epochs: the training and what reads it run again, with why; the simulation is reused
        CliRunner.Outcome epochs = cli("plan", out, "--set", "networks.small.train.epochs=2");
        assertEquals(0, epochs.code(), epochs.err());
        Map<String, List<String>> p = parse(epochs.out());
        assertEquals(List.of("reuse"), p.get("simulate"));
        assertEquals(List.of("run", "networks.small.train.epochs: 1 → 2"), p.get("train-small"), epochs.out());
        assertEquals(List.of("run", "input train-small changed"), p.get("evaluate-run"), epochs.out());
        assertEquals(List.of("run", "input train-small changed"), p.get("evaluate-runs"), epochs.out());
        assertEquals(List.of("run", "input train-small changed"), p.get("chart-lossCurves_small"), epochs.out());
        assertEquals("run", p.get("chart-trajectories_run").get(0));
        assertTrue(p.get("chart-trajectories_run").contains("input evaluate-run changed"), epochs.out());
        assertEquals("run", p.get("report").get(0));
        assertTrue(p.get("report").contains("networks.small.train.epochs: 1 → 2"), epochs.out());

        // another forcing: everything from the simulation down
        CliRunner.Outcome forcing = cli("plan", out, "--set", "world.forcing=20");
        assertEquals(0, forcing.code(), forcing.err());
        Map<String, List<String>> f = parse(forcing.out());
        f.values().forEach(v -> assertEquals("run", v.get(0), forcing.out()));
        assertEquals(List.of("run", "world.forcing: 18.0 → 20.0"), f.get("simulate"), forcing.out());
        assertEquals(List.of("run", "input simulate changed"), f.get("train-small"), forcing.out());

        // plan ran nothing and wrote nothing
        assertEquals(before, snapshot(tmp));

        // a damaged output is named, and only that stage runs (again as it was)
        Files.writeString(exp.resolve("train-small/history.json"), "{}");
        Map<String, List<String>> damaged = parse(cli("plan", out).out());
        assertEquals("run", damaged.get("train-small").get(0));
        assertTrue(damaged.get("train-small").get(1).startsWith("output damaged: train-small/history.json is "
                + "damaged"), damaged.toString());
        assertEquals(List.of("reuse"), damaged.get("evaluate-run"));
        // a stage.json that is no stage record is named as such (run warns the same way)
        Files.writeString(exp.resolve("evaluate-run/stage.json"), "garbage");
        assertEquals(List.of("run", "evaluate-run/stage.json is damaged (not a stage record)"),
                parse(cli("plan", out).out()).get("evaluate-run"));
        // an --out that run would refuse, plan refuses too
        CliRunner.Outcome file = CliRunner.run("plan", QUICKSTART, "--out", exp.resolve("manifest.json").toString());
        assertEquals(2, file.code(), file.err());
        assertTrue(file.err().contains("is a file, not a folder"), file.err());

        // what plan says is what run does
        CliRunner.Outcome again = cli("run", out, "--set", "networks.small.train.epochs=2");
        assertEquals(0, again.code(), again.err());
        Map<String, Boolean> cached = cachedByStage(out);
        p.forEach((stage, v) -> assertEquals(v.get(0).equals("reuse"), cached.get(stage), stage));
    }

    @Test
    void stageFoldersNoStageOwnsAreNamedByPlanAndRunAndKept(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        CliRunner.Outcome run = cli("run", out);
        assertEquals(0, run.code(), run.err());
        assertFalse(run.out().contains("left from earlier runs"), run.out());
        Path exp = out.resolve("quickstart");
        // a network renamed since: its old folder stays behind
        Path old = exp.resolve("train-renamed");
        Files.createDirectories(old);
        Files.copy(exp.resolve("train-small/stage.json"), old.resolve("stage.json"));

        CliRunner.Outcome plan = cli("plan", out);
        assertEquals(0, plan.code(), plan.err());
        assertTrue(plan.out().contains("left from earlier runs, not stages of this script (a run keeps them): "
                + "train-renamed"), plan.out());
        CliRunner.Outcome again = cli("run", out);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("left from earlier runs, not stages of this script (kept; delete them when "
                + "not needed): train-renamed"), again.out());
        assertTrue(Files.isRegularFile(old.resolve("stage.json")), "kept");
    }
}

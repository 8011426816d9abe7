package org.l96.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.data.Npy;
import org.l96.nn.TrainedNetwork;
import org.l96.spec.ExperimentSpec;
import org.l96.dsl.ScriptException;
import org.l96.dsl.ScriptLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Networks and datasets from elsewhere (issue 14 §2), through the real command line: a network loaded from another
 * run's model.zip scores exactly as it did there on the same data, carries its file's provenance, and can be
 * trained further; an {@code l96 simulate} folder trains bit for bit as the same simulation run inside the
 * experiment; stage keys follow the files' contents; every mismatch is an error at its script line.
 */
class BringYourOwnTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String FIRST = """
            experiment('first') {
                simulate { samples 800 }
                data { validation last: 200; test last: 100; batchSize 128 }
                network('small') {
                    layers { dense 12, relu; dense 8 }
                    train { epochs 2; optimizer adam(lr: 0.003) }
                }
            }
            """;

    private static Path write(Path dir, String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }

    private static JsonNode manifest(Path exp) throws IOException {
        return JSON.readTree(exp.resolve("manifest.json").toFile());
    }

    private static String sha256(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }

    private static void run(Path script, Path out) {
        CliRunner.Outcome r = CliRunner.run("run", script.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err() + r.out());
    }

    @Test
    void aLoadedNetworkScoresAsWhereItWasTrainedAndCanBeTrainedFurther(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        run(write(dir, "first.groovy", FIRST), out);
        Path model = out.resolve("first/train-small/model.zip");
        // the same world and data, the network loaded instead of trained (the path relative to the script)
        Path second = write(dir, "scripts/second.groovy", """
                experiment('second') {
                    simulate { samples 800 }
                    data { validation last: 200; test last: 100; batchSize 128 }
                    network('old') { load '../out/first/train-small/model.zip' }
                    network('more', continues: 'old') { train { epochs 2; optimizer adam(lr: 0.003) } }
                    trajectory('run') { start(-1); duration 0.5; compare 'none', 'old' }
                    charts { lossCurves 'old' }
                }
                """);
        run(second, out);
        JsonNode first = manifest(out.resolve("first")).at("/metrics/networks/small");
        JsonNode old = manifest(out.resolve("second")).at("/metrics/networks/old");
        // same weights, same data: the same validation and test losses and offline scores, to the last digit
        assertEquals(first.get("keptValLoss").asDouble(), old.get("keptValLoss").asDouble(), 0.0);
        assertEquals(first.get("testLoss").asDouble(), old.get("testLoss").asDouble(), 0.0);
        assertEquals(first.get("offline"), old.get("offline"));
        // its history is the source's: the loss-curve chart shows how it was trained
        assertEquals(Files.readString(out.resolve("first/train-small/history.json")),
                Files.readString(out.resolve("second/train-old/history.json")));
        assertTrue(Files.exists(out.resolve("second/chart-lossCurves_old/lossCurves_old.png")));
        // provenance: the file's path, size and SHA-256 (computed here independently) and the source run
        JsonNode loaded = old.get("loaded");
        assertEquals(model.toAbsolutePath().normalize().toString(), loaded.get("path").asText());
        assertEquals(Files.size(model), loaded.get("bytes").asLong());
        assertEquals(sha256(model), loaded.get("sha256").asText());
        assertEquals("first", loaded.get("experiment").asText());
        assertEquals(12, loaded.at("/spec/layers/0/units").asInt());
        // the spec shows the file's layers and no training
        JsonNode spec = manifest(out.resolve("second")).at("/spec/networks/old");
        assertEquals(2, spec.get("layers").size());
        assertFalse(spec.has("train"), spec.toString());
        // continued: it starts from the loaded weights (its first epoch's validation loss is near the loaded one's,
        // far below a fresh network's) and moves on
        float[] before = TrainedNetwork.loadNetwork(model).params().toFloatVector();
        float[] after = TrainedNetwork.loadNetwork(out.resolve("second/train-more/model.zip")).params()
                .toFloatVector();
        assertEquals(before.length, after.length);
        assertFalse(java.util.Arrays.equals(before, after));
        JsonNode more = manifest(out.resolve("second")).at("/metrics/networks/more");
        assertEquals(2, more.get("epochs").asInt());

        // cached by content: a second run reuses everything; a rewritten model.zip reruns the loaded network
        CliRunner.Outcome again = CliRunner.run("run", second.toString(), "--out", out.toString());
        assertTrue(again.err().contains("0 to run"), again.err());
        run(write(dir, "first.groovy", FIRST.replace("epochs 2", "epochs 3")), out);
        CliRunner.Outcome third = CliRunner.run("run", second.toString(), "--out", out.toString());
        assertEquals(0, third.code(), third.err());
        assertTrue(third.err().contains("train-old") && !third.err().contains("0 to run"), third.err());
        assertNotEquals(loaded.get("sha256").asText(),
                manifest(out.resolve("second")).at("/metrics/networks/old/loaded/sha256").asText());
    }

    @Test
    void anL96SimulateFolderTrainsAsTheSameSimulationRunInside(@TempDir Path dir) throws Exception {
        CliRunner.Outcome sim = CliRunner.run("simulate", "--samples", "800", "--forcing", "20", "--no-y", "--out",
                dir.resolve("data/truth").toString());
        assertEquals(0, sim.code(), sim.err());
        Path out = dir.resolve("out");
        // inside: the same world (F = 20), seed and sampling
        run(write(dir, "inside.groovy", FIRST.replace("first", "inside")
                .replace("simulate { samples 800 }", "world { forcing 20 }\n    simulate { samples 800 }")), out);
        // from the folder: the world and the sampling are the folder's (forcing 20 is not written here)
        Path from = write(dir, "from.groovy", FIRST.replace("first", "from")
                .replace("simulate { samples 800 }", "simulate { from 'data/truth' }"));
        ExperimentSpec spec = ScriptLoader.load(from);
        assertEquals(20.0, spec.world().forcing());
        assertEquals(800, spec.simulation().samples());
        assertEquals(0.01, spec.simulation().sampleInterval(), 1e-15);
        run(from, out);
        assertArrayEquals(Npy.read(out.resolve("inside/simulate/X.npy")).data(),
                Npy.read(out.resolve("from/simulate/X.npy")).data());
        JsonNode inside = manifest(out.resolve("inside")).at("/metrics/networks/small");
        JsonNode fromFolder = manifest(out.resolve("from")).at("/metrics/networks/small");
        assertEquals(inside.get("finalTrainLoss").asDouble(), fromFolder.get("finalTrainLoss").asDouble(), 0.0);
        assertEquals(inside.get("testLoss").asDouble(), fromFolder.get("testLoss").asDouble(), 0.0);
        JsonNode simulation = manifest(out.resolve("from")).at("/metrics/simulation");
        assertEquals(sha256(dir.resolve("data/truth/X.npy")), simulation.at("/sha256/X.npy").asText());
        assertTrue(simulation.get("manifest").asText().endsWith("manifest.json"));

        // the simulate key follows the files' contents: a copy elsewhere is the same data, another dataset is not
        Path copy = dir.resolve("elsewhere/truth");
        Files.createDirectories(copy);
        try (var files = Files.list(dir.resolve("data/truth"))) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        CliRunner.Outcome other = CliRunner.run("simulate", "--samples", "800", "--forcing", "20", "--seed", "15",
                "--no-y", "--out", dir.resolve("other").toString());
        assertEquals(0, other.code(), other.err());
        String key = simulateKey(spec);
        assertEquals(key, simulateKey(ScriptLoader.load(write(dir, "copy.groovy", FIRST.replace("first", "from")
                .replace("simulate { samples 800 }", "simulate { from 'elsewhere/truth' }")))));
        assertNotEquals(key, simulateKey(ScriptLoader.load(write(dir, "other.groovy", FIRST.replace("first", "from")
                .replace("simulate { samples 800 }", "simulate { from 'other' }")))));

        // a run's own simulate folder is a dataset too (its world from the run's manifest)
        Path again = write(dir, "again.groovy", FIRST.replace("first", "again")
                .replace("simulate { samples 800 }", "simulate { from 'out/inside/simulate' }"));
        assertEquals(20.0, ScriptLoader.load(again).world().forcing());
    }

    @Test
    void fromJavaTheRunnerReadsTheFiles(@TempDir Path dir) throws Exception {
        CliRunner.Outcome sim = CliRunner.run("simulate", "--samples", "500", "--no-y", "--out",
                dir.resolve("data").toString());
        assertEquals(0, sim.code(), sim.err());
        Path out = dir.resolve("out");
        run(write(dir, "first.groovy", FIRST.replace("samples 800", "samples 500")), out);
        String model = out.resolve("first/train-small/model.zip").toString();
        // paths from Java are as given (here absolute); the world and sampling come from the folder
        ExperimentSpec spec = org.l96.dsl.Experiment.named("java")
                .simulate(s -> s.from(dir.resolve("data").toString()))
                .data(d -> d.testLast(100).validationLast(100))
                .network("old", n -> n.load(model))
                .build();
        var result = org.l96.run.ExperimentRunner.inFolder(out).parallel(1).terminal(false)
                .log(new java.io.PrintStream(new java.io.ByteArrayOutputStream())).run(spec);
        assertTrue(result.ok());
        JsonNode m = manifest(out.resolve("java"));
        assertEquals(500, m.at("/spec/simulation/samples").asInt());
        assertEquals(2, m.at("/spec/networks/old/layers").size());
        // a world that disagrees with the folder's is refused, naming both values
        ExperimentSpec wrong = org.l96.dsl.Experiment.named("java2").world(w -> w.forcing(20))
                .simulate(s -> s.from(dir.resolve("data").toString())).build();
        org.l96.spec.SpecException e = assertThrows(org.l96.spec.SpecException.class,
                () -> org.l96.run.ExperimentRunner.inFolder(out).run(wrong));
        assertTrue(e.getMessage().contains("forcing 18.0") && e.getMessage().contains("20.0"), e.getMessage());
    }

    private static String simulateKey(ExperimentSpec spec) {
        return org.l96.spec.SpecJson.hash(new org.l96.run.stages.SimulateStage(spec).keyMaterial());
    }

    @Test
    void mistakesAreErrorsAtTheirLines(@TempDir Path dir) throws Exception {
        CliRunner.Outcome sim = CliRunner.run("simulate", "--samples", "300", "--no-y", "--out",
                dir.resolve("data").toString());
        assertEquals(0, sim.code(), sim.err());
        Path out = dir.resolve("out");
        run(write(dir, "first.groovy", FIRST), out);
        Files.writeString(dir.resolve("not-a-model.zip"), "text");
        Path script = write(dir, "bad.groovy", """
                experiment('bad') {
                    world { forcing 20 }
                    simulate { from 'data'; samples 100 }
                    network('gone') { load 'nope/model.zip' }
                    network('text') { load 'not-a-model.zip' }
                    network('trained') { load 'out/first/train-small/model.zip'; train { epochs 3 } }
                    network('loc') { local(); load 'out/first/train-small/model.zip' }
                }
                """);
        ScriptException e = assertThrows(ScriptException.class, () -> ScriptLoader.load(script));
        String m = e.format();
        assertTrue(m.contains("bad.groovy:2:") && m.contains("forcing 18.0") && m.contains("the script 20.0"), m);
        assertTrue(m.contains("bad.groovy:3:") && m.contains("samples 300") && m.contains("the script 100"), m);
        assertTrue(m.contains("bad.groovy:4:") && m.contains("no model file"), m);
        assertTrue(m.contains("bad.groovy:5:") && m.contains("is not a DL4J network"), m);
        assertTrue(m.contains("bad.groovy:6:") && m.contains("not trained here"), m);
        assertTrue(m.contains("bad.groovy:7:") && m.contains("takes 8 inputs") && m.contains("leave out local()"), m);
        assertFalse(m.contains("data.validation"), m); // the split of unknown samples is no mistake of its own
        assertEquals(6, e.errors().size(), m);

        // a folder without coupling.npy, one whose files disagree, no folder
        Files.createDirectories(dir.resolve("half"));
        Files.copy(dir.resolve("data/X.npy"), dir.resolve("half/X.npy"));
        Files.createDirectories(dir.resolve("odd"));
        Files.copy(dir.resolve("data/X.npy"), dir.resolve("odd/X.npy"));
        Npy.writeDoubles(dir.resolve("odd/coupling.npy"), new double[301 * 4], 301, 4);
        for (String[] c : new String[][]{{"half", "has no coupling.npy"}, {"odd", "they must match"},
                {"nowhere", "no dataset folder"}}) {
            Path s = write(dir, c[0] + ".groovy", "experiment('x') {\n    simulate { from '" + c[0]
                    + "' }\n    network('a') { layers { dense 8 } }\n}\n");
            ScriptException f = assertThrows(ScriptException.class, () -> ScriptLoader.load(s));
            assertTrue(f.format().contains(c[0] + ".groovy:2:") && f.format().contains(c[1]),
                    f.format());
        }
        // a trajectory needs Y at its start: this dataset keeps the last Y only
        String traj = "experiment('x') {\n    simulate { from 'data' }; data { validation last: 50 }\n"
                + "    network('a') { layers { dense 8 } }\n"
                + "    trajectory('t') { start(START); duration 1; compare 'none' }\n}\n";
        Path early = write(dir, "early.groovy", traj.replace("START", "0"));
        ScriptException g = assertThrows(ScriptException.class, () -> ScriptLoader.load(early));
        assertTrue(g.format().contains("early.groovy:4:") && g.format().contains("start it at start(-1)"),
                g.format());
        assertEquals(-1, ((org.l96.spec.EvaluationSpec.Trajectory) ScriptLoader.load(
                write(dir, "last.groovy", traj.replace("START", "-1"))).evaluations().get("t")).start());

        // validate exits with 2, no stack trace
        CliRunner.Outcome v = CliRunner.run("validate", script.toString());
        assertEquals(2, v.code());
        assertFalse(v.err().contains("Exception"), v.err());
    }
}

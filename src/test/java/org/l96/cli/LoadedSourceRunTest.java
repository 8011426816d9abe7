package org.l96.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.dsl.ScriptException;
import org.l96.dsl.ScriptLoader;
import org.l96.nn.TrainedNetwork;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A loaded network and the run it comes from (issue 14 §2): a network with dropout and batch norm is read back with
 * its layers and trains further; the source run's manifest tells a local history-2 network from a stencil-1 one
 * (both take 3 inputs); a manifest that is not the file's run (a model.zip copied next to another run's manifest)
 * gives no provenance and a warning.
 */
class LoadedSourceRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String SOURCE = """
            experiment('src') {
                simulate { samples 600 }
                data { validation last: 150; test last: 100; batchSize 128 }
                network('small') {
                    layers { dropout 0.1; dense 12, relu; batchNorm(); dropout 0.2; dense 8 }
                    train { epochs 1 }
                }
                network('h') { local(); history 2; layers { dense 4, relu; dense 1 }; train { epochs 1 } }
            }
            """;

    private static Path write(Path dir, String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }

    @Test
    void theSourceRunIsCheckedAgainstTheFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        CliRunner.Outcome src = CliRunner.run("run", write(dir, "src.groovy", SOURCE).toString(), "--out",
                out.toString());
        assertEquals(0, src.code(), src.err());

        // dropout and batch norm read back as such: repeating them is accepted, and continues: trains it further
        Path again = write(dir, "again.groovy", """
                experiment('again') {
                    simulate { samples 600 }
                    data { validation last: 150; test last: 100; batchSize 128 }
                    network('old') {
                        layers { dropout 0.1; dense 12, relu; batchNorm(); dropout 0.2; dense 8 }
                        load 'out/src/train-small/model.zip'
                    }
                    network('more', continues: 'old') { train { epochs 1 } }
                }
                """);
        CliRunner.Outcome a = CliRunner.run("run", again.toString(), "--out", out.toString());
        assertEquals(0, a.code(), a.err() + a.out());
        assertEquals(TrainedNetwork.loadNetwork(out.resolve("src/train-small/model.zip")).numParams(),
                TrainedNetwork.loadNetwork(out.resolve("again/train-more/model.zip")).numParams());

        // the same file moved and renamed: reused (the stage key holds its SHA-256, not its path or name)
        Files.createDirectories(dir.resolve("elsewhere"));
        Files.copy(out.resolve("src/train-small/model.zip"), dir.resolve("elsewhere/m.zip"));
        Files.writeString(again, Files.readString(again).replace("out/src/train-small/model.zip", "elsewhere/m.zip"));
        CliRunner.Outcome moved = CliRunner.run("run", again.toString(), "--out", out.toString());
        assertEquals(0, moved.code(), moved.err());
        // the report alone runs again (it names the file's path)
        assertTrue(moved.err().contains("3 reused, 1 to run") && !moved.err().contains("train-"), moved.err());

        // 3 inputs: local history 2 (as trained) or stencil 1 (as misread); the manifest tells them apart
        Path misread = write(dir, "misread.groovy", """
                experiment('misread') {
                    simulate { samples 600 }
                    data { validation last: 150; test last: 100 }
                    network('h') { local(); stencil 1; load 'out/src/train-h/model.zip' }
                }
                """);
        ScriptException e = assertThrows(ScriptException.class, () -> ScriptLoader.load(misread));
        assertTrue(e.format().contains("misread.groovy:4:") && e.format().contains("local, history 2")
                && e.format().contains("local, stencil 1"), e.format());
        ScriptLoader.load(write(dir, "right.groovy", Files.readString(misread).replace("stencil 1", "history 2")));
        // a count that does not fit names what the source run declared
        Path wider = write(dir, "wider.groovy", Files.readString(misread).replace("stencil 1", "stencil 1; history 1"));
        String w = assertThrows(ScriptException.class, () -> ScriptLoader.load(wider)).format();
        assertTrue(w.contains("takes 3 inputs") && w.contains("declared it local, history 2 in a world of K = 8"), w);

        // a non-local K = 8 model copied next to a manifest whose 'h' is local: not this file's run
        Files.createDirectories(dir.resolve("fake/train-h"));
        Files.copy(out.resolve("src/manifest.json"), dir.resolve("fake/manifest.json"));
        Files.copy(out.resolve("src/train-small/model.zip"), dir.resolve("fake/train-h/model.zip"));
        Path copied = write(dir, "copied.groovy", """
                experiment('copied') {
                    simulate { samples 600 }
                    data { validation last: 150; test last: 100; batchSize 128 }
                    network('c') { load 'fake/train-h/model.zip' }
                    charts { lossCurves 'c' }
                }
                """);
        CliRunner.Outcome c = CliRunner.run("run", copied.toString(), "--out", out.toString());
        assertEquals(0, c.code(), c.err() + c.out());
        // its loss curves have no epochs to draw and say why
        assertTrue(Files.isRegularFile(out.resolve("copied/chart-lossCurves_c/stage.json")), c.out());
        assertTrue(c.err().contains("not this file's run"), c.err());
        JsonNode loaded = JSON.readTree(out.resolve("copied/manifest.json").toFile())
                .at("/metrics/networks/c/loaded");
        assertTrue(loaded.get("manifest").asText().contains("not this file's run"), loaded.toString());
        assertFalse(loaded.has("experiment") || loaded.has("spec") || loaded.has("provenance"), loaded.toString());
        // nor is the training history of the folder's run (there is none in fake/train-h, but the file's epochs
        // are not claimed either): no epochs
        assertEquals(0, JSON.readTree(out.resolve("copied/manifest.json").toFile())
                .at("/metrics/networks/c/epochs").asInt(0));

        // the history and metrics of another network beside the file: not taken, with a warning
        Files.copy(out.resolve("src/train-h/metrics.json"), dir.resolve("fake/train-h/metrics.json"));
        Files.copy(out.resolve("src/train-h/history.json"), dir.resolve("fake/train-h/history.json"));
        Files.delete(dir.resolve("fake/manifest.json"));
        Path out2 = dir.resolve("out2"); // (the stage key holds the file's SHA-256, not what lies beside it)
        CliRunner.Outcome d = CliRunner.run("run", copied.toString(), "--out", out2.toString());
        assertEquals(0, d.code(), d.err() + d.out());
        assertTrue(d.err().contains("are not this file's training"), d.err());
        assertEquals(0, JSON.readTree(out2.resolve("copied/manifest.json").toFile())
                .at("/metrics/networks/c/epochs").asInt(0));
    }
    @Test
    void loadWithContinuesOrWeightInitIsRefusedAtItsLine(@TempDir Path dir) throws Exception {
        var spec = new org.l96.spec.NetworkSpec("non-local", java.util.List.of(
                new org.l96.spec.LayerSpec.Dense(8, "identity")), "pytorch", "mse", null, null);
        var net = org.l96.nn.Networks.build(spec, 8, org.l96.nn.Optimizers.updater(
                org.l96.spec.OptimizerSpec.Adam.withLr(0.001), null), java.util.List.of(), 1);
        org.deeplearning4j.util.ModelSerializer.writeModel(net, dir.resolve("model.zip").toFile(), true);
        Path script = write(dir, "both.groovy", """
                experiment('both') {
                    simulate { samples 600 }
                    data { validation last: 100; test last: 100 }
                    network('a') { layers { dense 8 }; train { epochs 1 } }
                    network('b', continues: 'a') { load 'model.zip' }
                }
                """);
        ScriptException e = assertThrows(ScriptException.class, () -> ScriptLoader.load(script));
        String m = e.format();
        assertTrue(m.contains("both.groovy:5:") && m.contains("either loaded or continues another"), m);
        Path init = write(dir, "init.groovy", """
                experiment('init') {
                    simulate { samples 600 }
                    data { validation last: 100; test last: 100 }
                    network('c') { weightInit 'he'; load 'model.zip' }
                    network('d') { layers { dense 8, relu }; load 'model.zip' }
                }
                """);
        m = assertThrows(ScriptException.class, () -> ScriptLoader.load(init)).format();
        assertTrue(m.contains("init.groovy:4:") && m.contains("weightInit does nothing"), m);
        // layers as a script writes them, not as Java records
        assertTrue(m.contains("init.groovy:5:") && m.contains("whose layers are { dense 8 }"), m);
        Path from = write(dir, "from.groovy", """
                experiment('from') {
                    simulate { samples 600 }
                    data { validation last: 100; test last: 100 }
                    network('c') { load 'model.zip' }
                    network('e', from: 'c') { train { epochs 1 } }
                }
                """);
        m = assertThrows(ScriptException.class, () -> ScriptLoader.load(from)).format();
        assertTrue(m.contains("from.groovy:5:") && m.contains("does not copy a loaded file's layers")
                && !m.contains("has no layers"), m);
    }
}

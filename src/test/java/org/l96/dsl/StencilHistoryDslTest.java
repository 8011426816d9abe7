package org.l96.dsl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.NetworkSpec;
import org.l96.spec.Problem;
import org.l96.spec.SpecException;
import org.l96.spec.SpecJson;
import org.l96.world.InputLayout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The words stencil, history and previousCoupling: spec, canonical JSON, Java builder, and what validate refuses. */
class StencilHistoryDslTest {
    @TempDir
    Path dir;

    private Path script(String text) throws IOException {
        Path file = dir.resolve("s.groovy");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void theWordsReachTheSpecAndItsCanonicalJson() throws IOException {
        ExperimentSpec spec = ScriptLoader.load(script("""
                experiment('inputs') {
                    network('st') { stencil 2; layers { dense 8, relu; dense 1 } }
                    network('mem', from: 'st') { history 3; previousCoupling true }
                    network('nl') { history 1; layers { dense 8 } }
                    network('plain') { layers { dense 8 } }
                    trajectory('t') { compare 'st', 'mem', 'nl'; start 100 }
                }
                """));
        NetworkSpec st = spec.networks().get("st");
        assertEquals(NetworkSpec.LOCAL, st.features()); // a stencil makes the network local
        assertEquals(new InputLayout(true, 2, 0, false), st.inputLayout());
        assertEquals(5, st.inputLayout().inputs(8));
        NetworkSpec mem = spec.networks().get("mem");
        assertEquals(new InputLayout(true, 2, 3, true), mem.inputLayout()); // the stencil is copied from 'st'
        assertEquals(5 * 4 + 1, mem.inputLayout().inputs(8));
        assertEquals(new InputLayout(false, 0, 1, false), spec.networks().get("nl").inputLayout());
        assertEquals(16, spec.networks().get("nl").inputLayout().inputs(8));
        var json = SpecJson.toTree(spec).get("networks");
        assertEquals(2, json.get("st").get("stencil").asInt());
        assertEquals(3, json.get("mem").get("history").asInt());
        assertTrue(json.get("mem").get("previousCoupling").asBoolean());
        // a network without these words has none in its JSON: its stage key is what it was before they existed
        assertFalse(json.get("plain").has("stencil") || json.get("plain").has("history")
                || json.get("plain").has("previousCoupling"), json.get("plain").toString());
        assertEquals(spec, SpecJson.fromJson(SpecJson.toJson(spec)));
        // stencil 0 is local: the same spec, so the same stage keys
        ExperimentSpec zero = ScriptLoader.load(script("""
                experiment('z') { network('a') { stencil 0; history 0; previousCoupling false; layers { dense 1 } } }
                """));
        ExperimentSpec local = ScriptLoader.load(script("""
                experiment('z') { network('a') { local(); layers { dense 1 } } }
                """));
        assertEquals(local, zero);

        ExperimentSpec java = Experiment.named("inputs")
                .network("st", n -> n.stencil(1).history(2).previousCoupling(true)
                        .layers(l -> l.dense(4, "tanh").dense(1)))
                .build();
        assertEquals(new InputLayout(true, 1, 2, true), java.networks().get("st").inputLayout());
    }

    @Test
    void validateRefusesWhatCannotRunWithFileLineAndReason() throws IOException {
        Path file = script("""
                experiment('bad') {
                    world { k 8 }
                    network('wide') { stencil 4; layers { dense 1 } }
                    network('nl') { nonLocal(); stencil 1; layers { dense 8 } }
                    network('neg') { local(); history(-1); layers { dense 1 } }
                    network('mem') { stencil 1; history 2; previousCoupling true; layers { dense 1 } }
                    network('more', continues: 'mem') { history 3 }
                    network('lin') { stencil 1; layers { dense 1 } }
                    polynomial('p') { fromNetwork 'lin' }
                    polynomial('noisy') { from 'mem'; noise 'additive' }
                    trajectory('early') { compare 'mem'; start 1 }
                    ensemble('ens') { compare 'none', 'mem'; first 0 }
                    trajectory('fromEnd') { compare 'mem'; start(-20000) }
                }
                """);
        ScriptException e = assertThrows(ScriptException.class, () -> ScriptLoader.load(file));
        String all = e.format();
        assertTrue(all.contains(":3:") && all.contains("stencil 4 takes X_{k-4..k+4}, 9 values, but K = 8 has only 8: "
                + "at most stencil 3"), all);
        assertTrue(all.contains(":4:") && all.contains("network 'nl' is non-local"), all);
        assertTrue(all.contains(":5:") && all.contains("history must be 0 to 1000"), all);
        assertTrue(all.contains("must see the same inputs (stencil, history, previousCoupling)"), all);
        assertTrue(all.contains("'lin' is not a local linear network (X_k alone in"), all);
        assertTrue(all.contains("base 'mem' sees earlier samples"), all);
        assertTrue(all.contains(":11:") && all.contains("start at sample 2 or later, got 1"), all);
        assertTrue(all.contains(":12:") && all.contains("must be sample 2 or later, got 0"), all);
        assertTrue(all.contains(":13:") && all.contains("got -20000 (sample 1)"), all);
        assertEquals(9, e.errors().size(), all);
    }

    @Test
    void aSegmentShorterThanTheHistoryIsRefusedAtValidate() throws IOException {
        ScriptException e = assertThrows(ScriptException.class, () -> ScriptLoader.load(script("""
                experiment('short') {
                    simulate { samples 1000 }
                    data { validation last: 200; test last: 3 }
                    network('mem') { local(); history 3; layers { dense 1 } }
                }
                """)));
        assertEquals(1, e.errors().size(), e.format());
        assertTrue(e.format().contains(":4:") && e.format().contains("the test segment has only 3"), e.format());
    }

    @Test
    void theJavaBuilderRefusesAStencilOnATinyRing() {
        SpecException e = assertThrows(SpecException.class, () -> Experiment.named("tiny")
                .world(w -> w.k(4))
                .network("st", n -> n.stencil(2).layers(l -> l.dense(1)))
                .build());
        List<String> paths = e.problems().stream().map(Problem::path).toList();
        assertEquals(List.of("networks.st.stencil"), paths, e::getMessage);
        assertTrue(e.getMessage().contains("at most stencil 1"), e.getMessage());
    }
}

package org.l96.dsl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.OptimizerSpec;
import org.l96.spec.SpecJson;
import org.l96.spec.TrainSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Online training's words in {@code train { }}: the spec they make, its JSON, and each user mistake at its line. */
class RolloutDslTest {
    @TempDir
    Path dir;

    private Path script(String text) throws IOException {
        Path file = dir.resolve("s.groovy");
        Files.writeString(file, text);
        return file;
    }

    private ScriptException errors(String text) throws IOException {
        Path file = script(text);
        return assertThrows(ScriptException.class, () -> ScriptLoader.load(file));
    }

    @Test
    void rolloutWordsMakeTheSpecAndItsJson() throws IOException {
        ExperimentSpec spec = ScriptLoader.load(script("""
                experiment('online') {
                    simulate { samples 2000 }
                    data { validation last: 400; test last: 200 }
                    network('offline') { layers { dense 8, relu; dense 8 } }
                    network('tuned', continues: 'offline') {
                        train { rollout 16; stepper 'rk2'; dt 0.01; offlineWeight 0.5; batchSize 8; epochs 3 }
                    }
                }
                """));
        TrainSpec off = spec.networks().get("offline").train();
        TrainSpec t = spec.networks().get("tuned").train();
        assertFalse(off.isRollout());
        // dt equal to the sampling interval, its default, is left out (so it keeps the stage key)
        assertEquals(new TrainSpec(3, OptimizerSpec.Adam.withLr(0.001), null, null, 8, 16, "rk2", null, 0.5), t);
        assertEquals(8, t.batchWindows());
        // nulls are left out of canonical JSON: an offline network's JSON (and so its stage key) is as before
        String json = SpecJson.toJson(spec);
        assertTrue(json.contains("\"rollout\" : 16"), json);
        assertTrue(json.contains("\"stepper\" : \"rk2\""), json);
        assertTrue(json.contains("\"offlineWeight\" : 0.5"), json);
        assertEquals(1, json.split("\"rollout\"").length - 1, json);
        assertEquals(spec, SpecJson.fromJson(json));
    }

    @Test
    void defaultsAreRk4AtTheSamplingIntervalAndBatchesOf32Windows() throws IOException {
        ExperimentSpec spec = ScriptLoader.load(script("""
                experiment('online') {
                    simulate { samples 5000; sampleEvery 0.01 }
                    data { validation last: 400 }
                    network('n') { layers { dense 8, relu; dense 8 }; train { rollout 10 } }
                }
                """));
        TrainSpec t = spec.networks().get("n").train();
        assertEquals(org.l96.spec.Vocabulary.Integrator.RK4, t.stepperKind());
        assertEquals(0.01, t.dtOr(spec.simulation().sampleInterval()));
        assertEquals(32, t.batchWindows());
        assertEquals(0, t.offlineWeightOrZero());
        assertNull(t.stepper());
    }

    @Test
    void javaBuilderMakesTheSameSpecAsTheScript() throws IOException {
        ExperimentSpec fromScript = ScriptLoader.load(script("""
                experiment('same') {
                    simulate { samples 5000 }
                    network('n') { layers { dense 8 }; train { rollout 10; stepper 'euler'; offlineWeight 0.1 } }
                }
                """));
        ExperimentSpec fromJava = Experiment.named("same")
                .simulate(s -> s.samples(5000))
                .network("n", n -> n.layers(l -> l.dense(8)).train(t -> t.rollout(10).stepper("euler")
                        .offlineWeight(0.1)))
                .toSpec();
        assertEquals(SpecJson.toJson(fromScript), SpecJson.toJson(fromJava));
    }

    @Test
    void badValuesAreReportedAtTheirLinesWithWhatIsAllowed() throws IOException {
        ScriptException e = errors("""
                experiment('bad') {
                    simulate { samples 5000; sampleEvery 0.01 }
                    network('n') {
                        layers { dense 8 }
                        train { rollout 0
                                stepper 'rk3'
                                dt 0.005
                                offlineWeight(-1) }
                    }
                }
                """);
        List<ScriptError> errs = e.errors();
        assertEquals(List.of(5, 6, 7, 8), errs.stream().map(ScriptError::line).toList(), e::format);
        assertTrue(errs.get(0).message().contains("rollout 0 must be at least 1 (the window, in coarse steps); to train "
                + "offline, write offline() in the train block"), e::format);
        assertTrue(errs.get(1).message().contains("'rk3' is not one of euler, rk2, rk4"), e::format);
        assertTrue(errs.get(2).message().contains("dt 0.005 must equal the sampling interval 0.01"), e::format);
        assertTrue(errs.get(3).message().contains("offlineWeight must be zero or more, got -1.0"), e::format);
    }

    @Test
    void rolloutWordsWithoutRolloutAreRefused() throws IOException {
        ScriptException e = errors("""
                experiment('bad') {
                    simulate { samples 5000 }
                    network('n') {
                        layers { dense 8 }
                        train { epochs 2; stepper 'rk2' }
                    }
                }
                """);
        assertEquals(1, e.errors().size(), e::format);
        assertEquals(5, e.errors().get(0).line(), e::format);
        assertTrue(e.errors().get(0).message().contains("stepper applies to online training only: give rollout N"),
                e::format);
    }

    @Test
    void aWindowLongerThanASegmentIsRefused() throws IOException {
        ScriptException e = errors("""
                experiment('bad') {
                    simulate { samples 2000 }
                    data { validation last: 100 }
                    network('n') {
                        layers { dense 8 }
                        train { rollout 128 }
                    }
                }
                """);
        assertEquals(1, e.errors().size(), e::format);
        assertEquals(6, e.errors().get(0).line(), e::format);
        assertTrue(e.errors().get(0).message().contains("windows of 128 steps, which need 129 samples each, but "
                + "the validation segment has 100"), e::format);
        ScriptException e2 = errors("""
                experiment('bad') {
                    simulate { samples 300 }
                    data { validation last: 150; test last: 100 }
                    network('n') { layers { dense 8 }; train { rollout 60 } }
                }
                """);
        assertTrue(e2.errors().get(0).message().contains("the training segment has 51"), e2::format);
    }

    @Test
    void dropoutBatchNormMaeAndLrRangeTestsAreRefusedInOnlineTraining() throws IOException {
        ScriptException e = errors("""
                experiment('bad') {
                    simulate { samples 5000 }
                    network('n') {
                        loss 'mae'
                        layers { dense 8, relu; dropout 0.1; batchNorm(); dense 8 }
                        train { rollout 8 }
                    }
                    lrRangeTest('lr') { network 'n' }
                }
                """);
        String all = e.format();
        assertTrue(all.contains("loss 'mae' is for offline training"), all);
        assertTrue(all.contains("remove the dropout layer"), all);
        assertTrue(all.contains("remove the batch norm layer"), all);
        assertTrue(all.contains("an LR range test trains offline"), all);
        assertEquals(4, e.errors().size(), all);
    }

    @Test
    void stencilAndHistoryInputsAreRefusedInOnlineTraining() throws IOException {
        ScriptException e = errors("""
                experiment('bad') {
                    simulate { samples 5000 }
                    network('n') {
                        stencil 1
                        history 2
                        previousCoupling true
                        layers { dense 8, relu; dense 1 }
                        train { rollout 8 }
                    }
                }
                """);
        String all = e.format();
        assertTrue(all.contains("stencil 1 is for offline training"), all);
        assertTrue(all.contains("history 2 is for offline training"), all);
        assertTrue(all.contains("previousCoupling true is for offline training"), all);
        assertEquals(3, e.errors().size(), all);
        assertTrue(e.errors().stream().allMatch(x -> x.line() > 0), all);
    }

    /** A network made from an online one trains offline with offline(), which clears the online-only words. */
    @Test
    void offlineSwitchesADerivedNetworkBackToOfflineTraining() throws IOException {
        ExperimentSpec spec = ScriptLoader.load(script("""
                experiment('back') {
                    simulate { samples 5000; sampleEvery 0.01 }
                    network('on') { layers { dense 8 }; train { rollout 10; stepper 'rk2'; offlineWeight 0.5 } }
                    network('off', continues: 'on') { train { offline(); epochs 2 } }
                    network('plain') { layers { dense 8 }; train { epochs 2 } }
                }
                """));
        assertTrue(spec.networks().get("on").train().isRollout());
        TrainSpec off = spec.networks().get("off").train();
        assertFalse(off.isRollout());
        assertNull(off.stepper());
        assertNull(off.offlineWeight());
        // the same as never having trained online: the canonical spec leaves the words out
        assertEquals(spec.networks().get("plain").train(), off);
        ScriptException e = errors("""
                experiment('bad') {
                    simulate { samples 5000 }
                    network('on') { layers { dense 8 }; train { rollout 10 } }
                    network('off', from: 'on') { train { rollout null } }
                }
                """);
        assertTrue(e.errors().get(0).message().contains("to train offline instead, write offline()"), e::format);
        assertEquals(4, e.errors().get(0).line(), e::format);
    }

    /** An online word written, or --set, to its default leaves the spec (and so the stage keys) as without it. */
    @Test
    void defaultsWrittenOrSetLeaveTheSpecUnchanged() throws IOException {
        Path file = script("""
                experiment('d') {
                    simulate { samples 5000; sampleEvery 0.01 }
                    network('on') { layers { dense 8 }; train { rollout 10 } }
                }
                """);
        ExperimentSpec plain = ScriptLoader.load(file);
        for (String set : List.of("networks.on.train.dt=0.01", "networks.on.train.offlineWeight=0")) {
            ExperimentSpec with = ScriptLoader.load(file, List.of(set));
            assertEquals(SpecJson.toJson(plain), SpecJson.toJson(with), set);
        }
        ExperimentSpec written = ScriptLoader.load(script("""
                experiment('d') {
                    simulate { samples 5000; sampleEvery 0.01 }
                    network('on') { layers { dense 8 }; train { rollout 10; dt 0.01; offlineWeight 0 } }
                }
                """));
        assertEquals(plain, written);
        // another value is kept (and dt other than the sampling interval is refused, as before)
        assertEquals("rk2", ScriptLoader.load(file, List.of("networks.on.train.stepper=rk2")).networks().get("on")
                .train().stepper());
        assertThrows(ScriptException.class, () -> ScriptLoader.load(file, List.of("networks.on.train.dt=0.02")));
    }
}

package org.l96.dsl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.spec.EvaluationSpec;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.Problem;
import org.l96.spec.SpecException;
import org.l96.spec.SpecJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --set} and sweep axes through the script loader: messages in the DSL's words at the {@code --set} argument
 * or the script line, a switch of type equal to writing the new type's word in the script, names that paths cannot
 * reach refused where they are declared, and an ensemble's {@code every} in time units.
 */
class SetPathsDslTest {
    @TempDir
    Path dir;
    private int files;

    private Path script(String name, String train, String more) throws IOException {
        Path file = dir.resolve(name + "-" + files++ + ".groovy"); // a file each: scripts are compared
        Files.writeString(file, "experiment('" + name + "') {\n"
                + "    simulate { samples 3000 }\n"
                + "    data { validation fraction: 0.2 }\n"
                + "    network('ann') {\n"
                + "        layers { dense 16, relu; dense 16, relu; dense 8 }\n"
                + "        train { epochs 5; " + train + " }\n"
                + "    }\n"
                + more
                + "}\n");
        return file;
    }

    private ScriptException fails(Path file, String... sets) {
        return assertThrows(ScriptException.class, () -> ScriptLoader.load(file, List.of(sets)));
    }

    // ---- the two cases ------------------------------------------------------------------------------------

    @Test
    void aMisspeltLayerFieldIsAnsweredInTheDslsWords() throws IOException {
        ScriptException e = fails(script("unit", "optimizer adam(lr: 0.003)", ""), "networks.ann.layers.0.unit=8");
        assertEquals(1, e.errors().size(), e::format);
        assertEquals("l96: --set networks.ann.layers.0.unit=8: no field 'unit' in networks.ann.layers.0 (a dense layer); "
                + "did you mean 'units'? Its fields: type (dense, dropout, batchNorm), units (a whole number), "
                + "activation (a word)\n1 error", e.format().strip());
        assertFalse(e.format().contains("org.l96"), e::format);
    }

    @Test
    void switchingTheOptimizerByItsTypeIsWritingTheNewWordInTheScript() throws IOException {
        Path adam = script("opt", "optimizer adam(lr: 0.003, weightDecay: 0.1)", "");
        for (String[] c : new String[][]{
                {"sgd", "optimizer sgd(lr: 0.003, weightDecay: 0.1)"},
                {"rmsprop", "optimizer rmsprop(lr: 0.003, weightDecay: 0.1)"},
                {"adamw", "optimizer adamw(lr: 0.003)"}, // AdamW has no coupled weight decay: its own default
                {"adam", "optimizer adam(lr: 0.003, weightDecay: 0.1)"}}) {
            ExperimentSpec switched = ScriptLoader.load(adam, List.of("networks.ann.train.optimizer.type=" + c[0]));
            ExperimentSpec written = ScriptLoader.load(script("opt", c[1], ""));
            assertEquals(SpecJson.toJson(written), SpecJson.toJson(switched), c[0]);
        }
        // the optimizer's own word also switches it; a later --set then changes a field of the new type
        ExperimentSpec momentum = ScriptLoader.load(adam, List.of("networks.ann.train.optimizer=sgd",
                "networks.ann.train.optimizer.momentum=0.9", "networks.ann.train.optimizer.lr=0.01"));
        assertEquals(SpecJson.toJson(ScriptLoader.load(script("opt",
                        "optimizer sgd(lr: 0.01, momentum: 0.9, weightDecay: 0.1)", ""))), SpecJson.toJson(momentum));
    }

    @Test
    void switchingTheScheduleFillsItsWordsDefaultsAndNamesWhatHasNone() throws IOException {
        Path constant = script("sched", "optimizer adam(lr: 0.003)", "");
        ScriptException e = fails(constant, "networks.ann.train.schedule.type=step");
        assertEquals("l96: --set networks.ann.train.schedule.type=step: a step schedule needs stepSize (a whole number), "
                + "which has no default: set it too, e.g. networks.ann.train.schedule.stepSize=…\n1 error",
                e.format().strip());
        assertEquals(SpecJson.toJson(ScriptLoader.load(script("sched", "optimizer adam(lr: 0.003); schedule step(5)",
                        ""))),
                SpecJson.toJson(ScriptLoader.load(constant, List.of("networks.ann.train.schedule.type=step",
                        "networks.ann.train.schedule.stepSize=5"))));
        assertEquals(SpecJson.toJson(ScriptLoader.load(script("sched", "optimizer adam(lr: 0.003); "
                        + "schedule cyclic(baseLr: 1e-4, maxLr: 1e-2, stepSizeUp: 30)", ""))),
                SpecJson.toJson(ScriptLoader.load(constant, List.of("networks.ann.train.schedule=cyclic",
                        "networks.ann.train.schedule.baseLr=1e-4", "networks.ann.train.schedule.maxLr=0.01",
                        "networks.ann.train.schedule.stepSizeUp=30"))));
        assertEquals(SpecJson.toJson(ScriptLoader.load(script("sched", "optimizer adam(lr: 0.003); "
                        + "schedule oneCycle(0.02)", ""))),
                SpecJson.toJson(ScriptLoader.load(constant, List.of("networks.ann.train.schedule.type=oneCycle",
                        "networks.ann.train.schedule.maxLr=0.02"))));
        // a field of another type before the switch: the message says to switch first
        ScriptException early = fails(constant, "networks.ann.train.schedule.stepSize=5");
        assertTrue(early.format().contains("'stepSize' belongs to step schedules: switch first with "
                + "networks.ann.train.schedule.type=step"), early::format);
    }

    @Test
    void aWrongTypeOrWordIsNamedWithWhatTheFieldTakes() throws IOException {
        Path file = script("types", "optimizer adam(lr: 0.003)", "");
        ScriptException e = fails(file, "networks.ann.train.epochs=1.5", "networks.ann.train.optimizer.type=sgdd",
                "networks.ann.layers.7.units=4", "data.shuffle=maybe");
        String text = e.format();
        assertEquals(4, e.errors().size(), text);
        assertTrue(text.contains("--set networks.ann.train.epochs=1.5: 'networks.ann.train.epochs' takes a whole "
                + "number, got '1.5'"), text);
        assertTrue(text.contains("--set networks.ann.train.optimizer.type=sgdd: 'sgdd' is not an optimizer; one of "
                + "sgd, adam, adamw, rmsprop (did you mean 'sgd'?)"), text);
        assertTrue(text.contains("--set networks.ann.layers.7.units=4: 'networks.ann.layers' has 3 entries; index 7 is "
                + "outside: use an index 0..2"), text);
        assertTrue(text.contains("--set data.shuffle=maybe: 'data.shuffle' takes true or false, got 'maybe'"), text);
    }

    // ---- names that are path segments ---------------------------------------------------------------------------

    @Test
    void aNameWithADotIsRefusedWhereItIsDeclared() throws IOException {
        Path file = script("dots", "optimizer adam(lr: 0.003)", """
                    network('ann.v2') { layers { dense 8 } }
                    polynomial('cubic.fit') { fitDegree 3 }
                    lrRangeTest('lr.test') { network 'ann' }
                    trajectory('t.1') { compare 'none'; duration 1 }
                """);
        ScriptException e = fails(file);
        String text = e.format();
        assertEquals(4, e.errors().size(), text);
        String rule = "must start with a letter or digit and use only letters, digits, '_' and '-' (it is one segment "
                + "of paths such as ";
        assertEquals(8, e.errors().get(0).line(), text);
        assertEquals(13, e.errors().get(0).column(), text);
        assertTrue(e.errors().get(0).message().contains("network name 'ann.v2' " + rule + "networks.NAME.…"), text);
        assertEquals(9, e.errors().get(1).line(), text);
        assertTrue(e.errors().get(1).message().contains("polynomial name 'cubic.fit' " + rule + "polynomials."), text);
        assertEquals(10, e.errors().get(2).line(), text);
        assertTrue(e.errors().get(2).message().contains("LR range test name 'lr.test' " + rule), text);
        assertEquals(11, e.errors().get(3).line(), text);
        assertTrue(e.errors().get(3).message().contains("evaluation name 't.1' " + rule + "evaluations."), text);
    }

    @Test
    void theJavaBuilderRefusesTheSameNames() {
        List<Consumer<Experiment>> declarations = List.of(
                x -> x.network("ann.v2", n -> n.layers(l -> l.dense(8))),
                x -> x.polynomial("p.1", p -> p.fitDegree(1)),
                x -> x.ensemble("e.x", en -> en.compare("none").initialConditions(2).every(0.1)),
                x -> x.forecast("f.x", f -> f.compare("none").initialConditions(2).every(1.0).lead(1)),
                x -> x.climate("c.x", c -> c.compare("none").duration(5)));
        List<String> paths = List.of("networks.ann.v2", "polynomials.p.1", "evaluations.e.x", "evaluations.f.x",
                "evaluations.c.x");
        for (int i = 0; i < declarations.size(); i++) {
            Experiment x = Experiment.named("java").simulate(s -> s.samples(3000)).data(d -> d.validationFraction(0.2));
            declarations.get(i).accept(x);
            SpecException e = assertThrows(SpecException.class, x::build);
            String path = paths.get(i);
            assertTrue(e.problems().stream().anyMatch(p -> p.path().equals(path)
                    && p.message().contains("use only letters, digits, '_' and '-'")), e::getMessage);
        }
        // '-' and '_' are fine
        Experiment.named("java").simulate(s -> s.samples(3000)).data(d -> d.validationFraction(0.2))
                .network("ann_v2-b", n -> n.layers(l -> l.dense(8))).build();
    }

    @Test
    void aSetIntoADottedNameSaysWhy() throws IOException {
        Path file = script("dotset", "optimizer adam(lr: 0.003)", "    network('ann.v2') { layers { dense 8 } }\n");
        ScriptException e = fails(file, "networks.ann.v2.train.epochs=5");
        assertTrue(e.format().contains("--set networks.ann.v2.train.epochs=5: network name 'ann.v2' has a '.', so "
                + "paths cannot reach it: rename it in the script"), e::format);
    }

    // ---- an ensemble's every --------------------------------------------------------------------------------------

    @Test
    void anEnsemblesEveryIsInTimeUnitsAndTheOldSampleCountIsRefusedWithTheFix() throws IOException {
        Path old = script("every", "optimizer adam(lr: 0.003)",
                "    ensemble('ics') { compare 'none', 'ann'; initialConditions 20; every 10; duration 1 }\n");
        ScriptException e = fails(old);
        assertEquals(1, e.errors().size(), e::format);
        assertEquals(8, e.errors().get(0).line());
        assertEquals("an ensemble's every is in model time units now, as a forecast's (it counted samples before): "
                + "10 samples of 0.01 are every 0.1; a whole number of time units is written with a decimal point "
                + "(every 10.0)", e.errors().get(0).message());
        // at another sampling interval the message gives that interval's time
        Path fine = dir.resolve("fine.groovy");
        Files.writeString(fine, """
                experiment('fine') {
                    simulate { sampleEvery 0.005; samples 3000 }
                    ensemble('ics') { compare 'none'; initialConditions 4; every 10 }
                }
                """);
        assertTrue(fails(fine).format().contains("10 samples of 0.005 are every 0.05"));

        Path now = script("every", "optimizer adam(lr: 0.003)",
                "    ensemble('ics') { compare 'none', 'ann'; initialConditions 20; every 0.1; duration 1 }\n");
        EvaluationSpec.Ensemble ics = (EvaluationSpec.Ensemble) ScriptLoader.load(now).evaluations().get("ics");
        assertEquals(0.1, ics.every());
        assertEquals(10, ics.everySamples(0.01));
        // whole time units take a decimal point
        assertEquals(1.0, ((EvaluationSpec.Ensemble) ScriptLoader.load(now, List.of("evaluations.ics.every=1.0"))
                .evaluations().get("ics")).every());
        // and must fall on samples
        ScriptException off = fails(now, "evaluations.ics.every=0.015");
        assertTrue(off.format().contains("every 0.015 (model time units) must be a whole multiple of the sampling "
                + "interval 0.01"), off::format);
        // the Java builder refuses a whole number too
        SpecException java = assertThrows(SpecException.class, () -> Experiment.named("j")
                .ensemble("ics", en -> en.compare("none").initialConditions(3).every(10)).build());
        assertTrue(java.problems().contains(new Problem("evaluations.ics.every", "an ensemble's every is in model time "
                + "units now, as a forecast's (it counted samples before): 10 samples of 0.01 are every 0.1; a whole "
                + "number of time units is written with a decimal point (every 10.0)")), java::getMessage);
    }

    @Test
    void theSeedExampleKeepsItsHundredInitialConditionsTenSamplesApart() {
        ExperimentSpec seed = ScriptLoader.load(Path.of("examples/seed-notebook.groovy"));
        EvaluationSpec.Ensemble ics = (EvaluationSpec.Ensemble) seed.evaluations().get("ics");
        assertEquals(100, ics.initialConditions());
        assertEquals(0, ics.first());
        assertEquals(10, ics.everySamples(seed.simulation().sampleInterval()));
    }

    // ---- sweeps ---------------------------------------------------------------------------------------------------

    @Test
    void aSweepMaySwitchATypeAndSetItsFieldsInALaterAxis() throws IOException {
        Path ok = script("sweep", "optimizer adam(lr: 0.003)", """
                    sweep {
                        vary 'networks.ann.train.optimizer.type', 'sgd', 'adam'
                        vary 'networks.ann.train.schedule.type', 'step'
                        vary 'networks.ann.train.schedule.stepSize', 2, 4
                        vary 'networks.ann.train.optimizer.lr', 0.01
                    }
                """);
        ExperimentSpec spec = ScriptLoader.load(ok);
        assertEquals(4, spec.sweep().axes().size());

        Path bad = script("sweep", "optimizer adam(lr: 0.003)", """
                    sweep {
                        vary 'networks.ann.train.schedule.type', 'step', 'exponential'
                        vary 'networks.ann.train.schedule.stepSize', 2
                    }
                """);
        ScriptException e = fails(bad);
        assertEquals(1, e.errors().size(), e::format);
        assertEquals(9, e.errors().get(0).line(), e::format);
        assertTrue(e.errors().get(0).message().contains("cannot set networks.ann.train.schedule.stepSize = 2: no field "
                + "'stepSize' in networks.ann.train.schedule (an exponential schedule)"), e::format);
    }

    @Test
    void aSweepOfAnEnsemblesEveryKeepsTheDecimalPointOfWholeTimes() throws IOException {
        Path ok = script("sweepevery", "optimizer adam(lr: 0.003)", """
                    ensemble('ics') { compare 'none'; initialConditions 5; every 0.1 }
                    sweep { vary 'evaluations.ics.every', 0.5, 1.0, 2.0 }
                """);
        assertEquals(List.of("0.5", "1.0", "2.0"), ScriptLoader.load(ok).sweep().axes().get(0).values());
        Path old = script("sweepevery", "optimizer adam(lr: 0.003)", """
                    ensemble('ics') { compare 'none'; initialConditions 5; every 0.1 }
                    sweep { vary 'evaluations.ics.every', 10, 20 }
                """);
        ScriptException e = fails(old);
        assertEquals(2, e.errors().size(), e::format);
        assertEquals(9, e.errors().get(0).line());
        assertTrue(e.errors().get(0).message().contains("10 samples of 0.01 are every 0.1"), e::format);
        assertTrue(e.errors().get(1).message().contains("20 samples of 0.01 are every 0.2"), e::format);
    }

    @Test
    void anOptionalBlockTheScriptLeavesOutCannotBeSwitchedOnAndSaysSoOnce(@org.junit.jupiter.api.io.TempDir
                                                                          java.nio.file.Path dir) throws Exception {
        java.nio.file.Path script = dir.resolve("s.groovy");
        java.nio.file.Files.writeString(script, """
                experiment('s') {
                    network('n') { layers { dense 8 }; train { epochs 2 } }
                }
                """);
        for (String set : List.of("networks.n.train.earlyStopping=true", "networks.n.train.earlyStopping.patience=2")) {
            ScriptException e = org.junit.jupiter.api.Assertions.assertThrows(ScriptException.class,
                    () -> ScriptLoader.load(script, List.of(set)));
            // both ways of trying say the same: declare it in the script (not "set one of its fields")
            org.junit.jupiter.api.Assertions.assertTrue(e.format().contains("declare"), e.format());
            org.junit.jupiter.api.Assertions.assertFalse(e.format().contains("set one of its fields"), e.format());
        }
    }
}

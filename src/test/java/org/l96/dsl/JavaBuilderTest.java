package org.l96.dsl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.spec.ChartSpec;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.LayerSpec;
import org.l96.spec.OptimizerSpec;
import org.l96.spec.Problem;
import org.l96.spec.ScheduleSpec;
import org.l96.spec.SpecException;
import org.l96.spec.SpecJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.l96.dsl.Activations.RELU;

class JavaBuilderTest {
    @TempDir
    Path dir;

    private static Experiment small(String name) {
        return Experiment.named(name)
                .network("ann", n -> n.layers(l -> l.dense(16, RELU).dense(8)).train(t -> t.epochs(2)));
    }

    @Test
    void everyProblemIsThrownAtOnce() {
        SpecException e = assertThrows(SpecException.class, () -> small("bad")
                .world(w -> w.dt(0))
                .network("drop", n -> n.layers(l -> l.dense(16, RELU).dropout(1.2).dense(8))
                        .train(t -> t.epochs(-1)))
                .networkFrom("x", "nope", n -> { })
                .ensemble("ics", en -> en.compare("none", "annn"))
                .build());
        List<String> paths = e.problems().stream().map(Problem::path).toList();
        assertEquals(List.of("networks.x", "world.dt", "networks.drop.layers.1.rate", "networks.drop.train.epochs",
                "evaluations.ics.compare.1"), paths, e::getMessage);
    }

    @Test
    void optimizerAndScheduleDefaultsAreTorchs() {
        ExperimentSpec spec = small("defaults")
                .network("s", n -> n.layers(l -> l.dense(8)).train(t -> t
                        .optimizer(t.sgd(Map.of("lr", 0.1, "momentum", 0.9)))
                        .schedule(t.cyclic(Map.of("baseLr", 1e-4, "maxLr", 1e-2, "stepSizeUp", 100)))
                        .earlyStopping()))
                .network("w", n -> n.layers(l -> l.batchNorm().dense(8)).train(t -> t
                        .optimizer(Optimizers.adamw(0.01)).schedule(Schedules.oneCycle(0.1))))
                .build();
        var s = spec.networks().get("s").train();
        assertEquals(new OptimizerSpec.Sgd(0.1, 0.9, false, 0), s.optimizer());
        assertEquals(new ScheduleSpec.Cyclic(1e-4, 1e-2, 100, 100, "triangular", 1.0), s.schedule());
        assertEquals(5, s.earlyStopping().patience());
        var w = spec.networks().get("w");
        assertEquals(new LayerSpec.BatchNorm(0.1, 1e-5), w.layers().get(0));
        assertEquals(new OptimizerSpec.AdamW(0.01, 0.9, 0.999, 1e-8, 0.01), w.train().optimizer());
        assertEquals(new ScheduleSpec.OneCycle(0.1, 0.3, 25, 1e4), w.train().schedule());
    }

    @Test
    void chartFilesDefaultToKindAndTargetAndStayUnique() {
        ExperimentSpec spec = small("charts")
                .trajectory("T", t -> t.compare("none"))
                .charts(c -> c.lossCurves("ann").lossCurves("ann").lossCurves("ann", "lossCurves_ann_2")
                        .trajectories("T").activation(RELU).batchScatter())
                .build();
        assertEquals(List.of("lossCurves_ann", "lossCurves_ann_3", "lossCurves_ann_2", "trajectories_T",
                "activation_relu", "batchScatter"), spec.charts().stream().map(ChartSpec::file).toList());
    }

    @Test
    void scriptAndJavaAgreeOnEveryBlock() throws IOException {
        Path script = dir.resolve("all.groovy");
        Files.writeString(script, """
                experiment('all') {
                    seed 3
                    world { k 6; j 16; forcing 10; dt 0.005; integrator 'rk2' }
                    simulate { sampleEvery 0.01; samples 5000; spinUp 2; couplingTarget 'sample' }
                    data { validation fraction: 0.2; test last: 500; batchSize 128; shuffle false }
                    network('lin') { local(); layers { dense 1 }; train { epochs 2; optimizer sgd(0.01) } }
                    network('ann') {
                        weightInit 'xavier'; loss 'mae'
                        layers { dense 16, tanh; batchNorm momentum: 0.2; dropout 0.1; dense 6 }
                        train {
                            epochs 4; batchSize 64
                            optimizer rmsprop(lr: 0.01, momentum: 0.5)
                            schedule step(2, 0.5)
                            earlyStopping patience: 2, minDelta: 1e-4, restoreBest: false
                        }
                    }
                    polynomial('cubic') { fitDegree 3 }
                    polynomial('given') { coefficients(-0.85, -0.76) }
                    lrRangeTest('ann') { from 1e-6; to 1; iterations 50; ramp 'linear'; smoothing 0.1 }
                    trajectory('t') { start 100; duration 2; dt 0.005; compare 'none', 'cubic' }
                    ensemble('e') { compare 'lin', 'ann'; initialConditions 5; every 0.2; first 10; duration 0.5 }
                    charts { predictions 'ann'; lrRangeTest 'ann'; activation tanh, from: -3, to: 3 }
                    sweep { vary 'world.forcing', 8, 10.0, 12.5; vary 'lrRangeTests.ann.startLr', 1e-7; seeds 2 }
                }
                """);
        ExperimentSpec java = Experiment.named("all").seed(3)
                .world(w -> w.k(6).j(16).forcing(10).dt(0.005).integrator("rk2"))
                .simulate(s -> s.sampleEvery(0.01).samples(5000).spinUp(2).couplingTarget("sample"))
                .data(d -> d.validationFraction(0.2).testLast(500).batchSize(128).shuffle(false))
                .network("lin", n -> n.local().layers(l -> l.dense(1))
                        .train(t -> t.epochs(2).optimizer(Optimizers.sgd(0.01))))
                .network("ann", n -> n.weightInit("xavier").loss("mae")
                        .layers(l -> l.dense(16, Activations.TANH).batchNorm(0.2, 1e-5).dropout(0.1).dense(6))
                        .train(t -> t.epochs(4).batchSize(64)
                                .optimizer(Optimizers.rmsprop(0.01, 0.99, 1e-8, 0.5, 0))
                                .schedule(Schedules.step(2, 0.5))
                                .earlyStopping(2, 1e-4, false)))
                .polynomial("cubic", p -> p.fitDegree(3))
                .polynomial("given", p -> p.coefficients(-0.85, -0.76))
                .lrRangeTest("ann", r -> r.from(1e-6).to(1).iterations(50).ramp("linear").smoothing(0.1))
                .trajectory("t", t -> t.start(100).duration(2).dt(0.005).compare("none", "cubic"))
                .ensemble("e", e -> e.compare("lin", "ann").initialConditions(5).every(0.2).first(10).duration(0.5))
                .charts(c -> c.predictions("ann").lrRangeTest("ann").activation(Activations.TANH, -3, 3, null))
                .sweep(s -> s.vary("world.forcing", 8, 10.0, 12.5).vary("lrRangeTests.ann.startLr", 1e-7).seeds(2))
                .build();
        ExperimentSpec groovy = ScriptLoader.load(script);
        assertEquals(SpecJson.toJson(java), SpecJson.toJson(groovy));
        assertEquals(List.of("8", "10", "12.5"), groovy.sweep().axes().get(0).values());
        assertEquals(List.of("1E-7"), groovy.sweep().axes().get(1).values());
    }

    @Test
    void badSweepValuesAreCaught() {
        SpecException e = assertThrows(SpecException.class, () -> small("sweep")
                .sweep(s -> s.vary("world.dt", 0.001, 0).vary("networks.ann.train.epoch", 1)).build());
        assertEquals(2, e.problems().size(), e::getMessage);
        assertTrue(e.problems().get(0).message().contains("world.dt: dt must be a positive number"), e::getMessage);
        assertTrue(e.problems().get(1).message().contains("did you mean 'epochs'?"), e::getMessage);
    }
}

package org.l96.sweep;

import org.l96.dsl.ScriptException;
import org.l96.dsl.ScriptLoader;
import org.l96.run.UserError;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.SpecJson;
import org.l96.spec.SweepSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Planning a sweep: counts, stable ids, seeds, and sweep scripts that name an experiment script. */
class SweepPlanTest {
    @TempDir
    Path dir;

    static final String EXPERIMENT = """
            experiment('base') {
                seed 7
                simulate { samples 500 }
                data { validation fraction: 0.2 }
                network('ann') {
                    nonLocal()
                    layers { dense 8, relu; dense 8 }
                    train { epochs 2; optimizer adam(lr: 0.003) }
                }
            }
            """;

    private ExperimentSpec base() throws IOException {
        Path script = dir.resolve("base.groovy");
        Files.writeString(script, EXPERIMENT);
        return ScriptLoader.load(script);
    }

    private static ExperimentSpec with(ExperimentSpec s, String combine, int seeds, SweepSpec.Axis... axes) {
        return SweepPlan.withNameAndSweep(s, s.name(), new SweepSpec(combine, List.of(axes), seeds));
    }

    @Test
    void productAndZipCounts() throws IOException {
        ExperimentSpec b = base();
        SweepSpec.Axis forcing = new SweepSpec.Axis("world.forcing", List.of("16", "18", "20"));
        SweepSpec.Axis lr = new SweepSpec.Axis("networks.ann.train.optimizer.lr", List.of("0.001", "0.01", "0.1"));
        SweepPlan product = SweepPlan.of(with(b, "product", 2, forcing, lr), "s");
        assertEquals(18, product.points().size());
        SweepPlan zip = SweepPlan.of(with(b, "zip", 2, forcing, lr), "s");
        assertEquals(6, zip.points().size());
        assertEquals(Map.of("world.forcing", "20", "networks.ann.train.optimizer.lr", "0.1"),
                zip.points().get(5).values());
        // the first axis varies slowest; repetitions are innermost
        assertEquals(List.of("forcing-16_lr-0.001_r0", "forcing-16_lr-0.001_r1", "forcing-16_lr-0.01_r0"),
                product.points().subList(0, 3).stream().map(SweepPlan.Point::id).toList());
        SweepPlan.Point p = product.points().get(4);
        assertEquals(18.0 - 2, p.spec().world().forcing(), 1e-12);
        assertEquals(p.id(), p.spec().name());
        assertNull(p.spec().sweep());
        SweepSpec.Axis shortAxis = new SweepSpec.Axis("data.batchSize", List.of("64", "128"));
        assertThrows(UserError.class, () -> SweepPlan.of(with(b, "zip", 1, forcing, shortAxis), "s"));
    }

    @Test
    void idsAndSpecsStayWhenAValueIsAdded() throws IOException {
        ExperimentSpec b = base();
        SweepPlan before = SweepPlan.of(with(b, "product", 2,
                new SweepSpec.Axis("world.forcing", List.of("16", "18"))), "s");
        SweepPlan after = SweepPlan.of(with(b, "product", 2,
                new SweepSpec.Axis("world.forcing", List.of("16", "17", "18"))), "s");
        Map<String, String> hashes = after.points().stream()
                .collect(Collectors.toMap(SweepPlan.Point::id, SweepPlan.Point::specHash));
        for (SweepPlan.Point p : before.points()) {
            assertEquals(p.specHash(), hashes.get(p.id()), p.id());
        }
        assertEquals(6, after.points().size());
    }

    @Test
    void repetitionSeedsDeriveFromTheExperimentSeed() throws IOException {
        ExperimentSpec b = base();
        SweepPlan plan = SweepPlan.of(with(b, "product", 3,
                new SweepSpec.Axis("world.forcing", List.of("16"))), "s");
        assertEquals(List.of(7L, 8L, 9L), plan.points().stream().map(SweepPlan.Point::seed).toList());
        assertEquals(List.of(7L, 8L, 9L), plan.points().stream().map(p -> p.spec().seed()).toList());
        assertEquals(7L, SweepPlan.seedOf(7, 0));
        // varying the seed itself: repetitions count from each point's seed
        SweepPlan seeds = SweepPlan.of(with(b, "product", 2, new SweepSpec.Axis("seed", List.of("100", "200"))), "s");
        assertEquals(List.of(100L, 101L, 200L, 201L), seeds.points().stream().map(SweepPlan.Point::seed).toList());
    }

    /** A path varied twice used to hang the labelling of axes forever; the same experiment twice ran twice. */
    @Test
    void aPathVariedTwiceAndTheSameExperimentTwiceAreRefused() throws IOException {
        ExperimentSpec b = base();
        SweepSpec.Axis f16 = new SweepSpec.Axis("world.forcing", List.of("16"));
        SweepSpec.Axis f18 = new SweepSpec.Axis("world.forcing", List.of("18"));
        for (String combine : List.of("product", "zip")) {
            UserError twice = assertThrows(UserError.class, () -> SweepPlan.of(with(b, combine, 1, f16, f18), "s"));
            assertTrue(twice.getMessage().contains("the sweep varies world.forcing twice"), twice.getMessage());
        }
        UserError same = assertThrows(UserError.class, () -> SweepPlan.of(with(b, "product", 1,
                new SweepSpec.Axis("world.forcing", List.of("16", "16.0"))), "s"));
        assertTrue(same.getMessage().contains("world.forcing=16.0 is the same experiment as world.forcing=16"),
                same.getMessage());
        // seed 1 repetition 1 and seed 2 repetition 0 both run seed 2
        UserError seeds = assertThrows(UserError.class, () -> SweepPlan.of(with(b, "product", 2,
                new SweepSpec.Axis("seed", List.of("1", "2"))), "s"));
        assertTrue(seeds.getMessage().contains("seed=2 (repetition 0, seed 2) is the same experiment as seed=1 "
                + "(repetition 1, seed 2)"), seeds.getMessage());
        assertTrue(seeds.getMessage().contains("seeds at least 2 apart"), seeds.getMessage());
    }

    @Test
    void planRoundTripsThroughJson() throws IOException {
        SweepPlan plan = SweepPlan.of(with(base(), "product", 2,
                new SweepSpec.Axis("world.forcing", List.of("16", "18"))), "s");
        plan.write(dir.resolve("plan.json"));
        SweepPlan read = SweepPlan.read(dir.resolve("plan.json"));
        assertEquals(plan.points().stream().map(SweepPlan.Point::specHash).toList(),
                read.points().stream().map(SweepPlan.Point::specHash).toList());
    }

    @Test
    void aSweepScriptNamesItsExperimentScript() throws IOException {
        base();
        Files.createDirectories(dir.resolve("sweeps"));
        Path sweep = dir.resolve("sweeps/forcing.groovy");
        Files.writeString(sweep, """
                // sweeps the experiment of ../base.groovy
                sweep(experiment: '../base.groovy') {
                    vary 'world.forcing', 16, 20
                    seeds 2
                }
                """);
        ExperimentSpec spec = ScriptLoader.load(sweep);
        assertEquals("forcing", spec.name());
        assertEquals(7, spec.seed());
        assertEquals(List.of("16", "20"), spec.sweep().axes().get(0).values());
        assertEquals(4, SweepPlan.of(spec, spec.name()).points().size());

        Files.writeString(sweep, """
                sweep(experiment: '../base.groovy', name: 'f') {
                    vary 'world.forcng', 16, 20
                }
                """);
        ScriptException e = assertThrows(ScriptException.class, () -> ScriptLoader.load(sweep));
        assertTrue(e.format().contains("forcing.groovy:2"), e.format());
        assertTrue(e.format().contains("did you mean 'forcing'"), e.format());

        Files.writeString(sweep, "sweep(experiment: 'missing.groovy') { vary 'world.forcing', 16 }\n");
        ScriptException missing = assertThrows(ScriptException.class, () -> ScriptLoader.load(sweep));
        assertTrue(missing.format().contains("forcing.groovy:1"), missing.format());
        assertTrue(missing.format().contains("cannot find the experiment script 'missing.groovy'"),
                missing.format());
    }

    @Test
    void aSweepScriptsNameIsAValidExperimentName() throws IOException {
        // the default, from a file name with a space, becomes one that run, plan and validate all accept
        base();
        Path spaced = dir.resolve("sweep two.groovy");
        Files.writeString(spaced, "sweep(experiment: 'base.groovy') { vary 'world.forcing', 16, 20 }\n");
        ExperimentSpec spec = ScriptLoader.load(spaced);
        assertEquals("sweep-two", spec.name());
        assertTrue(org.l96.spec.SpecValidator.validate(spec).isEmpty(), org.l96.spec.SpecValidator.validate(spec)
                .toString());
        // a name given that is no valid name is refused at the sweep's line, as run would refuse it
        Files.writeString(spaced, "\nsweep(experiment: 'base.groovy', name: 'x y') { vary 'world.forcing', 16 }\n");
        ScriptException e = assertThrows(ScriptException.class, () -> ScriptLoader.load(spaced));
        assertTrue(e.format().contains("sweep two.groovy:2:"), e.format());
        assertTrue(e.format().contains("name: 'x y': a sweep's name must start with a letter or digit"), e.format());
        assertEquals("sweep", ScriptLoader.sweepName("_.groovy"));
        assertEquals("a.b_c-d", ScriptLoader.sweepName("a.b_c-d.groovy"));
    }

    @Test
    void theSweepExamplesPlan() {
        ExperimentSpec width = ScriptLoader.load(Path.of("examples/sweep-width.groovy"));
        SweepPlan w = SweepPlan.of(width, width.name());
        assertEquals(27, w.points().size());
        assertEquals(32, ((org.l96.spec.LayerSpec.Dense) w.point("units-32_lr-0.01_r2").spec().networks().get("ann")
                .layers().get(0)).units());
        // trained once at F = 18; both evaluations zipped over the forcing
        ExperimentSpec forcing = ScriptLoader.load(Path.of("examples/sweep-forcing.groovy"));
        SweepPlan f = SweepPlan.of(forcing, forcing.name());
        assertEquals(4, f.points().size());
        ExperimentSpec at24 = f.point("skill.forcing-24_online.forcing-24_r0").spec();
        assertEquals(24, SpecJson.toTree(at24).at("/evaluations/online/forcing").asDouble(), 0);
        assertEquals(24, SpecJson.toTree(at24).at("/evaluations/skill/forcing").asDouble(), 0);
        assertEquals(18, at24.world().forcing(), 0);
    }

    static <T> Map<String, T> byId(List<T> list, Function<T, String> id) {
        return list.stream().collect(Collectors.toMap(id, t -> t));
    }

    // ---- switching a type along an axis --------------------------------------------------------------------------

    @Test
    void anAxisSwitchesTheOptimizerKeepingItsLearningRate() throws IOException {
        SweepSpec.Axis type = new SweepSpec.Axis("networks.ann.train.optimizer.type", List.of("sgd", "adam", "rmsprop"));
        SweepSpec.Axis lr = new SweepSpec.Axis("networks.ann.train.optimizer.lr", List.of("0.01"));
        SweepPlan plan = SweepPlan.of(with(base(), "product", 1, type), "s");
        assertEquals(List.of("type-sgd_r0", "type-adam_r0", "type-rmsprop_r0"),
                plan.points().stream().map(SweepPlan.Point::id).toList());
        Function<SweepPlan.Point, org.l96.spec.OptimizerSpec> opt = p -> p.spec().networks().get("ann").train()
                .optimizer();
        assertEquals(new org.l96.spec.OptimizerSpec.Sgd(0.003, 0, false, 0), opt.apply(plan.points().get(0)));
        assertEquals(org.l96.spec.OptimizerSpec.Adam.withLr(0.003), opt.apply(plan.points().get(1)));
        assertEquals(new org.l96.spec.OptimizerSpec.RmsProp(0.003, 0.99, 1e-8, 0, 0), opt.apply(plan.points().get(2)));
        // a later axis sets a field of every switched type
        SweepPlan withLr = SweepPlan.of(with(base(), "product", 1, type, lr), "s");
        assertTrue(withLr.points().stream().allMatch(p -> opt.apply(p).lr() == 0.01));
        assertEquals(org.l96.spec.OptimizerSpec.Sgd.class, opt.apply(withLr.points().get(0)).getClass());
    }

    @Test
    void anAxisSwitchesTheScheduleAndALaterOneGivesItsFields() throws IOException {
        SweepSpec.Axis type = new SweepSpec.Axis("networks.ann.train.schedule.type", List.of("step"));
        SweepSpec.Axis size = new SweepSpec.Axis("networks.ann.train.schedule.stepSize", List.of("2", "4"));
        SweepPlan plan = SweepPlan.of(with(base(), "product", 1, type, size), "s");
        assertEquals(List.of(new org.l96.spec.ScheduleSpec.Step(2, 0.1), new org.l96.spec.ScheduleSpec.Step(4, 0.1)),
                plan.points().stream().map(p -> p.spec().networks().get("ann").train().schedule()).toList());
        // a type whose fields no axis gives: the point is named with what is missing
        SweepSpec.Axis alone = new SweepSpec.Axis("networks.ann.train.schedule.type", List.of("exponential"));
        UserError e = assertThrows(UserError.class, () -> SweepPlan.of(with(base(), "product", 1, alone), "s"));
        assertTrue(e.getMessage().contains("networks.ann.train.schedule.type=exponential: an exponential schedule needs gamma (a number), which has no "
                + "default"), e.getMessage());
    }

    @Test
    void aBadValueNamesThePointAndTheType() throws IOException {
        SweepSpec.Axis epochs = new SweepSpec.Axis("networks.ann.train.epochs", List.of("2", "2.5"));
        UserError e = assertThrows(UserError.class, () -> SweepPlan.of(with(base(), "product", 1, epochs), "s"));
        assertTrue(e.getMessage().contains("networks.ann.train.epochs=2.5: 'networks.ann.train.epochs' takes a whole number, got '2.5'"), e.getMessage());
    }
}

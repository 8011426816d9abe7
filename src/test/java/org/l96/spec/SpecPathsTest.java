package org.l96.spec;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Paths set as the DSL reads values, and every kind of bad path or value answered in the DSL's words: the path, what
 * is there (with a did-you-mean) and the type a value must have; never a Java class name or a Jackson setting.
 */
class SpecPathsTest {
    private static final ExperimentSpec SPEC = SpecJsonTest.everything();

    /** The one message for setting {@code path} to {@code value}, checked to be free of Java and Jackson words. */
    private static String message(String path, String value) {
        SpecException e = assertThrows(SpecException.class, () -> SpecPaths.set(SPEC, path, value));
        assertEquals(1, e.problems().size(), e::getMessage);
        String m = e.problems().get(0).message();
        for (String java : List.of("org.l96", "$", "Jackson", "FAIL_ON", "deserialize", "class ", "Cannot map")) {
            assertFalse(m.contains(java), "'" + java + "' in: " + m);
        }
        return m;
    }

    private static boolean isPathError(String path, String value) {
        return assertThrows(SpecException.class, () -> SpecPaths.set(SPEC, path, value))
                instanceof SpecPaths.PathException;
    }

    // ---- unknown keys at every depth ----------------------------------------------------------------------------

    @Test
    void anUnknownFieldIsNamedWithWhereItWasLookedForAndTheClosestField() {
        assertEquals("no field 'wrld' in the experiment; did you mean 'world'? Its fields: name (a word), seed (a whole "
                + "number), world (a block), simulation (a block), data (a block), networks (named blocks), "
                + "polynomials (named blocks), lrRangeTests (named blocks), evaluations (named blocks), charts (a "
                + "list of blocks), sweep (a block)", message("wrld.forcing", "20"));
        assertTrue(message("world.forcin", "20").startsWith("no field 'forcin' in world; did you mean 'forcing'? Its "
                + "fields: k (a whole number), j (a whole number), forcing (a number)"));
        // the issue's case: the layer is named in the DSL's words, with its fields and their types
        assertEquals("no field 'unit' in networks.ann.layers.0 (a dense layer); did you mean 'units'? Its fields: "
                        + "type (dense, dropout, batchNorm), units (a whole number), activation (a word)",
                message("networks.ann.layers.0.unit", "8"));
        assertTrue(message("networks.ann.train.optimizer.betta1", "0.8").startsWith("no field 'betta1' in "
                + "networks.ann.train.optimizer (an sgd optimizer); its fields: type (sgd, adam, adamw, rmsprop), lr "
                + "(a number), momentum (a number), nesterov (true or false)"),
                message("networks.ann.train.optimizer.betta1", "0.8"));
        assertTrue(message("networks.ann.train.optimizer.beta1", "0.8").endsWith(". 'beta1' belongs to adam and "
                + "adamw optimizers: switch first with networks.ann.train.optimizer.type=adam"));
        assertTrue(message("data.batchsize", "3").contains("did you mean 'batchSize'?"));
        assertTrue(isPathError("networks.ann.layers.0.unit", "8"));
    }

    @Test
    void anUnknownNameListsTheDeclaredOnesAndSaysAPathCannotAddOne() {
        assertEquals("no network named 'annn'; did you mean 'ann'? (a path cannot add a network; declare it in the "
                + "script)", message("networks.annn.train.epochs", "5"));
        String poly = message("polynomials.quartic.fitDegree", "4");
        assertTrue(poly.matches("no polynomial named 'quartic'; declared: (cubic|lin|given), (cubic|lin|given), "
                + "(cubic|lin|given) \\(a path cannot add a polynomial; declare it in the script\\)"), poly);
        assertTrue(message("evaluations.isc.duration", "2").startsWith("no evaluation named 'isc'; did you mean 'ics'?"));
        assertTrue(isPathError("networks.annn.train.epochs", "5"));
    }

    @Test
    void listsTakeIndicesInRange() {
        assertEquals("'networks.ann.layers' has 4 entries; index 9 is outside: use an index 0..3",
                message("networks.ann.layers.9.units", "3"));
        assertEquals("'networks.ann.layers' is a list, indexed by numbers: use an index 0..3 (not 'first')",
                message("networks.ann.layers.first.units", "3"));
        assertEquals("'charts' has 6 entries; index -1 is outside: use an index 0..5", message("charts.-1.file", "x"));
        assertEquals("'charts.0.file' is a value (a word), not a block: it has no 'x'", message("charts.0.file.x", "1"));
        assertTrue(isPathError("networks.ann.layers.9.units", "3"));
    }

    // ---- wrong types ----------------------------------------------------------------------------------------------

    @Test
    void valuesMustHaveTheFieldsType() {
        assertEquals("'networks.ann.train.epochs' takes a whole number, got '1.5'",
                message("networks.ann.train.epochs", "1.5"));
        assertEquals("'world.forcing' takes a number, got 'lots'", message("world.forcing", "lots"));
        assertEquals("'data.shuffle' takes true or false, got 'yes'", message("data.shuffle", "yes"));
        assertEquals("'networks.ann.train.batchSize' takes a whole number (or null: unset), got 'big'",
                message("networks.ann.train.batchSize", "big"));
        assertEquals("'2147483648' is too large for a whole number (at most 2147483647)",
                message("networks.ann.train.epochs", "2147483648"));
        assertEquals("'1e400' is beyond the range of a number (about ±1.8e308)", message("world.forcing", "1e400"));
        assertEquals("'polynomials.given.coefficients' is a list of numbers, written [1, 0.5]; got '3' (or set one "
                + "entry: polynomials.given.coefficients.0=…)", message("polynomials.given.coefficients", "3"));
        assertEquals("'polynomials.given.coefficients' takes a number, got 'x'",
                message("polynomials.given.coefficients", "[1, x]"));
        assertTrue(message("world", "3").startsWith("'world' is a block; set one of its fields: k (a whole number)"));
        assertTrue(message("networks.ann", "3").startsWith("'networks.ann' is a whole network; set one of its fields: "
                + "features (a word), layers (a list of blocks)"));
        assertFalse(isPathError("networks.ann.train.epochs", "1.5"));
    }

    @Test
    void valuesAreReadAsTheScriptWouldReadThem() {
        assertEquals(7, SpecPaths.set(SPEC, "networks.ann.train.epochs", "7.0").networks().get("ann").train().epochs());
        assertEquals(1000, SpecPaths.set(SPEC, "networks.ann.train.epochs", "1e3").networks().get("ann").train()
                .epochs());
        assertEquals(99L, SpecPaths.set(SPEC, "seed", "99").seed());
        assertEquals(20_000, SpecPaths.set(SPEC, "simulation.samples", "20_000").simulation().samples());
        assertEquals("tanh", ((LayerSpec.Dense) SpecPaths.set(SPEC, "networks.ann.layers.0.activation", "\"tanh\"")
                .networks().get("ann").layers().get(0)).activation());
        assertEquals(List.of(1.0, -0.5), SpecPaths.set(SPEC, "polynomials.given.coefficients", "[1, -0.5]")
                .polynomials().get("given").coefficients());
        assertEquals(List.of("none", "ann"), SpecPaths.set(SPEC, "evaluations.t10.compare", "[none, 'ann']")
                .evaluations().get("t10").compare());
        assertEquals(-2.0, SpecPaths.set(SPEC, "polynomials.given.coefficients.1", "-2").polynomials().get("given")
                .coefficients().get(1));
        // NaN and infinities are numbers: the validator, not the reader, says where they do not fit
        assertTrue(Double.isNaN(SpecPaths.set(SPEC, "world.forcing", "NaN").world().forcing()));
        assertEquals(Double.NEGATIVE_INFINITY, SpecPaths.set(SPEC, "world.h", "-Infinity").world().h());
        ExperimentSpec forced = SpecPaths.set(SPEC, "evaluations.t10.forcing", "16");
        assertEquals(16.0, forced.evaluations().get("t10").forcing());
        assertNull(SpecPaths.set(forced, "evaluations.t10.forcing", "null").evaluations().get("t10").forcing());
        assertEquals(128, SpecPaths.set(SPEC, "networks.ann.train.batchSize", "128").networks().get("ann").train()
                .batchSize());
    }

    // ---- words that are not allowed -------------------------------------------------------------------------------

    @Test
    void aTypeMustBeOneOfItsWords() {
        assertEquals("'sgdd' is not an optimizer; one of sgd, adam, adamw, rmsprop (did you mean 'sgd'?)",
                message("networks.ann.train.optimizer.type", "sgdd"));
        assertEquals("'linear' is not a schedule; one of constant, step, exponential, cyclic, oneCycle",
                message("networks.ann.train.schedule", "linear"));
        assertEquals("'evaluations.ics' is an ensemble evaluation; a path cannot change what kind of evaluation it "
                + "is: declare a forecast evaluation in the script", message("evaluations.ics.type", "forecast"));
        assertEquals("'charts.0' is a batchScatter chart; a path cannot change what kind of chart it is: declare a "
                + "lossCurves chart in the script", message("charts.0.type", "lossCurves"));
    }

    @Test
    void anEnsemblesEveryInTheOldSampleCountIsRefusedWithTheTimeItMeant() {
        assertEquals("an ensemble's every is in model time units now, as a forecast's (it counted samples before): "
                + "10 samples of 0.01 are every 0.1; a whole number of time units is written with a decimal point "
                + "(every 10.0)", message("evaluations.ics.every", "10"));
        assertEquals(0.1, ((EvaluationSpec.Ensemble) SpecPaths.set(SPEC, "evaluations.ics.every", "0.1")
                .evaluations().get("ics")).every());
        assertEquals(10.0, ((EvaluationSpec.Ensemble) SpecPaths.set(SPEC, "evaluations.ics.every", "10.0")
                .evaluations().get("ics")).every());
    }

    // ---- switching a type -----------------------------------------------------------------------------------------

    private static TrainSpec train(ExperimentSpec spec, String network) {
        return spec.networks().get(network).train();
    }

    @Test
    void switchingTheOptimizerKeepsTheFieldsBothHaveAndTakesTheDefaultsOfTheRest() {
        // ann: sgd(lr 0.01, momentum 0.9, nesterov, weightDecay 0.1)
        assertEquals(new OptimizerSpec.Adam(0.01, 0.9, 0.999, 1e-8, 0.1),
                train(SpecPaths.set(SPEC, "networks.ann.train.optimizer.type", "adam"), "ann").optimizer());
        assertEquals(new OptimizerSpec.RmsProp(0.01, 0.99, 1e-8, 0.9, 0.1),
                train(SpecPaths.set(SPEC, "networks.ann.train.optimizer", "rmsprop"), "ann").optimizer());
        // AdamW has no coupled weightDecay: its decoupled decay takes PyTorch's default 0.01
        assertEquals(new OptimizerSpec.AdamW(0.01, 0.9, 0.999, 1e-8, 0.01),
                train(SpecPaths.set(SPEC, "networks.ann.train.optimizer.type", "adamw"), "ann").optimizer());
        // ann-more: adamw(0.01, …, decoupled 0.01) to sgd: lr kept, the rest sgd()'s defaults
        assertEquals(new OptimizerSpec.Sgd(0.01, 0, false, 0),
                train(SpecPaths.set(SPEC, "networks.ann-more.train.optimizer.type", "sgd"), "ann-more").optimizer());
        // the same type again changes nothing
        assertEquals(SPEC, SpecPaths.set(SPEC, "networks.ann.train.optimizer.type", "sgd"));
        // then a field of the new type
        Map<String, String> edits = new LinkedHashMap<>();
        edits.put("networks.ann.train.optimizer.type", "adam");
        edits.put("networks.ann.train.optimizer.beta2", "0.99");
        assertEquals(new OptimizerSpec.Adam(0.01, 0.9, 0.99, 1e-8, 0.1),
                train(SpecPaths.set(SPEC, edits), "ann").optimizer());
    }

    @Test
    void switchingTheScheduleKeepsNothingAndAsksForTheFieldsWithoutDefault() {
        SpecException e = assertThrows(SpecException.class,
                () -> SpecPaths.set(SPEC, "networks.rms.train.schedule.type", "exponential"));
        assertEquals("networks.rms.train.schedule.type", e.problems().get(0).path());
        assertEquals("an exponential schedule needs gamma (a number), which has no default: set it too, e.g. "
                + "networks.rms.train.schedule.gamma=…", e.problems().get(0).message());

        Map<String, String> step = new LinkedHashMap<>();
        step.put("networks.exp.train.schedule.type", "step");
        step.put("networks.exp.train.schedule.stepSize", "4");
        // exp's gamma 0.9 (per epoch) is not step's gamma: the step takes its own default 0.1
        assertEquals(new ScheduleSpec.Step(4, Defaults.STEP_GAMMA), train(SpecPaths.set(SPEC, step), "exp").schedule());

        Map<String, String> cyclic = new LinkedHashMap<>();
        cyclic.put("networks.rms.train.schedule", "cyclic");
        cyclic.put("networks.rms.train.schedule.baseLr", "1e-4");
        cyclic.put("networks.rms.train.schedule.maxLr", "0.01");
        cyclic.put("networks.rms.train.schedule.stepSizeUp", "20");
        // as cyclic(1e-4, 0.01, 20): as many batches down as up, triangular, gamma 1
        assertEquals(new ScheduleSpec.Cyclic(1e-4, 0.01, 20, 20, "triangular", 1.0),
                train(SpecPaths.set(SPEC, cyclic), "rms").schedule());

        assertEquals(new ScheduleSpec.Constant(),
                train(SpecPaths.set(SPEC, "networks.rms.train.schedule.type", "constant"), "rms").schedule());
        SpecException one = assertThrows(SpecException.class,
                () -> SpecPaths.set(SPEC, "networks.rms.train.schedule.type", "oneCycle"));
        assertTrue(one.problems().get(0).message().startsWith("a oneCycle schedule needs maxLr (a number)"),
                one::getMessage);
    }

    @Test
    void switchingALayerTakesTheLayersDefaults() {
        Map<String, String> edits = new LinkedHashMap<>();
        edits.put("networks.ann.layers.1.type", "batchNorm");
        assertEquals(new LayerSpec.BatchNorm(Defaults.BATCH_NORM_MOMENTUM, Defaults.BATCH_NORM_EPSILON),
                SpecPaths.set(SPEC, edits).networks().get("ann").layers().get(1));
        edits.put("networks.ann.layers.1", "dense"); // the layer's own word switches it too
        edits.put("networks.ann.layers.1.units", "32");
        assertEquals(new LayerSpec.Dense(32, "identity"), SpecPaths.set(SPEC, edits).networks().get("ann").layers()
                .get(1));
    }

    @Test
    void aFailedEditChangesNothing() {
        SpecPaths.Editor editor = SpecPaths.edit(SPEC);
        assertThrows(SpecException.class, () -> editor.set("networks.ann.train.epochs", "many"));
        assertThrows(SpecException.class, () -> editor.set("networks.ann.train.optimizer.type", "sgdd"));
        editor.set("world.forcing", "20");
        ExperimentSpec after = editor.result();
        assertEquals(20.0, after.world().forcing());
        assertEquals(SPEC.networks(), after.networks());
    }

    @Test
    void anUnsetOptionalBlockIsNamed() {
        assertEquals("'networks.rms.train.earlyStopping' is not set in the script, so it has no 'patience' to change; "
                + "declare earlyStopping in the script first", message("networks.rms.train.earlyStopping.patience", "3"));
        ExperimentSpec noSweep = SpecPaths.set(SPEC, "sweep.seeds", "2");
        assertEquals(2, noSweep.sweep().seeds());
    }

    @Test
    void aNameWithADotIsRefusedByTheValidatorAndUnreachableByPaths() {
        Map<String, NetworkSpec> networks = new LinkedHashMap<>(SPEC.networks());
        networks.put("ann.v2", SPEC.networks().get("ann"));
        ExperimentSpec dotted = new ExperimentSpec(SPEC.name(), SPEC.seed(), SPEC.world(), SPEC.simulation(),
                SPEC.data(), networks, SPEC.polynomials(), SPEC.lrRangeTests(), SPEC.evaluations(), SPEC.charts(),
                null);
        assertTrue(SpecValidator.validate(dotted).contains(new Problem("networks.ann.v2", "network name 'ann.v2' must "
                + "start with a letter or digit and use only letters, digits, '_' and '-' (it is one segment of paths "
                + "such as networks.NAME.…, which a '.' would split)")), () -> SpecValidator.validate(dotted)
                .toString());
        SpecException e = assertThrows(SpecException.class,
                () -> SpecPaths.set(dotted, "networks.ann.v2.train.epochs", "5"));
        assertInstanceOf(SpecPaths.PathException.class, e);
        assertEquals("network name 'ann.v2' has a '.', so paths cannot reach it: rename it in the script (a name "
                + "must start with a letter or digit and use only letters, digits, '_' and '-')",
                e.problems().get(0).message());
        // the experiment's own name and chart files are no path segments: a '.' stays allowed there
        assertTrue(SpecValidator.validate(SpecPaths.set(SPEC, "name", "run.v2")).isEmpty());
    }

    // ---- every leaf ----------------------------------------------------------------------------------------------

    private static void leaves(com.fasterxml.jackson.databind.JsonNode node, String path,
                               Map<String, com.fasterxml.jackson.databind.JsonNode> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> leaves(e.getValue(), path.isEmpty() ? e.getKey()
                    : path + "." + e.getKey(), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                leaves(node.get(i), path + "." + i, out);
            }
        } else {
            out.put(path, node);
        }
    }

    /**
     * Every leaf of a spec that uses every kind of part: set to its own value, the spec is unchanged; a value of
     * the wrong type, a path below it and a misspelt sibling are answered naming the path, in the DSL's words.
     */
    @Test
    void everyLeafTakesItsOwnValueAndRefusesWrongOnesInTheDslsWords() {
        Map<String, com.fasterxml.jackson.databind.JsonNode> all = new LinkedHashMap<>();
        leaves(SpecJson.toTree(SPEC), "", all);
        assertTrue(all.size() > 150, "leaves: " + all.size());
        int refused = 0;
        for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e : all.entrySet()) {
            String path = e.getKey();
            com.fasterxml.jackson.databind.JsonNode v = e.getValue();
            assertEquals(SPEC, SpecPaths.set(SPEC, path, v.asText()), path);
            if (v.isNumber() || v.isBoolean()) {
                String m = message(path, "@");
                assertTrue(m.startsWith("'" + path + "' takes "), m);
                refused++;
            }
            String below = message(path + ".x", "1");
            assertTrue(below.contains(path + "' is a value ("), below);
            String parent = path.substring(0, path.lastIndexOf('.') < 0 ? 0 : path.lastIndexOf('.'));
            String sibling = (parent.isEmpty() ? "" : parent + ".") + "zzq";
            if (!parent.matches(".*\\.\\d+$") || !parent.contains("compare") && !parent.contains("coefficients")
                    && !parent.contains("values")) {
                String m = message(sibling, "1");
                assertTrue(m.startsWith("no field 'zzq' in ") || m.contains("is a list, indexed by numbers"), m);
            }
        }
        assertTrue(refused > 80, "typed leaves: " + refused);
    }

    @Test
    void aNetworkThatContinuesAnotherFollowsItsLayersAndFeatures() {
        // ann-more continues ann: same layers by rule, so a change of ann's layers is made to both
        ExperimentSpec wider = SpecPaths.set(SPEC, "networks.ann.layers.0.units", "32");
        assertEquals(new LayerSpec.Dense(32, "relu"), wider.networks().get("ann").layers().get(0));
        assertEquals(wider.networks().get("ann").layers(), wider.networks().get("ann-more").layers());
        assertEquals(SPEC.networks().get("rms"), wider.networks().get("rms"));
        assertTrue(SpecValidator.validate(wider).isEmpty(), () -> SpecValidator.validate(wider).toString());
        ExperimentSpec normed = SpecPaths.set(SPEC, "networks.ann.layers.1", "batchNorm");
        assertEquals(new LayerSpec.BatchNorm(0.1, 1e-5), normed.networks().get("ann-more").layers().get(1));
        assertEquals("local", SpecPaths.set(SPEC, "networks.ann.features", "local").networks().get("ann-more")
                .features());
        // the continuing network's own training stays its own
        assertEquals(SPEC.networks().get("ann-more").train(), SpecPaths.set(SPEC, "networks.ann.train.epochs", "3")
                .networks().get("ann-more").train());
    }
}

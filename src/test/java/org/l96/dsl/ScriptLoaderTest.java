package org.l96.dsl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.spec.EvaluationSpec;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.LayerSpec;
import org.l96.spec.NetworkSpec;
import org.l96.spec.OptimizerSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScriptLoaderTest {
    @TempDir
    Path dir;

    private Path script(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private ScriptException fails(Path script, List<String> sets) {
        return assertThrows(ScriptException.class, () -> ScriptLoader.load(script, sets));
    }

    private ScriptException fails(Path script) {
        return fails(script, List.of());
    }

    private static ScriptError only(ScriptException e) {
        assertEquals(1, e.errors().size(), e::format);
        return e.errors().get(0);
    }

    private static final String SMALL_NETWORK = """
            network('ann') {
                layers { dense 16, relu; dense 8 }
                train { epochs 2 }
            }
            """;

    // ---- plain Groovy inside ----------------------------------------------------------------------------------------

    /** Groovy names a script's class after its file; names that are no Java identifier must still load. */
    @Test
    void fileNamesThatAreNoIdentifiersLoadAndErrorsNameTheRealFile() throws IOException {
        for (String name : List.of("long.groovy", "my-run.groovy", "2024 test.groovy")) {
            Path file = script(name, "experiment('x') {\n" + SMALL_NETWORK + "}\n");
            assertEquals(1, ScriptLoader.load(file).networks().size(), name);
        }
        Path bad = script("class.groovy", "experiment('x') {\n  world { forcing 'a lot' }\n}\n");
        ScriptError e = only(fails(bad));
        assertEquals(bad.toString(), e.file());
        assertEquals(2, e.line(), e.toString());
    }

    @Test
    void aLoopDeclaresTenNetworks() throws IOException {
        Path file = script("loop.groovy", """
                def widths = [4, 8, 12, 16, 20, 24, 28, 32, 36, 40]
                experiment('widths') {
                    for (w in widths) {
                        network("ann-$w") {
                            layers { dense w, relu; dense 8 }
                            train { epochs 2 }
                        }
                    }
                    ensemble('ics') { compare(['none'] + widths.collect { "ann-$it" }) }
                }
                """);
        ExperimentSpec spec = ScriptLoader.load(file);
        assertEquals(10, spec.networks().size());
        assertEquals(new LayerSpec.Dense(28, "relu"), spec.networks().get("ann-28").layers().get(0));
        assertEquals(11, spec.evaluations().get("ics").compare().size());
    }

    @Test
    void helperMethodsVariablesAndClosuresWork() throws IOException {
        Path file = script("helpers.groovy", """
                def hidden(int units) { dense units, tanh }
                def lrFor(int epochs) { 0.03 / epochs }
                width = 32
                experiment('helpers') {
                    network('ann') {
                        layers { hidden width; hidden(width / 2 as int); dense 8 }
                        train { epochs 3; optimizer adam(lr: lrFor(3)) }
                    }
                    [1, 2].each { n -> trajectory("t$n") { duration n; compare 'none', 'ann' } }
                }
                """);
        ExperimentSpec spec = ScriptLoader.load(file);
        NetworkSpec ann = spec.networks().get("ann");
        assertEquals(List.of(new LayerSpec.Dense(32, "tanh"), new LayerSpec.Dense(16, "tanh"),
                new LayerSpec.Dense(8, "identity")), ann.layers());
        assertEquals(0.01, ann.train().optimizer().lr(), 1e-12);
        assertEquals(2.0, ((EvaluationSpec.Trajectory) spec.evaluations().get("t2")).duration());
    }

    @Test
    void derivedNetworksCopyTheirBase() throws IOException {
        Path file = script("derived.groovy", """
                experiment('derived') {
                    network('a') {
                        weightInit 'he'
                        layers { dense 16, relu; dense 8 }
                        train { epochs 50; optimizer adam(lr: 0.003); batchSize 256 }
                    }
                    network('b', from: 'a') { train { epochs 10 } }
                    network('c', from: 'a') { layers { dense 32, tanh; dense 8 } }
                    network('d', continues: 'a') { train { epochs 100 } }
                    network('e', continues: 'a') { train { optimizer sgd(0.01) } }
                }
                """);
        ExperimentSpec spec = ScriptLoader.load(file);
        NetworkSpec a = spec.networks().get("a");
        NetworkSpec b = spec.networks().get("b");
        assertEquals(a.layers(), b.layers());
        assertEquals("he", b.weightInit());
        assertEquals(10, b.train().epochs());
        assertEquals(a.train().optimizer(), b.train().optimizer());
        assertEquals(256, b.train().batchSize());
        assertEquals(null, b.continueFrom());
        assertEquals(List.of(new LayerSpec.Dense(32, "tanh"), new LayerSpec.Dense(8, "identity")),
                spec.networks().get("c").layers());
        NetworkSpec d = spec.networks().get("d");
        assertEquals("a", d.continueFrom());
        assertEquals(100, d.train().epochs());
        assertEquals(OptimizerSpec.Adam.withLr(0.003), d.train().optimizer());
        assertEquals(new OptimizerSpec.Sgd(0.01, 0, false, 0), spec.networks().get("e").train().optimizer());
    }

    @Test
    void defaultsAreFilledInExplicitly() throws IOException {
        ExperimentSpec spec = ScriptLoader.load(script("defaults.groovy", "experiment('d') {\n"
                + SMALL_NETWORK + "}\n"));
        assertEquals(14, spec.seed());
        NetworkSpec ann = spec.networks().get("ann");
        assertEquals("non-local", ann.features());
        assertEquals("pytorch", ann.weightInit());
        assertEquals(OptimizerSpec.Adam.withLr(0.001), ann.train().optimizer());
        assertEquals(4000, spec.data().validationLast());
        assertEquals(null, spec.sweep());
    }

    // ---- mistakes ---------------------------------------------------------------------------------------------------

    @Test
    void syntaxErrorsPointAtLineAndColumn() throws IOException {
        Path file = script("syntax.groovy", """
                experiment('broken') {
                    world { k 8; forcing 18
                    simulate { samples 100 }
                """);
        ScriptError e = only(fails(file));
        assertEquals(file.toString(), e.file());
        assertTrue(e.line() >= 2, e::format);
        assertTrue(e.column() >= 1, e::format);
        assertTrue(e.format().startsWith(file + ":" + e.line() + ":" + e.column() + ": "), e::format);
    }

    @Test
    void aSyntaxErrorInTheMiddleIsPlacedExactly() throws IOException {
        Path file = script("syntax2.groovy", """
                experiment('broken') {
                    world { k 8 }
                    network('ann') { layers { dense 16,, relu } }
                }
                """);
        ScriptError e = only(fails(file));
        assertEquals(3, e.line(), e::format);
        assertEquals(40, e.column(), e::format);
        assertEquals("Unexpected input: 'network('ann') { layers { dense 16,,'", e.message());
        assertTrue(e.format().contains("\n" + "    " + "    network('ann') { layers { dense 16,, relu } }\n"
                + "    " + " ".repeat(39) + "^"), e::format);
    }

    @Test
    void anUnknownWordGetsADidYouMeanAtItsPosition() throws IOException {
        Path file = script("typo.groovy", """
                experiment('typo') {
                    world {
                        k 8
                        frocing 18
                    }
                """ + SMALL_NETWORK + "}\n");
        ScriptError e = only(fails(file));
        assertEquals(4, e.line());
        assertEquals(9, e.column());
        assertEquals("unknown word 'frocing' in world; did you mean 'forcing'?", e.message());
        assertTrue(e.format().endsWith("        frocing 18\n" + " ".repeat(4 + 8) + "^"), e::format);
    }

    @Test
    void evaluationContinuesAfterAnUnknownWord() throws IOException {
        Path file = script("typos.groovy", """
                experiment('typos') {
                    world { frocing 18; k 12 }
                    network('ann') {
                        layers { dense 16, rleu; dense 12 }
                        trian { epochs 2 }
                    }
                    experimnet 'x'
                }
                """);
        ScriptException e = fails(file);
        assertEquals(4, e.errors().size(), e::format);
        assertEquals("unknown word 'frocing' in world; did you mean 'forcing'?", e.errors().get(0).message());
        assertEquals(2, e.errors().get(0).line());
        assertEquals(4, e.errors().get(1).line());
        assertEquals("unknown word 'rleu' in layers; did you mean 'relu'?", e.errors().get(1).message());
        assertEquals(5, e.errors().get(2).line());
        assertTrue(e.errors().get(2).message().contains("did you mean 'train'?"), e::format);
        assertEquals(7, e.errors().get(3).line());
    }

    @Test
    void wrongTypesAreNamed() throws IOException {
        Path file = script("types.groovy", """
                experiment('types') {
                    world { k 'eight' }
                    world { j 8.5 }
                    data { shuffle 'yes'; validation last: 'many' }
                """ + SMALL_NETWORK + "}\n");
        ScriptException e = fails(file);
        assertEquals(4, e.errors().size(), e::format);
        assertEquals("k takes a whole number, got String 'eight'", e.errors().get(0).message());
        assertEquals(2, e.errors().get(0).line());
        assertEquals(13, e.errors().get(0).column());
        assertEquals("j takes a whole number, got decimal number 8.5", e.errors().get(1).message());
        assertEquals("shuffle takes true or false, got String 'yes'", e.errors().get(2).message());
        assertEquals("validation last: takes a whole number, got String 'many'", e.errors().get(3).message());
    }

    @Test
    void invalidValuesAreAllReportedAtTheirLines() throws IOException {
        Path file = script("invalid.groovy", """
                experiment('invalid') {
                    world {
                        dt 0
                    }
                    network('ann') {
                        layers { dense 16, relu; dropout 1.2; dense 8 }
                        train {
                            epochs(-1)
                        }
                    }
                    ensemble('ics') { compare 'none', 'ann', 'annn' }
                }
                """);
        ScriptException e = fails(file);
        List<Integer> lines = e.errors().stream().map(ScriptError::line).toList();
        assertEquals(List.of(3, 6, 8, 11), lines, e::format);
        assertTrue(e.errors().get(0).message().contains("world.dt"), e::format);
        assertTrue(e.errors().get(1).message().contains("dropout must be in [0, 1)"), e::format);
        assertEquals(34, e.errors().get(1).column(), e::format);
        assertTrue(e.errors().get(2).message().contains("epochs must be at least 1, got -1"), e::format);
        assertTrue(e.errors().get(3).message().contains("no parameterization named 'annn'; did you mean 'ann'?"),
                e::format);
        assertEquals(46, e.errors().get(3).column(), e::format);
    }

    @Test
    void aNegativeNumberWithoutParenthesesIsExplained() throws IOException {
        Path file = script("minus.groovy", "experiment('m') {\n" + SMALL_NETWORK
                + "    trajectory('t') { start -1; compare 'none' }\n}\n");
        ScriptError e = only(fails(file));
        assertEquals(6, e.line());
        assertTrue(e.message().contains("start(-1)"), e::format);
    }

    @Test
    void unknownOptionsAndUndeclaredBasesAreReported() throws IOException {
        Path file = script("options.groovy", """
                experiment('options') {
                    data { validation lsat: 4000 }
                """ + SMALL_NETWORK + """
                    network('b', form: 'ann') { train { epochs 1 } }
                    network('c', continues: 'anm') { train { epochs 1 } }
                    network('ann') { layers { dense 8 } }
                }
                """);
        ScriptException e = fails(file);
        assertEquals(4, e.errors().size(), e::format);
        assertTrue(e.errors().get(0).message().contains("did you mean 'last'?"), e::format);
        assertTrue(e.errors().get(1).message().contains("network has no option 'form'; did you mean 'from'?"),
                e::format);
        assertTrue(e.errors().get(2).message().contains("no network 'anm' is declared before 'c'; did you mean 'ann'?"),
                e::format);
        assertEquals("network 'ann' is already declared at line 3", e.errors().get(3).message());
    }

    @Test
    void aFailureInTheScriptsOwnCodeIsPlaced() throws IOException {
        Path file = script("runtime.groovy", """
                def perLayer(int total, int layers) {
                    total / layers
                }
                experiment('runtime') {
                    network('ann') { layers { dense perLayer(16, 0) as int; dense 8 } }
                }
                """);
        ScriptError e = only(fails(file));
        assertEquals(2, e.line(), e::format);
        assertEquals("ArithmeticException: Division by zero", e.message());
    }

    @Test
    void aScriptWithoutExperimentIsAnError() throws IOException {
        ScriptError e = only(fails(script("empty.groovy", "def x = 3\n")));
        assertTrue(e.message().contains("declares no experiment"), e::format);
    }

    @Test
    void wordsOutsideTheirBlockAreExplained() throws IOException {
        ScriptException e = fails(script("outside.groovy", "world { k 8 }\nexperiment('x') {\n" + SMALL_NETWORK
                + "}\n"));
        assertEquals("'world' belongs inside experiment('name') { .. }", only(e).message());
        assertEquals(1, only(e).line());
    }

    @Test
    void assignmentsAndBareWordsAreExplained() throws IOException {
        Path file = script("assign.groovy", """
                experiment('assign') {
                    world { k = 8 }
                    experiment 'inner'
                """ + SMALL_NETWORK + "}\n");
        ScriptException e = fails(file);
        assertEquals(2, e.errors().size(), e::format);
        assertEquals("write 'k 8' without '=' (k is a word of world, not a variable)", e.errors().get(0).message());
        assertEquals("unknown word 'experiment' in experiment 'assign'; it belongs in the script's top level",
                e.errors().get(1).message());
    }

    @Test
    void printlnAndBindingVariablesStillWork() throws IOException {
        Path file = script("print.groovy", """
                epochs = 4
                experiment('print') { ->
                    println "declaring"
                    world { w -> w.k 8; w.forcing 10 }
                    network('ann') { layers { dense 16, relu; dense 8 }; train { epochs epochs } }
                }
                """);
        ExperimentSpec spec = ScriptLoader.load(file);
        assertEquals(4, spec.networks().get("ann").train().epochs());
        assertEquals(10.0, spec.world().forcing());
    }

    // ---- --set ------------------------------------------------------------------------------------------------------

    @Test
    void overridesApplyBeforeValidation() throws IOException {
        Path file = script("set.groovy", "experiment('set') {\n    world { dt 0 }\n" + SMALL_NETWORK + "}\n");
        ExperimentSpec spec = ScriptLoader.load(file, List.of("world.dt=0.002", "networks.ann.train.epochs=7",
                "networks.ann.layers.0.activation=tanh"));
        assertEquals(0.002, spec.world().dt());
        assertEquals(7, spec.networks().get("ann").train().epochs());
        assertEquals(new LayerSpec.Dense(16, "tanh"), spec.networks().get("ann").layers().get(0));
    }

    @Test
    void badOverridesAreReportedWithTheScriptsMistakes() throws IOException {
        Path file = script("badset.groovy", "experiment('set') {\n    world { dt 0 }\n" + SMALL_NETWORK + "}\n");
        ScriptException e = fails(file, List.of("networks.ann.train.epochs=-3", "world.forcin=20", "seed",
                "networks.ann.train.epochs=many"));
        assertEquals(5, e.errors().size(), e::format);
        assertEquals(2, e.errors().get(0).line());
        String text = e.format();
        assertTrue(text.contains("--set world.forcin=20: no field 'forcin' in world; did you mean 'forcing'?"), text);
        assertTrue(text.contains("--set seed: expected PATH=VALUE"), text);
        assertTrue(text.contains("--set networks.ann.train.epochs=many: 'networks.ann.train.epochs' takes a whole number, "
                + "got 'many'"), text);
        assertTrue(text.contains("--set networks.ann.train.epochs=-3: epochs must be at least 1, got -3"), text);
    }

    @Test
    void anOverrideCanFixTheScript() throws IOException {
        Path file = script("fix.groovy", "experiment('fix') {\n" + SMALL_NETWORK.replace("epochs 2", "epochs(-2)")
                + "}\n");
        assertEquals(5, ScriptLoader.load(file, List.of("networks.ann.train.epochs=5")).networks().get("ann")
                .train().epochs());
    }

    // ---- an unclosed '{' ------------------------------------------------------------------------------------------

    /** Groovy reports a missing '}' at the end of the file; the error points at the block that was left open. */
    @Test
    void anUnclosedBlockIsReportedAtTheLineThatOpenedIt() throws IOException {
        Path inner = script("inner.groovy", """
                experiment('x') {
                    world { k 8
                    simulate { samples 100 }
                    data { validation fraction: 0.2 }
                }
                """);
        ScriptError e = only(fails(inner));
        assertEquals(2, e.line(), e.toString());
        assertEquals(11, e.column(), e.toString());
        assertTrue(e.message().contains("this '{' is never closed"), e.message());
        assertTrue(e.message().contains("line 5"), e.message());

        Path outer = script("outer.groovy", """
                experiment('x') {
                    simulate { samples 100 }
                    data { validation fraction: 0.2 }

                """);
        ScriptError o = only(fails(outer));
        assertEquals(1, o.line(), o.toString());
        assertTrue(o.message().contains("never closed"), o.message());
    }

    /** Braces in strings and comments are not blocks: the scan skips them, as Groovy does. */
    @Test
    void bracesInStringsAndCommentsDoNotCount() throws IOException {
        Path file = script("strings.groovy", """
                // a comment with an unmatched { brace
                experiment('x') {   /* and { another
                   } over lines */
                    network('a{') { layers { dense 8 }; train { epochs 1 } }
                    def note = "text with } and { and ${1 + 1}"
                    def more = '''three quotes {
                    still inside '''
                    world { k 8
                    data { validation fraction: 0.2 }
                }
                """);
        ScriptError e = only(fails(file));
        assertEquals(8, e.line(), e.toString());
        assertTrue(e.message().contains("never closed"), e.message());
    }

    /** A syntax error before the end of the file stays Groovy's own, at its line. */
    @Test
    void otherSyntaxErrorsAreNotBlamedOnBraces() throws IOException {
        Path file = script("other.groovy", """
                experiment('x') {
                    world { k 8 ) }
                    data { validation fraction: 0.2 }
                }
                """);
        ScriptError e = only(fails(file));
        assertEquals(2, e.line(), e.toString());
        assertFalse(e.message().contains("never closed"), e.message());
    }

    /** The nested case: the '}' of an outer block, less indented, shows which inner block was left open. */
    @Test
    void anUnclosedInnerBlockIsFoundByIndentation() throws IOException {
        Path file = script("nested.groovy", """
                experiment('x') {
                    network('a') {
                        layers { dense 8
                        train { epochs 1 }
                    }
                }
                """);
        ScriptError e = only(fails(file));
        assertEquals(3, e.line(), e.toString());
        assertEquals(16, e.column(), e.toString());
    }

    /** One '}' too many is reported at that '}' with what it means. */
    @Test
    void anExtraClosingBraceIsNamed() throws IOException {
        Path file = script("extra.groovy", """
                experiment('x') {
                    world { k 8 }
                }
                }
                """);
        ScriptError e = only(fails(file));
        assertEquals(4, e.line(), e.toString());
        assertTrue(e.message().contains("this '}' closes no block"), e.message());
    }

    /** A value a word cannot take is one error: the block is not also told that the word is missing. */
    @Test
    void aBadValueIsOneErrorWithoutItsFollowOns() throws IOException {
        Path file = script("bad-value.groovy", """
                experiment('a') {
                    simulate { samples 600 }
                    data { validation fraction: 0.2 }
                    polynomial('p') { fitDegree 1.5 }
                }
                """);
        ScriptError e = only(fails(file));
        assertEquals(4, e.line());
        assertEquals("fitDegree takes a whole number, got decimal number 1.5", e.message());
        // a forecast that cannot fit suggests no count below its minimum of 2 initial conditions
        Path forecast = script("too-short.groovy", """
                experiment('a') {
                    simulate { samples 60 }
                    data { validation fraction: 0.2 }
                    forecast('F') { compare 'none'; initialConditions 5; every 1; lead 1 }
                }
                """);
        ScriptError f = only(fails(forecast));
        assertTrue(f.message().contains("0 fit. Simulate at least"), f.message());
        assertFalse(f.message().contains("at most 0"), f.message());
        // without a data block, the default validation segment says it is one
        Path noData = script("no-data.groovy", "experiment('a') { simulate { samples 600 } }\n");
        assertTrue(only(fails(noData)).message().contains("without them validation is the notebook's last 4000 "
                + "samples"), noData::toString);
    }

    /** Names of the reference schemes are taken, and batch norm is refused batches of one sample. */
    @Test
    void reservedNamesAndBatchNormOnOneSampleAreRefused() throws IOException {
        Path file = script("reserved.groovy", """
                experiment('res') {
                    simulate { samples 1000 }
                    data { validation fraction: 0.2; batchSize 1 }
                    polynomial('ceiling') { fitDegree 1 }
                    network('none') { layers { dense 8 }; train { epochs 1 } }
                    network('bn') { layers { dense 8, relu; batchNorm(); dense 8 }; train { epochs 1 } }
                    forecast('g') { compare 'ceiling'; initialConditions 5; every 1; lead 1; ceiling false }
                }
                """);
        ScriptException e = fails(file);
        assertEquals(3, e.errors().size(), e::format);
        String all = e.format();
        assertTrue(all.contains("reserved.groovy:3:38: data.batchSize: network 'bn' has a batch norm layer, which "
                + "needs batches of at least 2 samples"), all);
        assertTrue(all.contains("polynomial name 'ceiling' is taken: it is the reference curve of forecast"), all);
        assertTrue(all.contains("reserved.groovy:5:13: networks.none: network name 'none' is taken: it is the coarse "
                + "model without a parameterization"), all);
    }
}

package org.l96.dsl;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.l96.spec.SpecValidator;
import org.l96.testsupport.ByoExample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every script in examples/ loads and validates. */
class ExamplesTest {

    @TestFactory
    Stream<DynamicTest> everyExampleLoads() throws IOException {
        List<Path> scripts;
        try (Stream<Path> files = Files.list(Path.of("examples"))) {
            scripts = files.filter(f -> f.toString().endsWith(".groovy")).sorted().toList();
        }
        assertTrue(scripts.size() >= 2, "examples: " + scripts);
        return scripts.stream().map(script -> DynamicTest.dynamicTest(script.getFileName().toString(), () -> {
            // bring-your-own.groovy reads what the steps in its header write: done first, in a copy of the layout
            var spec = ScriptLoader.load(ByoExample.needs(script) ? ByoExample.prepared(script) : script);
            assertEquals(List.of(), SpecValidator.validate(spec));
        }));
    }
}

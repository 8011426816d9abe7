package org.l96.dsl;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.SpecJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A rerun of an unchanged script skips the compiler but still runs the script and reports errors at their lines. */
class CompiledScriptsTest {
    @TempDir
    Path dir;
    @TempDir
    Path cache;

    @BeforeEach
    void ownCache() {
        CompiledScripts.useDirectory(cache);
    }

    @AfterEach
    void defaultCache() {
        CompiledScripts.useDirectory(null);
    }

    private Path script(String text) throws IOException {
        return Files.writeString(dir.resolve("exp.groovy"), text);
    }

    private static final String SCRIPT = """
            def f = System.getProperty('l96.test.forcing', '18') as double
            experiment('cached') {
                world { forcing f }
                network('ann') {
                    layers { dense 16, relu; dense 8 }
                    train { epochs 2 }
                }
            }
            """;

    @Test
    void anUnchangedScriptIsCompiledOnceAndStillRunsEveryTime() throws IOException {
        Path file = script(SCRIPT);
        int before = CompiledScripts.COMPILATIONS.get();
        ExperimentSpec first = ScriptLoader.load(file);
        ExperimentSpec second = ScriptLoader.load(file);
        assertEquals(before + 1, CompiledScripts.COMPILATIONS.get());
        assertEquals(SpecJson.toJson(first), SpecJson.toJson(second));
        assertEquals(1, entries());

        // the script runs again: what it reads is read afresh
        System.setProperty("l96.test.forcing", "20");
        try {
            assertEquals(20.0, ScriptLoader.load(file).world().forcing());
        } finally {
            System.clearProperty("l96.test.forcing");
        }
        assertEquals(before + 1, CompiledScripts.COMPILATIONS.get());

        // a changed script compiles anew
        script(SCRIPT.replace("epochs 2", "epochs 3"));
        assertEquals(3, ScriptLoader.load(file).networks().get("ann").train().epochs());
        assertEquals(before + 2, CompiledScripts.COMPILATIONS.get());
    }

    @Test
    void errorsFromACachedScriptNameTheirLine() throws IOException {
        Path file = script(SCRIPT.replace("dense 8", "dense(-8)"));
        for (int i = 0; i < 2; i++) {
            ScriptException e = assertThrows(ScriptException.class, () -> ScriptLoader.load(file));
            assertEquals(5, e.errors().get(0).line(), e::format);
        }
        assertEquals(1, entries());
    }

    @Test
    void aDamagedCacheEntryMeansCompilingAgain() throws IOException {
        Path file = script(SCRIPT);
        ScriptLoader.load(file);
        try (Stream<Path> files = Files.list(cache)) {
            for (Path entry : files.toList()) {
                Files.write(entry, new byte[]{1, 2, 3});
            }
        }
        int before = CompiledScripts.COMPILATIONS.get();
        assertEquals(18.0, ScriptLoader.load(file).world().forcing());
        assertEquals(before + 1, CompiledScripts.COMPILATIONS.get());
    }

    @Test
    void aScriptWithACompileErrorIsNotCached() throws IOException {
        Path file = script("experiment('x') {\n  world { forcing 18 \n}\n");
        assertThrows(ScriptException.class, () -> ScriptLoader.load(file, List.of()));
        assertEquals(0, entries());
    }

    private long entries() throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(f -> f.toString().endsWith(".bin")).count();
        }
    }
}

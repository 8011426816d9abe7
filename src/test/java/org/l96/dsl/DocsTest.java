package org.l96.dsl;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.l96.spec.SpecValidator;
import org.l96.spec.Vocabulary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** dsl-docs/ stays true: its examples load and validate, and it documents every word a script can use. */
class DocsTest {
    private static final Path DOCS = Path.of("dsl-docs");
    private static final Pattern GROOVY_BLOCK = Pattern.compile("(?s)```groovy\\n(.*?)```");
    private static final List<String> PAGES = List.of("README", "world", "simulate", "data", "network", "layers",
            "train", "optimizers", "schedules", "regularization", "lrRangeTest", "evaluation", "charts", "sweep");

    @TempDir
    Path dir;

    private static List<Path> pages() throws IOException {
        try (Stream<Path> files = Files.list(DOCS)) {
            return files.filter(f -> f.toString().endsWith(".md")).sorted().toList();
        }
    }

    @Test
    void everyBlockHasAPageWithAnExample() throws IOException {
        for (String page : PAGES) {
            Path file = DOCS.resolve(page + ".md");
            assertTrue(Files.exists(file), "missing " + file);
            assertTrue(GROOVY_BLOCK.matcher(Files.readString(file)).find(), file + " has no ```groovy example");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyGroovyExampleLoadsAndValidates() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path page : pages()) {
            Matcher m = GROOVY_BLOCK.matcher(Files.readString(page));
            for (int n = 1; m.find(); n++) {
                String name = page.getFileName().toString().replace(".md", "") + "-" + n + ".groovy";
                String code = m.group(1);
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    Path script = dir.resolve(name);
                    Files.writeString(script, code);
                    try {
                        assertEquals(List.of(), SpecValidator.validate(ScriptLoader.load(script)));
                    } catch (ScriptException e) {
                        throw new AssertionError(page + " example " + name + ":\n" + e.format(), e);
                    }
                }));
            }
        }
        assertTrue(tests.size() >= PAGES.size(), "only " + tests.size() + " examples");
        return tests.stream();
    }

    @Test
    void everyWordIsDocumented() throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path page : pages()) {
            all.append(Files.readString(page)).append('\n');
        }
        Set<String> words = new TreeSet<>(Vocabulary.ACTIVATIONS);
        for (Class<?> builder : Words.BUILDERS) {
            words.addAll(Words.of(builder));
        }
        words.add("named"); // Experiment.named, the Java entry
        List<String> undocumented = words.stream().filter(w -> !all.toString().contains("`" + w + "`")).toList();
        assertEquals(List.of(), undocumented, "DSL words not documented as `word` in dsl-docs/");
    }
}

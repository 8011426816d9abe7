package org.l96.testsupport;

import org.l96.cli.Main;
import org.l96.dsl.ScriptLoader;
import org.l96.run.ExperimentRunner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * examples/bring-your-own.groovy reads files that two earlier steps write (its header): a dataset from
 * {@code l96 simulate} and the network of examples/bring-your-own-source.groovy. Tests that load or run it do those
 * steps, as documented, in a folder laid out as the project (examples/, output/), once per test JVM; paths in its
 * spec then begin with {@link #root()} (replaced by {@link #PROJECT} for the stored canonical JSON).
 */
public final class ByoExample {
    /** The example scripts that need the prepared files. */
    public static final List<String> SCRIPTS = List.of("bring-your-own.groovy", "bring-your-own-source.groovy");
    public static final String PROJECT = "<project>";
    private static Path root;

    private ByoExample() {
    }

    /** Whether {@code script} (a file of examples/) needs the prepared files. */
    public static boolean needs(Path script) {
        return SCRIPTS.contains(script.getFileName().toString());
    }

    /** The prepared copy of an example script. */
    public static synchronized Path prepared(Path script) {
        return root().resolve("examples").resolve(script.getFileName().toString());
    }

    /** The folder laid out as the project, the header's steps done in it. */
    public static synchronized Path root() {
        if (root != null) {
            return root;
        }
        try {
            Path r = Files.createTempDirectory("l96-byo");
            Files.createDirectories(r.resolve("examples"));
            for (String f : List.of("bring-your-own.groovy", "bring-your-own-source.groovy")) {
                Files.copy(Path.of("examples", f), r.resolve("examples").resolve(f));
            }
            // the header's first step, as written there
            int code = Main.execute("simulate", "--samples", "20000", "--no-y", "--out",
                    r.resolve("output/byo-truth").toString());
            if (code != 0) {
                throw new IllegalStateException("l96 simulate failed: " + code);
            }
            ExperimentRunner.inFolder(r.resolve("output")).parallel(2).terminal(false)
                    .log(new PrintStream(new ByteArrayOutputStream()))
                    .run(ScriptLoader.load(r.resolve("examples/bring-your-own-source.groovy")));
            root = r.toRealPath();
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

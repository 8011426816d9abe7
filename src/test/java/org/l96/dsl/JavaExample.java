package org.l96.dsl;

import org.l96.spec.ExperimentSpec;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/** Compiles an example written with the Java builder and calls its {@code static ExperimentSpec spec()}. */
final class JavaExample {
    private JavaExample() {
    }

    static ExperimentSpec spec(Path source) throws Exception {
        Path classes = Files.createTempDirectory("l96-example");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, null, errors, "-d", classes.toString(), "-cp",
                System.getProperty("java.class.path"), source.toString());
        if (rc != 0) {
            throw new AssertionError(source + " does not compile:\n" + errors);
        }
        String name = source.getFileName().toString().replace(".java", "");
        try (URLClassLoader loader = new URLClassLoader(new URL[]{classes.toUri().toURL()},
                JavaExample.class.getClassLoader())) {
            return (ExperimentSpec) loader.loadClass(name).getMethod("spec").invoke(null);
        }
    }
}

package org.l96.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine (a browser, NumPy, SLURM …). Where it is missing the test cannot check what it
 * claims: on a developer's machine it is skipped with the reason (a JUnit assumption, shown as skipped, never
 * passed); under CI (environment {@code CI=true}) it fails, because CI installs everything and a skip there would
 * hide a missing install step.
 */
public final class Needs {

    private Needs() {
    }

    /** True under CI: the environment variable CI is "true" (GitHub Actions, GitLab and most others set it). */
    public static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Skips the calling test with {@code reason} when {@code available} is false, or fails it under CI.
     *
     * @param reason what is missing and what the test would have checked, e.g. "chromium is not on the PATH"
     */
    public static void that(boolean available, String reason) {
        check(available, reason, underCi());
    }

    static void check(boolean available, String reason, boolean ci) {
        if (available) {
            return;
        }
        if (ci) {
            fail(reason + " (CI=true: CI must provide it, so this is a failure rather than a skip)");
        }
        Assumptions.assumeTrue(false, reason);
    }

    /** Skips (fails under CI) unless one of {@code names} is an executable on the PATH; returns the one found. */
    public static Path command(String... names) {
        Path found = onPath(names);
        that(found != null, String.join(" / ", names) + " is not on the PATH");
        return found;
    }

    /**
     * Skips (fails under CI) unless a Python 3 can import every module in {@code modules}: {@code python3} on the
     * PATH, else the system's {@code /usr/bin/python3} (where apt's python3-numpy goes). Returns that interpreter.
     */
    public static String python(String... modules) {
        String found = pythonWith(modules);
        that(found != null, "no python3 with " + String.join(", ", modules) + " (python3 on the PATH or "
                + "/usr/bin/python3)");
        return found;
    }

    /** The first of python3 (PATH) and /usr/bin/python3 that imports {@code modules}, or null. */
    public static String pythonWith(String... modules) {
        for (String py : new String[]{"python3", "/usr/bin/python3"}) {
            if (pythonHas(py, modules)) {
                return py;
            }
        }
        return null;
    }

    /** The first of {@code names} that is an executable file in a PATH folder, or null. */
    public static Path onPath(String... names) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String name : names) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir).resolve(name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** Whether {@code python} runs and imports {@code modules} (within 60 s). */
    static boolean pythonHas(String python, String... modules) {
        if (python.startsWith("/") ? !Files.isExecutable(Path.of(python)) : onPath(python) == null) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(python, "-c", "import " + String.join(", ", modules))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}

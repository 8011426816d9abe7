package org.l96.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** Where a result came from: tool version, git commit of the tool (if built from a checkout), Java and OS. */
public final class Provenance {
    private static final String VERSION = loadVersion();

    private Provenance() {
    }

    public static String toolVersion() {
        return VERSION;
    }

    public static Map<String, Object> current() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("tool", "l96");
        p.put("toolVersion", VERSION);
        String commit = gitCommit();
        if (commit != null) {
            p.put("gitCommit", commit);
        }
        p.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        p.put("cores", Runtime.getRuntime().availableProcessors());
        return p;
    }

    private static String loadVersion() {
        try (InputStream in = Provenance.class.getResourceAsStream("/l96/version.properties")) {
            Properties props = new Properties();
            if (in != null) {
                props.load(in);
            }
            return props.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }

    private static volatile String[] commit; // asked once per process: a git subprocess costs tens of milliseconds

    /** The commit of the checkout the tool runs from (l96.home, set by the launcher), or null. */
    private static String gitCommit() {
        String[] c = commit;
        if (c == null) {
            c = new String[]{askGit()};
            commit = c;
        }
        return c[0];
    }

    private static String askGit() {
        String home = System.getProperty("l96.home");
        if (home == null || !Files.isDirectory(Path.of(home, ".git"))) {
            return null;
        }
        try {
            Process p = new ProcessBuilder("git", "-C", home, "rev-parse", "HEAD").redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroy();
                return null;
            }
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}

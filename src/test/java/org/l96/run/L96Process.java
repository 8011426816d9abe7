package org.l96.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code l96} command line in a JVM of its own (this test JVM's java and class path running
 * {@code org.l96.cli.Main}), for tests of what happens between processes: locks, a process killed mid-stage.
 */
final class L96Process {
    final Process process;
    private final Path stdout;
    private final Path stderr;

    private L96Process(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code l96 ARGS…}; its output goes to files in {@code logs} named after {@code label}. */
    static L96Process start(Path logs, String label, String... args) throws IOException {
        Files.createDirectories(logs);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        cmd.add("-XX:TieredStopAtLevel=1"); // starts faster; these processes run tiny experiments
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        cmd.add("-Dorg.bytedeco.javacpp.maxPhysicalBytes=0");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.l96.cli.Main");
        cmd.addAll(List.of(args));
        Path out = logs.resolve(label + ".out");
        Path err = logs.resolve(label + ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        return new L96Process(pb.start(), out, err);
    }

    long pid() {
        return process.pid();
    }

    /** Waits for the process to end (at most {@code minutes}) and returns its exit code. */
    int waitFor(int minutes) throws InterruptedException {
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("l96 did not finish within " + minutes + " min: " + this);
        }
        return process.exitValue();
    }

    String out() throws IOException {
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    String err() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        try {
            return "pid " + pid() + "\n--- stdout\n" + out() + "\n--- stderr\n" + err();
        } catch (IOException e) {
            return "pid " + pid();
        }
    }
}

package org.l96.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.l96.testsupport.Needs;

/**
 * A real one-node SLURM cluster on localhost for tests: starts munged (unless running), slurmctld and slurmd with a
 * slurm.conf in a temporary folder, waits for the node to be idle, and stops what it started (by the PIDs they
 * wrote) on close. Needs slurm-wlm and munge installed and root (to start the daemons): without them the test is
 * skipped, under CI it fails ({@link Needs}; CI installs them, see .ci/run). Every failure to start says why.
 */
final class LocalSlurm implements AutoCloseable {
    final Path dir;
    final Path conf;
    private final List<Path> pidFiles = new ArrayList<>();

    private LocalSlurm(Path dir) {
        this.dir = dir;
        this.conf = dir.resolve("slurm.conf");
    }

    static LocalSlurm start(Path dir) throws IOException, InterruptedException {
        LocalSlurm s = new LocalSlurm(dir);
        try {
            s.startAll();
        } catch (IOException | InterruptedException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    Map<String, String> env() {
        return Map.of("SLURM_CONF", conf.toString());
    }

    private void startAll() throws IOException, InterruptedException {
        Needs.that(onPath("sbatch") && onPath("sinfo") && Files.isExecutable(Path.of("/usr/sbin/slurmctld"))
                        && Files.isExecutable(Path.of("/usr/sbin/slurmd"))
                        && Files.isExecutable(Path.of("/usr/sbin/munged")),
                "SLURM is not installed (sbatch, sinfo, /usr/sbin/slurmctld, slurmd, munged; Debian: apt-get install "
                        + "slurm-wlm munge)");
        Needs.that("root".equals(System.getProperty("user.name")),
                "starting a local SLURM cluster (munged, slurmctld, slurmd) needs root");
        if (!Files.exists(Path.of("/etc/munge/munge.key"))) {
            check(run(List.of("mungekey", "-c"), 30), "mungekey -c");
        }
        if (run(List.of("bash", "-c", "pgrep -x munged"), 10).code != 0) {
            Files.createDirectories(Path.of("/run/munge"));
            check(run(List.of("/usr/sbin/munged", "--force"), 30), "munged --force");
            pidFiles.add(Path.of("/run/munge/munged.pid"));
        }
        String host = run(List.of("hostname", "-s"), 10).text.strip();
        for (String d : List.of("state", "spool")) {
            Files.createDirectories(dir.resolve(d));
        }
        Files.writeString(conf, String.join("\n",
                "ClusterName=l96test",
                "SlurmctldHost=" + host + "(127.0.0.1)",
                "SlurmUser=root",
                "SlurmctldPort=" + freePort(),
                "SlurmdPort=" + freePort(),
                "AuthType=auth/munge",
                "StateSaveLocation=" + dir.resolve("state"),
                "SlurmdSpoolDir=" + dir.resolve("spool"),
                "SlurmctldPidFile=" + dir.resolve("slurmctld.pid"),
                "SlurmdPidFile=" + dir.resolve("slurmd.pid"),
                "SlurmctldLogFile=" + dir.resolve("ctld.log"),
                "SlurmdLogFile=" + dir.resolve("d.log"),
                "ProctrackType=proctrack/linuxproc",
                "TaskPlugin=task/none",
                "JobAcctGatherType=jobacct_gather/none",
                "SelectType=select/cons_tres",
                "SelectTypeParameters=CR_Core",
                "ReturnToService=2",
                "MpiDefault=none",
                "NodeName=" + host + " NodeAddr=127.0.0.1 CPUs=" + Runtime.getRuntime().availableProcessors()
                        + " RealMemory=1000 State=UNKNOWN",
                "PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP", ""));
        Files.writeString(dir.resolve("cgroup.conf"), "CgroupPlugin=cgroup/v1\nCgroupAutomount=no\n"
                + "IgnoreSystemd=yes\n");
        pidFiles.add(dir.resolve("slurmctld.pid"));
        check(run(List.of("/usr/sbin/slurmctld", "-f", conf.toString()), 60), "slurmctld");
        pidFiles.add(dir.resolve("slurmd.pid"));
        check(run(List.of("/usr/sbin/slurmd", "-f", conf.toString()), 60), "slurmd");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String state = "";
        while (System.nanoTime() < deadline) {
            Out info = run(List.of("sinfo", "-h", "-o", "%t"), 20);
            state = info.text.strip();
            if (info.code == 0 && (state.startsWith("idle") || state.startsWith("mix"))) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new IllegalStateException("the SLURM node did not become idle within 60 s (sinfo: '" + state
                + "'); slurmctld log: " + tail(read(dir.resolve("ctld.log"))) + "; slurmd log: "
                + tail(read(dir.resolve("d.log"))));
    }

    private static void check(Out o, String what) {
        if (o.code != 0) {
            throw new IllegalStateException("cannot start " + what + " (exit " + o.code + "): " + tail(o.text));
        }
    }

    record Out(int code, String text) {
    }

    Out run(List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("SLURM_CONF", conf.toString());
        Process p = pb.start();
        Path sink = Files.createTempFile(dir, "cmd", ".out");
        Thread drain = new Thread(() -> {
            try {
                Files.write(sink, p.getInputStream().readAllBytes());
            } catch (IOException ignored) {
                // the exit code tells
            }
        });
        drain.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Out(-1, String.join(" ", cmd) + ": timed out after " + timeoutSeconds + " s");
        }
        drain.join(5000);
        return new Out(p.exitValue(), read(sink));
    }

    /** A port free now, so that two test runs on one machine (two clones, two developers) do not share daemons. */
    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean onPath(String command) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, command))) {
                return true;
            }
        }
        return false;
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    static String tail(String s) {
        String t = s.strip();
        return t.length() > 600 ? "…" + t.substring(t.length() - 600) : t;
    }

    /** Stops slurmd, slurmctld and (if this started it) munged, each by its PID file. */
    @Override
    public void close() {
        for (int i = pidFiles.size() - 1; i >= 0; i--) {
            String pid = read(pidFiles.get(i)).strip();
            if (pid.matches("\\d+")) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(h -> {
                    h.destroy();
                    try {
                        h.onExit().get(10, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        h.destroyForcibly();
                    }
                });
            }
        }
    }
}

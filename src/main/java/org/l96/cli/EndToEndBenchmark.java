package org.l96.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Whole-tool timings for {@code l96 bench}, each in fresh processes as a user would start them: a sweep of
 * training-heavy points with one worker and with two, the seed example from a built project and its rerun with
 * nothing changed, and the reference PyTorch training step when PyTorch is installed.
 */
final class EndToEndBenchmark {
    private EndToEndBenchmark() {
    }

    /**
     * Points of the bench's sweep. Eight, not four: the first points of a sweep (one alone, or the first pair side
     * by side) run while the JIT compiles, which costs a point beside another about twice what it costs a point
     * alone (its compiler threads then use a core the points need); four points measured 1.79–1.82×, around the
     * target, eight 1.83–1.86×; the examples' sweeps that train at every point have 9 and 27.
     */
    static final int SWEEP_POINTS = 8;

    /**
     * Seconds of the same sweep ({@link #SWEEP_POINTS} seeds of a 3000-epoch training of the notebook's network)
     * with 1 and 2 points at once, and the seconds of a point in each (its run in the worker, from its status file)
     * for the points that ran first (one alone, a pair beside each other) and for the others: what a point costs
     * beside another, apart from the sweep's fixed costs (JVM start, planning, the summary).
     */
    record Sweep(double oneWorker, double twoWorkers, int points, PointSeconds alone, PointSeconds beside) {
        double speedUp() {
            return oneWorker / twoWorkers;
        }
    }

    /** Mean seconds of the points that finished first (as many as ran at once) and of the others. */
    record PointSeconds(double first, double later) {
    }

    /** Seconds of the seed example from a built project (nothing cached) and of a rerun with nothing changed. */
    record Seed(double fresh, double rerun) {
    }

    static final String SWEEP_SCRIPT = """
            // l96 bench: a training-heavy experiment (one 3000-epoch training of the notebook's network per point)
            experiment('bench-sweep') {
                seed 1
                world { k 8; j 32; forcing 18 }
                simulate { sampleEvery 0.01; samples 20_000 }
                data { validation last: 4000; batchSize 1024 }
                network('ann') {
                    layers { dense 16, relu; dense 16, relu; dense 8 }
                    train { epochs 3000; optimizer adam(lr: 0.003) }
                }
            }
            """;

    /** This JVM's java, options and class path running {@code org.l96.cli.Main} with {@code args}. */
    static List<String> tool(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if ((a.startsWith("-X") || a.startsWith("-D")) && !a.startsWith("-XX:ArchiveClassesAtExit")
                    && !a.startsWith("-Xlog") && !a.startsWith("-agentlib") && !a.startsWith("-Xrunjdwp")) {
                cmd.add(a);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.l96.cli.Main");
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    /** Runs a command, output to {@code log}; its wall-clock seconds. */
    static double time(List<String> cmd, Path log) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putIfAbsent("OMP_NUM_THREADS", "1");
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", cmd));
        }
        double s = (System.nanoTime() - t0) / 1e9;
        if (p.exitValue() != 0) {
            throw new IOException("'" + String.join(" ", cmd.subList(cmd.size() - Math.min(cmd.size(), 6),
                    cmd.size())) + "' failed (exit " + p.exitValue() + "); its output: " + log);
        }
        return s;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** The sweep with one worker and with two, {@code rounds} times each (alternating), medians. */
    static Sweep sweep(Path work, int rounds) throws IOException, InterruptedException {
        Path script = work.resolve("bench-sweep.groovy");
        Files.writeString(script, SWEEP_SCRIPT, StandardCharsets.UTF_8);
        double[] one = new double[rounds];
        double[] two = new double[rounds];
        double[][] first = new double[2][rounds];
        double[][] later = new double[2][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int workers = 1; workers <= 2; workers++) {
                Path out = work.resolve("sweep-" + r + "-" + workers);
                double s = time(tool("sweep", script.toString(), "--seeds", String.valueOf(SWEEP_POINTS),
                        "--parallel", String.valueOf(workers), "--out", out.toString()), work.resolve("sweep.log"));
                (workers == 1 ? one : two)[r] = s;
                PointSeconds p = pointSeconds(out.resolve("bench-sweep/status"), workers);
                first[workers - 1][r] = p.first();
                later[workers - 1][r] = p.later();
                deleteTree(out);
            }
        }
        return new Sweep(median(one), median(two), SWEEP_POINTS,
                new PointSeconds(median(first[0]), median(later[0])),
                new PointSeconds(median(first[1]), median(later[1])));
    }

    /**
     * The points' seconds from the status files of a sweep: the mean of the {@code atOnce} that finished first (by
     * the time their status was written) and of the others; NaN where there are none.
     */
    static PointSeconds pointSeconds(Path statusDir, int atOnce) throws IOException {
        if (!Files.isDirectory(statusDir)) {
            return new PointSeconds(Double.NaN, Double.NaN);
        }
        List<Path> byTime;
        try (Stream<Path> files = Files.list(statusDir)) {
            byTime = files.sorted(java.util.Comparator.comparing(EndToEndBenchmark::modified)).toList();
        }
        double[] seconds = byTime.stream().map(org.l96.sweep.PointStatus::read).filter(java.util.Objects::nonNull)
                .mapToDouble(org.l96.sweep.PointStatus::seconds).toArray();
        int k = Math.min(atOnce, seconds.length);
        return new PointSeconds(Arrays.stream(seconds, 0, k).average().orElse(Double.NaN),
                Arrays.stream(seconds, k, seconds.length).average().orElse(Double.NaN));
    }

    private static java.nio.file.attribute.FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return java.nio.file.attribute.FileTime.fromMillis(Long.MAX_VALUE);
        }
    }

    /**
     * The seed example through the launcher {@code l96} (so with its class-data sharing): into an empty output
     * folder, then again with nothing changed; {@code rounds} times, medians. Null when the tool was not started by
     * the launcher (no {@code l96.home}).
     */
    static Seed seedExample(Path work, int rounds) throws IOException, InterruptedException {
        String home = System.getProperty("l96.home");
        if (home == null || !Files.isExecutable(Path.of(home, "l96"))) {
            return null;
        }
        String launcher = Path.of(home, "l96").toString();
        String script = Path.of(home, "examples", "seed-notebook.groovy").toString();
        double[] fresh = new double[rounds];
        double[] rerun = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            Path out = work.resolve("seed-" + r);
            fresh[r] = time(List.of(launcher, "run", script, "--out", out.toString()), work.resolve("seed.log"));
            rerun[r] = time(List.of(launcher, "run", script, "--out", out.toString()), work.resolve("seed.log"));
            deleteTree(out);
        }
        return new Seed(median(fresh), median(rerun));
    }

    static final String TORCH_LOOP = """
            import time, torch
            torch.set_num_threads(1); torch.manual_seed(0)
            net = torch.nn.Sequential(torch.nn.Linear(8, 16), torch.nn.ReLU(), torch.nn.Linear(16, 16),
                                      torch.nn.ReLU(), torch.nn.Linear(16, 8))
            opt = torch.optim.Adam(net.parameters(), lr=0.003)
            x = torch.randn(1024, 8) * 5 + 3; y = -0.85 * x - 0.76 + torch.randn(1024, 8)
            loss_fn = torch.nn.MSELoss()
            def step():
                opt.zero_grad(); loss = loss_fn(net(x), y); loss.backward(); opt.step()
            for _ in range(200): step()
            best = float('inf')
            for _ in range(7):
                t0 = time.perf_counter()
                for _ in range(200): step()
                best = min(best, (time.perf_counter() - t0) / 200 * 1e3)
            print(best)
            """;

    /** PyTorch's Adam step (ms, fastest of 7 rounds of 200, one thread) when {@code import torch} works; else null. */
    static Double torchStepMs(Path work) {
        try {
            Path py = work.resolve("torch_step.py");
            Files.writeString(py, TORCH_LOOP, StandardCharsets.UTF_8);
            Process p = new ProcessBuilder("python3", py.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                return null;
            }
            String[] lines = out.split("\\R");
            return Double.parseDouble(lines[lines.length - 1]);
        } catch (IOException | NumberFormatException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

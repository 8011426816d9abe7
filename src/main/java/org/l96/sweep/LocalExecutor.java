package org.l96.sweep;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs points on this machine, {@code workers} at a time, each in a child JVM of its own with one native (ND4J /
 * OpenMP) thread, so workers never share a JVM's heap or ND4J's thread pools; a point that fails is recorded with
 * its error and the others go on.
 */
public final class LocalExecutor {
    private final int workers;
    private final PrintStream log;
    private final boolean terminal;

    public LocalExecutor(int workers, PrintStream log, boolean terminal) {
        this.workers = Math.max(1, workers);
        this.log = log;
        this.terminal = terminal;
    }

    public List<PointStatus> run(SweepLayout layout, List<SweepPlan.Point> todo) throws IOException {
        Files.createDirectories(layout.logs());
        int cores = Runtime.getRuntime().availableProcessors();
        int threadsPerPoint = Math.max(1, cores / Math.min(workers, Math.max(1, todo.size())));
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "l96-sweep-worker");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<Future<PointStatus>> futures = new ArrayList<>();
        try (ProgressBar bar = terminal && !todo.isEmpty() ? new ProgressBarBuilder().setTaskName("sweep")
                .setInitialMax(todo.size()).setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setUpdateIntervalMillis(500).continuousUpdate().setConsumer(new ConsoleProgressBarConsumer(log))
                .build() : null) {
            for (SweepPlan.Point p : todo) {
                futures.add(pool.submit(() -> {
                    PointStatus s = runChild(layout, p, threadsPerPoint);
                    int n = done.incrementAndGet();
                    if (!s.ok()) {
                        failed.incrementAndGet();
                    }
                    String line = String.format("l96: sweep: %d/%d points%s · %s %s (%.1f s)%s", n, todo.size(),
                            failed.get() == 0 ? "" : " (" + failed.get() + " failed)", p.id(), s.status(),
                            s.seconds(), s.ok() ? "" : ": " + s.error());
                    synchronized (log) {
                        if (bar != null) {
                            log.print("\r\033[K");
                            log.println(line);
                            bar.step();
                            bar.setExtraMessage(failed.get() == 0 ? "" : failed.get() + " failed");
                        } else {
                            log.println(line);
                        }
                    }
                    return s;
                }));
            }
            List<PointStatus> out = new ArrayList<>();
            for (Future<PointStatus> f : futures) {
                try {
                    out.add(f.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                } catch (Exception e) {
                    throw new IllegalStateException("sweep worker failed", e);
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private PointStatus runChild(SweepLayout layout, SweepPlan.Point p, int threads) {
        long t0 = System.nanoTime();
        Path logFile = layout.log(p.id());
        try {
            Files.deleteIfExists(layout.status(p.id()));
            ProcessBuilder pb = new ProcessBuilder(WorkerCommand.of(layout.plan(), String.valueOf(p.index()), threads))
                    .redirectErrorStream(true).redirectOutput(logFile.toFile());
            pb.environment().put("OMP_NUM_THREADS", String.valueOf(threads));
            Process proc = pb.start();
            int code;
            try {
                code = proc.waitFor();
            } catch (InterruptedException e) {
                proc.destroy();
                Thread.currentThread().interrupt();
                return new PointStatus(p.id(), PointStatus.FAILED, "interrupted", PointRun.seconds(t0),
                        p.specHash());
            }
            PointStatus written = PointStatus.read(layout.status(p.id()));
            if (written != null) {
                return written;
            }
            PointStatus s = new PointStatus(p.id(), PointStatus.FAILED, "the worker exited with code " + code
                    + lastLine(logFile) + " (log: " + logFile + ")", PointRun.seconds(t0), p.specHash());
            s.write(layout.status(p.id()));
            return s;
        } catch (IOException e) {
            return new PointStatus(p.id(), PointStatus.FAILED, "cannot start the worker: " + e.getMessage(),
                    PointRun.seconds(t0), p.specHash());
        }
    }

    static String lastLine(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith("l96:")) {
                    return ": " + lines.get(i).substring(4).strip();
                }
            }
            return lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1).strip();
        } catch (IOException e) {
            return "";
        }
    }
}

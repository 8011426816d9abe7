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
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs points on this machine, {@code workers} at a time, in worker JVMs of their own with one native (ND4J /
 * OpenMP) thread and one stage at a time each, so workers never share a heap or ND4J's thread pools. A worker JVM
 * serves point after point (JVM start and ND4J initialization are paid once per worker); a point that fails is
 * recorded with its error, a worker that dies is replaced, and the other points go on.
 */
public final class LocalExecutor {
    /** What a serving worker prints when a point is finished (see the hidden sweep-point --serve). */
    public static final String DONE = "l96-point-done ";

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
        BlockingQueue<SweepPlan.Point> queue = new LinkedBlockingQueue<>(todo);
        // Ctrl-C: take no further points (the workers, in the same process group, stop with the signal)
        Thread hook = new Thread(queue::clear);
        Runtime.getRuntime().addShutdownHook(hook);
        Map<String, PointStatus> results = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        try (ProgressBar bar = terminal && !todo.isEmpty() ? new ProgressBarBuilder().setTaskName("sweep")
                .setInitialMax(todo.size()).setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setUpdateIntervalMillis(500).continuousUpdate().setConsumer(new ConsoleProgressBarConsumer(log))
                .build() : null) {
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < Math.min(workers, todo.size()); w++) {
                int slot = w;
                Thread t = new Thread(() -> work(slot, layout, queue, status -> {
                    results.put(status.id(), status);
                    int n = done.incrementAndGet();
                    if (!status.ok()) {
                        failed.incrementAndGet();
                    }
                    String line = String.format("l96: sweep: %d/%d points%s · %s %s (%.1f s)%s", n, todo.size(),
                            failed.get() == 0 ? "" : " (" + failed.get() + " failed)", status.id(), status.status(),
                            status.seconds(), status.ok() ? "" : ": " + status.error());
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
                }), "l96-sweep-worker-" + w);
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    threads.forEach(Thread::interrupt);
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs
        }
        List<PointStatus> out = new ArrayList<>();
        for (SweepPlan.Point p : todo) {
            out.add(results.getOrDefault(p.id(), new PointStatus(p.id(), PointStatus.FAILED, "not run", 0,
                    p.specHash())));
        }
        return out;
    }

    /** One worker slot: takes points from the queue and runs them in its JVM, starting a new one if it dies. */
    private void work(int slot, SweepLayout layout, BlockingQueue<SweepPlan.Point> queue,
                      Consumer<PointStatus> finished) {
        Worker worker = null;
        try {
            for (SweepPlan.Point p = queue.poll(); p != null; p = queue.poll()) {
                long t0 = System.nanoTime();
                PointStatus status;
                try {
                    Files.deleteIfExists(layout.status(p.id()));
                    if (worker == null) {
                        worker = new Worker(layout, slot, workers > 1);
                    }
                    if (worker.run(p.index())) {
                        status = PointStatus.read(layout.status(p.id()));
                        if (status == null) {
                            status = new PointStatus(p.id(), PointStatus.FAILED, "the worker wrote no result (log: "
                                    + layout.log(p.id()) + ")", PointRun.seconds(t0), p.specHash());
                        }
                    } else {
                        int code = worker.stop();
                        worker = null;
                        status = new PointStatus(p.id(), PointStatus.FAILED, "the worker JVM died (exit code " + code
                                + ")" + lastLine(layout.logs().resolve("worker-" + slot + ".log")) + " (logs: "
                                + layout.log(p.id()) + ")", PointRun.seconds(t0), p.specHash());
                        status.write(layout.status(p.id()));
                    }
                } catch (IOException e) {
                    status = new PointStatus(p.id(), PointStatus.FAILED, "cannot run the worker: " + e.getMessage(),
                            PointRun.seconds(t0), p.specHash());
                }
                finished.accept(status);
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
            }
        } finally {
            if (worker != null) {
                worker.stop();
            }
        }
    }

    /**
     * A worker JVM ({@code l96 sweep-point --serve}) with one native thread: indices go to its standard input,
     * {@code l96-point-done I} comes back on its standard output; its own messages go to {@code logs/worker-N.log}.
     */
    private static final class Worker {
        private final Process process;
        private final Writer in;
        private final BufferedReader out;

        Worker(SweepLayout layout, int slot, boolean sideBySide) throws IOException {
            ProcessBuilder pb = new ProcessBuilder(WorkerCommand.serving(layout.plan(), 1, sideBySide))
                    .redirectError(ProcessBuilder.Redirect.appendTo(
                            layout.logs().resolve("worker-" + slot + ".log").toFile()));
            pb.environment().put("OMP_NUM_THREADS", "1");
            process = pb.start();
            in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        /** Runs one point; false when the worker died before finishing it. */
        boolean run(int index) {
            try {
                in.write(index + "\n");
                in.flush();
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.equals(DONE + index)) {
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        }

        int stop() {
            try {
                in.close();
            } catch (IOException ignored) {
                // it may be gone already
            }
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return process.waitFor();
                }
                return process.exitValue();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                return -1;
            }
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

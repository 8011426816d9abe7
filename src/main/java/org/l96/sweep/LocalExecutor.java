package org.l96.sweep;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import org.l96.run.UserError;

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
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs points on this machine, {@code workers} at a time, in worker JVMs ({@code l96 sweep-point --serve}) with one
 * native (ND4J / OpenMP) thread and one stage at a time per point. By default one worker JVM runs all
 * {@code workers} points at once, on a thread each ({@link PointServer}): JVM start, ND4J initialization and the
 * JIT's compilation of the training engine are paid once, not once per point slot on cores the points need, and the
 * points share the JVM's loaded classes and compiled code. {@code L96_WORKER_SLOTS=K} gives each JVM K points at
 * once instead ({@code 1}: a JVM per point slot, as before).
 *
 * <p>A worker JVM serves point after point. A point that fails is recorded with its error and the others go on; a
 * worker JVM that dies is replaced: the point it was running fails with its exit code, and points that were running
 * beside another in it when it died (so may have been only bystanders) are run again, each in a JVM of its own.
 */
public final class LocalExecutor {
    /** What a serving worker prints when a point is finished (see the hidden sweep-point --serve). */
    public static final String DONE = "l96-point-done ";
    /** The environment variable giving the points at once per worker JVM (default: all of them in one). */
    public static final String SLOTS_ENV = "L96_WORKER_SLOTS";

    /** The command line of a serving worker JVM with {@code slots} points at once. */
    interface Launcher {
        List<String> command(SweepLayout layout, int slots, boolean sideBySide);
    }

    private final int workers;
    private final int perJvm;
    private final PrintStream log;
    private final boolean terminal;
    private final Launcher launcher;
    private volatile BlockingQueue<SweepPlan.Point> queue = new LinkedBlockingQueue<>();
    /** Set by Ctrl-C or SIGTERM: no point is started or run again, no worker JVM started. */
    private volatile boolean shuttingDown;
    private final List<Jvm> pools = new java.util.concurrent.CopyOnWriteArrayList<>();
    private int before; // points of the sweep done before this run, for the count Ctrl-C prints
    private final Map<Integer, String> ids = new ConcurrentHashMap<>();

    public LocalExecutor(int workers, PrintStream log, boolean terminal) {
        this(workers, slotsPerJvm(System.getenv(SLOTS_ENV), workers), log, terminal,
                (layout, slots, sideBySide) -> WorkerCommand.serving(layout.plan(), 1, slots, sideBySide));
    }

    LocalExecutor(int workers, int perJvm, PrintStream log, boolean terminal, Launcher launcher) {
        this.workers = Math.max(1, workers);
        this.perJvm = Math.max(1, Math.min(perJvm, this.workers));
        this.log = log;
        this.terminal = terminal;
        this.launcher = launcher;
    }

    /** Points per worker JVM: {@code L96_WORKER_SLOTS} when set (a whole number ≥ 1), else all {@code workers}. */
    public static int slotsPerJvm(String env, int workers) {
        if (env == null || env.isBlank()) {
            return workers;
        }
        try {
            int k = Integer.parseInt(env.strip());
            if (k >= 1) {
                return k;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UserError(SLOTS_ENV + "=" + env + ": the points at once per worker JVM, a whole number ≥ 1 "
                + "(1: a JVM per point; unset: one JVM for all of --parallel)");
    }

    /**
     * Starts no further point: the points running finish, whole, and {@link #run} returns the others as not run.
     * Ctrl-C calls it too (the worker JVMs, in the same process group, get the signal themselves).
     */
    public void cancel() {
        queue.clear();
    }

    /** The sweep's points done before this run (of {@code before} + the points given to {@link #run}). */
    public LocalExecutor alreadyDone(int before) {
        this.before = before;
        return this;
    }

    /**
     * What Ctrl-C prints: the points finished are kept, the same command runs the others, and {@code --collect}
     * summarizes those done meanwhile.
     */
    static String interrupted(int done, int total, Path sweepDir) {
        return "l96: sweep: interrupted: " + done + " of " + total + (total == 1 ? " point" : " points")
                + " done (kept); rerun the same command to finish the others, or summarize those done with "
                + "l96 sweep --collect " + sweepDir;
    }

    public List<PointStatus> run(SweepLayout layout, List<SweepPlan.Point> todo) throws IOException {
        Files.createDirectories(layout.logs());
        BlockingQueue<SweepPlan.Point> queue = new LinkedBlockingQueue<>(todo);
        this.queue = queue;
        todo.forEach(p -> ids.put(p.index(), p.id()));
        AtomicInteger done = new AtomicInteger();
        // Ctrl-C: take no further points (the workers, in the same process group, stop with the signal), and say
        // what is kept
        Thread hook = new Thread(() -> {
            shuttingDown = true;
            cancel();
            // the workers stop their points as l96 run stops (they got Ctrl-C too, but not a SIGTERM or a signal
            // to this process alone): what they finished is kept, and the count below is then the final one
            pools.forEach(Jvm::terminate);
            synchronized (log) {
                log.println();
                log.println(interrupted(before + done.get(), before + todo.size(), layout.dir()));
                log.flush();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        Map<String, PointStatus> results = new ConcurrentHashMap<>();
        AtomicInteger failed = new AtomicInteger();
        int slots = Math.min(workers, todo.size());
        int jvms = (slots + perJvm - 1) / Math.max(1, perJvm);
        pools.clear();
        for (int j = 0; j < jvms; j++) {
            pools.add(new Jvm(layout, j, Math.min(perJvm, slots - j * perJvm), jvms > 1));
        }
        try (ProgressBar bar = terminal && !todo.isEmpty() ? new ProgressBarBuilder().setTaskName("sweep")
                .setInitialMax(todo.size()).setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setUpdateIntervalMillis(500).continuousUpdate().setConsumer(new ConsoleProgressBarConsumer(log))
                .build() : null) {
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < slots; w++) {
                Jvm jvm = pools.get(w / perJvm);
                Thread t = new Thread(() -> work(jvm, layout, queue, slots > 1, status -> {
                    results.put(status.id(), status);
                    synchronized (log) {
                        int n = done.incrementAndGet();
                        if (!status.ok()) {
                            failed.incrementAndGet();
                        }
                        String line = String.format("l96: sweep: %d/%d points%s · %s %s (%.1f s)%s", n,
                                todo.size(), failed.get() == 0 ? "" : " (" + failed.get() + " failed)", status.id(),
                                status.status() + (status.ok() ? divergedSuffix(layout, status.id()) : ""),
                                status.seconds(), status.ok() ? "" : ": " + status.error());
                        if (bar != null) {
                            log.print("\r\033[K");
                            log.println(line);
                            bar.step();
                            bar.setExtraMessage(failed.get() == 0 ? "" : failed.get() + " failed");
                        } else {
                            log.println(line);
                        }
                    }
                }), "l96-sweep-slot-" + w);
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
        } finally {
            pools.forEach(Jvm::close);
        }
        org.l96.run.ShutdownHooks.remove(hook);
        List<PointStatus> out = new ArrayList<>();
        for (SweepPlan.Point p : todo) {
            out.add(results.getOrDefault(p.id(), new PointStatus(p.id(), PointStatus.FAILED, "not run", 0,
                    p.specHash())));
        }
        return out;
    }

    /** One point slot: takes points from the queue and runs them in its worker JVM (replaced when it dies). */
    private void work(Jvm jvm, SweepLayout layout, BlockingQueue<SweepPlan.Point> queue, boolean sideBySide,
                      Consumer<PointStatus> finished) {
        for (SweepPlan.Point p = queue.poll(); p != null; p = queue.poll()) {
            long t0 = System.nanoTime();
            PointStatus status;
            try {
                Files.deleteIfExists(layout.status(p.id()));
                Outcome outcome = Outcome.WAS_DEAD;
                Worker worker = null;
                for (int attempt = 0; outcome == Outcome.WAS_DEAD && attempt < 3; attempt++) {
                    worker = jvm.live();
                    outcome = worker.run(p.index());
                }
                if (shuttingDown && outcome != Outcome.RAN) {
                    break; // its worker was stopped: the point keeps what it finished and says so in its status
                }
                Path workerLog = jvm.logFile;
                if (outcome == Outcome.DIED_BESIDE_OTHERS || outcome == Outcome.DIED_ALONE) {
                    reportDeath(worker, jvm.logFile, outcome == Outcome.DIED_BESIDE_OTHERS);
                }
                if (outcome == Outcome.DIED_BESIDE_OTHERS) {
                    // it may have been a bystander of another point: again, in a JVM of its own
                    workerLog = layout.logs().resolve("worker-retry-" + p.id() + ".log");
                    Files.deleteIfExists(layout.status(p.id()));
                    worker = new Worker(launcher.command(layout, 1, sideBySide), workerLog);
                    outcome = worker.run(p.index());
                    if (outcome == Outcome.RAN) {
                        worker.stop();
                    }
                }
                if (outcome == Outcome.RAN) {
                    status = PointStatus.read(layout.status(p.id()));
                    if (status == null) {
                        status = new PointStatus(p.id(), PointStatus.FAILED, "the worker wrote no result (log: "
                                + layout.log(p.id()) + ")", PointRun.seconds(t0), p.specHash());
                    }
                } else {
                    int code = worker.stop();
                    status = new PointStatus(p.id(), PointStatus.FAILED, "the worker JVM died (exit code " + code
                            + ")" + lastLine(workerLog) + " (logs: " + layout.log(p.id()) + ")",
                            PointRun.seconds(t0), p.specHash());
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
    }

    /**
     * One line, on the console and in the worker's log, when a worker JVM dies: its exit code and the points that
     * were running in it (run again, each alone, when there were several: any of them may have been a bystander).
     * The first slot to see the death writes it.
     */
    private void reportDeath(Worker worker, Path workerLog, boolean beside) {
        List<Integer> orphans = worker.claimDeath();
        if (orphans == null) {
            return;
        }
        int code = worker.stop();
        List<String> names = orphans.stream().sorted().map(i -> ids.getOrDefault(i, "#" + i)).toList();
        String line = "l96: sweep: a worker JVM died (exit code " + code + ") while running " + String.join(", ", names)
                + (beside ? "; running " + (names.size() == 2 ? "both" : "them") + " again, each alone in a JVM of its own"
                : "; that point failed");
        synchronized (log) {
            log.println(line);
        }
        try {
            Files.writeString(workerLog, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the console has it
        }
    }

    /** A place for one worker JVM serving {@code slots} points at once: the live JVM, started again when it died. */
    private final class Jvm {
        final SweepLayout layout;
        final int slots;
        final boolean sideBySide;
        final Path logFile;
        private Worker current;

        Jvm(SweepLayout layout, int number, int slots, boolean sideBySide) {
            this.layout = layout;
            this.slots = slots;
            this.sideBySide = sideBySide;
            this.logFile = layout.logs().resolve("worker-" + number + ".log");
        }

        synchronized Worker live() throws IOException {
            if (shuttingDown) {
                throw new IOException("the sweep is stopping");
            }
            if (current != null && current.dead()) {
                current.stop();
                current = null;
            }
            if (current == null) {
                current = new Worker(launcher.command(layout, slots, sideBySide), logFile);
            }
            return current;
        }

        synchronized void close() {
            if (current != null) {
                current.stop();
                current = null;
            }
        }

        /** Stops the live worker (SIGTERM: its points stop as l96 run stops) and waits for it (30 s at most). */
        void terminate() {
            Worker w;
            synchronized (this) {
                w = current;
            }
            if (w != null) {
                w.terminate();
            }
        }
    }

    /** How a point fared in a worker JVM. */
    enum Outcome {
        /** the worker answered that it finished the point (its status file says how) */
        RAN,
        /** the worker died while this point alone was running in it */
        DIED_ALONE,
        /** the worker died while this point and others were running in it */
        DIED_BESIDE_OTHERS,
        /** the worker had died before the point was given to it: nothing ran */
        WAS_DEAD
    }

    /**
     * A worker JVM ({@code l96 sweep-point --serve}) with one native thread: indices go to its standard input,
     * {@code l96-point-done I} comes back on its standard output, read by a thread of its own that hands each answer
     * to the slot waiting for it; the worker's own messages go to its log file.
     */
    static final class Worker {
        private final Process process;
        private final Writer in;
        private final Map<Integer, CompletableFuture<Outcome>> running = new HashMap<>();
        private final Object stopping = new Object();
        private boolean dead;
        private Integer exitCode;
        private List<Integer> orphanIndices;
        private boolean deathClaimed;

        Worker(List<String> command, Path logFile) throws IOException {
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            pb.environment().put("OMP_NUM_THREADS", "1");
            process = pb.start();
            in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            Thread reader = new Thread(this::readAnswers, "l96-sweep-worker-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void readAnswers() {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (!line.startsWith(DONE)) {
                        continue;
                    }
                    CompletableFuture<Outcome> f;
                    try {
                        int index = Integer.parseInt(line.substring(DONE.length()).strip());
                        synchronized (this) {
                            f = running.remove(index);
                        }
                    } catch (NumberFormatException e) {
                        continue;
                    }
                    if (f != null) {
                        f.complete(Outcome.RAN);
                    }
                }
            } catch (IOException e) {
                // the worker is gone
            }
            List<CompletableFuture<Outcome>> orphans;
            synchronized (this) {
                dead = true;
                orphanIndices = new ArrayList<>(running.keySet());
                orphans = new ArrayList<>(running.values());
                running.clear();
            }
            Outcome how = orphans.size() > 1 ? Outcome.DIED_BESIDE_OTHERS : Outcome.DIED_ALONE;
            orphans.forEach(f -> f.complete(how));
        }

        synchronized boolean dead() {
            return dead;
        }

        /** The indices of the points running when it died, to the first caller only (null to the others). */
        synchronized List<Integer> claimDeath() {
            if (!dead || deathClaimed) {
                return null;
            }
            deathClaimed = true;
            return orphanIndices == null ? List.of() : orphanIndices;
        }

        /** Runs point {@code index} and waits for it. */
        Outcome run(int index) {
            CompletableFuture<Outcome> f = new CompletableFuture<>();
            synchronized (this) {
                if (dead) {
                    return Outcome.WAS_DEAD;
                }
                running.put(index, f);
                try {
                    in.write(index + "\n");
                    in.flush();
                } catch (IOException e) {
                    // a closed pipe: the reader sees the end and answers every running point
                }
            }
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.DIED_ALONE;
            } catch (java.util.concurrent.ExecutionException e) {
                return Outcome.DIED_ALONE;
            }
        }

        /** Asks the worker to stop now (SIGTERM) and waits for it to end (30 s at most). */
        void terminate() {
            process.destroy();
            stop();
        }

        /** Ends the worker: no more points; the running ones finish (30 s at most after the last); its exit code. */
        int stop() {
            synchronized (stopping) {
                return stopOnce();
            }
        }

        private int stopOnce() {
            if (exitCode != null) {
                return exitCode;
            }
            try {
                in.close();
            } catch (IOException ignored) {
                // it may be gone already
            }
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    exitCode = process.waitFor();
                } else {
                    exitCode = process.exitValue();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                exitCode = -1;
            }
            return exitCode;
        }
    }

    static String lastLine(Path logFile) {
        try {
            // the worker's own last message (its last l96: line, else its last line), not the executor's line about
            // its death
            List<String> lines = Files.readAllLines(logFile).stream()
                    .filter(l -> !l.isBlank() && !l.startsWith("l96: sweep:")).toList();
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

    /** " ⚠ diverged (network 'ann')" when a training of the point diverged (it ran, but that network is no good). */
    static String divergedSuffix(SweepLayout layout, String id) {
        String note = SweepResults.divergedNote(SweepResults.diverged(layout, id));
        return note.isEmpty() ? "" : " " + note;
    }
}

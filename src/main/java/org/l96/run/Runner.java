package org.l96.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.SpecJson;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Runs an experiment's stages in dependency order, independent ones concurrently, each in its own folder
 * {@code <out>/<experiment>/<stage>/} that is reused while its key is unchanged. A stage works in a temporary
 * folder that is renamed into place only when it succeeds, and the manifest is replaced atomically, so a run killed
 * at any moment leaves no half-written artifact and the next run resumes where it stopped.
 */
public final class Runner {

    static final String STAGE_FILE = StageRecord.FILE;
    /** The run's manifest in the experiment folder: spec, provenance, every stage, all metrics. */
    public static final String MANIFEST = "manifest.json";
    static final String WORK = ".work";
    /** The lock file of an experiment folder, held by the process running into it ({@link FolderLock}). */
    public static final String LOCK_FILE = ".lock";
    /** Where stages that keep their output when interrupted put it (see {@link Stage#keepsInterruptedOutput()}). */
    public static final String INTERRUPTED_DIR = "interrupted";
    /** The error of a stage stopped by Ctrl-C starts with this. */
    public static final String INTERRUPTED = "interrupted";
    private static final ObjectMapper JSON = SpecJson.mapper();

    private final Path outRoot;
    private final PrintStream log;
    private final boolean terminal;
    private final int parallelism;
    private StageCache cache;
    private CancelToken cancel = new CancelToken();
    /** Per stage about to run: the inputs that failed or were skipped, with why (see Stage#runsDespiteFailedInputs). */
    private final Map<String, Map<String, String>> failedInputs = new ConcurrentHashMap<>();
    /** Per stage of the current run: what its key is the hash of, recorded in its stage.json. */
    private volatile Map<String, ObjectNode> materials = Map.of();

    public Runner(Path outRoot, PrintStream log, boolean terminal, int parallelism) {
        this.outRoot = outRoot;
        this.log = log;
        this.terminal = terminal;
        this.parallelism = Math.max(1, parallelism);
    }

    /**
     * Shares finished stages between experiments through a content-addressed folder (e.g. {@code <out>/.cache}):
     * a stage whose key is there is linked in instead of computed ({@code cached: true} in the manifest), and a
     * stage computed here is published there. Without it (the default) stages are reused only from the
     * experiment's own folder.
     */
    public Runner withCache(Path cacheRoot) {
        this.cache = cacheRoot == null ? null : new StageCache(cacheRoot);
        return this;
    }

    /** Stops the run when {@code token} is cancelled (by Ctrl-C, say); by default nothing stops it. */
    public Runner withCancel(CancelToken token) {
        this.cancel = token;
        return this;
    }

    /** The outcome: every stage's record, in plan order, and the manifest's path. */
    public record Result(List<StageRecord> stages, Path manifest, Path experimentDir) {
        public boolean ok() {
            return stages.stream().allMatch(s -> StageRecord.OK.equals(s.status()));
        }

        public List<StageRecord> failed() {
            return stages.stream().filter(s -> StageRecord.FAILED.equals(s.status())).toList();
        }
    }

    /**
     * Runs the stages into {@code <out>/<experiment>/}. Only one process (or thread) at a time runs into an
     * experiment folder: another one waits, saying for whom ({@link FolderLock}), and then reuses what the first
     * computed. The lock is released when its holder ends, however it ends.
     *
     * @throws FolderLock.Interrupted when interrupted (Ctrl-C) while waiting for another run; nothing was written
     */
    public Result run(ExperimentSpec spec, List<Stage> stages, boolean fresh) throws IOException {
        Path expDir = outRoot.resolve(spec.name());
        Files.createDirectories(expDir);
        try (FolderLock held = FolderLock.acquire(expDir.resolve(LOCK_FILE), "experiment " + spec.name(),
                why -> log.println("l96: " + spec.name() + ": " + why), cancel::isCancelled)) {
            return runLocked(spec, stages, fresh, expDir);
        }
    }

    private Result runLocked(ExperimentSpec spec, List<Stage> stages, boolean fresh, Path expDir) throws IOException {
        Path work = expDir.resolve(WORK);
        AtomicFiles.deleteTree(work); // leftovers of an interrupted run: never results
        Files.createDirectories(work);

        Map<String, Stage> byName = index(stages);
        materials = StageKeys.materials(stages);
        Map<String, String> keys = new HashMap<>();
        materials.forEach((name, m) -> keys.put(name, SpecJson.hash(m)));
        Map<String, StageRecord> records = new ConcurrentHashMap<>();
        List<Stage> toRun = new ArrayList<>();
        Set<String> rerun = new HashSet<>();
        for (Stage s : stages) {
            CachePlan.Decision d = CachePlan.decide(s, expDir.resolve(s.name()), keys.get(s.name()), fresh, rerun);
            if (d.unreadableRecord()) {
                log.println("l96: warning: " + CachePlan.unreadableRecord(s.name()) + "; computing " + s.name()
                        + " again");
            }
            if (d.action() == CachePlan.Action.REUSE) {
                records.put(s.name(), d.previous().reused());
                continue;
            }
            toRun.add(s);
            if (d.remake()) {
                // made again as it was: what read it stays valid
                log.println("l96: warning: " + d.damage() + "; computing " + s.name() + " again");
            } else {
                rerun.add(s.name());
            }
        }
        int reused = stages.size() - toRun.size();
        log.println("l96: " + spec.name() + ": " + stages.size() + " stages, " + reused + " reused, " + toRun.size()
                + " to run → " + expDir);

        prepareAhead(toRun);
        try (ProgressReporter progress = new ProgressReporter(log, terminal, toRun.size(), spec.name())) {
            execute(spec, toRun, byName, keys, records, expDir, work, progress);
        }
        List<StageRecord> ordered = stages.stream().map(s -> records.get(s.name())).toList();
        Path manifest = Manifest.write(spec, expDir, ordered);
        AtomicFiles.deleteTree(work);
        return new Result(ordered, manifest, expDir);
    }

    /**
     * Runs {@link Stage#prepare()} once per kind of stage on a background thread: the first training otherwise
     * waits seconds for ND4J's native libraries, the first chart for the fonts, after the simulation that could
     * have hidden that wait.
     */
    private static void prepareAhead(List<Stage> toRun) {
        Map<Class<?>, Stage> oneOfEachKind = new LinkedHashMap<>();
        toRun.forEach(s -> oneOfEachKind.putIfAbsent(s.getClass(), s));
        if (oneOfEachKind.isEmpty()) {
            return;
        }
        Thread t = new Thread(() -> {
            for (Stage s : oneOfEachKind.values()) {
                try {
                    s.prepare();
                } catch (Throwable ignored) {
                    // the stage meets the same trouble when it runs, and reports it there
                }
            }
        }, "l96-prepare");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static Map<String, Stage> index(List<Stage> stages) {
        Map<String, Stage> byName = new LinkedHashMap<>();
        for (Stage s : stages) {
            if (byName.put(s.name(), s) != null) {
                throw new IllegalArgumentException("two stages are named " + s.name());
            }
            for (String in : s.inputs()) {
                if (!byName.containsKey(in)) {
                    throw new IllegalArgumentException(s.name() + " reads " + in + ", which is not planned before it");
                }
            }
        }
        return byName;
    }

    private void execute(ExperimentSpec spec, List<Stage> toRun, Map<String, Stage> byName, Map<String, String> keys,
                         Map<String, StageRecord> records, Path expDir, Path work, ProgressReporter progress) {
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "l96-stage");
            t.setDaemon(true);
            return t;
        });
        ExecutorCompletionService<StageRecord> done = new ExecutorCompletionService<>(pool);
        Map<String, Object> memo = new ConcurrentHashMap<>();
        Set<String> pending = new HashSet<>();
        toRun.forEach(s -> pending.add(s.name()));
        Set<String> started = new HashSet<>();
        int inFlight = 0;
        try {
            while (!pending.isEmpty() || inFlight > 0) {
                boolean progressMade = false;
                for (Stage s : toRun) {
                    if (!pending.contains(s.name()) || started.contains(s.name())) {
                        continue;
                    }
                    if (!s.runsDespiteFailedInputs() && s.inputs().stream().anyMatch(in -> isBad(records.get(in)))
                            || cancel.isCancelled()) {
                        String why = cancel.isCancelled() ? "the run was interrupted"
                                : "an input failed: " + s.inputs().stream().filter(in -> isBad(records.get(in)))
                                .findFirst().orElse("?");
                        records.put(s.name(), new StageRecord(s.name(), keys.get(s.name()), false, 0, 0, List.of(),
                                Map.of(), StageRecord.SKIPPED, why));
                        pending.remove(s.name());
                        progress.skip();
                        progressMade = true;
                        continue;
                    }
                    if (s.inputs().stream().allMatch(in -> records.containsKey(in))) {
                        started.add(s.name());
                        inFlight++;
                        Map<String, Path> inputDirs = new HashMap<>();
                        s.inputs().forEach(in -> inputDirs.put(in, expDir.resolve(in)));
                        Map<String, String> failed = new LinkedHashMap<>();
                        s.inputs().stream().filter(in -> isBad(records.get(in))).forEach(in -> failed.put(in,
                                records.get(in).status() + ": " + records.get(in).error()));
                        failedInputs.put(s.name(), failed);
                        done.submit(() -> runOne(spec, s, keys.get(s.name()), inputDirs, expDir, work, progress,
                                memo));
                        progressMade = true;
                    }
                }
                if (inFlight == 0) {
                    if (!progressMade && !pending.isEmpty()) {
                        throw new IllegalStateException("stages wait on each other: " + pending);
                    }
                    continue;
                }
                Future<StageRecord> f = done.take();
                inFlight--;
                StageRecord r;
                try {
                    r = f.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("stage runner failed", e.getCause());
                }
                records.put(r.name(), r);
                pending.remove(r.name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel.cancel();
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean isBad(StageRecord r) {
        return r != null && !StageRecord.OK.equals(r.status());
    }

    private StageRecord runOne(ExperimentSpec spec, Stage s, String key, Map<String, Path> inputDirs, Path expDir,
                               Path work, ProgressReporter progress, Map<String, Object> memo) {
        if (cache == null || !failedInputs.getOrDefault(s.name(), Map.of()).isEmpty()) {
            // made without some of its inputs: never shared, nor taken from the cache in place of that
            return compute(spec, s, key, inputDirs, expDir, work, progress, memo);
        }
        // one process computes a key at a time; the others wait and then link its result. The cache only saves
        // work: when it cannot be read or written the stage is computed (once) as without it.
        FolderLock lock;
        try {
            lock = cache.lock(key, "experiment " + spec.name() + ", stage " + s.name(), cancel::isCancelled,
                    why -> progress.line("  … " + s.name() + ": " + why));
        } catch (FolderLock.Interrupted e) {
            progress.skip();
            return new StageRecord(s.name(), key, false, 0, 0, List.of(), Map.of(), StageRecord.FAILED, INTERRUPTED);
        } catch (IOException e) {
            return compute(spec, s, key, inputDirs, expDir, work, progress, memo);
        }
        StageRecord record = null;
        try {
            try {
                record = cache.linkInto(key, expDir.resolve(s.name()), work,
                        damage -> progress.line("l96: warning: in the stage cache, " + damage + "; computing "
                                + s.name() + " again"));
            } catch (IOException unreadable) {
                record = null;
            }
            if (record != null) {
                progress.skip();
                progress.line(String.format("  ≡ %-28s (from the stage cache)", s.name()));
                return record;
            }
            record = compute(spec, s, key, inputDirs, expDir, work, progress, memo);
            if (StageRecord.OK.equals(record.status())) {
                try {
                    cache.publish(key, expDir.resolve(s.name()));
                } catch (IOException notShared) {
                    // the result stands in the experiment's folder; later experiments compute it again
                }
            }
            return record;
        } finally {
            try {
                lock.close();
            } catch (IOException ignored) {
                // the lock file goes with the process
            }
        }
    }

    private StageRecord compute(ExperimentSpec spec, Stage s, String key, Map<String, Path> inputDirs, Path expDir,
                                Path work, ProgressReporter progress, Map<String, Object> memo) {
        ProgressReporter.Task task = progress.start(s.name());
        Path tmp = work.resolve(s.name() + "-" + UUID.randomUUID());
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(tmp);
            StageContext ctx = new StageContext(s, tmp, inputDirs, spec, task, cancel,
                    (java.util.concurrent.ConcurrentMap<String, Object>) memo);
            ctx.failedInputs(failedInputs.getOrDefault(s.name(), Map.of()));
            s.run(ctx);
            if (ctx.cancelled()) {
                Path kept = keepInterrupted(s, tmp, expDir);
                throw new InterruptedException(kept == null ? INTERRUPTED
                        : INTERRUPTED + "; what it had so far is in " + kept);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            List<String> outputs;
            try (Stream<Path> files = Files.walk(tmp)) {
                outputs = files.filter(Files::isRegularFile).map(p -> tmp.relativize(p).toString()).sorted().toList();
            }
            StageRecord record = new StageRecord(s.name(), key, false, seconds, seconds, outputs, ctx.metrics(),
                    StageRecord.OK, null, OutputFiles.record(tmp, outputs), materials.get(s.name()));
            Files.writeString(tmp.resolve(STAGE_FILE), MetricsJson.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(record));
            swapIntoPlace(tmp, expDir.resolve(s.name()), work);
            progress.finish(task);
            List<String> warnings = ctx.warnings();
            progress.line(String.format("  %s %-28s %7.2f s%s", warnings.isEmpty() ? "✓" : "⚠", s.name(), seconds,
                    warnings.isEmpty() ? "" : "  " + String.join("; ", warnings)));
            return record;
        } catch (Throwable e) {
            double seconds = (System.nanoTime() - t0) / 1e9;
            progress.finish(task);
            String message = describe(s, e, expDir, cancel.isCancelled());
            progress.line("  ✗ " + s.name() + ": " + message);
            try {
                AtomicFiles.deleteTree(tmp);
            } catch (IOException ignored) {
                // the whole work folder is removed at the end of the run anyway
            }
            return new StageRecord(s.name(), key, false, seconds, seconds, List.of(), Map.of(),
                    StageRecord.FAILED, message);
        }
    }

    /** A user error is its message; anything else is named, and its trace goes to a log file, not the screen. */
    private static String describe(Stage s, Throwable e, Path expDir, boolean cancelled) {
        if (e instanceof UserError || e instanceof org.l96.world.WorldDivergedException) {
            // a world that diverges at the user's dt (an evaluation's rerun of it, too) is the user's setting
            return e.getMessage();
        }
        if (e instanceof InterruptedException || cancelled) {
            return e instanceof InterruptedException && e.getMessage() != null
                    && e.getMessage().startsWith(INTERRUPTED) ? e.getMessage() : INTERRUPTED;
        }
        Path logs = expDir.resolve("logs");
        try {
            Files.createDirectories(logs);
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            Path logFile = logs.resolve(s.name() + ".log");
            AtomicFiles.writeString(logFile, trace.toString());
            return "internal error " + e + " (details in " + logFile + ")";
        } catch (IOException io) {
            return "internal error " + e;
        }
    }

    /** Moves an interrupted stage's output to {@code interrupted/<stage>/} when it has any worth keeping. */
    private static Path keepInterrupted(Stage s, Path tmp, Path expDir) throws IOException {
        if (!s.keepsInterruptedOutput()) {
            return null;
        }
        try (Stream<Path> files = Files.list(tmp)) {
            if (files.findAny().isEmpty()) {
                return null;
            }
        }
        Path target = expDir.resolve(INTERRUPTED_DIR).resolve(s.name());
        Files.createDirectories(target.getParent());
        AtomicFiles.deleteTree(target);
        AtomicFiles.move(tmp, target);
        return target;
    }

    /** Puts a finished folder in place of {@code target}, the old one (if any) moved aside first, then removed. */
    static void swapIntoPlace(Path tmp, Path target, Path work) throws IOException {
        if (Files.exists(target)) {
            Path old = work.resolve(target.getFileName() + "-old-" + UUID.randomUUID());
            AtomicFiles.move(target, old);
            AtomicFiles.move(tmp, target);
            AtomicFiles.deleteTree(old);
        } else {
            AtomicFiles.move(tmp, target);
        }
    }

    /**
     * Stage folders in {@code experimentDir} that no stage of the current spec owns (a network renamed or removed,
     * an evaluation dropped), sorted by name: left from earlier runs, never read again. Nothing is deleted: they
     * may hold results someone still wants.
     */
    public static List<String> leftoverStages(Path experimentDir, java.util.Collection<String> stages) {
        if (!Files.isDirectory(experimentDir)) {
            return List.of();
        }
        try (var dirs = Files.list(experimentDir)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve(STAGE_FILE)))
                    .map(d -> d.getFileName().toString())
                    .filter(name -> !stages.contains(name))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of(); // a note, not worth failing a run over
        }
    }

    /**
     * Folders of {@code interrupted/} whose stage is among {@code finished} (it has finished since it was
     * interrupted), sorted: kept, as they may be a long partial training someone wants, but no longer current.
     */
    public static List<String> supersededInterrupted(Path experimentDir, java.util.Collection<String> finished) {
        Path dir = experimentDir.resolve(INTERRUPTED_DIR);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var dirs = Files.list(dir)) {
            return dirs.map(d -> d.getFileName().toString()).filter(finished::contains).sorted()
                    .map(name -> INTERRUPTED_DIR + "/" + name).toList();
        } catch (IOException e) {
            return List.of(); // a note, not worth failing a run over
        }
    }

    static StageRecord readRecord(Path stageDir) {
        Path f = stageDir.resolve(STAGE_FILE);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return JSON.readValue(f.toFile(), StageRecord.class);
        } catch (IOException e) {
            return null; // unreadable: recompute
        }
    }
}

package org.l96.sweep;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a worker: this JVM's java, options and class path running the hidden
 * {@code l96 sweep-point --plan FILE --index I} (the launcher's classpath, so a worker is the same tool).
 */
final class WorkerCommand {
    private WorkerCommand() {
    }

    static String java() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** JVM options worth passing on (heap, system properties, GC); no debugger or test agents. */
    static List<String> jvmOptions() {
        List<String> out = new ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-agentlib") || a.startsWith("-javaagent") || a.startsWith("-Xrunjdwp")
                    || a.startsWith("-Dsun.java.command") || a.startsWith("-Djdk.module")
                    || a.startsWith("-XX:ArchiveClassesAtExit")) {   // only the launcher's first run writes it
                continue;
            }
            if (a.startsWith("-X") || a.startsWith("-D") || a.startsWith("-XX")) {
                out.add(a);
            }
        }
        return out;
    }

    /** The full command, with {@code index} as given (a number, or {@code $SLURM_ARRAY_TASK_ID} in a job script). */
    static List<String> of(Path plan, String index, int threads) {
        List<String> cmd = base(plan);
        cmd.add("--index");
        cmd.add(index);
        cmd.add("--threads");
        cmd.add(String.valueOf(threads));
        return cmd;
    }

    /** The default of {@code L96_WORKER_JAVA_OPTS}. */
    static final String WORKER_OPTIONS = "-XX:+UseSerialGC";

    /**
     * JVM options of local workers running side by side: {@code L96_WORKER_JAVA_OPTS}, by default
     * {@link #WORKER_OPTIONS}, so that a worker keeps to one core. Training runs on the plain-Java engine, which
     * allocates nothing per step, so a worker needs no collector threads of its own (the serial collector) but does
     * need C2: the engine's loops are vectorized by C2 only, and with C1 alone ({@code -XX:TieredStopAtLevel=1},
     * the default while training ran on DL4J and made ~300 MB/s of garbage) a training step costs 4.5× the CPU time
     * (0.91 against 0.20 ms for the notebook's Adam step).
     */
    static List<String> localWorkerOptions() {
        String env = System.getenv("L96_WORKER_JAVA_OPTS");
        String opts = env != null ? env : WORKER_OPTIONS;
        return opts.isBlank() ? List.of() : List.of(opts.trim().split("\\s+"));
    }

    /**
     * A worker that runs the indices it reads from standard input ({@code sweep-point --serve}), {@code slots} at
     * once. A worker alone ({@code sideBySide} false, even when it runs several points) keeps the launcher's
     * options: its collector and compiler threads then serve all its points.
     */
    static List<String> serving(Path plan, int threads, int slots, boolean sideBySide) {
        List<String> cmd = base(plan);
        List<String> own = sideBySide ? localWorkerOptions() : List.of();
        if (own.stream().anyMatch(WorkerCommand::choosesCollector)) {
            cmd.removeIf(WorkerCommand::choosesCollector); // the JVM refuses two collectors
        }
        cmd.addAll(1, own);
        cmd.add("--serve");
        cmd.add("--slots");
        cmd.add(String.valueOf(slots));
        cmd.add("--threads");
        cmd.add(String.valueOf(threads));
        return cmd;
    }

    private static List<String> base(Path plan) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(jvmOptions());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.l96.cli.Main");
        cmd.add("sweep-point");
        cmd.add("--plan");
        cmd.add(plan.toString());
        return cmd;
    }

    private static boolean choosesCollector(String option) {
        return option.startsWith("-XX:+Use") && option.endsWith("GC");
    }
}

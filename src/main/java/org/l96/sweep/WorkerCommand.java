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
                    || a.startsWith("-Dsun.java.command") || a.startsWith("-Djdk.module")) {
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

    /**
     * JVM options of local workers only: {@code L96_WORKER_JAVA_OPTS}, by default {@code -XX:TieredStopAtLevel=1}.
     * With the full JIT a worker's C2 compiler threads stay busy through a typical point (~0.6 of a core beside
     * the stage thread), so two workers on two cores slowed each other 2-3×; with C1 only a worker uses one core and
     * two workers run side by side at full speed (measured on the 2-core development machine).
     */
    static List<String> localWorkerOptions() {
        String env = System.getenv("L96_WORKER_JAVA_OPTS");
        String opts = env != null ? env : "-XX:TieredStopAtLevel=1";
        return opts.isBlank() ? List.of() : List.of(opts.trim().split("\\s+"));
    }

    /** A worker that runs the indices it reads from standard input ({@code sweep-point --serve}). */
    static List<String> serving(Path plan, int threads) {
        List<String> cmd = base(plan);
        cmd.addAll(1, localWorkerOptions());
        cmd.add("--serve");
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
}

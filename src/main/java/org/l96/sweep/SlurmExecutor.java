package org.l96.sweep;

import org.l96.run.UserError;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs points as one SLURM job array: a job script ({@code #SBATCH --array=…}, one task per point, each running
 * {@code l96 sweep-point} with this tool's java and class path into the shared output folder) submitted with
 * {@code sbatch}; then, unless told not to wait, polls {@code squeue} until the job has left the queue. Each task
 * writes its point's {@code status/<id>.json}; a task that wrote none (killed, out of time) is recorded as failed.
 */
public final class SlurmExecutor {
    /** {@code #SBATCH} options; null ones are left to the cluster's defaults. */
    public record Options(String partition, String time, Integer cpus, String mem, boolean waitForJob) {
    }

    private final Options options;
    private final PrintStream log;

    public SlurmExecutor(Options options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    /** Submits the points and (when waiting) returns when the job has finished; the job's id. */
    public String run(SweepLayout layout, SweepPlan plan, List<SweepPlan.Point> todo) throws IOException {
        Files.createDirectories(layout.logs());
        for (SweepPlan.Point p : todo) {
            Files.deleteIfExists(layout.status(p.id()));
        }
        Path script = writeScript(layout, plan, todo);
        String job = submit(script);
        log.println("l96: sweep: submitted SLURM job " + job + " (" + todo.size() + " array tasks; script "
                + script + ")");
        if (!options.waitForJob()) {
            log.println("l96: not waiting; gather the results later with: l96 sweep --collect " + layout.dir());
            return job;
        }
        waitFor(job, layout, todo);
        for (SweepPlan.Point p : todo) {
            if (PointStatus.read(layout.status(p.id())) == null) {
                new PointStatus(p.id(), PointStatus.FAILED, "the SLURM task wrote no result (see "
                        + layout.logs().resolve("slurm-" + job + "_" + p.index() + ".log") + ")", 0, p.specHash())
                        .write(layout.status(p.id()));
            }
        }
        return job;
    }

    Path writeScript(SweepLayout layout, SweepPlan plan, List<SweepPlan.Point> todo) throws IOException {
        Path dir = layout.dir().resolve("slurm");
        Files.createDirectories(dir);
        StringBuilder s = new StringBuilder("#!/bin/bash\n");
        s.append("#SBATCH --job-name=l96-").append(plan.name().replaceAll("[^A-Za-z0-9._-]", "-")).append('\n');
        s.append("#SBATCH --array=").append(arraySpec(todo)).append('\n');
        s.append("#SBATCH --output=").append(layout.logs().resolve("slurm-%A_%a.log")).append('\n');
        s.append("#SBATCH --cpus-per-task=").append(options.cpus() == null ? 1 : options.cpus()).append('\n');
        if (options.partition() != null) {
            s.append("#SBATCH --partition=").append(options.partition()).append('\n');
        }
        if (options.time() != null) {
            s.append("#SBATCH --time=").append(options.time()).append('\n');
        }
        if (options.mem() != null) {
            s.append("#SBATCH --mem=").append(options.mem()).append('\n');
        }
        s.append("# one point of the sweep per array task; the index is the point's index in plan.json\n");
        s.append("export OMP_NUM_THREADS=\"${SLURM_CPUS_PER_TASK:-1}\"\n");
        s.append("cd ").append(quote(layout.dir().toString())).append('\n');
        // the job reads its own copy of the plan: a later sweep may rewrite plan.json while this job waits in the queue
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path planCopy = dir.resolve("job-" + stamp + ".plan.json");
        plan.write(planCopy);
        List<String> cmd = new ArrayList<>(WorkerCommand.of(planCopy, "INDEX", 1));
        int at = cmd.indexOf("--index");
        cmd.addAll(at, List.of("--sweep-dir", layout.dir().toString()));
        List<String> words = new ArrayList<>();
        for (int i = 0; i < cmd.size(); i++) {
            String w = cmd.get(i);
            boolean isIndex = i > 0 && "--index".equals(cmd.get(i - 1));
            boolean isThreads = i > 0 && "--threads".equals(cmd.get(i - 1));
            words.add(isIndex ? "\"$SLURM_ARRAY_TASK_ID\"" : isThreads ? "\"${SLURM_CPUS_PER_TASK:-1}\"" : quote(w));
        }
        s.append("exec ").append(String.join(" ", words)).append('\n');
        Path script = dir.resolve("job-" + stamp + ".sh");
        Files.writeString(script, s.toString());
        script.toFile().setExecutable(true);
        return script;
    }

    /** Array indices: {@code 0-(n-1)} when all points run, else a compact list such as {@code 2,5-7}. */
    static String arraySpec(List<SweepPlan.Point> todo) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < todo.size()) {
            int start = todo.get(i).index();
            int end = start;
            while (i + 1 < todo.size() && todo.get(i + 1).index() == end + 1) {
                end = todo.get(++i).index();
            }
            parts.add(start == end ? String.valueOf(start) : start + "-" + end);
            i++;
        }
        return String.join(",", parts);
    }

    private String submit(Path script) throws IOException {
        Result r = command(List.of("sbatch", "--parsable", script.toString()));
        if (r.code != 0) {
            throw new UserError("sbatch refused the job (exit " + r.code + "): " + r.output.strip());
        }
        String out = r.output.strip();
        String last = out.lines().reduce((a, b) -> b).orElse("");
        return last.contains(";") ? last.substring(0, last.indexOf(';')) : last;
    }

    private void waitFor(String job, SweepLayout layout, List<SweepPlan.Point> todo) throws IOException {
        int lastDone = -1;
        int failures = 0;
        while (true) {
            int done = (int) todo.stream().filter(p -> PointStatus.read(layout.status(p.id())) != null).count();
            if (done != lastDone) {
                log.println("l96: sweep: " + done + "/" + todo.size() + " points finished (SLURM job " + job + ")");
                lastDone = done;
            }
            Result q = command(List.of("squeue", "-h", "-j", job, "-o", "%i %T"));
            boolean queued = q.code == 0 && !q.output.isBlank();
            if (!queued && (q.code == 0 || done == todo.size())) {
                return;
            }
            failures = q.code == 0 ? 0 : failures + 1;
            if (failures >= 30) { // about a minute of squeue errors: stop waiting, the job may still run
                throw new UserError("cannot follow SLURM job " + job + " (squeue: " + q.output.strip() + "); it may "
                        + "still run: gather its results later with l96 sweep --collect " + layout.dir());
            }
            try {
                TimeUnit.SECONDS.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for SLURM job " + job
                        + " (it keeps running; gather later with l96 sweep --collect " + layout.dir() + ")");
            }
        }
    }

    private record Result(int code, String output) {
    }

    private static Result command(List<String> cmd) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UserError("cannot run " + cmd.get(0) + " (" + e.getMessage() + "): --executor slurm needs "
                    + "SLURM's commands (sbatch, squeue) on the PATH");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            return new Result(p.waitFor(), out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}

package org.l96.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.spec.SpecJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code l96 sweep --executor slurm} against a real one-node SLURM started by the test: the job array runs every
 * point and the command collects them; {@code --no-wait} then {@code --collect} gathers a later submission. Skipped
 * where SLURM is not installed or cannot be started (it needs root), a failure under CI ({@link LocalSlurm}).
 */
class SlurmSweepTest {
    @TempDir
    Path dir;

    @Test
    void jobArrayRoundTrip() throws Exception {
        Path script = dir.resolve("tiny.groovy");
        Files.writeString(script, org.l96.cli.SweepFixtures.TINY);
        Path out = dir.resolve("out");
        Files.createDirectories(dir.resolve("slurm"));
        try (LocalSlurm slurm = LocalSlurm.start(dir.resolve("slurm"))) {
            LocalSlurm.Out r = l96(slurm, "sweep", script.toString(), "--executor", "slurm", "--out", out.toString(),
                    "--time", "10:00", "--cpus", "1");
            assertEquals(0, r.code(), r.text());
            Path sweep = out.resolve("tiny");
            JsonNode summary = SpecJson.mapper().readTree(sweep.resolve("summary.json").toFile());
            assertEquals(2, summary.get("ok").asInt(), r.text());
            try (var jobs = Files.list(sweep.resolve("slurm"))) {
                String job = Files.readString(jobs.filter(f -> f.toString().endsWith(".sh")).findFirst()
                        .orElseThrow());
                assertTrue(job.contains("#SBATCH --array=0-1"), job);
                assertTrue(job.contains("#SBATCH --time=10:00"), job);
            }

            // one more value, submitted without waiting, then gathered with --collect
            LocalSlurm.Out submitted = l96(slurm, "sweep", script.toString(), "--executor", "slurm", "--out",
                    out.toString(), "--vary", "networks.small.train.epochs=1,2,3", "--no-wait");
            assertEquals(0, submitted.code(), submitted.text());
            assertTrue(submitted.text().contains("1 to run"), submitted.text());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!Files.exists(sweep.resolve("status/epochs-3_r0.json")) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(500);
            }
            LocalSlurm.Out collected = l96(slurm, "sweep", "--collect", sweep.toString());
            assertEquals(0, collected.code(), collected.text());
            assertTrue(collected.text().contains("3 ok, 0 failed"), collected.text());
        }
    }

    /** The l96 command line in a JVM of its own, with SLURM_CONF set for it and for the sbatch it runs. */
    private LocalSlurm.Out l96(LocalSlurm slurm, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(WorkerCommand.java(), "-Xmx1g", "-cp",
                System.getProperty("java.class.path"), "org.l96.cli.Main"));
        cmd.addAll(List.of(args));
        return slurm.run(cmd, 150);
    }
}

package org.l96.sweep;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.SweepSpec;

import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The job-array script, without a cluster: array indices, #SBATCH options, one sweep-point per task. */
class SlurmScriptTest {
    @TempDir
    Path dir;

    private static SweepPlan.Point point(int index) {
        return new SweepPlan.Point(index, "p" + index, java.util.Map.of(), 0, 1, null);
    }

    @Test
    void arrayIndicesAreCompact() {
        assertEquals("0-3", SlurmExecutor.arraySpec(List.of(point(0), point(1), point(2), point(3))));
        assertEquals("2,5-7,9", SlurmExecutor.arraySpec(List.of(point(2), point(5), point(6), point(7), point(9))));
    }

    @Test
    void theScriptRunsOnePointPerTask() throws Exception {
        ExperimentSpec base = new ExperimentSpec("e", 3, null, null, null, null, null, null, null, null,
                new SweepSpec("product", List.of(new SweepSpec.Axis("world.forcing", List.of("16", "20"))), 1));
        SweepPlan plan = SweepPlan.of(base, "e");
        SweepLayout layout = SweepLayout.of(dir, "e");
        Files.createDirectories(layout.dir());
        plan.write(layout.plan());
        Path script = new SlurmExecutor(new SlurmExecutor.Options("short", "0:30:00", 2, "4G", true),
                new PrintStream(new ByteArrayOutputStream())).writeScript(layout, plan, plan.points());
        String s = Files.readString(script);
        for (String line : List.of("#SBATCH --array=0-1", "#SBATCH --partition=short", "#SBATCH --time=0:30:00",
                "#SBATCH --cpus-per-task=2", "#SBATCH --mem=4G", "'org.l96.cli.Main' 'sweep-point' '--plan' '"
                        + script.toString().replace(".sh", ".plan.json") + "' '--sweep-dir' '" + layout.dir()
                        + "' '--index' \"$SLURM_ARRAY_TASK_ID\"")) {
            assertTrue(s.contains(line), line + " not in\n" + s);
        }
    }
}

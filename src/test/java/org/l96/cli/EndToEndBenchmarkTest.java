package org.l96.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.sweep.PointStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndToEndBenchmarkTest {
    @TempDir
    Path dir;

    private void status(String id, double seconds, long finishedAtMillis) throws IOException {
        Path f = dir.resolve(id + ".json");
        new PointStatus(id, PointStatus.OK, null, seconds, "h").write(f);
        Files.setLastModifiedTime(f, FileTime.fromMillis(finishedAtMillis));
    }

    @Test
    void thePointsThatFinishedFirstAreMeasuredApartFromTheOthers() throws IOException {
        // names sort otherwise than finishing times: r3 and r0 finished first
        status("r0", 7.0, 2_000);
        status("r1", 6.0, 4_000);
        status("r2", 5.0, 5_000);
        status("r3", 7.4, 1_000);
        EndToEndBenchmark.PointSeconds two = EndToEndBenchmark.pointSeconds(dir, 2);
        assertEquals(7.2, two.first(), 1e-12);
        assertEquals(5.5, two.later(), 1e-12);
        EndToEndBenchmark.PointSeconds one = EndToEndBenchmark.pointSeconds(dir, 1);
        assertEquals(7.4, one.first(), 1e-12);
        assertEquals((7.0 + 6.0 + 5.0) / 3, one.later(), 1e-12);
    }

    @Test
    void noStatusesGiveNaN() throws IOException {
        EndToEndBenchmark.PointSeconds none = EndToEndBenchmark.pointSeconds(dir.resolve("absent"), 2);
        assertTrue(Double.isNaN(none.first()) && Double.isNaN(none.later()));
        status("r0", 6.0, 1_000);
        EndToEndBenchmark.PointSeconds one = EndToEndBenchmark.pointSeconds(dir, 2);
        assertEquals(6.0, one.first(), 1e-12);
        assertTrue(Double.isNaN(one.later()));
    }
}

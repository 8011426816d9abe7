package org.l96.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A trajectories chart counts coarse steps of its evaluation's dt; more steps than the run has are refused. */
class TrajectoryStepsTest {
    private static Path script(Path dir, String dt, int steps) throws IOException {
        Path s = dir.resolve("steps.groovy");
        Files.writeString(s, """
                experiment('steps') {
                    simulate { sampleEvery 0.01; samples 1000 }
                    data { validation fraction: 0.2 }
                    trajectory('T') { start(-1); duration 2; %s compare 'none' }
                    charts {
                        trajectories 'T', variable: 0, steps: %d
                    }
                }
                """.formatted(dt, steps));
        return s;
    }

    @Test
    void stepsBeyondTheRunAreRefusedAtTheChartsLine(@TempDir Path dir) throws IOException {
        // dt 0.002 for 2 time units: 1000 steps (the case's steps: 500 fits; counted in samples it did not)
        assertEquals(0, CliRunner.run("validate", script(dir, "dt 0.002;", 500).toString()).code());
        assertEquals(0, CliRunner.run("validate", script(dir, "dt 0.002;", 1000).toString()).code());
        CliRunner.Outcome over = CliRunner.run("validate", script(dir, "dt 0.002;", 1001).toString());
        assertEquals(2, over.code(), over.err());
        assertTrue(over.err().contains("steps.groovy:6"), over.err());
        assertTrue(over.err().contains("steps 1001 is more than trajectory 'T' runs: 1000 coarse steps of dt 0.002"),
                over.err());
        assertTrue(over.err().contains("give steps: 1000 or fewer"), over.err());
        // without dt the coarse model steps at the sample interval: 200 steps in 2 time units
        CliRunner.Outcome byDefault = CliRunner.run("validate", script(dir, "", 201).toString());
        assertEquals(2, byDefault.code(), byDefault.err());
        assertTrue(byDefault.err().contains("200 coarse steps of dt 0.01"), byDefault.err());
        // run refuses it too, before anything runs
        CliRunner.Outcome run = CliRunner.run("run", script(dir, "", 201).toString(), "--out",
                dir.resolve("out").toString());
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("steps.groovy:6"), run.err());
    }
}

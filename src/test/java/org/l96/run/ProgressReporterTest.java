package org.l96.run;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressReporterTest {

    @Test
    void frequentEventsReportTheFirstThenOncePerLogIntervalAndWhenForced() {
        AtomicLong now = new AtomicLong(5_000_000_000L);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProgressReporter reporter = new ProgressReporter(new PrintStream(out, true, StandardCharsets.UTF_8), false, 1,
                "t", now::get);
        ProgressReporter.Task task = reporter.start("train-a");
        int lines = 0;
        // 10 000 epochs of 1 ms each: the first, then one a second (10 s in all), and the last, forced
        for (int epoch = 1; epoch <= 10_000; epoch++) {
            if (task.due(epoch == 10_000)) {
                task.log("epoch " + epoch);
                lines++;
            }
            now.addAndGet(1_000_000L);
        }
        String log = out.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("train-a: epoch 1\n"), log);
        assertTrue(log.contains("train-a: epoch 1001\n"), log);
        assertFalse(log.contains("train-a: epoch 1000\n"), log);
        assertTrue(log.contains("train-a: epoch 10000\n"), log);
        assertEquals(11, lines, log); // epochs 1, 1001, 2001, …, 9001 and 10000
    }

    @Test
    void eachTaskKeepsItsOwnInterval() {
        AtomicLong now = new AtomicLong();
        ProgressReporter reporter = new ProgressReporter(new PrintStream(new ByteArrayOutputStream()), false, 2, "t",
                now::get);
        ProgressReporter.Task a = reporter.start("a");
        ProgressReporter.Task b = reporter.start("b");
        assertTrue(a.due(false));
        assertTrue(b.due(false), "another stage's first event is due too");
        now.addAndGet(ProgressReporter.LOG_INTERVAL_NANOS - 1);
        assertFalse(a.due(false));
        assertTrue(a.due(true), "forced");
        now.addAndGet(1);
        assertTrue(b.due(false));
        assertFalse(a.due(false), "the forced report restarted a's interval");
    }
}

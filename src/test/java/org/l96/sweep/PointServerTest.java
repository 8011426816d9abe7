package org.l96.sweep;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The worker's serving loop: several points at once on threads of their own, a point that throws answered like the
 * others without stopping them, and the end of the input letting the running points finish.
 */
class PointServerTest {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private static BufferedReader input(String text) {
        return new BufferedReader(new StringReader(text));
    }

    private List<String> answers() {
        List<String> lines = new ArrayList<>(List.of(outBytes.toString(StandardCharsets.UTF_8).split("\\R")));
        lines.removeIf(String::isEmpty);
        return lines;
    }

    @Test
    void twoSlotsRunTwoPointsAtOnce() throws IOException {
        // each of the first two points waits for the other to have started: only concurrent runs get through
        CyclicBarrier both = new CyclicBarrier(2);
        List<Integer> through = new java.util.concurrent.CopyOnWriteArrayList<>();
        PointServer.serve(input("0\n1\n"), out, 2, i -> {
            try {
                both.await(20, TimeUnit.SECONDS);
                through.add(i);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new AssertionError("point " + i + " ran alone", e);
            }
        }, err);
        assertEquals(2, through.size(), errBytes.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(LocalExecutor.DONE + "0", LocalExecutor.DONE + "1"),
                answers().stream().sorted().toList());
    }

    @Test
    void oneSlotRunsOnePointAtATime() throws IOException {
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        PointServer.serve(input("0\n1\n2\n"), out, 1, i -> {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            sleep(50);
            now.decrementAndGet();
        }, err);
        assertEquals(1, most.get());
        // one slot answers in the order given
        assertEquals(List.of(LocalExecutor.DONE + "0", LocalExecutor.DONE + "1", LocalExecutor.DONE + "2"),
                answers());
    }

    @Test
    void aPointThatThrowsIsAnsweredAndTheOtherGoesOn() throws IOException {
        List<Integer> finished = new java.util.concurrent.CopyOnWriteArrayList<>();
        PointServer.serve(input("0\n1\n"), out, 2, i -> {
            if (i == 0) {
                throw new StackOverflowError("deep");
            }
            sleep(200); // still running when point 0 has failed
            finished.add(i);
        }, err);
        assertEquals(List.of(1), finished);
        assertEquals(List.of(LocalExecutor.DONE + "0", LocalExecutor.DONE + "1"),
                answers().stream().sorted().toList());
        String errors = errBytes.toString(StandardCharsets.UTF_8);
        assertTrue(errors.contains("point 0") && errors.contains("StackOverflowError"), errors);
    }

    @Test
    void theEndOfTheInputLetsTheRunningPointsFinish() throws IOException {
        List<Integer> finished = new java.util.concurrent.CopyOnWriteArrayList<>();
        // the input ends while both points run: serve returns only after both finished and were answered
        PointServer.serve(input("0\n1\n"), out, 2, i -> {
            sleep(300);
            finished.add(i);
        }, err);
        assertEquals(List.of(0, 1), finished.stream().sorted().toList());
        assertEquals(2, answers().size());
    }

    @Test
    void aLineThatIsNoIndexIsReportedAndSkipped() throws IOException {
        List<Integer> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
        PointServer.serve(input("x\n\n3\n"), out, 2, ran::add, err);
        assertEquals(List.of(3), ran);
        assertEquals(List.of(LocalExecutor.DONE + "3"), answers());
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("not a point index: x"));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

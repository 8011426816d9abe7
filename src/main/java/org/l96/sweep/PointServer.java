package org.l96.sweep;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The serving loop of a local sweep worker JVM ({@code l96 sweep-point --serve --slots N}): reads point indices from
 * {@code in}, one a line, runs up to {@code slots} of them at once on threads of its own, and answers
 * {@code l96-point-done I} ({@link LocalExecutor#DONE}) on {@code out} when point I is finished, in the order the
 * points finish. One JVM serving several points pays JVM start, ND4J initialization and the JIT compilation of the
 * training engine once, where one JVM per point slot paid them once per slot, on cores the points need.
 *
 * <p>A point that throws (even an {@link Error}) is answered like any other: what it writes is its own status file,
 * and the other points go on. At the end of {@code in} (the executor has no more points, or is gone) the points
 * already started finish and the loop returns; none is started after it.
 */
public final class PointServer {
    private PointServer() {
    }

    /**
     * Serves until {@code in} ends. {@code runPoint} runs the point of an index (its status and log are its own
     * business); a throw from it is reported on {@code errors} and the point is still answered.
     */
    public static void serve(BufferedReader in, PrintStream out, int slots, IntConsumer runPoint, PrintStream errors)
            throws IOException {
        AtomicInteger started = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, slots), r -> {
            Thread t = new Thread(r, "l96-point-" + started.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                int index;
                try {
                    index = Integer.parseInt(line.strip());
                } catch (NumberFormatException e) {
                    errors.println("l96: sweep worker: not a point index: " + line.strip());
                    continue;
                }
                pool.execute(() -> {
                    try {
                        runPoint.accept(index);
                    } catch (Throwable t) {
                        errors.println("l96: sweep worker: point " + index + ": " + t);
                    }
                    synchronized (out) {
                        out.println(LocalExecutor.DONE + index);
                        out.flush();
                    }
                });
            }
        } finally {
            pool.shutdown();
            try {
                while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    // the points in progress finish: their results are written whole or not at all
                }
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}

package org.l96.sweep;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A stand-in for {@code l96 sweep-point --serve} in {@link LocalExecutorTest}: the same serving loop
 * ({@link PointServer}) over the same plan, but each point does what {@code <sweep>/behave/<index>} says instead of
 * running an experiment, and leaves markers in {@code <sweep>/marks/}:
 * <ul>
 *   <li>{@code ok}: writes an ok status;</li>
 *   <li>{@code fail}: writes a failed status (a point that fails, its JVM unharmed);</li>
 *   <li>{@code pair}: marks {@code started-I}, waits (≤ 20 s) until every point named in {@code behave/pair} has
 *       started in this JVM, then writes an ok status (only points running at once in one JVM get through);</li>
 *   <li>{@code die}: waits (≤ 20 s) for {@code marks/started-*} of the point in {@code behave/victim}, then ends the
 *       JVM with exit code 3;</li>
 *   <li>{@code victim}: the first time, marks its start and sleeps 60 s (ended by the point that kills the JVM);
 *       again, ok at once;</li>
 *   <li>{@code hold}: marks its start, waits (≤ 20 s) for {@code marks/release}, then writes an ok status.</li>
 * </ul>
 * Every JVM start appends a line to {@code marks/starts}: {@code slots pid}.
 */
public final class FakeWorker {
    public static void main(String[] args) throws IOException {
        Path sweep = Path.of(args[0]);
        int slots = Integer.parseInt(args[1]);
        SweepLayout layout = SweepLayout.ofSweepDir(sweep);
        SweepPlan plan = SweepPlan.read(layout.plan());
        Path marks = Files.createDirectories(sweep.resolve("marks"));
        Files.writeString(marks.resolve("starts"), slots + " " + ProcessHandle.current().pid() + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        PrintStream protocol = System.out;
        System.setOut(System.err);
        PointServer.serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), protocol,
                slots, i -> {
                    try {
                        behave(layout, plan.points().get(i), marks, ProcessHandle.current().pid());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, System.err);
    }

    private static void behave(SweepLayout layout, SweepPlan.Point p, Path marks, long pid) throws IOException {
        Path sweep = layout.dir();
        String how = Files.readString(sweep.resolve("behave/" + p.index())).strip();
        String status = PointStatus.OK;
        switch (how) {
            case "ok" -> { }
            case "fail" -> status = PointStatus.FAILED;
            case "pair" -> {
                Files.writeString(marks.resolve("started-" + p.index()), String.valueOf(pid));
                for (String other : Files.readString(sweep.resolve("behave/pair")).strip().split(",")) {
                    Path m = marks.resolve("started-" + other);
                    if (!waitFor(() -> Files.exists(m) && readPid(m) == pid)) {
                        status = PointStatus.FAILED;
                    }
                }
            }
            case "die" -> {
                String victim = Files.readString(sweep.resolve("behave/victim")).strip();
                waitFor(() -> Files.exists(marks.resolve("started-" + victim)));
                System.err.println("l96: fake worker: told to die");
                System.exit(3);
            }
            case "victim" -> {
                Path m = marks.resolve("started-" + p.index());
                if (!Files.exists(m)) {
                    Files.writeString(m, String.valueOf(pid));
                    sleep(60_000);
                }
            }
            case "hold" -> {
                Files.writeString(marks.resolve("started-" + p.index()), String.valueOf(pid));
                waitFor(() -> Files.exists(marks.resolve("release")));
            }
            default -> throw new IllegalArgumentException(how);
        }
        new PointStatus(p.id(), status, status.equals(PointStatus.OK) ? null : "it was told to fail", 0.1,
                p.specHash()).write(layout.status(p.id()));
    }

    private static long readPid(Path m) {
        try {
            return Long.parseLong(Files.readString(m).strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition) {
        long end = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            sleep(20);
        }
        return false;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.l96.run;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Progress of a run. On a terminal, one bar for the whole run (each stage counts as 1000 units, filled as the stage
 * reports) whose message names what is running now; otherwise one plain line per event, fit for logs and CI.
 * Frequent events (a training's epochs) ask {@link Task#due} first, so that a status is built and a line written at
 * most every {@link #BAR_INTERVAL_NANOS} on a terminal and {@link #LOG_INTERVAL_NANOS} in a log.
 */
public final class ProgressReporter implements AutoCloseable {
    private static final int UNITS = 1000;
    /** How often a frequent event updates the bar: its refresh interval. */
    static final long BAR_INTERVAL_NANOS = 200_000_000L;
    /**
     * How often a frequent event writes a line to a log: once a second keeps a 3000-epoch training's log readable
     * (its every epoch is in history.json). A line per epoch also cost a sweep worker CPU that its points needed,
     * most of it the JIT compiling the formatter (C2 time 1.75 against 1.10 s over a sweep of four such trainings).
     */
    static final long LOG_INTERVAL_NANOS = 1_000_000_000L;
    private final PrintStream log;
    private final ProgressBar bar;
    private final LongSupplier clock;
    private final Map<String, Task> running = new ConcurrentSkipListMap<>();

    public ProgressReporter(PrintStream log, boolean terminal, int stages, String title) {
        this(log, terminal, stages, title, System::nanoTime);
    }

    /** With the clock {@link Task#due} reads (nanoseconds, as {@link System#nanoTime}). */
    ProgressReporter(PrintStream log, boolean terminal, int stages, String title, LongSupplier clock) {
        this.log = log;
        this.clock = clock;
        this.bar = terminal && stages > 0 ? new ProgressBarBuilder().setTaskName(title)
                .setInitialMax((long) stages * UNITS).setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setUpdateIntervalMillis(200).continuousUpdate().setConsumer(new ConsoleProgressBarConsumer(log)).build() : null;
    }

    public static boolean isTerminal() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    public Task start(String stage) {
        Task t = new Task(stage);
        running.put(stage, t);
        refresh();
        return t;
    }

    /** A line that must be seen (stage done, epoch finished when no terminal, warnings). */
    public synchronized void line(String text) {
        if (bar != null) {
            // print above the bar: clear the bar's line first
            log.print("\r\033[K");
        }
        log.println(text);
        if (bar != null) {
            bar.refresh();
        }
    }

    void finish(Task t) {
        running.remove(t.stage);
        if (bar != null) {
            bar.stepBy(UNITS - t.reported);
        }
        refresh();
    }

    void skip() {
        if (bar != null) {
            bar.stepBy(UNITS);
        }
    }

    private void refresh() {
        if (bar != null) {
            bar.setExtraMessage(running.values().stream().map(Task::status).collect(Collectors.joining(" · ")));
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }

    /** One running stage's progress. */
    public final class Task {
        private final String stage;
        private volatile String message = "";
        private long reported;
        private long lastDue;
        private boolean anyDue;

        Task(String stage) {
            this.stage = stage;
        }

        /** Fraction done in [0, 1] and a short status such as "epoch 12/50 loss 2.41". */
        public synchronized void update(double fraction, String status) {
            this.message = status;
            long units = Math.max(0, Math.min(UNITS, Math.round(fraction * UNITS)));
            if (bar != null && units > reported) {
                bar.stepBy(units - reported);
                reported = units;
            }
            refresh();
        }

        /**
         * Whether a frequent event should report now ({@link #update} and {@link #log}): its first call, a call with
         * {@code force} (the last epoch), and otherwise once the interval of the bar, or of the log when there is no
         * bar, has passed since the last report.
         */
        public synchronized boolean due(boolean force) {
            long now = clock.getAsLong();
            if (force || !anyDue || now - lastDue >= (bar != null ? BAR_INTERVAL_NANOS : LOG_INTERVAL_NANOS)) {
                anyDue = true;
                lastDue = now;
                return true;
            }
            return false;
        }

        /** A line for logs (used when there is no terminal, e.g. one per epoch). */
        public void log(String text) {
            if (bar == null) {
                line("  " + stage + ": " + text);
            }
        }

        String status() {
            return message.isEmpty() ? stage : stage + " " + message;
        }
    }
}

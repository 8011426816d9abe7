package org.l96.run;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request to stop a run, handed to the {@link Runner} by whoever started it (Ctrl-C in {@code l96 run} cancels
 * it): stages not yet started are skipped, running ones see {@link StageContext#cancelled()} and end cleanly, a wait
 * for another process's lock ends. One token per run, so that stopping one run never stops another in the same JVM.
 */
public final class CancelToken {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    /** Asks the run to stop; it cannot be taken back. */
    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }
}

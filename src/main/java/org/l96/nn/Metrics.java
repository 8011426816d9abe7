package org.l96.nn;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Summary of a training run: losses of the last epoch, the best validation loss and its epoch (1-based; 0 when no
 * epoch completed; "best" as early stopping sees it: an epoch counts as better only by more than {@code minDelta},
 * so with the default 0 it is the minimum; these are the weights kept by {@code restoreBest} and on cancellation),
 * epochs completed, trainable parameter count, wall-clock seconds, and why the run ended ({@link StopReason}).
 */
public record Metrics(double finalTrainLoss, double finalValLoss, double bestValLoss, int bestEpoch, int epochs,
                      long parameters, double seconds, StopReason stopReason) {

    /** Why training ended. */
    public enum StopReason {
        /** all epochs ran */
        COMPLETED,
        /** early stopping: no improvement for {@code patience} epochs */
        EARLY_STOPPED,
        /** the listener asked to stop or the thread was interrupted */
        CANCELLED,
        /** the training loss became NaN or infinite */
        DIVERGED
    }

    public void write(Path file) throws IOException {
        History.JSON.writeValue(file.toFile(), this);
    }

    public static Metrics read(Path file) throws IOException {
        return History.JSON.readValue(file.toFile(), Metrics.class);
    }
}

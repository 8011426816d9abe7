package org.l96.nn;

/**
 * Told about each finished epoch; asked between batches whether to stop. Stopping (or interrupting the training
 * thread) ends the run cleanly after the current batch, keeping the weights of the best epoch so far.
 */
public interface TrainingListener {

    /** After each epoch (1-based within the run) with its losses and the rate of its first batch. */
    void onEpoch(int epoch, double trainLoss, double valLoss, double lr);

    /** Polled before every batch; return true to stop the run. */
    default boolean stopRequested() {
        return false;
    }

    /** A listener that ignores everything. */
    TrainingListener NONE = (epoch, trainLoss, valLoss, lr) -> {
    };
}

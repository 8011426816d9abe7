package org.l96.nn.engine;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * One training run in the plain-Java engine, offline ({@link FloatTraining}) or through the coarse model
 * ({@link RolloutTraining}), as the trainer's epoch loop drives it: epochs of batches, one optimizer step per batch,
 * snapshots for early stopping, and the result written back into the DL4J network at the end.
 */
public interface EngineTraining {
    /** Updates done (the DL4J iteration counter: the base's plus this run's). */
    int iteration();

    /** Begins an epoch: the next order, first batch. */
    void startEpoch();

    boolean hasNext();

    /** Trains on the epoch's next batch at rate {@code lr}; returns the batch's loss before the update. */
    double fitNext(double lr);

    /** A copy of the parameters. */
    float[] snapshot();

    /** Sets the parameters to a {@link #snapshot()} (the optimizer state stays as it is). */
    void restore(float[] snapshot);

    /** Writes the parameters, the optimizer state and the iteration counter into {@code net}. */
    void writeTo(MultiLayerNetwork net);
}

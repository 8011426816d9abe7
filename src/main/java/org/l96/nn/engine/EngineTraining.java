package org.l96.nn.engine;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.l96.data.Shuffler;

/**
 * One training run in the plain-Java engine, offline ({@link FloatTraining}) or through the coarse model
 * ({@link RolloutTraining}), as the trainer's epoch loop drives it: epochs of batches in a seeded order, one optimizer
 * step per batch ({@link #fitNext}, the only part the two differ in), snapshots for early stopping, and the result
 * written back into the DL4J network at the end.
 */
public abstract class EngineTraining {
    final FloatMlp mlp;
    final FloatOptimizer optimizer;
    final Shuffler shuffler;
    private final int batches;
    private int next = -1;

    EngineTraining(FloatMlp mlp, FloatOptimizer optimizer, Shuffler shuffler, int batches) {
        this.mlp = mlp;
        this.optimizer = optimizer;
        this.shuffler = shuffler;
        this.batches = batches;
    }

    public int batchesPerEpoch() {
        return batches;
    }

    /** Updates done (the DL4J iteration counter: the base's plus this run's). */
    public int iteration() {
        return optimizer.step;
    }

    /** Begins an epoch: the next order, first batch. */
    public void startEpoch() {
        shuffler.next();
        next = 0;
    }

    public boolean hasNext() {
        return next >= 0 && next < batches;
    }

    /** The index of the epoch's next batch, which the caller is about to train on. */
    int takeBatch() {
        return next++;
    }

    /** Trains on the epoch's next batch at rate {@code lr}; returns the batch's loss before the update. */
    public abstract double fitNext(double lr);

    /** A copy of the parameters (batch-norm running statistics included). */
    public float[] snapshot() {
        return mlp.params.clone();
    }

    /** Sets the parameters to a {@link #snapshot()} (the optimizer state stays as it is, as in the DL4J path). */
    public void restore(float[] snapshot) {
        System.arraycopy(snapshot, 0, mlp.params, 0, mlp.params.length);
    }

    /** Writes the parameters, the optimizer state and the iteration counter into {@code net}. */
    public void writeTo(MultiLayerNetwork net) {
        Dl4jBridge.write(mlp, optimizer, net);
    }

    /** The network being trained (for tests and benchmarks). */
    public FloatMlp network() {
        return mlp;
    }
}

package org.l96.nn.engine;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.l96.data.Dataset;
import org.l96.data.Shuffler;
import org.l96.spec.OptimizerSpec;

/**
 * One training run of a network in the plain-Java engine: the network's parameters and optimizer state read from a
 * DL4J network ({@link Dl4jBridge}), mini-batches drawn as {@code org.l96.data.BatchIterator} draws them (same
 * seeded order per epoch, last partial batch kept), each step a forward pass in training mode, the backward pass and
 * the optimizer's update, and at the end everything written back into the DL4J network. Nothing is allocated per
 * step.
 */
public final class FloatTraining extends EngineTraining {
    private final Dataset train;
    private final int batchSize;

    private FloatTraining(FloatMlp mlp, FloatOptimizer optimizer, Dataset train, Shuffler shuffler, int batchSize) {
        super(mlp, optimizer, shuffler, (train.size() + batchSize - 1) / batchSize);
        this.train = train;
        this.batchSize = batchSize;
    }

    /**
     * Starts a run from {@code net}'s current parameters, optimizer state and iteration counter.
     *
     * @param optimizer   the optimizer {@code net} was configured with (its DL4J updater and regularization)
     * @param batchSize   mini-batch size (capped at the number of samples)
     * @param shuffleSeed seed of the per-epoch order ({@code BatchIterator}'s)
     * @param dropoutSeed seed of the dropout masks
     * @throws IllegalArgumentException if the engine cannot train {@code net} ({@link Dl4jBridge#unsupported})
     */
    public static FloatTraining start(MultiLayerNetwork net, OptimizerSpec optimizer, Dataset train, int batchSize,
                                      boolean shuffle, long shuffleSeed, long dropoutSeed) {
        if (train.size() == 0) {
            throw new IllegalArgumentException("no samples to batch");
        }
        int size = Math.max(1, Math.min(batchSize, train.size()));
        FloatMlp mlp = Dl4jBridge.read(net, size, dropoutSeed);
        if (mlp.inputs() != train.nIn() || mlp.outputs() != train.nOut()) {
            throw new IllegalArgumentException("the network maps " + mlp.inputs() + " inputs to " + mlp.outputs()
                    + " outputs, the data " + train.nIn() + " to " + train.nOut());
        }
        FloatOptimizer opt = new FloatOptimizer(optimizer, mlp.numParams());
        Dl4jBridge.readState(net, opt);
        return new FloatTraining(mlp, opt, train, new Shuffler(train.size(), shuffle, shuffleSeed), size);
    }

    /**
     * The notebook's {@code test_model} loss of {@code net} on {@code data} computed by the engine, exactly as a
     * training run computes its validation loss (so a restored network's loss equals the one in its history, to the
     * last bit). The network is not modified.
     *
     * @throws IllegalArgumentException if the engine cannot run {@code net} ({@link Dl4jBridge#unsupported})
     */
    public static double evaluate(MultiLayerNetwork net, Dataset data, int batchSize) {
        if (data.size() == 0) {
            return Double.NaN;
        }
        return Dl4jBridge.read(net, Math.max(1, Math.min(batchSize, data.size())), 0).evaluate(data, batchSize);
    }

    /** Whether {@code net}'s output layer has the loss named {@code loss} ("mse" or "mae"). */
    public static boolean hasLoss(MultiLayerNetwork net, String loss) {
        var conf = net.getLayer(net.getnLayers() - 1).conf().getLayer();
        return conf instanceof org.deeplearning4j.nn.conf.layers.OutputLayer o
                && switch (org.l96.spec.Vocabulary.of(org.l96.spec.Vocabulary.Loss.class, loss)) {
                    case MSE -> o.getLossFn() instanceof org.nd4j.linalg.lossfunctions.impl.LossMSE;
                    case MAE -> o.getLossFn() instanceof org.nd4j.linalg.lossfunctions.impl.LossMAE;
                };
    }

    /** Trains on the epoch's next batch at rate {@code lr}; returns the batch's loss before the update. */
    @Override
    public double fitNext(double lr) {
        int start = takeBatch() * batchSize;
        int n = Math.min(batchSize, train.size() - start);
        mlp.gather(train, shuffler.order(), start, n);
        mlp.forward(n, true);
        double loss = mlp.backward(n);
        optimizer.update(mlp.params, mlp.grad, mlp.trainable, lr);
        return loss;
    }

    /** The notebook's {@code test_model} loss on {@code data} (see {@link FloatMlp#evaluate}). */
    public double evaluate(Dataset data, int batchSize) {
        return mlp.evaluate(data, batchSize);
    }
}

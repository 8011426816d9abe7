package org.l96.nn.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;

import java.util.Map;
import java.util.Objects;

/**
 * Common part of the DL4J updater configurations that follow PyTorch's optimizer formulas: a learning rate and an
 * optional per-iteration schedule (which, when set, gives the rate). Serialized by DL4J (its shaded Jackson) into
 * the network configuration, so fields are plain and there is a no-argument constructor.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
public abstract class TorchUpdater implements IUpdater {
    protected double learningRate;
    protected ISchedule learningRateSchedule;

    protected TorchUpdater() {
    }

    protected TorchUpdater(double learningRate, ISchedule schedule) {
        this.learningRate = learningRate;
        this.learningRateSchedule = schedule;
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRateSchedule != null ? learningRateSchedule.valueAt(iteration, epoch) : learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        this.learningRate = lr;
        this.learningRateSchedule = lrSchedule;
    }

    public ISchedule schedule() {
        return learningRateSchedule;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " is for MultiLayerNetwork training only");
    }

    @Override
    public abstract TorchUpdater clone();

    /** The fields that define the update rule besides the rate, for equals/hashCode. */
    protected abstract Object[] hyperparameters();

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || o.getClass() != getClass()) {
            return false;
        }
        TorchUpdater u = (TorchUpdater) o;
        return Double.compare(learningRate, u.learningRate) == 0
                && Objects.equals(learningRateSchedule, u.learningRateSchedule)
                && java.util.Arrays.equals(hyperparameters(), u.hyperparameters());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), learningRate, learningRateSchedule,
                java.util.Arrays.hashCode(hyperparameters()));
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + java.util.Arrays.toString(hyperparameters()) + "(lr=" + learningRate
                + (learningRateSchedule != null ? ", " + learningRateSchedule : "") + ")";
    }

    /**
     * Splits an updater state view (DL4J gives a contiguous rank-1 or row-vector slice of the network's state array)
     * into {@code parts} equal flat slices, each matching the block's flat gradient view.
     */
    static INDArray[] split(INDArray view, int parts) {
        INDArray flat = view.reshape(view.length());
        long n = flat.length() / parts;
        INDArray[] out = new INDArray[parts];
        for (int i = 0; i < parts; i++) {
            out[i] = flat.get(NDArrayIndex.interval(i * n, (i + 1) * n));
        }
        return out;
    }
}

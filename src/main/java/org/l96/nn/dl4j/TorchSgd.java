package org.l96.nn.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.schedule.ISchedule;

import java.util.Map;

/**
 * SGD exactly as PyTorch's {@code torch.optim.SGD} (dampening 0): with momentum {@code mu > 0},
 * <pre>
 *   b = mu b + g                        (b = g at the first step, the same as b starting at zero)
 *   p -= lr b                           (nesterov: p -= lr (g + mu b))
 * </pre>
 * and {@code p -= lr g} without momentum. DL4J's {@code Nesterovs} keeps {@code v = mu v - lr g} (the rate inside the
 * buffer), which equals PyTorch's Nesterov update only while the rate is constant, and DL4J has no plain (heavy-ball)
 * momentum at all; hence this updater.
 */
public final class TorchSgd extends TorchUpdater {
    private double momentum;
    private boolean nesterov;

    private TorchSgd() {
    }

    public TorchSgd(double lr, double momentum, boolean nesterov, ISchedule schedule) {
        super(lr, schedule);
        if (nesterov && momentum <= 0) {
            throw new IllegalArgumentException("Nesterov momentum needs momentum > 0");
        }
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    public double momentum() {
        return momentum;
    }

    public boolean nesterov() {
        return nesterov;
    }

    @Override
    public long stateSize(long numParams) {
        return momentum > 0 ? numParams : 0;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        Updater u = new Updater(this);
        if (momentum > 0) {
            u.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
        }
        return u;
    }

    @Override
    public TorchSgd clone() {
        return new TorchSgd(learningRate, momentum, nesterov,
                learningRateSchedule == null ? null : learningRateSchedule.clone());
    }

    @Override
    protected Object[] hyperparameters() {
        return new Object[]{momentum, nesterov};
    }

    static final class Updater implements GradientUpdater<TorchSgd> {
        private final TorchSgd config;
        private INDArray buffer;

        Updater(TorchSgd config) {
            this.config = config;
        }

        @Override
        public TorchSgd getConfig() {
            return config;
        }

        @Override
        public void setState(Map<String, INDArray> state, boolean initialize) {
            buffer = state.get("B");
            if (initialize && buffer != null) {
                buffer.assign(0);
            }
        }

        @Override
        public Map<String, INDArray> getState() {
            return buffer == null ? Map.of() : Map.of("B", buffer);
        }

        @Override
        public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean init) {
            if (init) {
                viewArray.assign(0);
            }
            buffer = split(viewArray, 1)[0];
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            double lr = config.getLearningRate(iteration, epoch);
            double mu = config.momentum;
            if (mu > 0) {
                buffer.muli(mu).addi(gradient);                          // b = mu b + g
                if (config.nesterov) {
                    Nd4j.exec(new Axpy(buffer, gradient, gradient, mu)); // g + mu b
                } else {
                    gradient.assign(buffer);
                }
            }
            gradient.muli(lr);
        }
    }
}

package org.l96.nn.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.linalg.schedule.ISchedule;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RMSprop exactly as PyTorch's {@code torch.optim.RMSprop} (not centered):
 * <pre>
 *   s = alpha s + (1-alpha) g²;   d = sqrt(s) + eps          (eps outside the square root; s starts at zero)
 *   p -= lr g/d                   (momentum mu > 0: b = mu b + g/d;  p -= lr b)
 * </pre>
 */
public final class TorchRmsProp extends TorchUpdater {
    private double alpha = 0.99;
    private double epsilon = 1e-8;
    private double momentum;

    private TorchRmsProp() {
    }

    public TorchRmsProp(double lr, double alpha, double epsilon, double momentum, ISchedule schedule) {
        super(lr, schedule);
        this.alpha = alpha;
        this.epsilon = epsilon;
        this.momentum = momentum;
    }

    @Override
    public long stateSize(long numParams) {
        return momentum > 0 ? 2 * numParams : numParams;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        Updater u = new Updater(this);
        u.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
        return u;
    }

    @Override
    public TorchRmsProp clone() {
        return new TorchRmsProp(learningRate, alpha, epsilon, momentum,
                learningRateSchedule == null ? null : learningRateSchedule.clone());
    }

    @Override
    protected Object[] hyperparameters() {
        return new Object[]{alpha, epsilon, momentum};
    }

    static final class Updater implements GradientUpdater<TorchRmsProp> {
        private final TorchRmsProp config;
        private INDArray square;
        private INDArray buffer;

        Updater(TorchRmsProp config) {
            this.config = config;
        }

        @Override
        public TorchRmsProp getConfig() {
            return config;
        }

        @Override
        public void setState(Map<String, INDArray> state, boolean initialize) {
            square = state.get("S");
            buffer = state.get("B");
            if (initialize) {
                square.assign(0);
                if (buffer != null) {
                    buffer.assign(0);
                }
            }
        }

        @Override
        public Map<String, INDArray> getState() {
            Map<String, INDArray> s = new LinkedHashMap<>();
            s.put("S", square);
            if (buffer != null) {
                s.put("B", buffer);
            }
            return s;
        }

        @Override
        public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean init) {
            if (init) {
                viewArray.assign(0);
            }
            INDArray[] parts = split(viewArray, config.momentum > 0 ? 2 : 1);
            square = parts[0];
            buffer = parts.length > 1 ? parts[1] : null;
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            double lr = config.getLearningRate(iteration, epoch);
            double a = config.alpha;
            square.muli(a);
            Nd4j.exec(new Axpy(gradient.mul(gradient), square, square, 1 - a)); // s += (1-a) g²
            INDArray denom = Transforms.sqrt(square, true).addi(config.epsilon);
            gradient.divi(denom);
            if (buffer != null) {
                buffer.muli(config.momentum).addi(gradient);
                gradient.assign(buffer);
            }
            gradient.muli(lr);
        }
    }
}

package org.l96.nn.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.schedule.ISchedule;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam exactly as PyTorch's {@code torch.optim.Adam} (weight decay is added separately, see
 * {@link CoupledWeightDecay}; AdamW's decay is {@link DecoupledWeightDecay}): with step {@code t = iteration + 1},
 * <pre>
 *   m = b1 m + (1-b1) g;   v = b2 v + (1-b2) g²
 *   p -= lr/(1-b1^t) · m / (sqrt(v)/sqrt(1-b2^t) + eps)
 * </pre>
 * DL4J's own Adam adds {@code eps} to {@code sqrt(v)} before the bias correction, i.e. uses an effective
 * {@code eps/sqrt(1-b2^t)}; here the native kernel is called with {@code eps·sqrt(1-b2^t)} so that the result is
 * PyTorch's.
 */
public final class TorchAdam extends TorchUpdater {
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-8;

    private TorchAdam() {
    }

    public TorchAdam(double lr, double beta1, double beta2, double epsilon, ISchedule schedule) {
        super(lr, schedule);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    public double beta1() {
        return beta1;
    }

    public double beta2() {
        return beta2;
    }

    public double epsilon() {
        return epsilon;
    }

    @Override
    public long stateSize(long numParams) {
        return 2 * numParams;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        Updater u = new Updater(this);
        u.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
        return u;
    }

    @Override
    public TorchAdam clone() {
        return new TorchAdam(learningRate, beta1, beta2, epsilon,
                learningRateSchedule == null ? null : learningRateSchedule.clone());
    }

    @Override
    protected Object[] hyperparameters() {
        return new Object[]{beta1, beta2, epsilon};
    }

    static final class Updater implements GradientUpdater<TorchAdam> {
        private final TorchAdam config;
        private INDArray m;
        private INDArray v;

        Updater(TorchAdam config) {
            this.config = config;
        }

        @Override
        public TorchAdam getConfig() {
            return config;
        }

        @Override
        public void setState(Map<String, INDArray> state, boolean initialize) {
            m = state.get("M");
            v = state.get("V");
            if (initialize) {
                m.assign(0);
                v.assign(0);
            }
        }

        @Override
        public Map<String, INDArray> getState() {
            Map<String, INDArray> s = new LinkedHashMap<>();
            s.put("M", m);
            s.put("V", v);
            return s;
        }

        @Override
        public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean init) {
            if (init) {
                viewArray.assign(0);
            }
            INDArray[] parts = split(viewArray, 2);
            m = parts[0];
            v = parts[1];
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            if (m == null) {
                throw new IllegalStateException("updater state not set");
            }
            double lr = config.getLearningRate(iteration, epoch);
            int t = iteration + 1;
            double bc2 = 1 - Math.pow(config.beta2, t);
            // the native kernel computes lr*sqrt(1-b2^t)/(1-b1^t) * m / (sqrt(v) + eps'); eps' = eps*sqrt(1-b2^t)
            double eps = config.epsilon * Math.sqrt(bc2);
            Nd4j.exec(new AdamUpdater(gradient, v, m, lr, config.beta1, config.beta2, eps, iteration));
        }
    }
}

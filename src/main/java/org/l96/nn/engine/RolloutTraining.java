package org.l96.nn.engine;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.l96.data.Shuffler;
import org.l96.spec.OptimizerSpec;

/**
 * One training run of a network through the coarse model ("online" training; Rasp 2020, the L96 book's online
 * training chapter): each optimizer step rolls a batch of truth windows out with the network as the coarse model's
 * closure, takes the mean squared difference between the model's and the truth's states over every window, step
 * and X_k, and follows its gradient, computed by reverse mode through every step, stage and network call
 * ({@link RolloutGradient}, which also states the formulas and the memory used). The same shape as
 * {@link FloatTraining}, so a trainer drives either: parameters, optimizer state and iteration counter read from
 * the DL4J network and written back; windows drawn in a seeded order per epoch, the last partial batch kept.
 *
 * <p>Memory: the tape of {@link RolloutGradient}, in floats, for B = {@code batchWindows} windows of N steps and s
 * stages (1 Euler, 2 RK2, 4 RK4), K values, P parameters and dense layers of widths u_l:
 * N·s·B·K·(2 local, 1 non-local) + N·s·c·B·Σ_l u_l' + (N+1)·K·B + P·c·B + G·c·B·Σ_l u_l, where c = K for a
 * local network and 1 for a non-local one, u_l' = u_l, or 2·u_l for activations whose derivative needs the
 * pre-activation (all but identity, ReLU, tanh, sigmoid), and G ≤ 8·s calls whose deltas are kept together (at most
 * 2^18 floats); {@link #tapeFloats} gives the number for a run. The chapter's case (256 windows × 128 RK4 steps,
 * 8-16-16-8 ReLU, non-local): 7.0 M floats, 28 MB, proportional to windows × steps.
 *
 * <p>Networks: dense layers with any activation; dropout and batch normalization are refused
 * (IllegalArgumentException whose message says so). The network's own loss function is not used by the rollout loss
 * (it is the offline part's loss when an offline weight is set).
 */
public final class RolloutTraining extends EngineTraining {
    private final RolloutGradient rollout;
    private final RolloutWindows train;
    private final RolloutSetup setup;
    private final int batchWindows;
    private final float[] grad;
    private final Shuffler offlineOrder;
    private final int offlineBatch;
    private int offlineNext;
    private RolloutGradient other;   // for evaluating windows of another length

    private RolloutTraining(FloatMlp mlp, RolloutGradient rollout, FloatOptimizer optimizer, RolloutWindows train,
                            RolloutSetup setup, Shuffler shuffler, int batchWindows, Shuffler offlineOrder,
                            int offlineBatch) {
        super(mlp, optimizer, shuffler, (train.count() + batchWindows - 1) / batchWindows);
        this.rollout = rollout;
        this.train = train;
        this.setup = setup;
        this.batchWindows = batchWindows;
        this.grad = new float[mlp.params.length];
        this.offlineOrder = offlineOrder;
        this.offlineBatch = offlineBatch;
        this.offlineNext = -1;   // no offline order drawn yet
    }

    /**
     * Starts a run from {@code net}'s current parameters, optimizer state and iteration counter.
     *
     * @param optimizer    the optimizer {@code net} was configured with (its DL4J updater and regularization)
     * @param train        the training windows (at least one)
     * @param batchWindows windows per optimizer step (capped at the number of windows)
     * @param shuffle      whether each epoch draws a new window order
     * @param shuffleSeed  seed of that order (and of the offline batches' order)
     * @param setup        the coarse model and the optional offline loss
     * @throws IllegalArgumentException if the engine cannot train {@code net} (its layers, {@link Dl4jBridge}), the
     *                                  network's inputs and outputs do not fit the setup, there are no windows, or
     *                                  the tape would take more than half the heap (the message says what to change)
     */
    public static RolloutTraining start(MultiLayerNetwork net, OptimizerSpec optimizer, RolloutWindows train,
                                        int batchWindows, boolean shuffle, long shuffleSeed, RolloutSetup setup) {
        if (train.count() == 0) {
            throw new IllegalArgumentException("no rollout windows to train on");
        }
        int size = Math.max(1, Math.min(batchWindows, train.count()));
        int offlineBatch = setup.offlineWeight() > 0 ? Math.min(setup.offlineBatch(), setup.offline().size()) : 1;
        FloatMlp mlp = Dl4jBridge.read(net, offlineBatch, 0);
        RolloutGradient rollout = new RolloutGradient(mlp, setup, train.k(), train.steps(), size);
        if (setup.offlineWeight() > 0 && (setup.offline().nIn() != mlp.inputs()
                || setup.offline().nOut() != mlp.outputs())) {
            throw new IllegalArgumentException("the network maps " + mlp.inputs() + " inputs to " + mlp.outputs()
                    + " outputs, the offline data " + setup.offline().nIn() + " to " + setup.offline().nOut());
        }
        FloatOptimizer opt = new FloatOptimizer(optimizer, mlp.numParams());
        Dl4jBridge.readState(net, opt);
        Shuffler offlineOrder = setup.offlineWeight() > 0
                ? new Shuffler(setup.offline().size(), true, shuffleSeed ^ 0x6F66666C696E65L) : null;
        return new RolloutTraining(mlp, rollout, opt, train, setup, new Shuffler(train.count(), shuffle, shuffleSeed),
                size, offlineOrder, offlineBatch);
    }

    /**
     * The mean window loss of {@code net} on {@code data} under {@code setup} (no offline part), as
     * {@link #evaluate(RolloutWindows)} computes it; NaN without windows. The network is not modified.
     */
    public static double evaluate(MultiLayerNetwork net, RolloutWindows data, RolloutSetup setup, int batchWindows) {
        if (data.count() == 0) {
            return Double.NaN;
        }
        FloatMlp mlp = Dl4jBridge.read(net, 1, 0);
        int size = Math.max(1, Math.min(batchWindows, data.count()));
        return evaluate(new RolloutGradient(mlp, setup, data.k(), data.steps(), size), data);
    }

    private static double evaluate(RolloutGradient g, RolloutWindows data) {
        double total = 0;
        for (int start = 0; start < data.count(); start += g.capacity) {
            int n = Math.min(g.capacity, data.count() - start);
            g.load(data, null, start, n);
            total += g.forward() * n;
        }
        return total / data.count();
    }

    /**
     * One optimizer step at rate {@code lr} on the epoch's next batch of windows; returns the batch's loss before the
     * update (the rollout loss, plus the offline weight times the offline batch's loss when one is set). A batch
     * whose rollout diverges (a non-finite loss: the network drove the coarse model to overflow) is not used: the
     * parameters, the optimizer state and the iteration counter stay as they are, and the non-finite loss is
     * returned for the caller to report or stop on.
     */
    @Override
    public double fitNext(double lr) {
        int start = takeBatch() * batchWindows;
        int n = Math.min(batchWindows, train.count() - start);
        rollout.load(train, shuffler.order(), start, n);
        double loss = rollout.forward();
        if (!Double.isFinite(loss)) {
            return loss;
        }
        rollout.backward(grad);
        double w = setup.offlineWeight();
        if (w > 0) {
            int size = setup.offline().size();
            if (offlineNext < 0 || offlineNext + offlineBatch > size) {
                offlineOrder.next();
                offlineNext = 0;
            }
            mlp.gather(setup.offline(), offlineOrder.order(), offlineNext, offlineBatch);
            offlineNext += offlineBatch;
            mlp.forward(offlineBatch, true);
            loss += w * mlp.backward(offlineBatch);
            if (!Double.isFinite(loss)) {
                return loss;
            }
            float wf = (float) w;
            for (int p = 0; p < grad.length; p++) {
                grad[p] += wf * mlp.grad[p];
            }
        }
        optimizer.update(mlp.params, grad, mlp.trainable, lr);
        return loss;
    }

    /** The gradient of the last {@link #fitNext} (for tests). */
    float[] lastGradient() {
        return grad;
    }

    /**
     * The mean loss over {@code data}'s windows (each window's mean squared difference over its steps and K), with
     * no update. Windows of another length than the training ones are rolled out by a second engine, kept for the
     * next call. NaN without windows.
     */
    public double evaluate(RolloutWindows data) {
        if (data.count() == 0) {
            return Double.NaN;
        }
        if (data.k() == rollout.k && data.steps() == rollout.steps) {
            return evaluate(rollout, data);
        }
        if (other == null || other.k != data.k() || other.steps != data.steps()) {
            other = new RolloutGradient(mlp, setup, data.k(), data.steps(), Math.min(batchWindows, data.count()));
        }
        return evaluate(other, data);
    }

    /** Floats held by the tape and gradient accumulators of this run (see the class comment). */
    public long tapeFloats() {
        return rollout.tapeFloats();
    }
}

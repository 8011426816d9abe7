package org.l96.nn;

import org.l96.nn.dl4j.LrSchedules;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.l96.data.BatchIterator;
import org.l96.data.Dataset;
import org.l96.data.TrainingData;
import org.l96.spec.Vocabulary;
import org.l96.spec.EarlyStoppingSpec;
import org.l96.spec.LayerSpec;
import org.l96.spec.NetworkSpec;
import org.l96.spec.OptimizerSpec;
import org.l96.spec.TrainSpec;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.schedule.ISchedule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Trains a network as the notebook's {@code fit_model} does: each epoch goes over the training samples in freshly
 * shuffled mini-batches (last partial batch kept), the epoch's training loss is the mean over its batches of the batch
 * loss computed in training mode before that batch's update, and the validation loss is the mean over contiguous
 * validation batches of the same size (the last partial batch weighing as much as the others) in evaluation mode.
 *
 * <p>All randomness derives from the given seed: initialization, shuffling and dropout (ND4J's generator of the
 * calling thread is reseeded at the start). Not thread-safe per instance of network; run one training per thread.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    /**
     * Revision of the training semantics, part of the keys of the stages that train (train, LR range test): a change
     * that gives other numbers for the same spec bumps it, so that results stored under the old rules are recomputed.
     * 2: a continuing network's new optimizer starts at step 0; batch norm's running variance is unbiased and its
     * gamma and beta take weight decay (PyTorch). 3: the plain-Java training engine (its own seeded dropout masks,
     * its float32 summation order).
     */
    public static final int SEMANTICS = 3;
    /**
     * Revision of online (rollout) training's numbers, in the keys of the stages that train online only (so offline
     * trainings keep their keys): bumped when the rollout engine gives other numbers for the same spec.
     */
    public static final int ROLLOUT_SEMANTICS = 1;
    static {
        Nd4jSetup.configure();
    }

    /** Which code runs the training steps. */
    public enum Engine {
        /**
         * The plain-Java engine ({@code org.l96.nn.engine}) for every network it supports (all the DSL offers),
         * DL4J's {@code fit} otherwise.
         */
        AUTO,
        /** DL4J's {@code MultiLayerNetwork.fit} (the reference the engine is tested against). */
        DL4J
    }

    private final Engine engine;

    /** A trainer that uses the plain-Java engine where it can. */
    public Trainer() {
        this(Engine.AUTO);
    }

    public Trainer(Engine engine) {
        this.engine = java.util.Objects.requireNonNull(engine, "engine");
    }


    /**
     * Trains a network.
     *
     * @param name         name of the network (for messages and the result)
     * @param spec         layers, features, init, loss and training
     * @param data         samples; its batch size applies unless {@code spec.train().batchSize()} is set
     * @param seed         seed of initialization, shuffling and dropout
     * @param continueFrom nullable: start from this network's weights (it is not modified). If {@code spec}'s
     *                     optimizer equals the one {@code continueFrom} was trained with, its state (moments,
     *                     momentum buffers) and step count carry over: the notebook's "+100 epochs" with the same
     *                     {@code torch.optim.Adam}. Any other optimizer (another type or any other hyperparameter)
     *                     is a new one, as a new {@code torch.optim} object in PyTorch: step 0, zero state
     * @param listener     nullable: told about every epoch, asked whether to stop
     */
    public TrainedNetwork train(String name, NetworkSpec spec, TrainingData data, long seed,
                                TrainedNetwork continueFrom, TrainingListener listener) {
        return train(name, spec, data, seed, continueFrom, listener, null);
    }

    /**
     * Trains a network offline, or online when {@code spec.train().rollout()} is set: each step is one optimizer
     * step on a batch of {@code batchWindows} truth windows of {@code rollout} (the loss the mean squared difference
     * of X between the coarse model with the network and the truth over the window, plus
     * {@code offlineWeight} times the offline loss on a batch of samples of {@code data}), the epoch's training loss
     * the mean over its batches, the validation loss the mean window loss over the validation windows (rollout
     * loss only). Epochs, schedules, early stopping, {@code continueFrom} and the result are as offline.
     *
     * @param rollout the windows and the coarse model; required when the spec trains online, ignored otherwise
     * @throws IllegalArgumentException when the spec trains online without {@code rollout}, or the engine cannot
     *                                  step the network in the coarse model (dropout, batch norm)
     */
    public TrainedNetwork train(String name, NetworkSpec spec, TrainingData data, long seed,
                                TrainedNetwork continueFrom, TrainingListener listener, RolloutData rollout) {
        long start = System.nanoTime();
        TrainingListener l = listener == null ? TrainingListener.NONE : listener;
        checkShapes(name, spec, data);
        TrainSpec train = spec.train();
        if (train.isRollout() && rollout == null) {
            throw new IllegalArgumentException("network '" + name + "' trains online but no windows were given");
        }
        int batchSize = train.batchSize() != null ? train.batchSize() : data.batchSize();
        BatchIterator batches = new BatchIterator(data.train(), batchSize, data.shuffle(),
                Seeds.derive(seed, Seeds.SHUFFLE));
        int batchWindows = train.isRollout() ? Math.max(1, Math.min(train.batchWindows(), rollout.train().count()))
                : 0;
        int batchesPerEpoch = train.isRollout() ? (rollout.train().count() + batchWindows - 1) / batchWindows
                : batches.batchesPerEpoch();
        boolean keepOptimizer = continueFrom != null && sameOptimizer(continueFrom, train.optimizer());
        // the iteration counter is the optimizer's step count (Adam's bias correction uses it): a new optimizer
        // starts it at 0, so the schedule's offset is 0 too
        int offset = keepOptimizer ? continueFrom.network().getIterationCount() : 0;
        ISchedule schedule = LrSchedules.of(train.schedule(), train.optimizer().lr(), batchesPerEpoch,
                train.epochs(), offset);
        MultiLayerNetwork net = create(spec, data.nIn(), train.optimizer(), schedule, seed, continueFrom,
                keepOptimizer);
        Nd4j.getRandom().setSeed(Seeds.derive(seed, Seeds.DROPOUT));
        Steps steps;
        if (train.isRollout()) {
            org.l96.nn.engine.RolloutTraining run = org.l96.nn.engine.RolloutTraining.start(net, train.optimizer(),
                    rollout.train(), batchWindows, data.shuffle(), Seeds.derive(seed, Seeds.SHUFFLE),
                    setup(spec, data, rollout));
            if (run.batchesPerEpoch() != batchesPerEpoch) { // the schedule was built for batchesPerEpoch
                throw new IllegalStateException("the rollout engine has " + run.batchesPerEpoch()
                        + " batches per epoch, the schedule " + batchesPerEpoch);
            }
            org.l96.nn.engine.RolloutWindows validation = rollout.validation();
            steps = new EngineSteps(net, run, () -> run.evaluate(validation));
        } else {
            steps = steps(net, train.optimizer(), data, batchSize, batches, seed);
        }

        Validation validation = new Validation(data.validation(), batchSize, spec.loss());
        List<History.Epoch> epochs = new ArrayList<>();
        List<Double> iterationLr = new ArrayList<>();
        EarlyStoppingSpec es = train.earlyStopping();
        double best = Double.POSITIVE_INFINITY;        // best validation loss so far (by minDelta when stopping early)
        int bestEpoch = 0;
        Object bestParams = null;
        int wait = 0;
        Metrics.StopReason reason = Metrics.StopReason.COMPLETED;

        epochLoop:
        for (int epoch = 1; epoch <= train.epochs(); epoch++) {
            steps.startEpoch();
            double sum = 0;
            int n = 0;
            double epochLr = Double.NaN;
            while (steps.hasNext()) {
                if (l.stopRequested() || Thread.currentThread().isInterrupted()) {
                    reason = Metrics.StopReason.CANCELLED;
                    break epochLoop;
                }
                double lr = schedule.valueAt(steps.iteration(), net.getEpochCount());
                if (n == 0) {
                    epochLr = lr;
                }
                iterationLr.add(lr);
                sum += steps.fit(lr);
                n++;
            }
            net.incrementEpochCount();
            double trainLoss = sum / n;
            double valLoss = steps.validationLoss(validation);
            epochs.add(new History.Epoch(epoch, trainLoss, valLoss, epochLr));
            l.onEpoch(epoch, trainLoss, valLoss, epochLr);
            if (!Double.isFinite(trainLoss)) {
                reason = Metrics.StopReason.DIVERGED;
                break;
            }
            double minDelta = es == null ? 0 : es.minDelta();
            if (valLoss < best - minDelta || bestParams == null && Double.isFinite(valLoss)) {
                best = valLoss;
                bestEpoch = epoch;
                bestParams = steps.snapshot();
                wait = 0;
            } else if (es != null) {
                wait++;
                if (wait >= es.patience()) {
                    reason = Metrics.StopReason.EARLY_STOPPED;
                    break;
                }
            }
        }
        boolean restore = switch (reason) {
            case CANCELLED, DIVERGED -> true;
            case EARLY_STOPPED, COMPLETED -> es != null && es.restoreBest();
        };
        if (restore && bestParams != null) {
            steps.restore(bestParams);
        }
        steps.finish();
        History history = new History(epochs, iterationLr);
        History.Epoch last = epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
        Metrics metrics = new Metrics(last == null ? Double.NaN : last.trainLoss(),
                last == null ? Double.NaN : last.valLoss(), bestEpoch == 0 ? Double.NaN : best, bestEpoch,
                epochs.size(), net.numParams(), (System.nanoTime() - start) / 1e9, reason);
        return new TrainedNetwork(name, spec, net, history, metrics);
    }

    /**
     * Whether continuing {@code from} with {@code optimizer} keeps {@code from}'s optimizer (PyTorch: the same
     * {@code torch.optim} object goes on) rather than starting a new one. Decided on the spec: equal type and
     * hyperparameters (the schedule is not part of it). A network without a spec (not made by this tool) keeps its
     * optimizer state when the updater kinds match, as before.
     */
    static boolean sameOptimizer(TrainedNetwork from, OptimizerSpec optimizer) {
        if (from.spec() != null) {
            return optimizer.equals(from.spec().train().optimizer());
        }
        return true;
    }

    /** The training steps of one run, as the epoch loop sees them, whichever code runs them. */
    interface Steps {
        void startEpoch();

        boolean hasNext();

        /** Updates done so far (DL4J's iteration counter). */
        int iteration();

        /** Trains on the next batch at rate {@code lr} (the schedule's); the batch's loss before the update. */
        double fit(double lr);

        double validationLoss(Validation validation);

        /** The parameters now, to {@link #restore} later. */
        Object snapshot();

        void restore(Object snapshot);

        /** Leaves the DL4J network with the final parameters, optimizer state and iteration counter. */
        void finish();
    }

    private Steps steps(MultiLayerNetwork net, OptimizerSpec optimizer, TrainingData data, int batchSize,
                        BatchIterator batches, long seed) {
        if (engine == Engine.AUTO && org.l96.nn.engine.Dl4jBridge.unsupported(net) == null) {
            org.l96.nn.engine.FloatTraining run = org.l96.nn.engine.FloatTraining.start(net, optimizer, data.train(),
                    batchSize, data.shuffle(), Seeds.derive(seed, Seeds.SHUFFLE), Seeds.derive(seed, Seeds.DROPOUT));
            Dataset validation = data.validation();
            return new EngineSteps(net, run, () -> run.evaluate(validation, batchSize));
        }
        return new Dl4jSteps(net, batches);
    }

    /**
     * The coarse model a network of {@code spec} trains through: its stepper (rk4 when not given) at the windows'
     * dt, the world's forcing, its features, and the offline term on the training samples in batches of the data
     * block's size (samples).
     */
    static org.l96.nn.engine.RolloutSetup setup(NetworkSpec spec, TrainingData data, RolloutData rollout) {
        TrainSpec t = spec.train();
        double w = t.offlineWeightOrZero();
        return new org.l96.nn.engine.RolloutSetup(t.stepperKind().word(), rollout.dt(), rollout.forcing(),
                spec.isLocal(), w, w > 0 ? data.train() : null, w > 0 ? data.batchSize() : 0);
    }

    /**
     * The rollout loss of {@code net} on {@code windows}, in the coarse model of {@code spec} (the mean over windows,
     * steps and k of the squared difference of X from the truth; no offline term); NaN without windows. The network
     * is not modified.
     */
    public static double rolloutLoss(MultiLayerNetwork net, NetworkSpec spec, RolloutData rollout,
                                     org.l96.nn.engine.RolloutWindows windows) {
        if (windows == null || windows.count() == 0) {
            return Double.NaN;
        }
        var plain = new org.l96.nn.engine.RolloutSetup(spec.train().stepperKind().word(), rollout.dt(),
                rollout.forcing(), spec.isLocal());
        return org.l96.nn.engine.RolloutTraining.evaluate(net, windows, plain, spec.train().batchWindows());
    }

    /** DL4J's {@code fit} on the batches of a {@link BatchIterator} (the updater's schedule gives the rate). */
    private record Dl4jSteps(MultiLayerNetwork net, BatchIterator batches) implements Steps {
        @Override
        public void startEpoch() {
            batches.startEpoch();
        }

        @Override
        public boolean hasNext() {
            return batches.hasNext();
        }

        @Override
        public int iteration() {
            return net.getIterationCount();
        }

        @Override
        public double fit(double lr) {
            net.fit(batches.next());
            return net.score();
        }

        @Override
        public double validationLoss(Validation validation) {
            return validation.loss(net);
        }

        @Override
        public Object snapshot() {
            return net.params().dup();
        }

        @Override
        public void restore(Object snapshot) {
            net.setParams((INDArray) snapshot);
        }

        @Override
        public void finish() {
        }
    }

    /**
     * The plain-Java engine, offline or through the coarse model; {@code validation} is the run's validation loss
     * on its own data. The DL4J network gets the result at the end.
     */
    private record EngineSteps(MultiLayerNetwork net, org.l96.nn.engine.EngineTraining run,
                               java.util.function.DoubleSupplier validation) implements Steps {
        @Override
        public void startEpoch() {
            run.startEpoch();
        }

        @Override
        public boolean hasNext() {
            return run.hasNext();
        }

        @Override
        public int iteration() {
            return run.iteration();
        }

        @Override
        public double fit(double lr) {
            return run.fitNext(lr);
        }

        @Override
        public double validationLoss(Validation unused) {
            return validation.getAsDouble();
        }

        @Override
        public Object snapshot() {
            return run.snapshot();
        }

        @Override
        public void restore(Object snapshot) {
            run.restore((float[]) snapshot);
        }

        @Override
        public void finish() {
            run.writeTo(net);
        }
    }

    /**
     * A fresh network, or one carrying over {@code from}'s weights and, if {@code keepOptimizer}, its optimizer state
     * and iteration counter (else a new optimizer: zero state, iteration counter 0).
     */
    static MultiLayerNetwork create(NetworkSpec spec, int nIn, OptimizerSpec optimizer, ISchedule schedule, long seed,
                                    TrainedNetwork from, boolean keepOptimizer) {
        MultiLayerNetwork net = Networks.build(spec, nIn, Optimizers.updater(optimizer, schedule),
                Optimizers.regularization(optimizer), seed);
        if (from == null) {
            return net;
        }
        MultiLayerNetwork prev = from.network();
        if (prev.numParams() != net.numParams()) {
            throw new IllegalArgumentException("cannot continue from '" + from.name() + "': it has "
                    + prev.numParams() + " parameters, the new network " + net.numParams());
        }
        net.setParams(prev.params().dup());
        net.setEpochCount(prev.getEpochCount());
        if (!keepOptimizer) {
            return net;                        // a new optimizer: iteration counter 0, state zero (as built)
        }
        Updater prevUpdater = prev.getUpdater(false);
        INDArray prevState = prevUpdater == null ? null : prevUpdater.getStateViewArray();
        INDArray state = net.getUpdater(true).getStateViewArray();
        long prevLength = prevState == null ? 0 : prevState.length();
        if (!sameUpdaterClass(prev, net) || prevLength != (state == null ? 0 : state.length())) {
            // only for a network without a spec: its updater differs after all, so it is a new optimizer
            LOG.warn("network continues '{}' with another optimizer: its optimizer starts afresh", from.name());
            return net;
        }
        net.setIterationCount(prev.getIterationCount());
        if (prevLength > 0) {
            state.assign(prevState);
        }
        return net;
    }

    private static boolean sameUpdaterClass(MultiLayerNetwork a, MultiLayerNetwork b) {
        for (int i = 0; i < a.getnLayers(); i++) {
            var la = a.getLayer(i).conf().getLayer();
            var lb = b.getLayer(i).conf().getLayer();
            for (String p : a.getLayer(i).paramTable().keySet()) {
                var ua = la.getUpdaterByParam(p);
                var ub = lb.getUpdaterByParam(p);
                if (ua == null || ub == null || ua.getClass() != ub.getClass()
                        || ua.stateSize(1) != ub.stateSize(1)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void checkShapes(String name, NetworkSpec spec, TrainingData data) {
        if (spec.isLocal() && data.nIn() != spec.inputLayout().inputs(1)) {
            throw new IllegalArgumentException("network '" + name + "' sees " + spec.inputLayout().describe()
                    + " (" + spec.inputLayout().inputs(1) + " inputs) but the data have " + data.nIn()
                    + " inputs per sample");
        }
        LayerSpec last = spec.layers().isEmpty() ? null : spec.layers().get(spec.layers().size() - 1);
        if (!(last instanceof LayerSpec.Dense d) || d.units() != data.nOut()) {
            throw new IllegalArgumentException("network '" + name + "' must end with a dense layer of "
                    + data.nOut() + " units (one per target)");
        }
    }

    /**
     * The notebook's {@code test_model}: mean over contiguous batches of {@code batchSize} (the last one partial) of
     * the batch's mean loss, in evaluation mode. One forward pass over the whole set; the per-batch means in double.
     */
    static final class Validation {
        private final Dataset data;
        private final INDArray features;
        private final int batchSize;
        private final boolean absolute;

        Validation(Dataset data, int batchSize, String loss) {
            this.data = data;
            this.features = data.size() == 0 ? null : data.featuresArray();
            this.batchSize = Math.max(1, Math.min(batchSize, Math.max(1, data.size())));
            this.absolute = Vocabulary.of(Vocabulary.Loss.class, loss) == Vocabulary.Loss.MAE;
        }

        double loss(MultiLayerNetwork net) {
            if (features == null) {
                return Double.NaN;
            }
            float[] out = net.output(features, false).dup('c').data().asFloat();
            return batchMeanLoss(out, data.targets(), data.nOut(), batchSize, absolute);
        }
    }

    /**
     * The loss of a network on a dataset as the notebook's {@code test_model} computes it: the mean over contiguous
     * batches of {@code batchSize} samples of the batch's mean loss ({@code "mse"} or {@code "mae"}), evaluation mode,
     * computed as training computes it (by the plain-Java engine for every network it supports). NaN for an empty
     * dataset.
     */
    public static double evaluate(MultiLayerNetwork net, Dataset data, int batchSize, String loss) {
        // the engine's forward pass where it can: the loss a training run recorded for these weights, to the bit
        if (org.l96.nn.engine.Dl4jBridge.unsupported(net) == null
                && org.l96.nn.engine.FloatTraining.hasLoss(net, loss)) {
            return org.l96.nn.engine.FloatTraining.evaluate(net, data, batchSize);
        }
        return new Validation(data, batchSize, loss).loss(net);
    }

    /** Mean over contiguous batches of the per-batch mean (squared or absolute) error. */
    static double batchMeanLoss(float[] predictions, float[] targets, int nOut, int batchSize, boolean absolute) {
        int samples = targets.length / nOut;
        double total = 0;
        int batches = 0;
        for (int start = 0; start < samples; start += batchSize) {
            int end = Math.min(samples, start + batchSize);
            double s = 0;
            for (int i = start * nOut; i < end * nOut; i++) {
                double r = (double) predictions[i] - targets[i];
                s += absolute ? Math.abs(r) : r * r;
            }
            total += s / ((end - start) * nOut);
            batches++;
        }
        return total / batches;
    }
}

package org.l96.nn;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.l96.data.BatchIterator;
import org.l96.data.TrainingData;
import org.l96.nn.dl4j.LrSchedules;
import org.l96.nn.engine.Dl4jBridge;
import org.l96.nn.engine.FloatTraining;
import org.l96.spec.Vocabulary;
import org.l96.spec.LrRangeTestSpec;
import org.l96.spec.NetworkSpec;
import org.l96.spec.OptimizerSpec;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The learning-rate range test as torch-lr-finder's {@code LRFinder.range_test} runs it, on a throwaway network
 * (fresh initialization from the seed, the network's optimizer type and regularization):
 * <ul>
 *   <li>batch {@code i} (0-based, cycling over the shuffled training data) is trained at
 *   {@code start·(end/start)^(i/(iterations-1))} (or linearly), in training mode;</li>
 *   <li>its loss (before the update) is smoothed: {@code s_0 = l_0}, {@code s_i = smoothing·l_i + (1-smoothing)·s_{i-1}}
 *   (no bias correction; {@code smoothing} weighs the new loss, torch-lr-finder's {@code smooth_f});</li>
 *   <li>the test stops after the first batch whose smoothed loss exceeds {@code divergeThreshold ×} the best smoothed
 *   loss so far (that batch is still recorded), or whose loss is not finite;</li>
 *   <li>the suggestion is torch-lr-finder's "steepest gradient": dropping the first 10 and last 5 points, the rate
 *   where {@code numpy.gradient} of the smoothed losses (per step, i.e. against log-rate for the exponential ramp)
 *   is most negative.</li>
 * </ul>
 */
public final class LrRangeTest {
    static {
        Nd4jSetup.configure();
    }

    public static final int SKIP_START = 10;
    public static final int SKIP_END = 5;

    private LrRangeTest() {
    }

    /**
     * What the test measured. {@code lrs}, {@code losses} (smoothed) and {@code rawLosses} have one entry per batch
     * run; {@code stoppedAtIteration} is the 0-based index of the last batch run; {@code suggestedLr} is NaN when
     * too few points remain after skipping.
     */
    public record Result(List<Double> lrs, List<Double> losses, List<Double> rawLosses, double suggestedLr,
                         int suggestedIndex, int stoppedAtIteration, boolean diverged) {
        public Result {
            lrs = List.copyOf(lrs);
            losses = List.copyOf(losses);
            rawLosses = List.copyOf(rawLosses);
        }

        @JsonIgnore
        public int iterationsRun() {
            return lrs.size();
        }

        public void write(Path file) throws IOException {
            History.JSON.writeValue(file.toFile(), this);
        }

        public static Result read(Path file) throws IOException {
            return History.JSON.readValue(file.toFile(), Result.class);
        }
    }

    /**
     * Runs the test.
     *
     * @param test     rates, iterations, ramp, smoothing, divergence threshold
     * @param network  the network whose layers, features, initialization, loss and optimizer type are tested; its
     *                 batch size (or the data's) is used
     * @param data     training data (the validation set is not used)
     * @param seed     seed of the throwaway network's initialization, shuffling and dropout
     * @param listener nullable; only {@link TrainingListener#stopRequested()} is used (checked before each batch)
     */
    public static Result run(LrRangeTestSpec test, NetworkSpec network, TrainingData data, long seed,
                             TrainingListener listener) {
        return run(test, network, data, seed, listener, Trainer.Engine.AUTO);
    }

    /** As {@link #run(LrRangeTestSpec, NetworkSpec, TrainingData, long, TrainingListener)} with a choice of engine. */
    public static Result run(LrRangeTestSpec test, NetworkSpec network, TrainingData data, long seed,
                             TrainingListener listener, Trainer.Engine engineChoice) {
        OptimizerSpec optimizer = Optimizers.withLr(network.train().optimizer(), test.startLr());
        boolean exponential = test.rampKind() == Vocabulary.Ramp.EXPONENTIAL;
        LrSchedules.Ramp ramp = new LrSchedules.Ramp(test.startLr(), test.endLr(), test.iterations(), exponential, 0);
        MultiLayerNetwork net = Networks.build(network, data.nIn(), Optimizers.updater(optimizer, ramp),
                Optimizers.regularization(optimizer), seed);
        int batchSize = network.train().batchSize() != null ? network.train().batchSize() : data.batchSize();
        BatchIterator batches = new BatchIterator(data.train(), batchSize, data.shuffle(),
                Seeds.derive(seed, Seeds.SHUFFLE));
        Nd4j.getRandom().setSeed(Seeds.derive(seed, Seeds.DROPOUT));
        // the plain-Java engine where it can (every network the DSL offers), DL4J's fit otherwise
        FloatTraining engine = engineChoice == Trainer.Engine.DL4J || Dl4jBridge.unsupported(net) != null ? null
                : FloatTraining.start(net, optimizer, data.train(), batchSize, data.shuffle(),
                Seeds.derive(seed, Seeds.SHUFFLE), Seeds.derive(seed, Seeds.DROPOUT));

        List<Double> lrs = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        double best = Double.NaN;
        boolean diverged = false;
        for (int i = 0; i < test.iterations(); i++) {
            if (listener != null && listener.stopRequested() || Thread.currentThread().isInterrupted()) {
                break;
            }
            double lr = ramp.rate(i);
            double loss;
            if (engine != null) {
                if (!engine.hasNext()) {
                    engine.startEpoch();
                }
                loss = engine.fitNext(lr);
            } else {
                if (!batches.hasNext()) {
                    batches.startEpoch();
                }
                net.fit(batches.next());
                loss = net.score();
            }
            raw.add(loss);
            lrs.add(lr);
            double smoothed;
            if (i == 0) {
                smoothed = loss;
                best = loss;
            } else {
                double prev = losses.get(losses.size() - 1);
                smoothed = test.smoothing() > 0 ? test.smoothing() * loss + (1 - test.smoothing()) * prev : loss;
                if (smoothed < best) {
                    best = smoothed;
                }
            }
            losses.add(smoothed);
            if (smoothed > test.divergeThreshold() * best || !Double.isFinite(smoothed)) {
                diverged = true;
                break;
            }
        }
        int idx = steepestBeforeMinimum(losses, SKIP_START, SKIP_END);
        return new Result(lrs, losses, raw, idx < 0 ? Double.NaN : lrs.get(idx), idx, lrs.size() - 1, diverged);
    }

    /**
     * The steepest descent of the smoothed loss, looked for only up to its minimum. When the loss diverges (the usual
     * case, and the reference run's) this is torch-lr-finder's suggestion; when it does not (a network whose ReLUs
     * die at high rates plateaus instead of exploding), the loss can fall again from a spike far beyond the useful
     * range, and that fall must not be taken for the descent.
     */
    public static int steepestBeforeMinimum(List<Double> losses, int skipStart, int skipEnd) {
        int end = losses.size() - skipEnd;
        int argMin = -1;
        for (int i = skipStart; i < end; i++) {
            if (Double.isFinite(losses.get(i)) && (argMin < 0 || losses.get(i) < losses.get(argMin))) {
                argMin = i;
            }
        }
        if (argMin < 0) {
            return -1;
        }
        return steepest(losses.subList(0, Math.min(losses.size(), argMin + 2)), skipStart, 0);
    }

    /**
     * torch-lr-finder's suggestion: the index (into the full list) of the most negative {@code numpy.gradient} of
     * {@code losses[skipStart : len-skipEnd]}; -1 if fewer than two points remain. Non-finite values are skipped.
     */
    public static int steepest(List<Double> losses, int skipStart, int skipEnd) {
        int from = skipStart;
        int to = losses.size() - skipEnd;
        int n = to - from;
        if (n < 2) {
            return -1;
        }
        int best = -1;
        double min = Double.POSITIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            double g;
            if (j == 0) {
                g = losses.get(from + 1) - losses.get(from);
            } else if (j == n - 1) {
                g = losses.get(from + j) - losses.get(from + j - 1);
            } else {
                g = (losses.get(from + j + 1) - losses.get(from + j - 1)) / 2;
            }
            if (Double.isFinite(g) && g < min) {
                min = g;
                best = from + j;
            }
        }
        return best;
    }
}

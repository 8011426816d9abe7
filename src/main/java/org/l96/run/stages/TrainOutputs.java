package org.l96.run.stages;

import com.fasterxml.jackson.databind.JsonNode;
import org.l96.run.StageRecord;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What a training stage ({@code train-<network>/}) writes and what other stages, the report and the summary read
 * back: {@link #MODEL} (DL4J, with optimizer state), {@link #HISTORY} (losses and learning rates per epoch),
 * {@link #METRICS}, {@link #WEIGHTS_NPZ} (the weights for PyTorch), {@link #PREDICTIONS} (the trained network on the validation rows, float64, rows × K like the
 * coupling term, k-major) and the metrics under {@code networks.<network>} in its {@code stage.json}.
 */
public final class TrainOutputs {
    /** Stage names are {@code train-<network>}. */
    public static final String PREFIX = "train-";
    public static final String MODEL = "model.zip";
    /** Metric of a loaded network: where its file came from (path, bytes, SHA-256, the source run). */
    public static final String LOADED = "loaded";
    public static final String HISTORY = "history.json";
    public static final String METRICS = "metrics.json";
    public static final String PREDICTIONS = "predictions.npy";
    /** The trained network as PyTorch {@code nn.Sequential} state-dict arrays, see {@link org.l96.nn.TorchExport}. */
    public static final String WEIGHTS_NPZ = "weights.npz";

    /** Metrics of a network are under {@code networks.<network>}. */
    public static final String METRIC_GROUP = "networks";
    /** Metric: why a training failed ("diverged at epoch 3: training loss NaN"), or null. */
    public static final String DIVERGENCE = "divergence";
    /** Metric: true when the loss became NaN or infinite. */
    public static final String DIVERGED = "diverged";
    /** Metric: how the training ended ({@code COMPLETED}, {@code EARLY_STOPPED}, {@code CANCELLED}, {@code DIVERGED}). */
    public static final String STOP_REASON = "stopReason";
    /** Metric: the last epoch's validation loss (mean per sample and output, in the loss's units). */
    public static final String FINAL_VAL_LOSS = "finalValLoss";
    /** Metric: the epoch whose weights the network ends with, and that epoch's validation loss. */
    public static final String KEPT_EPOCH = "keptEpoch";
    public static final String KEPT_VAL_LOSS = "keptValLoss";
    /** Metrics: whether the spec asks to restore the best epoch, and whether the kept weights are not the last. */
    public static final String RESTORE_BEST = "restoreBest";
    public static final String RESTORED_BEST = "restoredBest";
    /** Metrics (from {@link org.l96.nn.Metrics}): the lowest validation loss and its epoch. */
    public static final String BEST_VAL_LOSS = "bestValLoss";
    public static final String BEST_EPOCH = "bestEpoch";
    public static final String EPOCHS = "epochs";
    /** Metric: the kept weights' loss on the test segment (as {@link #KEPT_VAL_LOSS}), null without a test segment. */
    public static final String TEST_LOSS = "testLoss";
    /** Metric (from {@link org.l96.nn.Metrics}): DL4J's parameter count (batch norm's running statistics included). */
    public static final String PARAMETERS = "parameters";
    /** Metric: the trained parameters as PyTorch counts them ({@code sum(p.numel() for p in model.parameters())}). */
    public static final String TRAINABLE_PARAMETERS = "trainableParameters";
    public static final String DIVERGED_AT_EPOCH = "divergedAtEpoch";
    /**
     * Metric of a network trained online only: that its losses are rollout losses ({@code loss}, in words), and
     * {@code steps}, {@code stepper}, {@code dt}, {@code offlineWeight}, {@code batchWindows} and the windows of each
     * segment ({@code trainWindows}, {@code validationWindows}, {@code testWindows}).
     */
    public static final String ROLLOUT = "rollout";

    private TrainOutputs() {
    }

    public static String stageName(String network) {
        return PREFIX + network;
    }

    /** The network a stage trains, or null when {@code stage} is no training. */
    public static String networkOf(String stage) {
        return stage.startsWith(PREFIX) ? stage.substring(PREFIX.length()) : null;
    }

    /** The dotted path of a network's metrics in {@code stage.json} and the manifest. */
    public static String metricPath(String network) {
        return METRIC_GROUP + "." + network;
    }

    /** The network of a metric path {@code networks.<network>}, or null when it is not a network's. */
    public static String networkOfMetric(String path) {
        return path.startsWith(METRIC_GROUP + ".") ? path.substring(METRIC_GROUP.length() + 1) : null;
    }

    /** The metrics of {@code network}'s training stored in {@code stageDir}, or a missing node. */
    public static JsonNode metrics(Path stageDir, String network) throws IOException {
        return StageRecord.metricsIn(stageDir).path(metricPath(network));
    }
}

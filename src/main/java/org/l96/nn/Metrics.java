package org.l96.nn;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Summary of a training run: losses of the last epoch, the best validation loss and its epoch (1-based; 0 when no
 * epoch completed; "best" as early stopping sees it: an epoch counts as better only by more than {@code minDelta},
 * so with the default 0 it is the minimum; these are the weights kept by {@code restoreBest} and on cancellation),
 * epochs completed, trainable parameter count, wall-clock seconds, and why the run ended ({@link StopReason}).
 */
public record Metrics(double finalTrainLoss, double finalValLoss, double bestValLoss, int bestEpoch, int epochs,
                      long parameters, double seconds, StopReason stopReason) {

    /** Why training ended. */
    public enum StopReason {
        /** all epochs ran */
        COMPLETED,
        /** early stopping: no improvement for {@code patience} epochs */
        EARLY_STOPPED,
        /** the listener asked to stop or the thread was interrupted */
        CANCELLED,
        /** the training loss became NaN or infinite */
        DIVERGED
    }

    public void write(Path file) throws IOException {
        write(file, java.util.Map.of());
    }

    /**
     * Writes these metrics and, after them, the entries of {@code extra} that are not metrics of this record (what
     * the train stage adds: the kept epoch, its loss, divergence, test loss), so that {@code metrics.json} of a
     * training says everything the manifest does, an interrupted one's included. {@link #read} skips the extras.
     */
    public void write(Path file, java.util.Map<String, Object> extra) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode tree = History.JSON.valueToTree(this);
        // JSON has no NaN (Jackson would write the string "NaN"): a loss that does not exist is null, as in the
        // manifest; so is the best epoch of no epochs (a loaded network without its history)
        for (var it = tree.fields(); it.hasNext(); ) {
            var f = it.next();
            if (f.getValue().isDouble() && !Double.isFinite(f.getValue().doubleValue())) {
                f.setValue(com.fasterxml.jackson.databind.node.NullNode.getInstance());
            }
        }
        if (epochs == 0) {
            tree.putNull("bestEpoch");
        }
        for (var e : extra.entrySet()) {
            if (!tree.has(e.getKey())) {
                tree.set(e.getKey(), History.JSON.valueToTree(e.getValue()));
            }
        }
        History.JSON.writeValue(file.toFile(), tree);
    }

    public static Metrics read(Path file) throws IOException {
        com.fasterxml.jackson.databind.JsonNode tree = History.JSON.readTree(file.toFile());
        if (tree instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            // null is written for a loss that does not exist (see write): read back as NaN, not 0
            for (String f : java.util.List.of("finalTrainLoss", "finalValLoss", "bestValLoss", "seconds")) {
                if (o.has(f) && o.get(f).isNull()) {
                    o.put(f, Double.NaN);
                }
            }
            if (o.has("bestEpoch") && o.get("bestEpoch").isNull()) {
                o.put("bestEpoch", 0);
            }
        }
        return History.JSON.readerFor(Metrics.class)
                .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(tree);
    }
}

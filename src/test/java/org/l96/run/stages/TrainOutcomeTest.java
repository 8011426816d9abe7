package org.l96.run.stages;

import org.junit.jupiter.api.Test;
import org.l96.nn.History;
import org.l96.nn.Metrics;
import org.l96.spec.EarlyStoppingSpec;
import org.l96.spec.LayerSpec;
import org.l96.spec.NetworkSpec;
import org.l96.spec.OptimizerSpec;
import org.l96.spec.TrainSpec;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a training's metrics say about divergence and about the weights it kept. */
class TrainOutcomeTest {
    private static NetworkSpec net(EarlyStoppingSpec es) {
        return new NetworkSpec("non-local", List.of(new LayerSpec.Dense(8, "identity")), "pytorch", "mse",
                new TrainSpec(5, OptimizerSpec.Adam.withLr(0.1), null, es, null), null);
    }

    private static History history(double[][] losses) {
        List<History.Epoch> epochs = new java.util.ArrayList<>();
        for (int i = 0; i < losses.length; i++) {
            epochs.add(new History.Epoch(i + 1, losses[i][0], losses[i][1], 0.1));
        }
        return new History(epochs, List.of());
    }

    @Test
    void aTrainingThatDivergedAfterItsBestEpochKeepsThatEpochAndSaysWhere() {
        // epochs 1, 2 finite (2 best), 3 infinite: the trainer stops and restores epoch 2
        History h = history(new double[][]{{3, 2}, {2, 1}, {Double.POSITIVE_INFINITY, Double.NaN}});
        Metrics m = new Metrics(Double.POSITIVE_INFINITY, Double.NaN, 1, 2, 3, 10, 0.1, Metrics.StopReason.DIVERGED);
        Map<String, Object> out = TrainStage.outcome(m, h, net(null), 1.0, true);
        assertEquals(true, out.get("diverged"));
        assertEquals(3, out.get("divergedAtEpoch"));
        assertEquals("diverged at epoch 3: training loss Infinity", out.get(TrainStage.DIVERGENCE));
        assertEquals(2, out.get("keptEpoch"));
        assertEquals(1.0, out.get("keptValLoss"));
        assertEquals(true, out.get("restoredBest"));
        assertNull(out.get("finalTrainLoss"), "not finite: null, not \"Infinity\"");
        assertTrue(out.containsKey("finalValLoss") && out.get("finalValLoss") == null);
    }

    @Test
    void aValidationLossThatBlowsUpIsADivergenceButNoValidationIsNot() {
        History h = history(new double[][]{{3, 2}, {2, Double.NaN}});
        Metrics m = new Metrics(2, Double.NaN, 2, 1, 2, 10, 0.1, Metrics.StopReason.COMPLETED);
        Map<String, Object> out = TrainStage.outcome(m, h, net(null), Double.NaN, true);
        assertEquals("diverged at epoch 2: validation loss NaN", out.get(TrainStage.DIVERGENCE));
        assertEquals(2, out.get("keptEpoch"), "no restoreBest: the last epoch's weights");
        assertNull(out.get("keptValLoss"));
        assertEquals("DIVERGED", out.get("stopReason"), "as train.md promises, though all epochs ran");

        // online: the reason says what to change
        NetworkSpec online = new NetworkSpec("non-local", List.of(new LayerSpec.Dense(8, "identity")), "pytorch",
                "mse", new TrainSpec(5, OptimizerSpec.Adam.withLr(0.1), null, null, null, 400, null, null, null),
                null);
        Map<String, Object> rollout = TrainStage.outcome(m, h, online, Double.NaN, true);
        assertEquals("DIVERGED", rollout.get("stopReason"));
        assertEquals("diverged at epoch 2: validation loss NaN (online training over windows of 400 steps: "
                + "gradients through many chaotic steps overflow; try shorter windows (rollout) or a lower learning "
                + "rate)", rollout.get(TrainStage.DIVERGENCE));

        History noValidation = history(new double[][]{{3, Double.NaN}, {2, Double.NaN}});
        Map<String, Object> fine = TrainStage.outcome(new Metrics(2, Double.NaN, Double.NaN, 0, 2, 10, 0.1,
                Metrics.StopReason.COMPLETED), noValidation, net(null), Double.NaN, false);
        assertEquals(false, fine.get("diverged"));
        assertEquals("COMPLETED", fine.get("stopReason"));
        assertNull(fine.get(TrainStage.DIVERGENCE));
        assertEquals(2, fine.get("keptEpoch"));
    }

    @Test
    void restoreBestKeepsTheBestEpochOnlyWhenAsked() {
        History h = history(new double[][]{{3, 2}, {2, 1}, {1, 1.5}, {0.5, 1.7}});
        Metrics stopped = new Metrics(0.5, 1.7, 1, 2, 4, 10, 0.1, Metrics.StopReason.EARLY_STOPPED);
        Map<String, Object> best = TrainStage.outcome(stopped, h, net(new EarlyStoppingSpec(2, 0, true)), 1.0, true);
        assertEquals(2, best.get("keptEpoch"));
        assertEquals(true, best.get("restoreBest"));
        assertEquals(true, best.get("restoredBest"));
        Map<String, Object> last = TrainStage.outcome(stopped, h, net(new EarlyStoppingSpec(2, 0, false)), 1.7,
                true);
        assertEquals(4, last.get("keptEpoch"));
        assertEquals(false, last.get("restoreBest"));
        assertFalse((Boolean) last.get("restoredBest"));
        // the best epoch is the last: restoreBest changes nothing, and says so
        History better = history(new double[][]{{3, 2}, {2, 1}});
        Map<String, Object> same = TrainStage.outcome(new Metrics(2, 1, 1, 2, 2, 10, 0.1,
                Metrics.StopReason.COMPLETED), better, net(new EarlyStoppingSpec(2, 0, true)), 1.0, true);
        assertEquals(2, same.get("keptEpoch"));
        assertEquals(false, same.get("restoredBest"));
    }
}

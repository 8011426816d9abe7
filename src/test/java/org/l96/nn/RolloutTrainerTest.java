package org.l96.nn;

import org.junit.jupiter.api.Test;
import org.l96.data.TrainingData;
import org.l96.spec.DataSpec;
import org.l96.spec.EarlyStoppingSpec;
import org.l96.spec.LayerSpec;
import org.l96.spec.NetworkSpec;
import org.l96.spec.OptimizerSpec;
import org.l96.spec.ScheduleSpec;
import org.l96.spec.TrainSpec;
import org.l96.world.CoarseModel;
import org.l96.world.Integrator;
import org.l96.world.Parameterization;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Trainer's online mode drives the same epoch loop as offline training: early stopping on the rollout
 * validation loss with the best weights restored, and a spec that trains online without windows is refused.
 */
class RolloutTrainerTest {
    private static final int K = 4;
    private static final int ROWS = 401;
    private static final int STEPS = 5;

    /** A truth: the one-scale model at F = 10 with a damping closure, sampled every 0.01 (no coupling needed). */
    private static double[] truth() {
        double[] x0 = {1, 2, -1, 0.5};
        CoarseModel model = new CoarseModel(10, Parameterization.pointwise(x -> -0.3 * x));
        return model.run(x0, 0.01, ROWS - 1, Integrator.RK4);
    }

    private static NetworkSpec spec(EarlyStoppingSpec es, int epochs) {
        return new NetworkSpec(NetworkSpec.NON_LOCAL, List.of(new LayerSpec.Dense(6, "tanh"),
                new LayerSpec.Dense(K, "identity")), null, null, new TrainSpec(epochs, OptimizerSpec.Adam.withLr(0.01),
                new ScheduleSpec.Constant(), es, 4, STEPS, "rk2", null, null), null);
    }

    @Test
    void earlyStoppingWatchesTheRolloutValidationLossAndRestoresTheBestWeights() {
        double[] x = truth();
        TrainingData data = TrainingData.from(x, new double[x.length], ROWS, K,
                new DataSpec(100, null, null, 32, true), false);
        RolloutData rollout = RolloutData.cut(x, ROWS, K, data.split(), STEPS, 0.01, 10);
        assertEquals((301 - 1) / STEPS, rollout.train().count());
        assertEquals((100 - 1) / STEPS, rollout.validation().count());
        // no epoch after the first improves by 1e9: stops after 1 + patience epochs, keeps epoch 1's weights
        NetworkSpec n = spec(new EarlyStoppingSpec(2, 1e9, true), 10);
        TrainedNetwork t = new Trainer().train("n", n, data, 7, null, null, rollout);
        assertEquals(Metrics.StopReason.EARLY_STOPPED, t.metrics().stopReason());
        assertEquals(3, t.history().epochs().size());
        assertEquals(1, t.metrics().bestEpoch());
        double kept = Trainer.rolloutLoss(t.network(), n, rollout, rollout.validation());
        assertEquals(t.history().epochs().get(0).valLoss(), kept, 1e-6 * kept, "the restored weights are epoch 1's");
        assertTrue(Math.abs(t.history().epochs().get(2).valLoss() - kept) > 1e-6 * kept,
                "epoch 3's weights differ from epoch 1's");
    }

    @Test
    void anOnlineSpecWithoutWindowsIsRefused() {
        double[] x = truth();
        TrainingData data = TrainingData.from(x, new double[x.length], ROWS, K,
                new DataSpec(100, null, null, 32, true), false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer().train("n", spec(null, 1), data, 7, null, null, null));
        assertTrue(e.getMessage().contains("trains online but no windows were given"), e.getMessage());
    }
}

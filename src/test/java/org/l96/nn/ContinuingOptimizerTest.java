package org.l96.nn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.data.TrainingData;
import org.l96.dsl.ScriptLoader;
import org.l96.run.ExperimentRunner;
import org.l96.run.stages.TrainStage;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.OptimizerSpec;
import org.l96.spec.TrainSpec;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code network('b', continues: 'a')}: PyTorch semantics of the optimizer. Giving b another optimizer (another type,
 * or the same type with other hyperparameters) is a new {@code torch.optim} object: step 0, zero moments and
 * momentum buffers, so Adam's first step moves each parameter by {@code lr · g/(|g| + eps) ≈ lr}. Keeping a's
 * optimizer continues its state and step count. (Before the fix, b's Adam counted on from a's 30 steps: its first
 * step was {@code lr · 0.1/(1-0.9^31) / (sqrt(0.001/(1-0.999^31))) ≈ 0.578 lr}.)
 */
class ContinuingOptimizerTest {

    /** Median over all parameters of |after - before| / lr. */
    static double medianStepOverLr(float[] before, float[] after, double lr) {
        double[] r = new double[before.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.abs((double) after[i] - before[i]) / lr;
        }
        Arrays.sort(r);
        return r.length % 2 == 1 ? r[r.length / 2] : (r[r.length / 2 - 1] + r[r.length / 2]) / 2;
    }

    /** The reported case, run as a user runs it: script, runner, saved models. */
    @Test
    void aNewAdamAfterSgdTakesFullFirstSteps(@TempDir Path out) throws Exception {
        ExperimentSpec spec = ScriptLoader.load(resource("cases/continues-new-optimizer.groovy"));
        Path dir = ExperimentRunner.inFolder(out).parallel(1).run(spec).experimentDir();
        float[] base = TrainedNetwork.loadNetwork(dir.resolve(TrainStage.nameOf("base")).resolve(TrainStage.MODEL))
                .params().toFloatVector();
        float[] fresh = TrainedNetwork.loadNetwork(dir.resolve(TrainStage.nameOf("fresh-adam"))
                .resolve(TrainStage.MODEL)).params().toFloatVector();
        assertEquals(72, base.length);
        // the training set is one batch of 2401 samples: the one epoch is one Adam step
        assertEquals(1.000, medianStepOverLr(base, fresh, 1e-2), 0.0005);
    }

    @Test
    void theSameOptimizerContinuesItsStateAndANewOneStartsAtStepZero() {
        TrainingData d = TrainerTest.data(201, false, false, 161); // 161 training samples: one batch per epoch
        OptimizerSpec adam = OptimizerSpec.Adam.withLr(0.01);
        TrainedNetwork base = new Trainer().train("base", TrainerTest.ann(new TrainSpec(5, adam, null, null, null),
                0), d, 8, null, null);
        float[] before = base.network().params().toFloatVector();

        // another type: the first Adam step after SGD is lr per parameter (except where the gradient is ~0)
        TrainedNetwork sgdBase = new Trainer().train("sgd", TrainerTest.ann(new TrainSpec(5,
                new OptimizerSpec.Sgd(1e-3, 0.9, false, 0), null, null, null), 0), d, 8, null, null);
        TrainedNetwork afterSgd = new Trainer().train("x", TrainerTest.ann(new TrainSpec(1, adam, null, null, null),
                0), d, 8, sgdBase, null);
        assertEquals(1.0, medianStepOverLr(sgdBase.network().params().toFloatVector(),
                afterSgd.network().params().toFloatVector(), 0.01), 1e-3);
        assertEquals(1, afterSgd.network().getIterationCount(), "a new optimizer counts from step 0");

        // the same type with another rate is a new optimizer too
        OptimizerSpec slower = OptimizerSpec.Adam.withLr(0.003);
        TrainedNetwork newAdam = new Trainer().train("y", TrainerTest.ann(new TrainSpec(1, slower, null, null,
                null), 0), d, 8, base, null);
        assertEquals(1.0, medianStepOverLr(before, newAdam.network().params().toFloatVector(), 0.003), 1e-3);

        // ... and equals a fresh training of one step from base's weights: a network "continuing" nothing but
        // the weights, i.e. base's weights with an optimizer that never stepped
        TrainedNetwork plainWeights = new TrainedNetwork("w", null, base.network().clone(), null, null);
        plainWeights.network().setIterationCount(0);
        plainWeights.network().getUpdater(true).getStateViewArray().assign(0);
        TrainedNetwork reference = new Trainer().train("z", TrainerTest.ann(new TrainSpec(1, slower, null, null,
                null), 0), d, 8, plainWeights, null);
        assertArrayEquals(reference.network().params().toFloatVector(), newAdam.network().params().toFloatVector(),
                0f);

        // the same optimizer goes on: one more step after five is not a full-size step (the moments remember)
        TrainedNetwork same = new Trainer().train("s", TrainerTest.ann(new TrainSpec(1, adam, null, null, null), 0),
                d, 8, base, null);
        assertEquals(6, same.network().getIterationCount());
        double m = medianStepOverLr(before, same.network().params().toFloatVector(), 0.01);
        assertTrue(Math.abs(m - 1) > 0.05, "the continued Adam's step is not a first step: " + m);
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(ContinuingOptimizerTest.class.getClassLoader().getResource(name).toURI());
    }
}

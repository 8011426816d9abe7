package org.l96.nn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.data.TrainingData;
import org.l96.dsl.ScriptLoader;
import org.l96.run.ExperimentRunner;
import org.l96.run.stages.TrainStage;
import org.l96.spec.ExperimentSpec;
import org.l96.spec.LayerSpec;
import org.l96.spec.NetworkSpec;
import org.l96.spec.OptimizerSpec;
import org.l96.spec.TrainSpec;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

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

    static double medianStepOverLr(float[] before, float[] after, double lr) {
        double[] a = new double[before.length];
        double[] b = new double[after.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = before[i];
            b[i] = after[i];
        }
        return medianStepOverLr(a, b, lr);
    }

    /** Median over all parameters of |after - before| / lr. */
    static double medianStepOverLr(double[] before, double[] after, double lr) {
        double[] r = new double[before.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.abs(after[i] - before[i]) / lr;
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

    /**
     * Through the training API, against {@link TorchReference}: base = 5 full-batch steps; b continues it for one
     * step with the same Adam (= step 6 of one Adam), with a new Adam at another rate (a fresh Adam's first step
     * from base's weights), or, after an SGD base, with Adam (idem).
     */
    @Test
    void theSameOptimizerContinuesItsStateAndANewOneStartsAtStepZero() {
        // the semantics test's small tanh network and data (12 samples, one batch per epoch), where no gradient is
        // so close to 0 that Adam's g/(|g|+eps) would turn float32 rounding into a visible step
        TrainingData d = PyTorchSemanticsTest.data(3, 2, 12);
        List<LayerSpec> layers = PyTorchSemanticsTest.MLP;
        TorchReference ref = PyTorchSemanticsTest.reference(layers, 3, "mse");
        long seed = 8;
        double[] p0 = PyTorchSemanticsTest.initial(layers, "mse", "pytorch", d, seed, ref);

        OptimizerSpec adam = OptimizerSpec.Adam.withLr(0.01);
        TrainedNetwork base = train(layers, adam, 5, d, seed, null);
        double[] baseParams = PyTorchSemanticsTest.params(base, ref, null, null);

        // the same optimizer goes on: one Adam, six steps
        TrainedNetwork same = train(layers, adam, 1, d, seed, base);
        double[] sixSteps = PyTorchSemanticsTest.referenceRun(ref, p0, torchAdam(), (s, e) -> 0.01, d, 12, 6)
                .params().get(5);
        PyTorchSemanticsTest.assertClose(sixSteps, PyTorchSemanticsTest.params(same, ref, null, null),
                "same Adam, step 6");
        double[] restarted = PyTorchSemanticsTest.referenceRun(ref, baseParams, torchAdam(), (s, e) -> 0.01, d, 12, 1)
                .params().get(0);
        assertTrue(PyTorchSemanticsTest.maxError(restarted, sixSteps) > 10 * PyTorchSemanticsTest.TOL,
                "the test tells a continued Adam from a restarted one");

        // the same type at another rate is a new optimizer: a fresh Adam's first step from base's weights, ~lr each
        TrainedNetwork newAdam = train(layers, OptimizerSpec.Adam.withLr(0.003), 1, d, seed, base);
        double[] fresh = PyTorchSemanticsTest.referenceRun(ref, baseParams, torchAdam(), (s, e) -> 0.003, d, 12, 1)
                .params().get(0);
        double[] got = PyTorchSemanticsTest.params(newAdam, ref, null, null);
        PyTorchSemanticsTest.assertClose(fresh, got, "new Adam after Adam");
        assertEquals(1.0, medianStepOverLr(baseParams, got, 0.003), 1e-3);

        // another type: Adam after SGD with momentum
        TrainedNetwork sgdBase = train(layers, new OptimizerSpec.Sgd(1e-3, 0.9, false, 0), 5, d, seed, null);
        double[] sgdParams = PyTorchSemanticsTest.params(sgdBase, ref, null, null);
        TrainedNetwork afterSgd = train(layers, adam, 1, d, seed, sgdBase);
        double[] freshAfterSgd = PyTorchSemanticsTest.referenceRun(ref, sgdParams, torchAdam(), (s, e) -> 0.01, d,
                12, 1).params().get(0);
        got = PyTorchSemanticsTest.params(afterSgd, ref, null, null);
        PyTorchSemanticsTest.assertClose(freshAfterSgd, got, "new Adam after SGD");
        assertEquals(1.0, medianStepOverLr(sgdParams, got, 0.01), 1e-3);
    }

    static TorchReference.Adam torchAdam() {
        return new TorchReference.Adam(0.9, 0.999, 1e-8, 0, false);
    }

    static TrainedNetwork train(List<LayerSpec> layers, OptimizerSpec optimizer, int epochs, TrainingData d, long seed,
                                TrainedNetwork from) {
        NetworkSpec spec = PyTorchSemanticsTest.spec(layers, "mse", "pytorch",
                new TrainSpec(epochs, optimizer, null, null, null));
        return new Trainer().train("n", spec, d, seed, from, null);
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(ContinuingOptimizerTest.class.getClassLoader().getResource(name).toURI());
    }
}

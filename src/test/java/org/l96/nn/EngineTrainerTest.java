package org.l96.nn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.data.TrainingData;
import org.l96.spec.EarlyStoppingSpec;
import org.l96.spec.LayerSpec;
import org.l96.spec.LrRangeTestSpec;
import org.l96.spec.NetworkSpec;
import org.l96.spec.OptimizerSpec;
import org.l96.spec.ScheduleSpec;
import org.l96.spec.TrainSpec;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole training runs through {@link Trainer} and {@link LrRangeTest} with the plain-Java engine against the same
 * runs with DL4J's {@code fit}: histories (every epoch's losses and rate), metrics, final weights, optimizer state
 * and counters, for a fresh network, a continued one and an early-stopped one with restored weights, and the saved
 * {@code model.zip} giving in DL4J the validation loss the engine computed. Tolerances as in
 * {@code engine.EngineAgreementTest} (float32 rounding in different summation orders), losses 1e-4 relative.
 */
class EngineTrainerTest {

    static void assertRunsAgree(TrainedNetwork dl4j, TrainedNetwork engine) {
        assertEquals(dl4j.metrics().epochs(), engine.metrics().epochs(), "epochs");
        assertEquals(dl4j.metrics().stopReason(), engine.metrics().stopReason(), "stop reason");
        assertEquals(dl4j.metrics().bestEpoch(), engine.metrics().bestEpoch(), "best epoch");
        assertEquals(dl4j.history().iterationLr(), engine.history().iterationLr(), "rates");
        for (int e = 0; e < dl4j.history().epochs().size(); e++) {
            History.Epoch a = dl4j.history().epochs().get(e);
            History.Epoch b = engine.history().epochs().get(e);
            assertEquals(a.trainLoss(), b.trainLoss(), 1e-4 * a.trainLoss(), "train loss of epoch " + (e + 1));
            assertEquals(a.valLoss(), b.valLoss(), 1e-4 * a.valLoss(), "validation loss of epoch " + (e + 1));
            assertEquals(a.lr(), b.lr(), 0);
        }
        org.l96.nn.engine.EngineAgreementTest.assertClose(dl4j.network().params().toFloatVector(),
                engine.network().params().toFloatVector(), 2e-5, "weights");
        org.l96.nn.engine.EngineAgreementTest.assertClose(
                dl4j.network().getUpdater().getStateViewArray().toFloatVector(),
                engine.network().getUpdater().getStateViewArray().toFloatVector(), 3e-4, "optimizer state");
        assertEquals(dl4j.network().getIterationCount(), engine.network().getIterationCount(), "iterations");
        assertEquals(dl4j.network().getEpochCount(), engine.network().getEpochCount(), "epochs counted");
    }

    static NetworkSpec bnNet(TrainSpec train) {
        return new NetworkSpec("non-local", List.of(new LayerSpec.Dense(16, "relu"), new LayerSpec.BatchNorm(0.1, 1e-5),
                new LayerSpec.Dense(16, "tanh"), new LayerSpec.Dense(8, "identity")), "pytorch", "mse", train, null);
    }

    @Test
    void freshAndContinuedRunsAgreeWithDl4j() {
        TrainingData d = TrainerTest.data(410, false, true, 64); // 328 training samples: 5 batches of 64 and one of 8
        TrainSpec first = new TrainSpec(3, new OptimizerSpec.Adam(0.01, 0.9, 0.999, 1e-8, 0.01),
                new ScheduleSpec.Step(1, 0.7), null, null);
        NetworkSpec spec = bnNet(first);
        TrainedNetwork a = new Trainer(Trainer.Engine.DL4J).train("a", spec, d, 4, null, null);
        TrainedNetwork b = new Trainer().train("b", spec, d, 4, null, null);
        assertRunsAgree(a, b);
        // the notebook's "+100 epochs": the same optimizer continues (its state and step count)
        NetworkSpec more = bnNet(new TrainSpec(2, first.optimizer(), null, null, null));
        TrainedNetwork a2 = new Trainer(Trainer.Engine.DL4J).train("a2", more, d, 4, a, null);
        TrainedNetwork b2 = new Trainer().train("b2", more, d, 4, a, null);
        assertRunsAgree(a2, b2);
        // and from the engine's own result
        TrainedNetwork b3 = new Trainer().train("b3", more, d, 4, b, null);
        assertRunsAgree(a2, b3);
    }

    @Test
    void earlyStoppingRestoresTheSameEpoch() {
        TrainingData d = TrainerTest.data(201, false, true, 32);
        // restoreBest: the weights of the best epoch are restored whether the run stops early or not
        TrainSpec train = new TrainSpec(6, OptimizerSpec.Adam.withLr(0.02), null, new EarlyStoppingSpec(2, 0.0, true),
                null);
        NetworkSpec spec = TrainerTest.ann(train, 0);
        TrainedNetwork a = new Trainer(Trainer.Engine.DL4J).train("a", spec, d, 1, null, null);
        TrainedNetwork b = new Trainer().train("b", spec, d, 1, null, null);
        assertRunsAgree(a, b);
        assertEquals(b.metrics().bestValLoss(), Trainer.evaluate(b.network(), d.validation(), 32, "mse"), 0,
                "the restored weights give the best epoch's loss, to the bit");
        assertEquals(b.metrics().bestValLoss(), new Trainer.Validation(d.validation(), 32, "mse").loss(b.network()),
                1e-5 * b.metrics().bestValLoss(), "DL4J's forward pass sees the restored weights");
    }

    @Test
    void theSavedModelGivesTheEnginesLossInDl4j(@TempDir Path dir) throws Exception {
        TrainingData d = TrainerTest.data(301, false, true, 64);
        NetworkSpec spec = bnNet(new TrainSpec(4, OptimizerSpec.Adam.withLr(0.01), null, null, null));
        TrainedNetwork t = new Trainer().train("t", spec, d, 2, null, null);
        t.save(dir.resolve("model.zip"));
        var loaded = TrainedNetwork.loadNetwork(dir.resolve("model.zip"));
        double engineVal = t.metrics().finalValLoss();
        assertEquals(engineVal, new Trainer.Validation(d.validation(), 64, "mse").loss(loaded), 1e-5 * engineVal,
                "DL4J's own forward pass on the loaded model");
        assertArrayEquals(t.network().params().toFloatVector(), loaded.params().toFloatVector());
    }

    @Test
    void lrRangeTestAgreesWithDl4j() {
        TrainingData d = TrainerTest.data(201, false, true, 32);
        NetworkSpec net = TrainerTest.ann(TrainerTest.adam(1, 0.001), 0);
        LrRangeTestSpec spec = new LrRangeTestSpec("ann", 1e-5, 1, 40, "exponential", 0.05, 5);
        LrRangeTest.Result a = LrRangeTest.run(spec, net, d, 3, null, Trainer.Engine.DL4J);
        LrRangeTest.Result b = LrRangeTest.run(spec, net, d, 3, null);
        assertEquals(a.lrs(), b.lrs());
        assertTrue(a.iterationsRun() > 20);
        for (int i = 0; i < a.iterationsRun(); i++) {
            assertEquals(a.rawLosses().get(i), b.rawLosses().get(i), 1e-4 * a.rawLosses().get(i), "loss " + i);
        }
        assertEquals(a.suggestedIndex(), b.suggestedIndex());
    }
}

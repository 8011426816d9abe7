package org.l96.nn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l96.data.BatchIterator;
import org.l96.data.TrainingData;
import org.l96.spec.DataSpec;
import org.l96.spec.EarlyStoppingSpec;
import org.l96.spec.LayerSpec;
import org.l96.spec.NetworkSpec;
import org.l96.spec.OptimizerSpec;
import org.l96.spec.ScheduleSpec;
import org.l96.spec.TrainSpec;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {

    /** rows × 8 samples: x ~ 5 N(0,1); coupling = -0.85 x - 0.76 + 0.3 x_{k+1} (non-local part) + noise. */
    static TrainingData data(int rows, boolean local, boolean shuffle, int batch) {
        SplittableRandom r = new SplittableRandom(99);
        int k = 8;
        double[] x = new double[rows * k];
        double[] c = new double[rows * k];
        for (int i = 0; i < x.length; i++) {
            x[i] = 5 * r.nextGaussian();
        }
        for (int t = 0; t < rows; t++) {
            for (int kk = 0; kk < k; kk++) {
                int i = t * k + kk;
                c[i] = -0.85 * x[i] - 0.76 + 0.3 * x[t * k + (kk + 1) % k] + 0.2 * r.nextGaussian();
            }
        }
        return TrainingData.from(x, c, k, new DataSpec(rows / 5, null, null, batch, shuffle), local);
    }

    static NetworkSpec ann(TrainSpec train, double dropout) {
        List<LayerSpec> layers = new ArrayList<>(List.of(new LayerSpec.Dense(16, "relu")));
        if (dropout > 0) {
            layers.add(new LayerSpec.Dropout(dropout));
        }
        layers.add(new LayerSpec.Dense(16, "relu"));
        layers.add(new LayerSpec.Dense(8, "identity"));
        return new NetworkSpec("non-local", layers, "pytorch", "mse", train, null);
    }

    static TrainSpec adam(int epochs, double lr) {
        return new TrainSpec(epochs, OptimizerSpec.Adam.withLr(lr), null, null, null);
    }

    @Test
    void linearLocalNetworkLearnsTheLinearPart() {
        TrainingData d = data(401, true, true, 128);
        NetworkSpec spec = new NetworkSpec("local", List.of(new LayerSpec.Dense(1, "identity")), "pytorch", "mse",
                adam(8, 0.03), null);
        TrainedNetwork t = new Trainer().train("linear", spec, d, 14, null, null);
        double w = t.network().getLayer(0).getParam("W").getDouble(0);
        double b = t.network().getLayer(0).getParam("b").getDouble(0);
        assertEquals(-0.85, w, 0.05);
        assertEquals(-0.76, b, 0.1);
        assertEquals(8, t.history().epochs().size());
        assertEquals(Metrics.StopReason.COMPLETED, t.metrics().stopReason());
        assertEquals(2, t.metrics().parameters());
        assertTrue(t.history().trainLosses()[7] < t.history().trainLosses()[0]);
    }

    @Test
    void trainLossIsTheMeanOfBatchLossesBeforeEachUpdate() {
        // with a vanishing rate the weights stay put, so the epoch's training loss is the mean of the batch losses
        // of the initial network over the shuffled batches (the last, partial, batch weighing the same)
        TrainingData d = data(301, false, true, 64);
        NetworkSpec spec = ann(new TrainSpec(1, new OptimizerSpec.Sgd(1e-30, 0, false, 0), null, null, null), 0);
        long seed = 5;
        TrainedNetwork t = new Trainer().train("ann", spec, d, seed, null, null);
        BatchIterator it = new BatchIterator(d.train(), 64, true, Seeds.derive(seed, Seeds.SHUFFLE));
        it.startEpoch();
        double sum = 0;
        int n = 0;
        while (it.hasNext()) {
            DataSet b = it.next();
            sum += t.network().score(b, false);
            n++;
        }
        assertEquals(4, n);
        assertEquals(sum / n, t.history().epochs().get(0).trainLoss(), 1e-5);
        // validation: contiguous batches of 64 over 60 samples -> a single batch
        assertEquals(t.network().score(new DataSet(d.validation().featuresArray(), d.validation().labelsArray()),
                false), t.history().epochs().get(0).valLoss(), 1e-5);
    }

    @Test
    void validationLossWeighsThePartialBatchLikeTheOthers() {
        float[] pred = {0, 0, 0, 0, 0};
        float[] target = {1, 1, 1, 1, 3};
        // batches of 2: {1,1} {1,1} {3}: means 1, 1, 9 -> 11/3 (not the sample mean 13/5)
        assertEquals(11.0 / 3, Trainer.batchMeanLoss(pred, target, 1, 2, false), 1e-12);
        assertEquals(5.0 / 3, Trainer.batchMeanLoss(pred, target, 1, 2, true), 1e-12);
    }

    @Test
    void sameSeedSameRunEvenWithDropout() {
        TrainingData d = data(201, false, true, 32);
        NetworkSpec spec = ann(adam(2, 0.01), 0.5);
        double[] a = new Trainer().train("a", spec, d, 3, null, null).history().trainLosses();
        double[] b = new Trainer().train("b", spec, d, 3, null, null).history().trainLosses();
        double[] c = new Trainer().train("c", spec, d, 4, null, null).history().trainLosses();
        assertArrayEquals(a, b);
        assertNotEquals(a[0], c[0]);
    }

    @Test
    void continuingEqualsTrainingLongerWithTheSameOptimizer() {
        // without shuffling, 2 epochs + 1 more epoch (same Adam state and step count) = 3 epochs in one go
        TrainingData d = data(201, false, false, 48);
        NetworkSpec two = ann(adam(2, 0.01), 0);
        NetworkSpec one = ann(adam(1, 0.01), 0);
        NetworkSpec three = ann(adam(3, 0.01), 0);
        TrainedNetwork first = new Trainer().train("first", two, d, 8, null, null);
        double[] before = first.network().params().toDoubleVector();
        TrainedNetwork more = new Trainer().train("more", one, d, 8, first, null);
        TrainedNetwork all = new Trainer().train("all", three, d, 8, null, null);
        assertArrayEquals(before, first.network().params().toDoubleVector(), "the base network is not modified");
        assertArrayEquals(all.network().params().toFloatVector(), more.network().params().toFloatVector(), 1e-6f);
        assertEquals(all.history().epochs().get(2).valLoss(), more.history().epochs().get(0).valLoss(), 1e-6);
        assertEquals(all.network().getIterationCount(), more.network().getIterationCount());
    }

    @Test
    void earlyStoppingRestoresTheBestEpoch(@TempDir Path dir) throws Exception {
        TrainingData d = data(201, false, true, 32);
        // a rate far too high makes the validation loss jump around; patience 2 stops the run
        TrainSpec train = new TrainSpec(30, OptimizerSpec.Adam.withLr(0.3), null,
                new EarlyStoppingSpec(2, 0.0, true), null);
        TrainedNetwork t = new Trainer().train("es", ann(train, 0), d, 1, null, null);
        Metrics m = t.metrics();
        double[] val = t.history().valLosses();
        if (m.stopReason() == Metrics.StopReason.EARLY_STOPPED) {
            assertEquals(m.bestEpoch() + 2, m.epochs());
        }
        double min = Double.POSITIVE_INFINITY;
        for (double v : val) {
            min = Math.min(min, v);
        }
        assertEquals(min, m.bestValLoss(), 0);
        assertEquals(min, val[m.bestEpoch() - 1], 0);
        double now = Trainer.batchMeanLoss(t.network().output(d.validation().featuresArray(), false).dup('c')
                .data().asFloat(), d.validation().targets(), 8, 32, false);
        assertEquals(min, now, 1e-6 * (1 + min), "restored weights give the best validation loss");
    }

    @Test
    void listenerSeesEveryEpochAndCanStop() {
        TrainingData d = data(201, false, true, 32);
        List<double[]> seen = new ArrayList<>();
        AtomicInteger polls = new AtomicInteger();
        TrainingListener l = new TrainingListener() {
            @Override
            public void onEpoch(int epoch, double trainLoss, double valLoss, double lr) {
                seen.add(new double[]{epoch, trainLoss, valLoss, lr});
            }

            @Override
            public boolean stopRequested() {
                polls.incrementAndGet();
                return seen.size() >= 2;
            }
        };
        TrainedNetwork t = new Trainer().train("stop", ann(adam(10, 0.01), 0), d, 2, null, l);
        assertEquals(2, seen.size());
        assertEquals(Metrics.StopReason.CANCELLED, t.metrics().stopReason());
        assertEquals(2, t.metrics().epochs());
        assertEquals(0.01, seen.get(1)[3], 0);
        assertEquals(6 * 2 + 1, polls.get()); // 161 samples: 6 batches per epoch, polled before each
        assertEquals(seen.get(1)[2], t.metrics().finalValLoss(), 0);
    }

    @Test
    void interruptStopsTheRun() throws Exception {
        TrainingData d = data(201, false, true, 32);
        Thread.currentThread().interrupt();
        try {
            TrainedNetwork t = new Trainer().train("int", ann(adam(3, 0.01), 0), d, 2, null, null);
            assertEquals(Metrics.StopReason.CANCELLED, t.metrics().stopReason());
            assertEquals(0, t.metrics().epochs());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void scheduleRatesAreRecordedPerIteration() {
        TrainingData d = data(201, false, true, 32); // 161 samples -> 6 batches per epoch
        ScheduleSpec one = new ScheduleSpec.OneCycle(0.02, 0.3, 25, 1e4);
        TrainSpec train = new TrainSpec(3, OptimizerSpec.Adam.withLr(0.001), one, null, null);
        TrainedNetwork t = new Trainer().train("oc", ann(train, 0), d, 2, null, null);
        List<Double> lrs = t.history().iterationLr();
        assertEquals(18, lrs.size());
        for (int i = 0; i < 18; i++) {
            assertEquals(Schedules.oneCycle(0.02, 0.3, 25, 1e4, 18, i), lrs.get(i), 1e-15);
        }
        assertEquals(lrs.get(6), t.history().epochs().get(1).lr(), 0);
    }

    @Test
    void saveLoadAndTrainFurther(@TempDir Path dir) throws Exception {
        TrainingData d = data(201, false, false, 48);
        NetworkSpec one = ann(adam(1, 0.01), 0);
        TrainedNetwork first = new Trainer().train("first", one, d, 8, null, null);
        first.save(dir.resolve("net.zip"));
        first.writeHistory(dir.resolve("history.json"));
        first.writeMetrics(dir.resolve("metrics.json"));
        TrainedNetwork loaded = TrainedNetwork.load("first", one, dir.resolve("net.zip"), dir.resolve("history.json"),
                dir.resolve("metrics.json"));
        assertEquals(first.history(), loaded.history());
        assertEquals(first.metrics(), loaded.metrics());
        assertArrayEquals(first.network().params().toFloatVector(), loaded.network().params().toFloatVector());
        assertEquals(first.network().getIterationCount(), loaded.network().getIterationCount());
        assertArrayEquals(first.network().getUpdater().getStateViewArray().toFloatVector(),
                loaded.network().getUpdater().getStateViewArray().toFloatVector());
        TrainedNetwork a = new Trainer().train("a", one, d, 8, first, null);
        TrainedNetwork b = new Trainer().train("b", one, d, 8, loaded, null);
        assertArrayEquals(a.network().params().toFloatVector(), b.network().params().toFloatVector(), 1e-7f);
    }
}

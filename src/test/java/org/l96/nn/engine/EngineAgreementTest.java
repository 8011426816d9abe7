package org.l96.nn.engine;

import org.l96.nn.dl4j.LrSchedules;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.l96.data.BatchIterator;
import org.l96.data.Dataset;
import org.l96.nn.Networks;
import org.l96.nn.Optimizers;
import org.l96.nn.Schedules;
import org.l96.spec.LayerSpec;
import org.l96.spec.NetworkSpec;
import org.l96.spec.OptimizerSpec;
import org.l96.spec.ScheduleSpec;
import org.l96.spec.Vocabulary;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.schedule.ISchedule;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plain-Java engine against DL4J ({@code MultiLayerNetwork.fit}, today's path and the oracle): from the same
 * initial weights over the same shuffled batches (the last one partial), the weights, the optimizer state, the
 * iteration counter and every batch loss must agree after a few epochs, for every layer kind, activation, loss,
 * optimizer, weight decay and schedule.
 *
 * <p>Tolerance: {@code |engine - dl4j| <= 2e-5 · (|dl4j| + rms)} per parameter (rms over the network's
 * parameters), 3e-4 on the optimizer state (Adam's v is a square: twice the relative error, and near zero), 1e-4
 * relative on every batch loss. Both sides compute in float32 (ε = 6e-8) but sum in different orders (ND4J's GEMM
 * and reductions against the engine's loops), a few ulp per step; over 20-25 steps the optimizers amplify that,
 * Adam most (where a moment is near zero its update {@code m/√v} is a ratio of two rounded quantities). Measured:
 * at most 5e-6 on parameters (SGD and RMSprop 2e-7), 7e-5 on state. A wrong formula (a missing bias correction,
 * decay on the wrong parameters, momentum in the wrong place, a derivative off by a factor, batch norm's running
 * variance with ε added) moves some parameter by 1e-4 of its size or more within these steps.
 */
public class EngineAgreementTest {
    static final double TOL = 2e-5;

    /** Samples with a nonlinear target, inputs of magnitude ~3, as the L96 data. */
    static Dataset data(int samples, int nIn, int nOut, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[samples * nIn];
        float[] y = new float[samples * nOut];
        for (int s = 0; s < samples; s++) {
            double sum = 0;
            for (int i = 0; i < nIn; i++) {
                double v = 3 * r.nextGaussian() + 1;
                x[s * nIn + i] = (float) v;
                sum += v * (i % 2 == 0 ? 0.3 : -0.2);
            }
            for (int o = 0; o < nOut; o++) {
                y[s * nOut + o] = (float) (-0.8 * x[s * nIn + o % nIn] + Math.tanh(sum) + 0.1 * r.nextGaussian());
            }
        }
        return new Dataset(x, nIn, y, nOut);
    }

    static NetworkSpec net(List<LayerSpec> layers, String loss) {
        return new NetworkSpec("non-local", layers, "pytorch", loss, null, null);
    }

    static List<LayerSpec> mlp(String activation) {
        return List.of(new LayerSpec.Dense(16, activation), new LayerSpec.Dense(16, activation),
                new LayerSpec.Dense(8, "identity"));
    }

    record Outcome(float[] dl4jParams, float[] engineParams, float[] dl4jState, float[] engineState,
                   double[] dl4jLosses, double[] engineLosses, int dl4jIterations, int engineIterations) {
    }

    /** Trains two copies of one initialized network, one with DL4J and one with the engine, on the same batches. */
    static Outcome both(NetworkSpec spec, OptimizerSpec opt, ScheduleSpec schedule, Dataset data, int batch,
                        int epochs, long seed) {
        BatchIterator it = new BatchIterator(data, batch, true, seed + 1);
        ISchedule s = LrSchedules.of(schedule, opt.lr(), it.batchesPerEpoch(), epochs, 0);
        MultiLayerNetwork dl4j = Networks.build(spec, data.nIn(), Optimizers.updater(opt, s),
                Optimizers.regularization(opt), seed);
        MultiLayerNetwork mine = Networks.build(spec, data.nIn(), Optimizers.updater(opt, s),
                Optimizers.regularization(opt), seed);
        mine.setParams(dl4j.params().dup());
        replayDropout(dl4j, seed + 2);

        List<Double> dl = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            it.startEpoch();
            while (it.hasNext()) {
                dl4j.fit(it.next());
                dl.add(dl4j.score());
            }
        }
        FloatTraining run = FloatTraining.start(mine, opt, data, batch, true, seed + 1, seed + 2);
        List<Double> en = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            run.startEpoch();
            while (run.hasNext()) {
                en.add(run.fitNext(s.valueAt(run.iteration(), e)));
            }
        }
        run.writeTo(mine);
        return new Outcome(dl4j.params().toFloatVector(), mine.params().toFloatVector(), state(dl4j), state(mine),
                dl.stream().mapToDouble(Double::doubleValue).toArray(),
                en.stream().mapToDouble(Double::doubleValue).toArray(), dl4j.getIterationCount(),
                mine.getIterationCount());
    }

    static float[] state(MultiLayerNetwork net) {
        INDArray v = net.getUpdater().getStateViewArray();
        return v == null ? new float[0] : v.toFloatVector();
    }

    public static void assertClose(float[] expected, float[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double rms = 0;
        for (float v : expected) {
            rms += (double) v * v;
        }
        rms = Math.sqrt(rms / Math.max(1, expected.length));
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(expected[i] - actual[i]) / (Math.abs(expected[i]) + rms + 1e-30);
            if (err > worst || Double.isNaN(err)) {
                worst = err;
                at = i;
            }
        }
        assertTrue(worst <= tol, what + ": worst relative difference " + worst + " at " + at + " (dl4j "
                + (at < 0 ? "" : expected[at]) + ", engine " + (at < 0 ? "" : actual[at]) + ")");
    }

    static Outcome check(String what, NetworkSpec spec, OptimizerSpec opt, ScheduleSpec schedule, int epochs) {
        Dataset d = data(300, 8, 8, 11);
        Outcome o = both(spec, opt, schedule, d, 64, epochs, 5);
        assertEquals(o.dl4jIterations(), o.engineIterations(), what + ": iterations");
        assertEquals(o.dl4jLosses().length, o.engineLosses().length);
        for (int i = 0; i < o.dl4jLosses().length; i++) {
            double a = o.dl4jLosses()[i];
            assertEquals(a, o.engineLosses()[i], 1e-4 * Math.abs(a) + 1e-7, what + ": loss of batch " + i);
        }
        assertClose(o.dl4jParams(), o.engineParams(), TOL, what + ": parameters");
        assertClose(o.dl4jState(), o.engineState(), 15 * TOL, what + ": optimizer state");
        return o;
    }

    @Test
    void seedNetworkWithAdam() {
        Outcome o = check("8-16-16-8 relu adam", net(mlp("relu"), "mse"), OptimizerSpec.Adam.withLr(0.003), null, 10);
        // the comparison is not vacuous: training moved the weights
        float[] init = Networks.build(net(mlp("relu"), "mse"), 8, Optimizers.updater(OptimizerSpec.Adam.withLr(0.003),
                null), List.of(), 5).params().toFloatVector();
        double moved = 0;
        for (int i = 0; i < init.length; i++) {
            moved = Math.max(moved, Math.abs(init[i] - o.engineParams()[i]));
        }
        assertTrue(moved > 0.01, "weights moved by " + moved);
        assertTrue(o.engineLosses()[o.engineLosses().length - 1] < 0.8 * o.engineLosses()[0], "loss fell");
    }

    @Test
    void everyActivation() {
        for (String a : Vocabulary.ACTIVATIONS) {
            check(a, net(mlp(a), "mse"), OptimizerSpec.Adam.withLr(0.003), null, 4);
        }
    }

    @Test
    void meanAbsoluteError() {
        check("mae", net(mlp("tanh"), "mae"), OptimizerSpec.Adam.withLr(0.003), null, 4);
    }

    @Test
    void everyOptimizerAndWeightDecay() {
        List<LayerSpec> layers = mlp("relu");
        check("sgd", net(layers, "mse"), new OptimizerSpec.Sgd(0.01, 0, false, 0), null, 4);
        check("sgd momentum", net(layers, "mse"), new OptimizerSpec.Sgd(0.01, 0.9, false, 0), null, 4);
        check("sgd nesterov + decay", net(layers, "mse"), new OptimizerSpec.Sgd(0.01, 0.9, true, 0.05), null, 4);
        check("adam + coupled decay", net(layers, "mse"), new OptimizerSpec.Adam(0.003, 0.9, 0.999, 1e-8, 0.1),
                null, 4);
        check("adamw", net(layers, "mse"), new OptimizerSpec.AdamW(0.003, 0.85, 0.99, 1e-6, 0.05), null, 4);
        check("rmsprop", net(layers, "mse"), new OptimizerSpec.RmsProp(0.001, 0.99, 1e-8, 0, 0), null, 4);
        check("rmsprop momentum + decay", net(layers, "mse"), new OptimizerSpec.RmsProp(0.001, 0.9, 1e-8, 0.5, 0.01),
                null, 4);
    }

    @Test
    void everySchedule() {
        List<LayerSpec> layers = mlp("relu");
        OptimizerSpec adam = OptimizerSpec.Adam.withLr(0.003);
        check("step", net(layers, "mse"), adam, new ScheduleSpec.Step(2, 0.5), 5);
        check("exponential", net(layers, "mse"), adam, new ScheduleSpec.Exponential(0.7), 5);
        check("cyclic", net(layers, "mse"), new OptimizerSpec.Sgd(0.01, 0.9, false, 0),
                new ScheduleSpec.Cyclic(0.001, 0.02, 7, 5, "triangular2", 1), 5);
        check("one-cycle", net(layers, "mse"), adam, new ScheduleSpec.OneCycle(0.01, 0.3, 25, 1e4), 5);
    }

    @Test
    void batchNormalization() {
        List<LayerSpec> layers = List.of(new LayerSpec.Dense(16, "identity"), new LayerSpec.BatchNorm(0.1, 1e-5),
                new LayerSpec.Dense(16, "relu"), new LayerSpec.BatchNorm(0.3, 1e-3),
                new LayerSpec.Dense(8, "identity"));
        check("batch norm adam + decay", net(layers, "mse"), new OptimizerSpec.Adam(0.003, 0.9, 0.999, 1e-8, 0.01),
                null, 4);
        check("batch norm sgd", net(layers, "mse"), new OptimizerSpec.Sgd(0.01, 0.9, true, 0), null, 4);
    }

    @Test
    void dropoutWithTheSameMasks() {
        List<LayerSpec> layers = List.of(new LayerSpec.Dense(16, "relu"), new LayerSpec.Dropout(0.3),
                new LayerSpec.Dense(16, "relu"), new LayerSpec.Dropout(0.8), new LayerSpec.Dense(8, "identity"));
        check("dropout", net(layers, "mse"), OptimizerSpec.Adam.withLr(0.003), null, 4);
        // a leading dropout drops inputs: its width is the network's input width
        List<LayerSpec> first = List.of(new LayerSpec.Dropout(0.5), new LayerSpec.Dense(16, "relu"),
                new LayerSpec.Dense(8, "identity"));
        check("leading dropout", net(first, "mse"), OptimizerSpec.Adam.withLr(0.003), null, 4);
    }

    @Test
    void supportsEveryLayerTheDslOffers() {
        List<LayerSpec> layers = List.of(new LayerSpec.Dense(4, "gelu"), new LayerSpec.BatchNorm(0.1, 1e-5),
                new LayerSpec.Dropout(0.5), new LayerSpec.Dense(2, "identity"));
        for (OptimizerSpec opt : List.of(new OptimizerSpec.Sgd(0.1, 0.9, true, 0.1),
                new OptimizerSpec.Adam(0.1, 0.9, 0.999, 1e-8, 0.1), new OptimizerSpec.AdamW(0.1, 0.9, 0.999, 1e-8, 0.1),
                new OptimizerSpec.RmsProp(0.1, 0.99, 1e-8, 0.9, 0.1))) {
            MultiLayerNetwork net = Networks.build(net(layers, "mae"), 3, Optimizers.updater(opt, null),
                    Optimizers.regularization(opt), 1);
            assertNull(Dl4jBridge.unsupported(net), opt.toString());
        }
    }

    // ---- dropout masks replayed in DL4J

    /**
     * Puts into each DL4J dropout layer a dropout that draws its masks from the engine's generator (SplitMix64, one
     * draw per unit and sample, unit-major, layers in forward order, one stream shared by all layers), so both sides
     * drop the same units and the gradients can be compared.
     */
    static void replayDropout(MultiLayerNetwork net, long seed) {
        long[] state = {seed};
        for (var layer : net.getLayers()) {
            if (layer.conf().getLayer() instanceof DropoutLayer d) {
                double p = ((org.deeplearning4j.nn.conf.dropout.Dropout) d.getIDropout()).getP();
                d.setIDropout(new Replay(p, state));
            }
        }
    }

    static final class Replay implements IDropout {
        private final double p;
        private final long[] state;
        private float[] mask;
        private long[] shape;

        Replay(double p, long[] state) {
            this.p = p;
            this.state = state;
        }

        @Override
        public INDArray applyDropout(INDArray in, INDArray result, int iteration, int epoch,
                                     LayerWorkspaceMgr workspaceMgr) {
            int n = (int) in.size(0);
            int units = (int) in.size(1);
            float keep = (float) p;
            float scale = 1 / keep;
            float[] m = new float[n * units];
            long s = state[0];
            for (int u = 0; u < units; u++) {
                for (int b = 0; b < n; b++) {
                    s += 0x9E3779B97F4A7C15L;
                    long r = s;
                    r = (r ^ (r >>> 30)) * 0xBF58476D1CE4E5B9L;
                    r = (r ^ (r >>> 27)) * 0x94D049BB133111EBL;
                    r ^= r >>> 31;
                    m[b * units + u] = (r >>> 40) * 0x1.0p-24f < keep ? scale : 0f;
                }
            }
            state[0] = s;
            mask = m;
            shape = new long[]{n, units};
            result.assign(in.mul(Nd4j.create(m, shape, DataType.FLOAT)));
            return result;
        }

        @Override
        public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
            gradAtInput.assign(gradAtOutput.mul(Nd4j.create(mask, shape, DataType.FLOAT)));
            return gradAtInput;
        }

        @Override
        public void clear() {
            mask = null;
        }

        @Override
        public IDropout clone() {
            return this;
        }
    }

}

package org.l96.nn.engine;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.l96.data.Dataset;
import org.l96.nn.Networks;
import org.l96.nn.Optimizers;
import org.l96.spec.LayerSpec;
import org.l96.spec.NetworkSpec;
import org.l96.spec.OptimizerSpec;
import org.l96.world.CoarseModel;
import org.l96.world.DiscreteSubgridTarget;
import org.l96.world.Integrator;
import org.l96.world.OneScaleL96;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gradient of the rollout loss ({@link RolloutGradient}, {@link RolloutTraining}) against independent
 * computations: central differences of the project's coarse model in float64, a float64 automatic differentiation
 * of the same loss ({@link RolloutReference64}), the offline gradient on the discrete target, and DL4J.
 */
public class RolloutGradientTest {
    static final String[] STEPPERS = {"euler", "rk2", "rk4"};

    static MultiLayerNetwork network(boolean local, int k, List<LayerSpec> layers, long seed) {
        NetworkSpec spec = new NetworkSpec(local ? NetworkSpec.LOCAL : NetworkSpec.NON_LOCAL, layers, "pytorch", "mse",
                null, null);
        OptimizerSpec opt = OptimizerSpec.Adam.withLr(0.01);
        return Networks.build(spec, local ? 1 : k, Optimizers.updater(opt, null), Optimizers.regularization(opt),
                seed);
    }

    static NetworkSpec spec(boolean local, List<LayerSpec> layers) {
        return new NetworkSpec(local ? NetworkSpec.LOCAL : NetworkSpec.NON_LOCAL, layers, "pytorch", "mse", null, null);
    }

    static List<LayerSpec> layers(int out, String activation, int... hidden) {
        List<LayerSpec> ls = new ArrayList<>();
        for (int h : hidden) {
            ls.add(new LayerSpec.Dense(h, activation));
        }
        ls.add(new LayerSpec.Dense(out, "identity"));
        return ls;
    }

    /**
     * A truth series: the one-scale model with the closure -0.6·X + 0.5 (a stand-in for the coupling term), F, from
     * a random state after a spin-up of 2 time units, sampled every dt; {@code rows} rows, row-major.
     */
    static double[] series(int k, int rows, double dt, double forcing, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x0 = new double[k];
        for (int i = 0; i < k; i++) {
            x0[i] = forcing / 2 + 2 * r.nextGaussian();
        }
        CoarseModel truth = new CoarseModel(forcing, (x, members, kk, out) -> {
            for (int i = 0; i < members * kk; i++) {
                out[i] = -0.6 * x[i] + 0.5;
            }
        });
        int spin = (int) Math.round(2 / dt);
        double[] spun = truth.run(x0, dt, spin, Integrator.RK4);
        double[] start = java.util.Arrays.copyOfRange(spun, spin * k, (spin + 1) * k);
        return truth.run(start, dt, rows - 1, Integrator.RK4);
    }

    static RolloutWindows windows(int k, int steps, int count, double dt, double forcing, long seed) {
        int rows = count * steps + 1;
        return RolloutWindows.cut(series(k, rows, dt, forcing, seed), rows, k, steps, 0, rows);
    }

    static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** max_j |actual_j − expected_j| / max_j |expected_j|. */
    static double relativeError(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        double worst = 0;
        for (int j = 0; j < expected.length; j++) {
            assertTrue(Double.isFinite(actual[j]), "non-finite gradient at " + j);
            worst = Math.max(worst, Math.abs(actual[j] - expected[j]));
        }
        return worst / maxAbs(expected);
    }

    record Float32(double loss, double[] gradient) {
    }

    static Float32 engine(FloatMlp mlp, RolloutSetup setup, RolloutWindows w, int capacity) {
        RolloutGradient g = new RolloutGradient(mlp, setup, w.k(), w.steps(), capacity);
        double total = 0;
        double[] grad = new double[mlp.params.length];
        float[] part = new float[mlp.params.length];
        // batches of `capacity` windows, weighted by their size, as one batch of all windows would be
        for (int start = 0; start < w.count(); start += capacity) {
            int n = Math.min(capacity, w.count() - start);
            g.load(w, null, start, n);
            total += g.forward() * n;
            g.backward(part);
            for (int j = 0; j < part.length; j++) {
                grad[j] += part[j] * (double) n / w.count();
            }
        }
        return new Float32(total / w.count(), grad);
    }

    // ---- (a) float64 automatic differentiation against central differences

    /**
     * The float64 gradient (automatic differentiation of the rollout loss) agrees with central differences of the
     * loss computed by {@link CoarseModel#run} with the project's steppers, for each stepper, local and non-local.
     *
     * <p>Tolerance 1e-6 of the largest gradient component. Central differences at h = 1e-5·max(1, |θ|) err by
     * about h²·|L'''|/6 ≈ 1e-11 (truncation) plus ε·|L|/h ≈ 1e-11·|L| (rounding, ε = 1.1e-16); the loss and its
     * derivatives are O(1) here (measured: at most 1.1e-9, the largest for the non-local networks). A missing stage, a wrong Butcher weight or a sign error in the L96 adjoint changes
     * components by 1e-2 of the gradient or more.
     */
    @Test
    void float64GradientAgreesWithCentralDifferences() {
        int k = 4;
        RolloutWindows w = windows(k, 5, 3, 0.05, 8, 11);
        for (String stepper : STEPPERS) {
            for (boolean local : new boolean[]{true, false}) {
                MultiLayerNetwork net = local ? network(true, k, layers(1, "tanh", 3), 5)
                        : network(false, k, layers(4, "tanh", 5), 6);
                RolloutSetup setup = new RolloutSetup(stepper, 0.05, 8, local);
                FloatMlp mlp = Dl4jBridge.read(net, 1, 0);
                RolloutReference64 ref = new RolloutReference64(mlp, setup, k);
                double[] p = toDouble(mlp.params);
                RolloutReference64.Result ad = ref.lossAndGradient(p, w);
                assertEquals(ref.loss(p, w), ad.loss(), 1e-12 * ad.loss(), stepper + " local " + local + ": loss");
                double[] fd = ref.finiteDifferences(p, w, 1e-5);
                double err = relativeError(fd, ad.gradient());
                assertTrue(err < 1e-6, stepper + " local " + local + ": AD vs central differences " + err);
                assertTrue(maxAbs(fd) > 1e-3, "a gradient worth checking");
            }
        }
    }

    /** The same check for every activation (non-local 4-6-4, RK4). */
    @Test
    void float64GradientAgreesWithCentralDifferencesForEveryActivation() {
        int k = 4;
        RolloutWindows w = windows(k, 3, 2, 0.05, 8, 12);
        for (String act : new String[]{"identity", "relu", "leakyRelu", "elu", "selu", "tanh", "sigmoid",
                "softplus", "gelu", "swish"}) {
            MultiLayerNetwork net = network(false, k, layers(4, act, 6), 7);
            RolloutSetup setup = new RolloutSetup("rk4", 0.05, 8, false);
            FloatMlp mlp = Dl4jBridge.read(net, 1, 0);
            RolloutReference64 ref = new RolloutReference64(mlp, setup, k);
            double[] p = toDouble(mlp.params);
            double err = relativeError(ref.finiteDifferences(p, w, 1e-5), ref.lossAndGradient(p, w).gradient());
            // relu's kinks: no pre-activation of this network is within 1e-4 of 0 (checked by the agreement)
            assertTrue(err < 1e-6, act + ": AD vs central differences " + err);
        }
    }

    // ---- (b) the float32 engine against the float64 reference

    /**
     * The float32 engine's loss and gradient agree with the float64 automatic differentiation: loss to 1e-5
     * relative, every gradient component to 2e-5 of the largest. Float32 rounds at ε = 6e-8 per operation; the
     * states (|X| ~ 10) carry a few ulp (1e-6 relative) after a few steps, the residuals X − truth are 1e-2–1 so
     * they carry up to 1e-5 relative error, and the gradient sums many such terms (measured: loss 1e-6, gradient
     * at most 1.1e-6 of the largest component here, 1.9e-6 in the larger test). A wrong adjoint term is off by 1e-2
     * or more.
     */
    @Test
    void float32EngineAgreesWithFloat64() {
        int k = 4;
        RolloutWindows w = windows(k, 5, 3, 0.05, 8, 11);
        for (String stepper : STEPPERS) {
            for (boolean local : new boolean[]{true, false}) {
                MultiLayerNetwork net = local ? network(true, k, layers(1, "tanh", 3), 5)
                        : network(false, k, layers(4, "tanh", 5), 6);
                RolloutSetup setup = new RolloutSetup(stepper, 0.05, 8, local);
                FloatMlp mlp = Dl4jBridge.read(net, 1, 0);
                RolloutReference64.Result ad = new RolloutReference64(mlp, setup, k)
                        .lossAndGradient(toDouble(mlp.params), w);
                Float32 f = engine(mlp, setup, w, 3);
                assertEquals(ad.loss(), f.loss(), 1e-5 * ad.loss(), stepper + " local " + local + ": loss");
                double err = relativeError(ad.gradient(), f.gradient());
                assertTrue(err < 2e-5, stepper + " local " + local + ": float32 vs float64 " + err);
            }
        }
    }

    /**
     * The chapter's network shape (8-16-16-8 ReLU, non-local) and a deeper local one (1-8-8-1, every activation in
     * turn), K = 8, RK4 at the chapter's dt = 0.01, 12 steps, 11 windows in batches of 4 (a partial last batch,
     * rows whose length is no multiple of the vector width): float32 against float64 as above, to 2e-5.
     */
    @Test
    void float32EngineAgreesWithFloat64OnLargerNetworks() {
        int k = 8;
        RolloutWindows w = windows(k, 12, 11, 0.01, 18, 13);
        RolloutSetup nonLocal = new RolloutSetup("rk4", 0.01, 18, false);
        FloatMlp mlp = Dl4jBridge.read(network(false, k, layers(8, "relu", 16, 16), 8), 1, 0);
        RolloutReference64.Result ad = new RolloutReference64(mlp, nonLocal, k).lossAndGradient(toDouble(mlp.params), w);
        Float32 f = engine(mlp, nonLocal, w, 4);
        assertEquals(ad.loss(), f.loss(), 1e-5 * ad.loss());
        double err = relativeError(ad.gradient(), f.gradient());
        assertTrue(err < 2e-5, "8-16-16-8 relu: float32 vs float64 " + err);

        RolloutSetup local = new RolloutSetup("rk4", 0.01, 18, true);
        for (String act : new String[]{"identity", "relu", "leakyRelu", "elu", "selu", "tanh", "sigmoid",
                "softplus", "gelu", "swish"}) {
            FloatMlp m = Dl4jBridge.read(network(true, k, layers(1, act, 8, 8), 9), 1, 0);
            RolloutReference64.Result r = new RolloutReference64(m, local, k).lossAndGradient(toDouble(m.params), w);
            Float32 g = engine(m, local, w, 4);
            assertEquals(r.loss(), g.loss(), 1e-5 * r.loss(), act);
            double e = relativeError(r.gradient(), g.gradient());
            assertTrue(e < 2e-5, act + " local 1-8-8-1: float32 vs float64 " + e);
        }
    }

    // ---- (c) one Euler step is the offline loss on the discrete target, times dt²

    /**
     * A window of one Euler step: x_1 − truth_1 = x_0 + dt·(L96(x_0) + P(x_0)) − truth_1 = dt·(P(x_0) − target)
     * with the discrete target (truth_1 − x_0)/dt − L96(x_0) ({@link DiscreteSubgridTarget}), so the rollout loss
     * and its gradient are dt² times the offline MSE loss and gradient on (x_0, target) ({@link FloatMlp#backward}),
     * both means over windows × K. Tolerance 2e-5 relative (of the loss; of the largest gradient component): in
     * float32 the residual is formed from states (|X| ~ 10, ulp 1e-6) that differ by dt·|P − target| ~ 1e-2, so
     * each carries up to 1e-4 relative rounding, which averages out over the 320 terms (measured: loss 5e-7,
     * gradient 9e-7).
     */
    @Test
    void oneEulerStepIsTheOfflineGradientOnTheDiscreteTargetTimesDtSquared() {
        int k = 8;
        double dt = 0.01;
        double forcing = 10;
        RolloutWindows w = windows(k, 1, 40, dt, forcing, 14);
        for (boolean local : new boolean[]{true, false}) {
            MultiLayerNetwork net = local ? network(true, k, layers(1, "tanh", 6), 15)
                    : network(false, k, layers(k, "elu", 10), 16);
            RolloutSetup setup = new RolloutSetup("euler", dt, forcing, local);
            int samples = local ? w.count() * k : w.count();
            float[] in = new float[w.count() * k];
            float[] target = new float[w.count() * k];
            for (int win = 0; win < w.count(); win++) {
                double[] two = toDouble(java.util.Arrays.copyOfRange(w.truth(), w.offset(win), w.offset(win) + 2 * k));
                double[] t = DiscreteSubgridTarget.compute(two, 2, k, dt, forcing);
                for (int i = 0; i < k; i++) {
                    in[win * k + i] = (float) two[i];
                    target[win * k + i] = (float) t[i];
                }
            }
            Dataset offline = local ? new Dataset(in, 1, target, 1) : new Dataset(in, k, target, k);
            FloatMlp mlp = Dl4jBridge.read(net, samples, 0);
            mlp.load(offline, 0, samples);
            mlp.forward(samples, true);
            double offlineLoss = mlp.backward(samples);
            double[] offlineGrad = toDouble(mlp.grad);
            for (int j = 0; j < offlineGrad.length; j++) {
                offlineGrad[j] *= dt * dt;
            }
            Float32 f = engine(mlp, setup, w, w.count());
            assertEquals(dt * dt * offlineLoss, f.loss(), 2e-5 * f.loss(), "local " + local + ": loss");
            double err = relativeError(offlineGrad, f.gradient());
            assertTrue(err < 2e-5, "local " + local + ": rollout vs dt²·offline gradient " + err);
        }
    }

    // ---- (d) training writes the engine's parameters into the DL4J network

    /**
     * After a few Adam steps and {@link RolloutTraining#writeTo}, DL4J's parameters equal the engine's bit for bit,
     * its iteration counter counts the steps, its outputs equal the engine's to float32 rounding (1e-5 relative:
     * ND4J's GEMM sums in another order), and the loss of the written network ({@link RolloutTraining#evaluate(
     * MultiLayerNetwork, RolloutWindows, RolloutSetup, int)}) equals the run's.
     */
    @Test
    void writeToGivesDl4jTheEnginesParameters() {
        int k = 8;
        RolloutWindows w = windows(k, 6, 10, 0.01, 18, 17);
        MultiLayerNetwork net = network(false, k, layers(8, "relu", 16, 16), 18);
        RolloutSetup setup = new RolloutSetup("rk4", 0.01, 18, false);
        RolloutTraining run = RolloutTraining.start(net, OptimizerSpec.Adam.withLr(0.01), w, 4, true, 3, setup);
        float[] before = run.snapshot();
        run.startEpoch();
        int steps = 0;
        while (run.hasNext()) {
            assertTrue(Double.isFinite(run.fitNext(0.01)));
            steps++;
        }
        assertEquals(3, steps);
        assertEquals(3, run.batchesPerEpoch());
        float[] after = run.snapshot();
        assertTrue(!java.util.Arrays.equals(before, after), "the steps changed the parameters");
        run.writeTo(net);
        assertArrayEquals(after, net.params().toFloatVector());
        assertEquals(3, net.getIterationCount());

        float[] x = new float[5 * k];
        SplittableRandom r = new SplittableRandom(4);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (5 * r.nextGaussian() + 3);
        }
        float[] mine = new float[5 * k];
        run.network().predict(x, 5, mine);
        float[] dl4j = net.output(Nd4j.create(x, new long[]{5, k}, 'c').castTo(DataType.FLOAT)).dup('c').data()
                .asFloat();
        for (int i = 0; i < mine.length; i++) {
            assertEquals(dl4j[i], mine[i], 1e-5 * (Math.abs(dl4j[i]) + 1), "output " + i);
        }
        assertEquals(run.evaluate(w), RolloutTraining.evaluate(net, w, setup, 4));
    }

    /** Restoring a snapshot restores the loss. */
    @Test
    void snapshotAndRestore() {
        int k = 4;
        RolloutWindows w = windows(k, 4, 6, 0.05, 8, 19);
        MultiLayerNetwork net = network(true, k, layers(1, "tanh", 4), 20);
        RolloutTraining run = RolloutTraining.start(net, OptimizerSpec.Adam.withLr(0.05), w, 3, false, 0,
                new RolloutSetup("rk2", 0.05, 8, true));
        double loss0 = run.evaluate(w);
        float[] s = run.snapshot();
        run.startEpoch();
        run.fitNext(0.05);
        assertTrue(run.evaluate(w) != loss0);
        run.restore(s);
        assertEquals(loss0, run.evaluate(w));
    }

    // ---- training works, and what it refuses

    /**
     * Online training recovers a closure: truth from the coarse model with P = -0.6·X + 0.5 (K = 8, F = 10, RK4 at
     * 0.01), a local 1-8-1 tanh network trained through 20-step windows for 150 Adam steps: the validation loss on
     * other windows falls below 2% of its initial value and the network's P(X) is within 0.25 of
     * the closure over the central 95% of the states the truth visits (an initialized network is off by several units).
     */
    @Test
    void onlineTrainingRecoversAKnownClosure() {
        int k = 8;
        RolloutWindows train = windows(k, 20, 16, 0.01, 10, 21);
        RolloutWindows val = windows(k, 20, 4, 0.01, 10, 22);
        MultiLayerNetwork net = network(true, k, layers(1, "tanh", 8), 23);
        RolloutSetup setup = new RolloutSetup("rk4", 0.01, 10, true);
        RolloutTraining run = RolloutTraining.start(net, OptimizerSpec.Adam.withLr(0.03), train, 8, true, 5, setup);
        double initial = run.evaluate(val);
        for (int e = 0; e < 75; e++) {
            run.startEpoch();
            while (run.hasNext()) {
                run.fitNext(0.03);
            }
        }
        double last = run.evaluate(val);
        assertTrue(last < 0.02 * initial, "validation loss " + initial + " -> " + last);
        // over the central 95% of the states the truth visits (the tails are seen too rarely to be learnt)
        float[] sorted = train.truth().clone();
        java.util.Arrays.sort(sorted);
        float lo = sorted[(int) (0.025 * sorted.length)];
        float hi = sorted[(int) (0.975 * sorted.length)];
        float[] xs = new float[21];
        float[] ps = new float[21];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = lo + (hi - lo) * i / 20f;
        }
        run.network().predict(xs, xs.length, ps);
        for (int i = 0; i < xs.length; i++) {
            assertEquals(-0.6 * xs[i] + 0.5, ps[i], 0.25, "P(" + xs[i] + ")");
        }
    }

    /** With an offline weight w the step's gradient is the rollout gradient plus w times the offline one. */
    @Test
    void offlineWeightAddsTheOfflineGradient() {
        int k = 4;
        RolloutWindows w = windows(k, 3, 4, 0.05, 8, 24);
        Dataset offline = EngineAgreementTest.data(6, 1, 1, 25);
        MultiLayerNetwork net = network(true, k, layers(1, "sigmoid", 5), 26);
        RolloutSetup plain = new RolloutSetup("rk4", 0.05, 8, true);
        RolloutSetup mixed = new RolloutSetup("rk4", 0.05, 8, true, 0.3, offline, 6);
        FloatMlp mlp = Dl4jBridge.read(net, 6, 0);
        Float32 rollout = engine(mlp, plain, w, 4);
        mlp.load(offline, 0, 6);
        mlp.forward(6, true);
        double offlineLoss = mlp.backward(6);
        RolloutTraining run = RolloutTraining.start(net, OptimizerSpec.Adam.withLr(0.01), w, 4, false, 0, mixed);
        run.startEpoch();
        double loss = run.fitNext(0.01);
        assertEquals(rollout.loss() + 0.3 * offlineLoss, loss, 1e-6 * loss);
        float[] g = run.lastGradient();
        for (int j = 0; j < g.length; j++) {
            double expected = rollout.gradient()[j] + 0.3 * mlp.grad[j];
            assertEquals(expected, g[j], 1e-6 * (Math.abs(expected) + maxAbs(rollout.gradient())), "gradient " + j);
        }
    }

    /** A batch whose rollout overflows returns a non-finite loss and leaves the network and the optimizer alone. */
    @Test
    void aDivergingRolloutLeavesTheParametersAlone() {
        int k = 4;
        RolloutWindows w = windows(k, 30, 2, 0.05, 8, 28);
        MultiLayerNetwork net = network(true, k, layers(1, "identity", 3), 29);
        net.setParams(net.params().mul(40));
        RolloutTraining run = RolloutTraining.start(net, OptimizerSpec.Adam.withLr(0.01), w, 2, false, 0,
                new RolloutSetup("rk4", 0.05, 8, true));
        float[] before = run.snapshot();
        run.startEpoch();
        double loss = run.fitNext(0.01);
        assertTrue(!Double.isFinite(loss), "the rollout should overflow, loss " + loss);
        assertArrayEquals(before, run.snapshot());
        assertEquals(0, run.iteration());
    }

    @Test
    void refusesDropoutBatchNormAndMismatchedNetworks() {
        int k = 4;
        RolloutWindows w = windows(k, 2, 2, 0.05, 8, 27);
        RolloutSetup setup = new RolloutSetup("rk4", 0.05, 8, true);
        OptimizerSpec adam = OptimizerSpec.Adam.withLr(0.01);
        MultiLayerNetwork dropout = network(true, k, List.of(new LayerSpec.Dense(4, "tanh"), new LayerSpec.Dropout(0.2),
                new LayerSpec.Dense(1, "identity")), 1);
        var e1 = assertThrows(IllegalArgumentException.class,
                () -> RolloutTraining.start(dropout, adam, w, 2, true, 0, setup));
        assertTrue(e1.getMessage().contains("does not support dropout"), e1.getMessage());
        MultiLayerNetwork bn = network(true, k, List.of(new LayerSpec.Dense(4, "tanh"),
                new LayerSpec.BatchNorm(0.1, 1e-5), new LayerSpec.Dense(1, "identity")), 1);
        var e2 = assertThrows(IllegalArgumentException.class,
                () -> RolloutTraining.start(bn, adam, w, 2, true, 0, setup));
        assertTrue(e2.getMessage().contains("batch normalization"), e2.getMessage());
        MultiLayerNetwork nonLocal = network(false, k, layers(k, "tanh", 4), 1);
        var e3 = assertThrows(IllegalArgumentException.class,
                () -> RolloutTraining.start(nonLocal, adam, w, 2, true, 0, setup));
        assertTrue(e3.getMessage().contains("local network must map 1 input to 1 output"), e3.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RolloutSetup("rk3", 0.05, 8, true));
        // a tape beyond half the heap is refused before anything is allocated, saying what to change
        FloatMlp mlp = Dl4jBridge.read(network(false, 8, layers(8, "relu", 16, 16), 1), 1, 0);
        var e4 = assertThrows(IllegalArgumentException.class, () -> new RolloutGradient(mlp,
                new RolloutSetup("rk4", 0.01, 18, false), 8, 100_000, 1 << 16));
        assertTrue(e4.getMessage().contains("65536 windows × 100000 steps"), e4.getMessage());
        assertTrue(e4.getMessage().contains("use fewer windows per batch (train { batchSize N }) or shorter windows"),
                e4.getMessage());
        // one window per batch: no advice to use fewer, and "1 window"
        var e5 = assertThrows(IllegalArgumentException.class, () -> new RolloutGradient(mlp,
                new RolloutSetup("rk4", 0.01, 18, false), 8, 50_000_000, 1));
        assertTrue(e5.getMessage().contains("for 1 window × 50000000 steps"), e5.getMessage());
        assertTrue(e5.getMessage().contains("use shorter windows (rollout N)"), e5.getMessage());
        assertFalse(e5.getMessage().contains("fewer windows"), e5.getMessage());
    }

    /** The tape's size follows the formula of the Javadoc, term by term (the numbers worked out by hand here). */
    @Test
    void tapeSizeFollowsTheStatedFormula() {
        // non-local 8-16-16-8 ReLU, B = 4, N = 6, RK4: stage inputs 6·4·4·8 = 768, activations 6·4·4·(16+16+8) =
        // 3840, truth 7·8·4 = 224, accumulators (144+272+136)·4 = 2208, deltas of G = min(8·4, 2^18/(40·4)) = 32 calls
        // 32·40·4 = 5120
        FloatMlp a = Dl4jBridge.read(network(false, 8, layers(8, "relu", 16, 16), 1), 1, 0);
        assertEquals(768 + 3840 + 224 + 2208 + 5120,
                new RolloutGradient(a, new RolloutSetup("rk4", 0.01, 18, false), 8, 6, 4).tapeFloats());
        // local 1-3-1 tanh and K = 4, B = 3, N = 5, RK4 (c = K = 4): stage inputs twice 5·4·3·4 = 480,
        // activations 5·4·(4·3)·(3+1) = 960, truth 6·4·3 = 72, accumulators 10·12 = 120, deltas 32·12·4 = 1536
        FloatMlp b = Dl4jBridge.read(network(true, 4, layers(1, "tanh", 3), 1), 1, 0);
        assertEquals(480 + 960 + 72 + 120 + 1536,
                new RolloutGradient(b, new RolloutSetup("rk4", 0.05, 8, true), 4, 5, 3).tapeFloats());
        // softplus keeps its pre-activations: the hidden layer counts twice (3·2 + 1 per sample and call)
        FloatMlp c = Dl4jBridge.read(network(true, 4, layers(1, "softplus", 3), 1), 1, 0);
        assertEquals(480 + 5 * 4 * 12 * 7 + 72 + 120 + 1536,
                new RolloutGradient(c, new RolloutSetup("rk4", 0.05, 8, true), 4, 5, 3).tapeFloats());
        // the spec's formula (l96 validate refuses with it) is the engine's, for each of these and a wide one
        assertEquals(768 + 3840 + 224 + 2208 + 5120, org.l96.spec.RolloutTape.floats(spec(false, layers(8, "relu",
                16, 16)), 8, "rk4", 6, 4));
        assertEquals(480 + 960 + 72 + 120 + 1536, org.l96.spec.RolloutTape.floats(spec(true, layers(1, "tanh", 3)),
                4, "rk4", 5, 3));
        assertEquals(480 + 5 * 4 * 12 * 7 + 72 + 120 + 1536, org.l96.spec.RolloutTape.floats(spec(true,
                layers(1, "softplus", 3)), 4, "rk4", 5, 3));
        List<LayerSpec> wide = layers(8, "elu", 300, 50);
        FloatMlp d = Dl4jBridge.read(network(false, 8, wide, 1), 1, 0);
        assertEquals(new RolloutGradient(d, new RolloutSetup("rk2", 0.01, 18, false), 8, 7, 5).tapeFloats(),
                org.l96.spec.RolloutTape.floats(spec(false, wide), 8, "rk2", 7, 5));
        FloatMlp e = Dl4jBridge.read(network(true, 8, layers(1, "relu", 5), 1), 1, 0);
        assertEquals(new RolloutGradient(e, new RolloutSetup("euler", 0.01, 18, true), 8, 9, 2).tapeFloats(),
                org.l96.spec.RolloutTape.floats(spec(true, layers(1, "relu", 5)), 8, "euler", 9, 2));
    }

    @Test
    void cutMakesNonOverlappingWindowsSharingBoundaries() {
        int k = 4;
        int rows = 12;
        double[] x = new double[rows * k];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        RolloutWindows w = RolloutWindows.cut(x, rows, k, 3, 1, 11);
        assertEquals(3, w.count());            // rows 1-4, 4-7, 7-10; row 10 is the last boundary used
        assertEquals(3, w.steps());
        for (int win = 0; win < 3; win++) {
            for (int j = 0; j < 4 * k; j++) {
                assertEquals((float) ((1 + 3 * win) * k + j), w.truth()[w.offset(win) + j]);
            }
        }
        assertEquals(0, RolloutWindows.cut(x, rows, k, 3, 2, 5).count());
        assertEquals(1, RolloutWindows.cut(x, rows, k, 3, 2, 6).count());
        assertThrows(IllegalArgumentException.class, () -> RolloutWindows.cut(x, rows, k, 3, 2, 13));
        double[][] byRow = new double[rows][k];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(x, r * k, byRow[r], 0, k);
        }
        RolloutWindows all = RolloutWindows.cut(byRow, 3);
        assertEquals(3, all.count());          // rows 0-3, 3-6, 6-9
        assertArrayEquals(java.util.Arrays.copyOfRange(RolloutWindows.cut(x, rows, k, 3, 0, rows).truth(), 0,
                all.truth().length), all.truth());
        assertEquals(2.0f, all.truth()[all.offset(0) + 2]);
        assertEquals((float) (6 * k), all.truth()[all.offset(2)]);
    }
}

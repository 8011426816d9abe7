package org.l96.nn;

import org.deeplearning4j.nn.api.Layer;
import org.junit.jupiter.api.Test;
import org.l96.data.Dataset;
import org.l96.data.TrainingData;
import org.l96.spec.LayerSpec;
import org.l96.spec.NetworkSpec;
import org.l96.spec.OptimizerSpec;
import org.l96.spec.ScheduleSpec;
import org.l96.spec.TrainSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What the docs promise as PyTorch's behaviour, checked step by step through the public training API
 * ({@link Trainer#train}, as the train stage calls it) against {@link TorchReference}, an independent double-precision
 * computation of PyTorch's formulas. Tiny networks, fixed data, shuffling off; the run of {@code e} epochs is compared
 * with the reference after its {@code e}-th epoch, for every {@code e}, on every parameter, and the recorded training
 * and validation losses of every epoch.
 *
 * <p>Tolerance: {@value #TOL} × max(1, |value|). The tool trains in float32 (the seed's dtype): every parameter and
 * activation is rounded to 24 bits (relative 6e-8) at each operation, and a step's rounding errors of the gradient
 * (sums over ≤ 12 samples) pass into the parameters scaled by the rate; over ≤ 6 steps the float32 run stays within
 * ~1e-6 of the exact one (measured: at most 3.3e-7, batch norm with Adam). 1e-5 leaves a margin of ten, while every semantic alternative checked here (another decay
 * coupling, bias correction or step count, epsilon placement, dampening, per-epoch against per-batch scheduling,
 * biased running variance, missing decay of some parameters) moves some value by more than 1e-4 after these steps
 * (each test shows this for its own alternative where it is not obvious).
 */
class PyTorchSemanticsTest {
    static final double TOL = 1e-5;
    static final long SEED = 11;

    // ------------------------------------------------------------------ fixtures

    /** {@code n} samples: x ~ N(0,1)^nIn, targets a smooth function of x plus noise (float32, as the tool stores). */
    static Dataset samples(int n, int nIn, int nOut, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * nIn];
        float[] t = new float[n * nOut];
        for (int s = 0; s < n; s++) {
            double sum = 0;
            for (int i = 0; i < nIn; i++) {
                x[s * nIn + i] = (float) r.nextGaussian();
                sum += (i + 1) * x[s * nIn + i];
            }
            for (int j = 0; j < nOut; j++) {
                t[s * nOut + j] = (float) (Math.sin(sum + j) + 0.5 * x[s * nIn + j % nIn] + 0.1 * r.nextGaussian());
            }
        }
        return new Dataset(x, nIn, t, nOut);
    }

    static TrainingData data(int nIn, int nOut, int batch) {
        return new TrainingData(samples(12, nIn, nOut, 5), samples(7, nIn, nOut, 6), batch, false);
    }

    static NetworkSpec spec(List<LayerSpec> layers, String loss, String init, TrainSpec train) {
        return new NetworkSpec("non-local", layers, init, loss, train, null);
    }

    static TorchReference reference(List<LayerSpec> layers, int nIn, String loss) {
        List<TorchReference.Layer> out = new ArrayList<>();
        int width = nIn;
        for (LayerSpec l : layers) {
            if (l instanceof LayerSpec.Dense d) {
                out.add(new TorchReference.Dense(width, d.units(), d.activation()));
                width = d.units();
            } else if (l instanceof LayerSpec.BatchNorm b) {
                out.add(new TorchReference.BatchNorm(width, b.momentum(), b.epsilon()));
            } else if (l instanceof LayerSpec.Dropout d) {
                out.add(new TorchReference.Dropout(d.rate()));
            }
        }
        return new TorchReference(out, loss);
    }

    /**
     * A trained network's parameters in the reference's layout, and its batch norms' running statistics into
     * {@code means}/{@code vars} (when not null). The one place that reads the engine's weights.
     */
    static double[] params(TrainedNetwork t, TorchReference ref, List<double[]> means, List<double[]> vars) {
        double[] p = new double[ref.size];
        for (int li = 0; li < ref.layers.size(); li++) {
            Layer layer = t.network().getLayer(li);
            int o = ref.offset[li];
            if (ref.layers.get(li) instanceof TorchReference.Dense d) {
                for (int j = 0; j < d.out(); j++) {
                    for (int i = 0; i < d.in(); i++) {
                        p[o + j * d.in() + i] = layer.getParam("W").getDouble(i, j);
                    }
                    p[o + d.in() * d.out() + j] = layer.getParam("b").getDouble(j);
                }
            } else if (ref.layers.get(li) instanceof TorchReference.BatchNorm b) {
                double[] m = new double[b.n()];
                double[] v = new double[b.n()];
                for (int j = 0; j < b.n(); j++) {
                    p[o + j] = layer.getParam("gamma").getDouble(j);
                    p[o + b.n() + j] = layer.getParam("beta").getDouble(j);
                    m[j] = layer.getParam("mean").getDouble(j);
                    v[j] = layer.getParam("var").getDouble(j);
                }
                if (means != null) {
                    means.add(m);
                    vars.add(v);
                }
            }
        }
        return p;
    }

    /** The network's initial parameters for {@code seed}: one epoch at rate 0 (initialization depends on the seed only). */
    static double[] initial(List<LayerSpec> layers, String loss, String init, TrainingData d, long seed,
                            TorchReference ref) {
        TrainSpec zero = new TrainSpec(1, new OptimizerSpec.Sgd(0, 0, false, 0), null, null, null);
        return params(new Trainer().train("init", spec(layers, loss, init, zero), d, seed, null, null), ref, null,
                null);
    }

    static double maxError(double[] expected, double[] actual) {
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i])));
        }
        return max;
    }

    static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(actual[i] - expected[i]) <= TOL * Math.max(1, Math.abs(expected[i])))) {
                fail(what + ": value " + i + " is " + actual[i] + ", PyTorch's " + expected[i]
                        + " (max relative error " + maxError(expected, actual) + ")");
            }
        }
    }

    /** The rate PyTorch's scheduler has set for batch {@code step} (0-based, whole run) in epoch {@code epoch}. */
    interface Rate {
        double at(int step, int epoch);
    }

    /** The reference's record of a run: parameters and running statistics after each epoch, losses per epoch. */
    record Run(List<double[]> params, List<List<double[]>> means, List<List<double[]>> vars, double[] trainLoss,
               double[] valLoss) {
    }

    static double[] rows(Dataset d, boolean inputs, int from, int to) {
        int w = inputs ? d.nIn() : d.nOut();
        float[] src = inputs ? d.inputs() : d.targets();
        double[] out = new double[(to - from) * w];
        for (int i = 0; i < out.length; i++) {
            out[i] = src[from * w + i];
        }
        return out;
    }

    /**
     * The notebook's training loop in the reference: per epoch, contiguous batches (shuffle off, the last partial),
     * loss before the update in training mode, one optimizer step per batch at the scheduled rate; then the
     * validation loss as the mean over contiguous batches of the batch's mean loss, in evaluation mode.
     */
    static Run referenceRun(TorchReference ref, double[] p0, TorchReference.Optimizer opt, Rate rate,
                            TrainingData d, int batch, int epochs) {
        double[] p = p0.clone();
        List<double[]> ps = new ArrayList<>();
        List<List<double[]>> means = new ArrayList<>();
        List<List<double[]>> vars = new ArrayList<>();
        double[] train = new double[epochs];
        double[] val = new double[epochs];
        int n = d.train().size();
        int step = 0;
        for (int e = 0; e < epochs; e++) {
            double sum = 0;
            int batches = 0;
            for (int from = 0; from < n; from += batch) {
                int to = Math.min(n, from + batch);
                double[] x = rows(d.train(), true, from, to);
                double[] t = rows(d.train(), false, from, to);
                sum += ref.loss(p, x, t, to - from, true, false);
                double[] g = ref.gradient(p, x, t, to - from);
                ref.forward(p, x, to - from, true, true);           // the running statistics move in the forward pass
                opt.step(p, g, rate.at(step, e));
                step++;
                batches++;
            }
            train[e] = sum / batches;
            int nv = d.validation().size();
            int vb = Math.min(batch, nv);
            double vs = 0;
            int vn = 0;
            for (int from = 0; from < nv; from += vb) {
                int to = Math.min(nv, from + vb);
                vs += ref.loss(p, rows(d.validation(), true, from, to), rows(d.validation(), false, from, to),
                        to - from, false, false);
                vn++;
            }
            val[e] = vs / vn;
            ps.add(p.clone());
            List<double[]> m = new ArrayList<>();
            List<double[]> v = new ArrayList<>();
            for (int li = 0; li < ref.layers.size(); li++) {
                if (ref.runningMean.get(li) != null) {
                    m.add(ref.runningMean.get(li).clone());
                    v.add(ref.runningVar.get(li).clone());
                }
            }
            means.add(m);
            vars.add(v);
        }
        return new Run(ps, means, vars, train, val);
    }

    /**
     * Trains {@code layers} with {@code optimizer}/{@code schedule} through the public API for 1..epochs epochs and
     * compares each with the reference optimizer {@code torch} at rates {@code rate}. Returns the reference run.
     */
    static Run checkSteps(String what, List<LayerSpec> layers, String loss, OptimizerSpec optimizer,
                          ScheduleSpec schedule, TorchReference.Optimizer torch, Rate rate, int batch, int epochs) {
        int nIn = 3;
        int nOut = ((LayerSpec.Dense) layers.get(layers.size() - 1)).units();
        TrainingData d = data(nIn, nOut, batch);
        TorchReference ref = reference(layers, nIn, loss);
        double[] p0 = initial(layers, loss, "pytorch", d, SEED, ref);
        Run expected = referenceRun(ref, p0, torch, rate, d, batch, epochs);
        double worst = 0;
        // OneCycleLR's shape depends on the run's length: only the full run is compared (its losses epoch by epoch)
        int first = schedule instanceof ScheduleSpec.OneCycle ? epochs : 1;
        for (int e = first; e <= epochs; e++) {
            TrainSpec train = new TrainSpec(e, optimizer, schedule, null, null);
            TrainedNetwork t = new Trainer().train(what, spec(layers, loss, "pytorch", train), d, SEED, null, null);
            List<double[]> means = new ArrayList<>();
            List<double[]> vars = new ArrayList<>();
            double[] p = params(t, ref, means, vars);
            assertClose(expected.params().get(e - 1), p, what + ", parameters after epoch " + e);
            worst = Math.max(worst, maxError(expected.params().get(e - 1), p));
            for (int b = 0; b < means.size(); b++) {
                assertClose(expected.means().get(e - 1).get(b), means.get(b), what + ", running mean after epoch " + e);
                assertClose(expected.vars().get(e - 1).get(b), vars.get(b), what + ", running variance after epoch "
                        + e);
            }
            for (int k = 0; k < e; k++) {
                double[] h = {t.history().epochs().get(k).trainLoss(), t.history().epochs().get(k).valLoss()};
                assertClose(new double[]{expected.trainLoss()[k], expected.valLoss()[k]}, h,
                        what + ", training and validation loss of epoch " + (k + 1));
            }
        }
        System.out.printf("%s: %d epochs, max relative parameter error %.2g%n", what, epochs, worst);
        return expected;
    }

    /**
     * Shows that a check by {@link #checkSteps} could fail: the reference run of an alternative rule (the same
     * start, data and batches) ends more than 10 × the tolerance away from PyTorch's in some parameter.
     */
    static void assertSeparates(String what, Run expected, List<LayerSpec> layers, String loss,
                                TorchReference.Optimizer alternative, Rate rate, int batch, int epochs,
                                boolean biasedRunningVar) {
        int nIn = 3;
        int nOut = ((LayerSpec.Dense) layers.get(layers.size() - 1)).units();
        TrainingData d = data(nIn, nOut, batch);
        TorchReference ref = reference(layers, nIn, loss);
        ref.unbiasedRunningVar = !biasedRunningVar;
        Run alt = referenceRun(ref, initial(layers, loss, "pytorch", d, SEED, ref), alternative, rate, d, batch,
                epochs);
        double[] a = expected.params().get(epochs - 1);
        double[] b = alt.params().get(epochs - 1);
        double gap = maxError(a, b);
        for (int k = 0; k < epochs; k++) {
            gap = Math.max(gap, Math.abs(expected.valLoss()[k] - alt.valLoss()[k]));
        }
        assertTrue(gap > 10 * TOL, what + ": the alternative is only " + gap + " away");
        System.out.printf("  %s: %.2g away%n", what, gap);
    }

    static final List<LayerSpec> MLP = List.of(new LayerSpec.Dense(4, "tanh"), new LayerSpec.Dense(2, "identity"));

    static Rate constant(double lr) {
        return (step, epoch) -> lr;
    }

    // ------------------------------------------------------------------ optimizers and weight decay

    @Test
    void sgdPlainWithMomentumAndNesterovWithCoupledDecay() {
        checkSteps("sgd", MLP, "mse", new OptimizerSpec.Sgd(0.1, 0, false, 0), null,
                new TorchReference.Sgd(0, 0, 0, false), constant(0.1), 12, 4);
        Run momentum = checkSteps("sgd momentum", MLP, "mse", new OptimizerSpec.Sgd(0.05, 0.9, false, 0.1), null,
                new TorchReference.Sgd(0.9, 0, 0.1, false), constant(0.05), 12, 5);
        assertSeparates("dampening = momentum", momentum, MLP, "mse", new TorchReference.Sgd(0.9, 0.9, 0.1, false),
                constant(0.05), 12, 5, false);
        assertSeparates("no weight decay", momentum, MLP, "mse", new TorchReference.Sgd(0.9, 0, 0, false),
                constant(0.05), 12, 5, false);
        checkSteps("sgd nesterov", MLP, "mse", new OptimizerSpec.Sgd(0.05, 0.8, true, 0.2), null,
                new TorchReference.Sgd(0.8, 0, 0.2, true), constant(0.05), 5, 3);
    }

    @Test
    void adamWithCoupledDecayAndMaeLoss() {
        Run adam = checkSteps("adam", MLP, "mse", new OptimizerSpec.Adam(0.02, 0.9, 0.999, 1e-8, 0.1), null,
                new TorchReference.Adam(0.9, 0.999, 1e-8, 0.1, false), constant(0.02), 12, 5);
        assertSeparates("decoupled decay", adam, MLP, "mse", new TorchReference.Adam(0.9, 0.999, 1e-8, 0.1, true),
                constant(0.02), 12, 5, false);
        TorchReference.Adam late = new TorchReference.Adam(0.9, 0.999, 1e-8, 0.1, false);
        late.t = 30;                                      // a step count carried over from an earlier training
        assertSeparates("step count not starting at 0", adam, MLP, "mse", late, constant(0.02), 12, 5, false);
        // a large epsilon: PyTorch adds it after the bias correction of sqrt(v)
        checkSteps("adam eps", MLP, "mae", new OptimizerSpec.Adam(0.05, 0.8, 0.99, 0.05, 0), null,
                new TorchReference.Adam(0.8, 0.99, 0.05, 0, false), constant(0.05), 5, 3);
    }

    @Test
    void adamWDecaysDecoupled() {
        Run adamw = checkSteps("adamw", MLP, "mse", new OptimizerSpec.AdamW(0.02, 0.9, 0.999, 1e-8, 0.5), null,
                new TorchReference.Adam(0.9, 0.999, 1e-8, 0.5, true), constant(0.02), 12, 5);
        assertSeparates("coupled decay", adamw, MLP, "mse", new TorchReference.Adam(0.9, 0.999, 1e-8, 0.5, false),
                constant(0.02), 12, 5, false);
    }

    @Test
    void rmsPropWithMomentumAndCoupledDecay() {
        checkSteps("rmsprop", MLP, "mse", new OptimizerSpec.RmsProp(0.01, 0.9, 1e-8, 0, 0), null,
                new TorchReference.RmsProp(0.9, 1e-8, 0, 0), constant(0.01), 12, 4);
        checkSteps("rmsprop momentum", MLP, "mse", new OptimizerSpec.RmsProp(0.01, 0.99, 1e-3, 0.5, 0.1), null,
                new TorchReference.RmsProp(0.99, 1e-3, 0.1, 0.5), constant(0.01), 5, 3);
    }

    /** Every activation of layers.md with PyTorch's definition (and its derivative, through the training step). */
    @Test
    void activationsAreTorchs() {
        for (String a : List.of("relu", "leakyRelu", "elu", "selu", "tanh", "sigmoid", "softplus", "gelu", "swish")) {
            List<LayerSpec> layers = List.of(new LayerSpec.Dense(4, a), new LayerSpec.Dense(2, "identity"));
            checkSteps(a, layers, "mse", new OptimizerSpec.Sgd(0.1, 0, false, 0), null,
                    new TorchReference.Sgd(0, 0, 0, false), constant(0.1), 12, 2);
        }
    }

    // ------------------------------------------------------------------ schedules

    /** StepLR / ExponentialLR are stepped once per epoch, CyclicLR / OneCycleLR once per batch (3 batches here). */
    @Test
    void schedulesStepPerEpochOrPerBatch() {
        OptimizerSpec sgd = new OptimizerSpec.Sgd(0.2, 0, false, 0);
        TorchReference.Sgd torch = new TorchReference.Sgd(0, 0, 0, false);
        Run stepLr = checkSteps("step", MLP, "mse", sgd, new ScheduleSpec.Step(2, 0.5), torch,
                (step, epoch) -> 0.2 * Math.pow(0.5, Math.floor(epoch / 2.0)), 5, 5);
        assertSeparates("step per batch", stepLr, MLP, "mse", new TorchReference.Sgd(0, 0, 0, false),
                (s, epoch) -> 0.2 * Math.pow(0.5, Math.floor(s / 2.0)), 5, 5, false);
        checkSteps("exponential", MLP, "mse", sgd, new ScheduleSpec.Exponential(0.7),
                new TorchReference.Sgd(0, 0, 0, false), (step, epoch) -> 0.2 * Math.pow(0.7, epoch), 5, 4);
        Run cyc = checkSteps("cyclic triangular2", MLP, "mse", sgd,
                new ScheduleSpec.Cyclic(0.01, 0.3, 2, 3, "triangular2", 1),
                new TorchReference.Sgd(0, 0, 0, false), (s, epoch) -> cyclic(0.01, 0.3, 2, 3, s, 1, 0), 5, 4);
        assertSeparates("cyclic per epoch", cyc, MLP, "mse", new TorchReference.Sgd(0, 0, 0, false),
                (s, epoch) -> cyclic(0.01, 0.3, 2, 3, epoch, 1, 0), 5, 4, false);
        checkSteps("cyclic exp_range", MLP, "mse", sgd, new ScheduleSpec.Cyclic(0.01, 0.3, 2, 2, "exp_range", 0.9),
                new TorchReference.Sgd(0, 0, 0, false), (step, epoch) -> cyclic(0.01, 0.3, 2, 2, step, 0.9, 1), 5, 4);
        // momentum is not cycled (PyTorch's cycle_momentum=False): the buffer follows SGD's fixed momentum
        checkSteps("cyclic with momentum", MLP, "mse", new OptimizerSpec.Sgd(0.2, 0.9, false, 0),
                new ScheduleSpec.Cyclic(0.01, 0.1, 2, 2, "triangular", 1),
                new TorchReference.Sgd(0.9, 0, 0, false), (step, epoch) -> cyclic(0.01, 0.1, 2, 2, step, 1, 2), 5, 3);
        int total = 4 * 3;
        checkSteps("oneCycle", MLP, "mse", new OptimizerSpec.Adam(0.001, 0.9, 0.999, 1e-8, 0),
                new ScheduleSpec.OneCycle(0.05, 0.3, 25, 1e4), new TorchReference.Adam(0.9, 0.999, 1e-8, 0, false),
                (step, epoch) -> oneCycle(0.05, 0.3, 25, 1e4, total, step), 5, 4);
    }

    /**
     * CyclicLR as PyTorch documents it: cycle = floor(1 + it/(up+down)), x = 1 + it/(up+down) - cycle, the
     * triangle rising over the first up/(up+down) of x; {@code kind} 0 = triangular2, 1 = exp_range, 2 = triangular.
     */
    static double cyclic(double base, double max, int up, int down, int it, double gamma, int kind) {
        double total = up + down;
        double cycle = Math.floor(1 + it / total);
        double x = 1 + it / total - cycle;
        double ratio = up / total;
        double h = x <= ratio ? x / ratio : (1 - x) / (1 - ratio);
        double scale = switch (kind) {
            case 0 -> Math.pow(0.5, cycle - 1);
            case 1 -> Math.pow(gamma, it);
            default -> 1;
        };
        return base + (max - base) * h * scale;
    }

    /** OneCycleLR (cos): from max/div up to max at step pct·total - 1, then down to max/div/final at total - 1. */
    static double oneCycle(double max, double pct, double div, double fin, int total, int step) {
        double start = max / div;
        double end = start / fin;
        double peak = pct * total - 1;
        if (step <= peak) {
            return start + (max - start) * (1 - Math.cos(Math.PI * step / peak)) / 2;
        }
        return end + (max - end) * (1 + Math.cos(Math.PI * (step - peak) / (total - 1 - peak))) / 2;
    }

    // ------------------------------------------------------------------ batch norm

    /**
     * BatchNorm1d: training normalizes with the batch's mean and biased variance; the running mean and (unbiased)
     * variance move by momentum 0.1 in each training forward pass; evaluation (the validation loss) uses them.
     * Coupled weight decay reaches batch norm's weight and bias too (PyTorch decays every parameter).
     */
    @Test
    void batchNormTrainingAndEvaluation() {
        List<LayerSpec> layers = List.of(new LayerSpec.Dense(4, "tanh"), new LayerSpec.BatchNorm(0.1, 1e-5),
                new LayerSpec.Dense(2, "identity"));
        // batches of 4: a batch of 2 normalizes to ±1 whatever its inputs, so the gradient reaching the layer below
        // is rounding noise, which Adam would scale up to a step of lr
        Run bn = checkSteps("batch norm", layers, "mse", new OptimizerSpec.Adam(0.05, 0.9, 0.999, 1e-8, 0.2), null,
                new TorchReference.Adam(0.9, 0.999, 1e-8, 0.2, false), constant(0.05), 4, 3);
        assertSeparates("biased running variance", bn, layers, "mse",
                new TorchReference.Adam(0.9, 0.999, 1e-8, 0.2, false), constant(0.05), 4, 3, true);
        List<LayerSpec> other = List.of(new LayerSpec.Dense(4, "identity"), new LayerSpec.BatchNorm(0.3, 1e-2),
                new LayerSpec.Dense(2, "identity"));
        checkSteps("batch norm momentum 0.3", other, "mse", new OptimizerSpec.Sgd(0.1, 0, false, 0), null,
                new TorchReference.Sgd(0, 0, 0, false), constant(0.1), 6, 3);
    }

    // ------------------------------------------------------------------ dropout

    /**
     * {@code dropout p}: in training each unit is zeroed with probability p and the kept ones scaled by 1/(1-p)
     * (inverted dropout); in evaluation it is the identity. A 1 → 1 → (dropout) → 1 network at rate 0 on N equal
     * samples x = 1, t = 0: the hidden value h = w1 + b1 is kept on a binomial fraction q of the samples, so the
     * training loss is q·(w2·h/(1-p) + b2)² + (1-q)·b2² with E[q] = 1-p; the validation loss is (w2·h + b2)² exactly.
     */
    @Test
    void dropoutDropsWithProbabilityPAndScalesTheRest() {
        int n = 20_000;
        for (double p : new double[]{0.8, 0.2}) {
            List<LayerSpec> layers = List.of(new LayerSpec.Dense(1, "identity"), new LayerSpec.Dropout(p),
                    new LayerSpec.Dense(1, "identity"));
            float[] x = new float[n];
            java.util.Arrays.fill(x, 1f);
            Dataset set = new Dataset(x, 1, new float[n], 1);
            TrainingData d = new TrainingData(set, new Dataset(new float[]{1f}, 1, new float[]{0f}, 1), n, false);
            TrainSpec zero = new TrainSpec(1, new OptimizerSpec.Sgd(0, 0, false, 0), null, null, null);
            TrainedNetwork t = new Trainer().train("drop", spec(layers, "mse", "pytorch", zero), d, SEED, null, null);
            TorchReference ref = reference(layers, 1, "mse");
            double[] w = params(t, ref, null, null);              // w1, b1, w2, b2
            double h = w[0] + w[1];
            double kept = Math.pow(w[2] * h / (1 - p) + w[3], 2);
            double dropped = w[3] * w[3];
            double expected = (1 - p) * kept + p * dropped;
            double sigma = Math.sqrt(p * (1 - p) / n) * Math.abs(kept - dropped);
            double train = t.history().epochs().get(0).trainLoss();
            assertEquals(expected, train, 4 * sigma, "training loss with dropout " + p);
            // the alternatives are far outside: p taken as the keep probability, or no 1/(1-p) scaling
            double asKeep = p * Math.pow(w[2] * h / p + w[3], 2) + (1 - p) * dropped;
            double unscaled = (1 - p) * Math.pow(w[2] * h + w[3], 2) + p * dropped;
            assertTrue(Math.abs(asKeep - expected) > 10 * sigma && Math.abs(unscaled - expected) > 10 * sigma,
                    "the test separates the alternatives");
            assertEquals(Math.pow(w[2] * h + w[3], 2), t.history().epochs().get(0).valLoss(), 1e-5,
                    "no dropout in evaluation");
        }
    }

    // ------------------------------------------------------------------ LR range test

    /**
     * The LR range test against torch-lr-finder's {@code range_test} and {@code plot(suggest_lr=True)}, written out
     * here: batch i (cycling over the batches) trains at start·(end/start)^(i/(n-1)); its loss before the update
     * (training mode) is smoothed, s_i = f·l_i + (1-f)·s_{i-1}; the test stops after the first smoothed loss above
     * threshold × the best so far; the suggestion is the argmin of numpy.gradient over the smoothed losses without the
     * first 10 and last 5. Runs whose loss diverges (the case the suggestion is made for).
     */
    @Test
    void lrRangeTestIsTorchLrFinders() {
        List<LayerSpec> linear = List.of(new LayerSpec.Dense(4, "identity"), new LayerSpec.Dense(2, "identity"));
        rangeTest("sgd", linear, new OptimizerSpec.Sgd(1e-3, 0, false, 0), new TorchReference.Sgd(0, 0, 0, false),
                new org.l96.spec.LrRangeTestSpec("sgd", 1e-3, 10, 60, "exponential", 0.05, 5));
        rangeTest("adam", MLP, OptimizerSpec.Adam.withLr(1e-7), new TorchReference.Adam(0.9, 0.999, 1e-8, 0, false),
                new org.l96.spec.LrRangeTestSpec("adam", 1e-4, 100, 80, "exponential", 0.1, 3));
    }

    static void rangeTest(String what, List<LayerSpec> layers, OptimizerSpec optimizer, TorchReference.Optimizer torch,
                          org.l96.spec.LrRangeTestSpec test) {
        int batch = 5;
        TrainingData d = data(3, 2, batch);
        TorchReference ref = reference(layers, 3, "mse");
        double[] p = initial(layers, "mse", "pytorch", d, SEED, ref);
        NetworkSpec net = spec(layers, "mse", "pytorch", new TrainSpec(1, optimizer, null, null, null));
        LrRangeTest.Result r = LrRangeTest.run(test, net, d, SEED, null);

        List<Double> lrs = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        List<Double> smooth = new ArrayList<>();
        double best = Double.NaN;
        int n = d.train().size();
        int from = 0;
        for (int i = 0; i < test.iterations(); i++) {
            if (from >= n) {
                from = 0;                                   // the data loader starts again
            }
            int to = Math.min(n, from + batch);
            double[] x = rows(d.train(), true, from, to);
            double[] t = rows(d.train(), false, from, to);
            double lr = test.startLr() * Math.pow(test.endLr() / test.startLr(), i / (test.iterations() - 1.0));
            double loss = ref.loss(p, x, t, to - from, true, false);
            torch.step(p, ref.gradient(p, x, t, to - from), lr);
            from = to;
            lrs.add(lr);
            raw.add(loss);
            if (i == 0) {
                best = loss;
            } else {
                loss = test.smoothing() * loss + (1 - test.smoothing()) * smooth.get(smooth.size() - 1);
                best = Math.min(best, loss);
            }
            smooth.add(loss);
            if (loss > test.divergeThreshold() * best) {
                break;
            }
        }
        // plot(skip_start=10, skip_end=5, suggest_lr=True): argmin of numpy.gradient(losses[10:-5])
        List<Double> window = smooth.subList(10, smooth.size() - 5);
        int arg = -1;
        double min = Double.POSITIVE_INFINITY;
        for (int j = 0; j < window.size(); j++) {
            double g = j == 0 ? window.get(1) - window.get(0)
                    : j == window.size() - 1 ? window.get(j) - window.get(j - 1)
                    : (window.get(j + 1) - window.get(j - 1)) / 2;
            if (g < min) {
                min = g;
                arg = j;
            }
        }
        int suggested = 10 + arg;
        System.out.printf("range test %s: %d of %d batches, suggestion %d (%.3g)%n", what, lrs.size(),
                test.iterations(), suggested, lrs.get(suggested));

        assertTrue(lrs.size() < test.iterations(), what + ": the reference diverges");
        assertTrue(r.diverged(), what + ": diverged");
        assertEquals(lrs.size(), r.iterationsRun(), what + ": batches run");
        assertEquals(lrs.size() - 1, r.stoppedAtIteration());
        for (int i = 0; i < lrs.size(); i++) {
            assertEquals(lrs.get(i), r.lrs().get(i), 1e-12 * lrs.get(i), what + ": rate " + i);
            // 1e-4: the last batches run at rates where training is unstable and amplifies float32 rounding
            double tol = 1e-4 * Math.max(1, Math.abs(raw.get(i)));
            assertEquals(raw.get(i), r.rawLosses().get(i), tol, what + ": loss " + i);
            assertEquals(smooth.get(i), r.losses().get(i), 1e-4 * Math.max(1, Math.abs(smooth.get(i))),
                    what + ": smoothed loss " + i);
        }
        assertEquals(suggested, r.suggestedIndex(), what + ": suggestion");
        assertEquals(lrs.get(suggested), r.suggestedLr(), 1e-12 * lrs.get(suggested));
    }

    // ------------------------------------------------------------------ initialization

    /**
     * {@code weightInit 'pytorch'}: nn.Linear's kaiming_uniform_(a=√5) weights, i.e. U(±gain·√(3/fan_in)) with
     * gain = √(2/(1+a²)) = √(1/3), so U(±1/√fan_in), and biases U(±1/√fan_in). Checked on a 64 → 256 layer: the
     * bounds, the variance bound²/3 and the mean 0 (within 4 standard errors).
     */
    @Test
    void pytorchInitializationIsNnLinears() {
        int fanIn = 64;
        int units = 256;
        double[] w = initialLayer("pytorch", fanIn, units);
        double gain = Math.sqrt(2.0 / (1 + 5));
        double bound = gain * Math.sqrt(3.0 / fanIn);
        assertEquals(1 / Math.sqrt(fanIn), bound, 1e-15);
        double[] weights = java.util.Arrays.copyOf(w, fanIn * units);
        double[] biases = java.util.Arrays.copyOfRange(w, fanIn * units, w.length);
        checkUniform(weights, bound, "weights");
        checkUniform(biases, bound, "biases");
    }

    static void checkUniform(double[] v, double bound, String what) {
        double mean = 0;
        double sq = 0;
        double max = 0;
        for (double x : v) {
            assertTrue(Math.abs(x) <= bound * (1 + 1e-7), what + " within ±1/√fan_in: " + x);
            mean += x / v.length;
            sq += x * x / v.length;
            max = Math.max(max, Math.abs(x));
        }
        double var = bound * bound / 3;
        assertEquals(0, mean, 4 * Math.sqrt(var / v.length), what + " mean");
        // variance of x² for U(±B) is B⁴/5 - B⁴/9
        assertEquals(var, sq, 4 * Math.sqrt((Math.pow(bound, 4) / 5 - var * var) / v.length), what + " variance");
        assertTrue(max > bound * (1 - 10.0 / v.length), what + " fill the range");
    }

    /**
     * {@code xavier}: Glorot normal (PyTorch's xavier_normal_, gain 1), std √(2/(fan_in+fan_out)); {@code he}:
     * Kaiming normal for ReLU (kaiming_normal_, fan_in mode), std √(2/fan_in); biases 0 for both.
     */
    @Test
    void xavierAndHeInitialization() {
        int fanIn = 64;
        int units = 256;
        for (String init : List.of("xavier", "he")) {
            double[] w = initialLayer(init, fanIn, units);
            double std = init.equals("xavier") ? Math.sqrt(2.0 / (fanIn + units)) : Math.sqrt(2.0 / fanIn);
            int n = fanIn * units;
            double mean = 0;
            double sq = 0;
            for (int i = 0; i < n; i++) {
                mean += w[i] / n;
                sq += w[i] * w[i] / n;
            }
            assertEquals(0, mean, 4 * std / Math.sqrt(n), init + " mean");
            assertEquals(std * std, sq, 4 * std * std * Math.sqrt(2.0 / n), init + " variance");
            for (int i = n; i < w.length; i++) {
                assertEquals(0, w[i], 0, init + " biases are zero");
            }
        }
    }

    /** The first dense layer (fan_in → units) as initialized for {@code init}, read after an epoch at rate 0. */
    static double[] initialLayer(String init, int fanIn, int units) {
        List<LayerSpec> layers = List.of(new LayerSpec.Dense(units, "identity"), new LayerSpec.Dense(1, "identity"));
        TrainingData d = new TrainingData(samples(4, fanIn, 1, 1), samples(2, fanIn, 1, 2), 4, false);
        TorchReference ref = reference(layers, fanIn, "mse");
        double[] p = initial(layers, "mse", init, d, SEED, ref);
        return java.util.Arrays.copyOf(p, fanIn * units + units);
    }
}

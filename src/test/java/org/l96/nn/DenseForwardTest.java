package org.l96.nn;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.l96.spec.LayerSpec;
import org.l96.spec.NetworkSpec;
import org.l96.spec.OptimizerSpec;
import org.l96.spec.Vocabulary;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plain-Java forward pass against {@code net.output}. DL4J computes in float32, {@link DenseForward} in double
 * over the same (float) weights, so they differ by float32 rounding: the tolerance is {@code 1e-6 · (1 + |y|)}
 * (relative for outputs above 1, absolute below; about 10 float32 ulps), and the largest difference is printed
 * (it is 1e-7 to 3e-7).
 */
class DenseForwardTest {

    static double maxDifference(MultiLayerNetwork net, int nIn, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int batch = 64;
        double[] x = new double[batch * nIn];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian() * 5;
        }
        INDArray in = Nd4j.create(x, new long[]{batch, nIn}, 'c').castTo(DataType.FLOAT);
        // use exactly the float inputs the network sees
        double[] xf = in.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] expected = net.output(in, false).castTo(DataType.DOUBLE).dup('c').data().asDouble();
        DenseForward f = DenseForward.of(net);
        double[] got = new double[expected.length];
        f.forward(xf, batch, got);
        double worst = 0;
        for (int i = 0; i < got.length; i++) {
            double d = Math.abs(got[i] - expected[i]) / (1 + Math.abs(expected[i]));
            worst = Math.max(worst, d);
        }
        return worst;
    }

    /** A network with every kind of layer, trained a few steps so that batch-norm statistics are not trivial. */
    static MultiLayerNetwork trained(String activation, long seed) {
        NetworkSpec spec = new NetworkSpec("non-local", List.of(new LayerSpec.Dense(16, activation),
                new LayerSpec.BatchNorm(0.1, 1e-5), new LayerSpec.Dropout(0.3), new LayerSpec.Dense(12, activation),
                new LayerSpec.Dense(8, "identity")), "pytorch", "mse", null, null);
        OptimizerSpec opt = OptimizerSpec.Adam.withLr(0.01);
        MultiLayerNetwork net = Networks.build(spec, 8, Optimizers.updater(opt, null), List.of(), seed);
        Nd4j.getRandom().setSeed(seed);
        for (int i = 0; i < 5; i++) {
            INDArray x = Nd4j.randn(DataType.FLOAT, 32, 8).muli(4).addi(2);
            INDArray y = Nd4j.randn(DataType.FLOAT, 32, 8);
            net.fit(new DataSet(x, y));
        }
        return net;
    }

    @Test
    void matchesNetOutputForEveryActivation() {
        for (String act : Vocabulary.ACTIVATIONS) {
            MultiLayerNetwork net = trained(act, 11);
            double worst = maxDifference(net, 8, 3);
            System.out.printf("DenseForward vs net.output, %-9s max |diff|/(1+|y|) = %.2e%n", act, worst);
            assertTrue(worst < 1e-6, act + ": " + worst);
        }
    }

    @Test
    void localLinearNetwork() {
        NetworkSpec spec = new NetworkSpec("local", List.of(new LayerSpec.Dense(1, "identity")), "pytorch", "mse",
                null, null);
        MultiLayerNetwork net = Networks.build(spec, 1, Optimizers.updater(OptimizerSpec.Adam.withLr(0.01), null),
                List.of(), 2);
        assertTrue(maxDifference(net, 1, 1) < 1e-6);
    }

    @Test
    void exactGeluGradientMatchesFiniteDifferences() {
        var gelu = new org.l96.nn.dl4j.ExactGelu();
        double[] xs = {-3, -1.2, -0.3, 0, 0.4, 1.1, 2.5};
        INDArray x = Nd4j.create(xs).castTo(DataType.DOUBLE);
        INDArray eps = Nd4j.ones(DataType.DOUBLE, xs.length);
        INDArray grad = gelu.backprop(x.dup(), eps).getFirst();
        for (int i = 0; i < xs.length; i++) {
            double h = 1e-6;
            double up = gelu.getActivation(Nd4j.scalar(xs[i] + h), false).getDouble(0);
            double down = gelu.getActivation(Nd4j.scalar(xs[i] - h), false).getDouble(0);
            assertEquals((up - down) / (2 * h), grad.getDouble(i), 1e-6, "gelu'(" + xs[i] + ")");
            double v = xs[i] * 0.5 * (1 + Activations.erf(xs[i] / Math.sqrt(2)));
            assertEquals(v, gelu.getActivation(Nd4j.scalar(xs[i]), false).getDouble(0), 1e-12);
        }
    }

    @Test
    void erfIsAccurate() {
        // reference values of erf (Abramowitz & Stegun table / high-precision)
        double[][] ref = {{0.1, 0.1124629160182849}, {0.5, 0.5204998778130465}, {1.0, 0.8427007929497149},
                {2.0, 0.9953222650189527}, {2.5, 0.9995930479825550}, {3.0, 0.9999779095030014},
                {-1.5, -0.9661051464753108}, {4.0, 0.9999999845827421}};
        for (double[] r : ref) {
            assertEquals(r[1], Activations.erf(r[0]), 1e-14, "erf(" + r[0] + ")");
        }
    }

    @Test
    void forwardAllocatesNothing() {
        MultiLayerNetwork net = trained("relu", 5);
        DenseForward f = DenseForward.of(net);
        double[] in = new double[100 * 8];
        double[] out = new double[100 * 8];
        for (int i = 0; i < 2000; i++) {
            f.forward(in, 100, out);
        }
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = bean.getThreadAllocatedBytes(tid);
        long t0 = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            f.forward(in, 100, out);
        }
        long nanos = System.nanoTime() - t0;
        long allocated = bean.getThreadAllocatedBytes(tid) - before;
        System.out.printf("DenseForward 8-16-bn-12-8: %.3f us per sample, %d bytes allocated in 1000 calls%n",
                nanos / 1e3 / 100_000, allocated);
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes");
    }
}

package org.l96.cli;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.l96.nn.DenseForward;
import org.l96.nn.Networks;
import org.l96.nn.Optimizers;
import org.l96.spec.LayerSpec;
import org.l96.spec.NetworkSpec;
import org.l96.spec.OptimizerSpec;
import org.l96.spec.TrainSpec;
import org.l96.world.CoarseModel;
import org.l96.world.Integrator;
import org.l96.world.Parameterization;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The coarse model with networks in its tendency, as the notebook runs it: the 100-initial-condition test (a local
 * 1→1 and a non-local 8-16-16-8 network, 100 runs of 100 RK4 steps each) and one long run of 100,000 steps with the
 * 8-16-16-8 network. Networks have random weights (the cost does not depend on them) and run through the plain-Java
 * forward pass, all ensemble members in one call per RK stage.
 */
final class GcmBenchmark {
    private GcmBenchmark() {
    }

    record Result(double hundredIcSeconds, double longRunSeconds, double microsPerStep) {
    }

    private static Parameterization network(List<LayerSpec> layers, int inputs, boolean local) {
        NetworkSpec spec = new NetworkSpec(local ? NetworkSpec.LOCAL : NetworkSpec.NON_LOCAL, layers, "pytorch",
                "mse", new TrainSpec(1, OptimizerSpec.Adam.withLr(1e-3), null, null, null), null);
        MultiLayerNetwork net = Networks.build(spec, inputs, Optimizers.updater(spec.train().optimizer(), null),
                List.of(), 1);
        DenseForward f = DenseForward.of(net);
        return (x, members, k, out) -> f.forward(x, local ? members * k : members, out);
    }

    static Result measure(int repeats) {
        Parameterization linear = network(List.of(new LayerSpec.Dense(1, "identity")), 1, true);
        Parameterization ann = network(List.of(new LayerSpec.Dense(16, "relu"), new LayerSpec.Dense(16, "relu"),
                new LayerSpec.Dense(8, "identity")), 8, false);
        SplittableRandom r = new SplittableRandom(5);
        double[] ics = new double[100 * 8];
        for (int i = 0; i < ics.length; i++) {
            ics[i] = 5 * r.nextGaussian() + 2;
        }
        double[] hundred = new double[repeats + 1];
        double[] longRun = new double[repeats + 1];
        for (int rep = 0; rep <= repeats; rep++) { // round 0 warms the JIT up
            long t0 = System.nanoTime();
            new CoarseModel(18, linear).runEnsemble(ics, 100, 0.01, 100, Integrator.RK4, 1000, null);
            new CoarseModel(18, ann).runEnsemble(ics, 100, 0.01, 100, Integrator.RK4, 1000, null);
            hundred[rep] = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            new CoarseModel(18, ann).runEnsemble(Arrays.copyOf(ics, 8), 1, 0.01, 100_000, Integrator.RK4, 1000,
                    null);
            longRun[rep] = (System.nanoTime() - t0) / 1e9;
        }
        double bestHundred = Arrays.stream(hundred, 1, hundred.length).min().orElseThrow();
        double bestLong = Arrays.stream(longRun, 1, longRun.length).min().orElseThrow();
        return new Result(bestHundred, bestLong, bestLong / 100_000 * 1e6);
    }
}

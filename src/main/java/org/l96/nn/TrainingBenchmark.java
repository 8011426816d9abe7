package org.l96.nn;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.l96.data.BatchIterator;
import org.l96.data.Dataset;
import org.l96.data.TrainingData;
import org.l96.spec.LayerSpec;
import org.l96.spec.NetworkSpec;
import org.l96.spec.OptimizerSpec;
import org.l96.spec.TrainSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Timings of the training path on the notebook's sizes (8-16-16-8 ReLU network, batches of 1024×8, 16001 training
 * rows, 4000 validation rows) with random data: one Adam step ({@code net.fit} on a ready batch), assembling one
 * shuffled batch, a whole epoch with validation, and inference (DL4J vs {@link DenseForward}). The reference PyTorch
 * run takes 0.38 ms per Adam step and 2.4 ms per batch of loading.
 */
public final class TrainingBenchmark {
    private TrainingBenchmark() {
    }

    /** Milliseconds / seconds / microseconds as named. */
    public record Numbers(double adamStepMs, double batchAssemblyMs, double epochSeconds, double outputUs100,
                          double denseForwardUs100) {
        @Override
        public String toString() {
            return String.format("Adam step 1024x8 (8-16-16-8): %.3f ms%n"
                            + "batch assembly 1024x8: %.4f ms%n"
                            + "epoch (16001 samples, batch 1024, + validation of 4000): %.4f s%n"
                            + "inference 100x8: net.output %.1f us, DenseForward %.1f us",
                    adamStepMs, batchAssemblyMs, epochSeconds, outputUs100, denseForwardUs100);
        }
    }

    static NetworkSpec netAnn(int epochs) {
        return new NetworkSpec(NetworkSpec.NON_LOCAL, List.of(new LayerSpec.Dense(16, "relu"),
                new LayerSpec.Dense(16, "relu"), new LayerSpec.Dense(8, "identity")), "pytorch", "mse",
                new TrainSpec(epochs, OptimizerSpec.Adam.withLr(0.003), null, null, null), null);
    }

    static TrainingData randomData(int rows, int validation, int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[rows * k];
        float[] y = new float[rows * k];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (5 * r.nextGaussian() + 3);
            y[i] = (float) (-0.85 * x[i] - 0.76 + r.nextGaussian());
        }
        int train = rows - validation;
        Dataset tr = new Dataset(java.util.Arrays.copyOfRange(x, 0, train * k), k,
                java.util.Arrays.copyOfRange(y, 0, train * k), k);
        Dataset va = new Dataset(java.util.Arrays.copyOfRange(x, train * k, rows * k), k,
                java.util.Arrays.copyOfRange(y, train * k, rows * k), k);
        return new TrainingData(tr, va, 1024, true);
    }

    /**
     * Runs the measurements (a few seconds).
     *
     * @param repeats Adam steps / batches timed (after as many for warm-up)
     * @param epochs  epochs timed (after one for warm-up)
     */
    public static Numbers run(int repeats, int epochs) {
        TrainingData data = randomData(20001, 4000, 8, 1);
        NetworkSpec spec = netAnn(1);
        OptimizerSpec opt = spec.train().optimizer();
        MultiLayerNetwork net = Networks.build(spec, 8, Optimizers.updater(opt, null), List.of(), 1);

        BatchIterator it = new BatchIterator(data.train(), 1024, true, 1);
        it.startEpoch();
        DataSet batch = it.next();
        for (int i = 0; i < repeats; i++) {
            net.fit(batch);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < repeats; i++) {
            net.fit(batch);
        }
        double stepMs = (System.nanoTime() - t0) / 1e6 / repeats;

        long assembly = 0;
        int assembled = 0;
        for (int round = 0; round < 2; round++) {
            assembly = 0;
            assembled = 0;
            while (assembled < repeats) {
                it.startEpoch();
                while (it.hasNext() && assembled < repeats) {
                    long s = System.nanoTime();
                    it.next();
                    assembly += System.nanoTime() - s;
                    assembled++;
                }
            }
        }
        double assemblyMs = assembly / 1e6 / assembled;

        Trainer trainer = new Trainer();
        trainer.train("warm-up", spec, data, 1, null, null);
        long e0 = System.nanoTime();
        trainer.train("timed", netAnn(epochs), data, 2, null, null);
        double epochS = (System.nanoTime() - e0) / 1e9 / epochs;

        INDArray x100 = Nd4j.rand(DataType.FLOAT, 100, 8);
        double[] xd = x100.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] out = new double[800];
        DenseForward f = DenseForward.of(net);
        for (int i = 0; i < repeats; i++) {
            net.output(x100, false);
            f.forward(xd, 100, out);
        }
        long o0 = System.nanoTime();
        for (int i = 0; i < repeats; i++) {
            net.output(x100, false);
        }
        double outUs = (System.nanoTime() - o0) / 1e3 / repeats;
        long d0 = System.nanoTime();
        for (int i = 0; i < repeats * 10; i++) {
            f.forward(xd, 100, out);
        }
        double denseUs = (System.nanoTime() - d0) / 1e3 / (repeats * 10);
        return new Numbers(stepMs, assemblyMs, epochS, outUs, denseUs);
    }

    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        System.out.println(run(repeats, epochs));
    }
}

package org.l96.nn;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.l96.data.BatchIterator;
import org.l96.data.Dataset;
import org.l96.data.TrainingData;
import org.l96.nn.engine.FloatTraining;
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
 * rows, 4000 validation rows) with random data: one Adam step with the plain-Java engine (batch gathered, forward,
 * backward, update) and with DL4J ({@code net.fit} on a ready batch), with their CPU time and bytes allocated per
 * step; assembling one shuffled batch; a whole epoch with validation on either; inference (DL4J vs
 * {@link DenseForward}); and two trainings side by side against one alone. The reference PyTorch run takes 0.30 ms
 * per Adam step in a clean loop (0.38 ms with the notebook's loop) and 2.4 ms per batch of loading.
 */
public final class TrainingBenchmark {
    private TrainingBenchmark() {
    }

    /**
     * Milliseconds / seconds / microseconds as named: the median over rounds, and the fastest round (the machine is
     * shared, so the fastest round is the better estimate of the cost itself).
     */
    public record Numbers(double adamStepMs, double adamStepMsMin, double batchAssemblyMs, double batchAssemblyMsMin,
                          double epochSeconds, double epochSecondsMin, double outputUs100, double denseForwardUs100,
                          double engineStepMs, double engineStepMsMin, double engineEpochSeconds,
                          double engineEpochSecondsMin, double dl4jBytesPerStep, double engineBytesPerStep,
                          double dl4jStepCpuMs, double engineStepCpuMs) {
        @Override
        public String toString() {
            return String.format("Adam step 1024x8 (8-16-16-8), DL4J net.fit: %.3f ms (fastest round %.3f), "
                            + "%.0f bytes allocated per step%n"
                            + "Adam step 1024x8 (8-16-16-8), plain-Java engine (batch gathered too): %.3f ms "
                            + "(fastest round %.3f), %.0f bytes allocated per step%n"
                            + "batch assembly 1024x8: %.4f ms (fastest round %.4f)%n"
                            + "epoch (16001 samples, batch 1024, + validation of 4000): DL4J %.4f s (fastest %.4f), "
                            + "engine %.4f s (fastest %.4f)%n"
                            + "inference 100x8: net.output %.1f us, DenseForward %.1f us",
                    adamStepMs, adamStepMsMin, dl4jBytesPerStep, engineStepMs, engineStepMsMin, engineBytesPerStep,
                    batchAssemblyMs, batchAssemblyMsMin, epochSeconds, epochSecondsMin, engineEpochSeconds,
                    engineEpochSecondsMin, outputUs100, denseForwardUs100);
        }
    }

    /** Bytes the calling thread has allocated so far (HotSpot), or NaN. */
    static double allocatedBytes() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        if (mx instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported()) {
            return sun.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return Double.NaN;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] v) {
        return java.util.Arrays.stream(v).min().orElse(Double.NaN);
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
     * Runs the measurements (a few seconds to a minute).
     *
     * @param rounds  rounds of each measurement (median and fastest reported)
     * @param repeats Adam steps / batches / inferences per round (after a warm-up round)
     * @param epochs  epochs per round of the epoch measurement
     */
    public static Numbers run(int rounds, int repeats, int epochs) {
        TrainingData data = randomData(20001, 4000, 8, 1);
        NetworkSpec spec = netAnn(1);
        OptimizerSpec opt = spec.train().optimizer();
        MultiLayerNetwork net = Networks.build(spec, 8, Optimizers.updater(opt, null), List.of(), 1);

        BatchIterator it = new BatchIterator(data.train(), 1024, true, 1);
        it.startEpoch();
        DataSet batch = it.next();
        double[] step = new double[rounds];
        double[] assembly = new double[rounds];
        double[] epoch = new double[rounds];
        double[] output = new double[rounds];
        double[] dense = new double[rounds];
        INDArray x100 = Nd4j.rand(DataType.FLOAT, 100, 8);
        double[] xd = x100.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] out = new double[800];
        DenseForward f = DenseForward.of(net);
        double[] engineStep = new double[rounds];
        double[] engineCpu = new double[rounds];
        double[] dl4jCpu = new double[rounds];
        double[] engineEpoch = new double[rounds];
        double dl4jBytes = Double.NaN;
        double engineBytes = Double.NaN;
        MultiLayerNetwork forEngine = Networks.build(spec, 8, Optimizers.updater(opt, null), List.of(), 1);
        FloatTraining engine = FloatTraining.start(forEngine, opt, data.train(), 1024, true, 1, 2);
        Trainer trainer = new Trainer();
        Trainer dl4jTrainer = new Trainer(Trainer.Engine.DL4J);
        trainer.train("warm-up", spec, data, 1, null, null);
        dl4jTrainer.train("warm-up", spec, data, 1, null, null);
        for (int round = -1; round < rounds; round++) {
            double b0 = allocatedBytes();
            double u0 = cpuSeconds();
            long t0 = System.nanoTime();
            for (int i = 0; i < repeats; i++) {
                net.fit(batch);
            }
            double s = (System.nanoTime() - t0) / 1e6 / repeats;
            double su = (cpuSeconds() - u0) * 1e3 / repeats;
            dl4jBytes = (allocatedBytes() - b0) / repeats;

            // the engine's step on full batches: gather, forward, backward, Adam (a new epoch when one ends)
            double g0 = allocatedBytes();
            double v0 = cpuSeconds();
            long f0 = System.nanoTime();
            int done = 0;
            while (done < repeats) {
                engine.startEpoch();
                while (engine.hasNext() && done < repeats) {
                    engine.fitNext(0.003);
                    done++;
                }
            }
            double es = (System.nanoTime() - f0) / 1e6 / repeats;
            double eu = (cpuSeconds() - v0) * 1e3 / repeats;
            engineBytes = (allocatedBytes() - g0) / repeats;

            long nanos = 0;
            int assembled = 0;
            while (assembled < repeats) {
                it.startEpoch();
                while (it.hasNext() && assembled < repeats) {
                    long a0 = System.nanoTime();
                    it.next();
                    nanos += System.nanoTime() - a0;
                    assembled++;
                }
            }
            long e0 = System.nanoTime();
            dl4jTrainer.train("timed", netAnn(epochs), data, 2, null, null);
            double e = (System.nanoTime() - e0) / 1e9 / epochs;
            long j0 = System.nanoTime();
            trainer.train("timed", netAnn(epochs), data, 2, null, null);
            double je = (System.nanoTime() - j0) / 1e9 / epochs;

            long o0 = System.nanoTime();
            for (int i = 0; i < repeats; i++) {
                net.output(x100, false);
            }
            double o = (System.nanoTime() - o0) / 1e3 / repeats;
            long d0 = System.nanoTime();
            for (int i = 0; i < repeats; i++) {
                f.forward(xd, 100, out);
            }
            double d = (System.nanoTime() - d0) / 1e3 / repeats;
            if (round >= 0) {
                step[round] = s;
                assembly[round] = nanos / 1e6 / assembled;
                epoch[round] = e;
                output[round] = o;
                dense[round] = d;
                engineStep[round] = es;
                engineCpu[round] = eu;
                dl4jCpu[round] = su;
                engineEpoch[round] = je;
            }
        }
        return new Numbers(median(step), min(step), median(assembly), min(assembly), median(epoch), min(epoch),
                median(output), median(dense), median(engineStep), min(engineStep), median(engineEpoch),
                min(engineEpoch), dl4jBytes, engineBytes, median(dl4jCpu), median(engineCpu));
    }

    /**
     * Two independent trainings side by side (two threads) against one alone: seconds of one training alone
     * (median over rounds) and beside another (median over rounds of the mean of the two), and their ratio
     * {@code alone / sideBySide} (1 = no slowdown).
     */
    public record SideBySide(double aloneSeconds, double sideBySideSeconds, double aloneCpuSeconds,
                             double sideBySideCpuSeconds, int epochs) {
        public double speedRatio() {
            return aloneSeconds / sideBySideSeconds;
        }

        /**
         * The same ratio in the training thread's CPU time: what sharing caches and memory costs, without the
         * waiting for a core that a busy machine adds to the wall-clock ratio.
         */
        public double cpuRatio() {
            return aloneCpuSeconds / sideBySideCpuSeconds;
        }
    }

    private static double cpuSeconds() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e9;
    }

    /**
     * Measures {@link SideBySide} for the notebook's network ({@code epochs} epochs of 16001 samples, batch 1024,
     * Adam) with the given engine.
     */
    public static SideBySide sideBySide(int rounds, int epochs, Trainer.Engine engine) throws InterruptedException {
        TrainingData data = randomData(20001, 4000, 8, 1);
        Trainer trainer = new Trainer(engine);
        trainer.train("warm-up", netAnn(Math.max(1, epochs / 4)), data, 1, null, null);
        double[] alone = new double[rounds];
        double[] beside = new double[rounds];
        double[] aloneCpu = new double[rounds];
        double[] besideCpu = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            double c0 = cpuSeconds();
            trainer.train("alone", netAnn(epochs), data, 10 + r, null, null);
            aloneCpu[r] = cpuSeconds() - c0;
            alone[r] = (System.nanoTime() - t0) / 1e9;
            double[] seconds = new double[2];
            double[] cpu = new double[2];
            Thread[] threads = new Thread[2];
            for (int k = 0; k < 2; k++) {
                int kk = k;
                threads[k] = new Thread(() -> {
                    long s0 = System.nanoTime();
                    double u0 = cpuSeconds();
                    new Trainer(engine).train("beside", netAnn(epochs), data, 20 + kk, null, null);
                    cpu[kk] = cpuSeconds() - u0;
                    seconds[kk] = (System.nanoTime() - s0) / 1e9;
                });
            }
            for (Thread t : threads) {
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            beside[r] = (seconds[0] + seconds[1]) / 2;
            besideCpu[r] = (cpu[0] + cpu[1]) / 2;
        }
        return new SideBySide(median(alone), median(beside), median(aloneCpu), median(besideCpu), epochs);
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        System.out.println(run(rounds, repeats, epochs));
    }
}

package org.l96.nn.engine;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.l96.nn.Networks;
import org.l96.nn.Optimizers;
import org.l96.spec.LayerSpec;
import org.l96.spec.NetworkSpec;
import org.l96.spec.OptimizerSpec;
import org.l96.world.CoarseModel;
import org.l96.world.Integrator;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Timing of one online-training step on the L96 book's online-training chapter's sizes: 256 windows × 128 RK4
 * steps at dt = 0.01, K = 8, F = 18, the 8-16-16-8 ReLU network non-local, Adam — rollout with tape, reverse pass,
 * update ({@link RolloutTraining#fitNext}). The chapter's PyTorch (eager autograd, one thread) takes
 * {@value #TORCH_STEP_MS} ms for the same step on this machine kind (issue #15).
 */
public final class RolloutBenchmark {
    private RolloutBenchmark() {
    }

    /** PyTorch eager autograd, one thread: one step of 256 windows × 128 RK4 steps, 8-16-16-8 (ms, issue #15). */
    public static final double TORCH_STEP_MS = 112;

    /**
     * @param stepMs       median over rounds of the wall time per step
     * @param stepMsMin    fastest round
     * @param cpuMs        the thread's CPU time per step (median over rounds)
     * @param bytesPerStep bytes the thread allocated per step (last round)
     * @param tapeMb       tape and accumulators, MB
     */
    public record Result(double stepMs, double stepMsMin, double cpuMs, double bytesPerStep, double tapeMb) {
    }

    /** Truth windows: the one-scale model with the closure -0.8·X at F = 18 from a spun-up random state. */
    static RolloutWindows windows(int count, int steps, int k, double dt, double forcing, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x0 = new double[k];
        for (int i = 0; i < k; i++) {
            x0[i] = forcing / 3 + r.nextGaussian();
        }
        CoarseModel truth = new CoarseModel(forcing, (x, members, kk, out) -> {
            for (int i = 0; i < members * kk; i++) {
                out[i] = -0.8 * x[i];
            }
        });
        int spin = 500;
        double[] spun = truth.run(x0, dt, spin, Integrator.RK4);
        int rows = count * steps + 1;
        double[] series = truth.run(Arrays.copyOfRange(spun, spin * k, (spin + 1) * k), dt, rows - 1,
                Integrator.RK4);
        return RolloutWindows.cut(series, rows, k, steps, 0, rows);
    }

    /**
     * Runs {@code rounds} rounds of {@code repeats} steps after one warm-up round (a few seconds per round at the
     * chapter's sizes).
     */
    public static Result measure(int rounds, int repeats) {
        int k = 8;
        int windows = 256;
        RolloutWindows w = windows(windows, 128, k, 0.01, 18, 1);
        NetworkSpec spec = new NetworkSpec(NetworkSpec.NON_LOCAL, List.of(new LayerSpec.Dense(16, "relu"),
                new LayerSpec.Dense(16, "relu"), new LayerSpec.Dense(8, "identity")), "pytorch", "mse", null, null);
        OptimizerSpec opt = OptimizerSpec.Adam.withLr(0.001);
        MultiLayerNetwork net = Networks.build(spec, k, Optimizers.updater(opt, null), List.of(), 1);
        RolloutTraining run = RolloutTraining.start(net, opt, w, windows, false, 1,
                new RolloutSetup("rk4", 0.01, 18, false));
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        double[] wall = new double[rounds];
        double[] cpu = new double[rounds];
        double bytes = Double.NaN;
        for (int round = -1; round < rounds; round++) {
            long b0 = mx.getThreadAllocatedBytes(id);
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            for (int i = 0; i < repeats; i++) {
                run.startEpoch();
                run.fitNext(0.001);
            }
            double ms = (System.nanoTime() - t0) / 1e6 / repeats;
            double cms = (mx.getCurrentThreadCpuTime() - c0) / 1e6 / repeats;
            bytes = (double) (mx.getThreadAllocatedBytes(id) - b0) / repeats;
            if (round >= 0) {
                wall[round] = ms;
                cpu[round] = cms;
            }
        }
        return new Result(median(wall), Arrays.stream(wall).min().orElse(Double.NaN), median(cpu), bytes,
                run.tapeFloats() * 4 / 1e6);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** Prints a measurement (for running by hand), with the forward and reverse passes timed apart. */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        // a third argument "local": a local 1-16-16-1 ReLU network instead
        boolean local = args.length > 2 && args[2].equals("local");
        RolloutWindows w = windows(256, 128, 8, 0.01, 18, 1);
        NetworkSpec spec = new NetworkSpec(local ? NetworkSpec.LOCAL : NetworkSpec.NON_LOCAL,
                List.of(new LayerSpec.Dense(16, "relu"), new LayerSpec.Dense(16, "relu"),
                        new LayerSpec.Dense(local ? 1 : 8, "identity")), "pytorch", "mse", null, null);
        OptimizerSpec opt = OptimizerSpec.Adam.withLr(0.001);
        FloatMlp mlp = Dl4jBridge.read(Networks.build(spec, local ? 1 : 8, Optimizers.updater(opt, null), List.of(),
                1), 1, 0);
        RolloutGradient g = new RolloutGradient(mlp, new RolloutSetup("rk4", 0.01, 18, local), 8, 128, 256);
        System.out.printf("%s network, tape %.1f MB%n", local ? "local 1-16-16-1" : "non-local 8-16-16-8",
                g.tapeFloats() * 4 / 1e6);
        float[] grad = new float[mlp.numParams()];
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int round = 0; round < rounds + 1; round++) {
            long f = 0;
            long b = 0;
            long ld = 0;
            for (int i = 0; i < repeats; i++) {
                long l0 = mx.getCurrentThreadCpuTime();
                g.load(w, null, 0, 256);
                long c0 = mx.getCurrentThreadCpuTime();
                ld += c0 - l0;
                g.forward();
                long c1 = mx.getCurrentThreadCpuTime();
                g.backward(grad);
                b += mx.getCurrentThreadCpuTime() - c1;
                f += c1 - c0;
            }
            System.out.printf("CPU per step: loading the windows %.2f ms, forward %.2f ms, reverse %.2f ms%n",
                    ld / 1e6 / repeats, f / 1e6 / repeats, b / 1e6 / repeats);
        }
        Result r = measure(rounds, repeats);
        System.out.printf("rollout step 256x128 RK4 8-16-16-8: median %.2f ms, fastest %.2f ms, CPU %.2f ms, "
                + "%.0f B/step, tape %.1f MB; PyTorch %.0f ms, ratio %.3f%n", r.stepMs(), r.stepMsMin(), r.cpuMs(),
                r.bytesPerStep(), r.tapeMb(), TORCH_STEP_MS, r.stepMsMin() / TORCH_STEP_MS);
    }
}

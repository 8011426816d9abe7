package org.l96.world;

import java.util.Arrays;

/**
 * Times the default "real world" run of the seed notebook: K=8, J=32, F=18, h=1, b=10, c=10, RK4 at dt=0.001,
 * sampled every si=0.01 (10 substeps per sample), storing X, Y and the coupling, from the seed-14 initial state.
 * Single-threaded, pure compute; prints nothing.
 */
public final class SimulationBenchmark {

    public static final double DT = 0.001;
    public static final double SAMPLE_INTERVAL = 0.01;

    /**
     * @param samples          samples per timed run
     * @param repeats          timed runs
     * @param substeps         RK4 substeps per timed run
     * @param bestSeconds      fastest run
     * @param medianSeconds    median run
     * @param microsPerSubstep best run / substeps, in microseconds
     * @param flopsPerSubstep  counted from the kernel's loops (see {@code TwoScaleRk4Kernel.flopsPerStep})
     * @param gflops           flopsPerSubstep * substeps / bestSeconds / 1e9
     * @param checksum         X_0 at the end of the last run (keeps the work observable; equal across runs)
     */
    public record Result(int samples, int repeats, long substeps, double bestSeconds, double medianSeconds,
                         double microsPerSubstep, long flopsPerSubstep, double gflops, double checksum) {
    }

    private SimulationBenchmark() {
    }

    /** Warms the JIT up with a few shorter runs, then times {@code repeats} runs of {@code samples} samples. */
    public static Result measure(int samples, int repeats) {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be at least 1, got " + samples);
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be at least 1, got " + repeats);
        }
        L96Params p = L96Params.DEFAULT;
        TwoScaleIntegrator integrator = new TwoScaleIntegrator(p, DT);
        TwoScaleState start = TwoScaleL96.seededInitialState(p, 14);
        int substepsPerSample = TwoScaleIntegrator.substepsPerSample(SAMPLE_INTERVAL, DT);

        // warm-up: enough steps for C2 to compile the kernel (~60k steps), capped so tiny benchmarks stay tiny
        int warmSamples = Math.max(200, Math.min(samples, 2000));
        double sink = 0.0;
        for (int w = 0; w < 3; w++) {
            sink += integrator.run(start, SAMPLE_INTERVAL, warmSamples).finalState().x()[0];
        }

        double[] seconds = new double[repeats];
        double checksum = sink;
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            TwoScaleTrajectory tr = integrator.run(start, 0.0, SAMPLE_INTERVAL, samples, true, null);
            seconds[r] = (System.nanoTime() - t0) * 1e-9;
            checksum = tr.finalState().x()[0];
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double best = sorted[0];
        double median = repeats % 2 == 1 ? sorted[repeats / 2]
                : 0.5 * (sorted[repeats / 2 - 1] + sorted[repeats / 2]);
        long substeps = (long) samples * substepsPerSample;
        long flops = TwoScaleRk4Kernel.flopsPerStep(p.k(), p.j());
        return new Result(samples, repeats, substeps, best, median, best * 1e6 / substeps, flops,
                flops * (double) substeps / best / 1e9, checksum);
    }
}

package org.l96.run;

import org.l96.spec.SimulationSpec;
import org.l96.spec.Vocabulary;
import org.l96.spec.WorldSpec;
import org.l96.world.DiscreteSubgridTarget;
import org.l96.world.Integrator;
import org.l96.world.L96Params;
import org.l96.world.TwoScaleIntegrator;
import org.l96.world.TwoScaleL96;
import org.l96.world.TwoScaleState;
import org.l96.world.TwoScaleTrajectory;
import org.l96.world.WorldDivergedException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/** Runs the "real world" a spec describes: seeded initial state, optional spin-up, then the sampled run. */
public final class Simulator {
    private Simulator() {
    }

    public static L96Params params(WorldSpec w) {
        return new L96Params(w.k(), w.j(), w.forcing(), w.h(), w.b(), w.c());
    }

    /** The world's time-stepping scheme, from {@code world.integrator}. */
    public static Integrator integrator(WorldSpec w) {
        return switch (w.integratorKind()) {
            case EULER -> Integrator.EULER;
            case RK2 -> Integrator.RK2;
            case RK4 -> Integrator.RK4;
        };
    }

    public static TwoScaleState initialState(WorldSpec w, long seed) {
        return TwoScaleL96.seededInitialState(params(w), seed);
    }

    /**
     * Simulates from {@code start} in memory; {@code progress} receives the fraction done in [0, 1]. The coupling
     * target is the notebook's convention, with {@link SimulationSpec#COUPLING_SAMPLE} the coupling of each sampled
     * state, with {@link SimulationSpec#COUPLING_DISCRETE} the discrete target (last row NaN). Keeps Y's history:
     * for small runs; {@link #simulate} streams to disk.
     *
     * @throws UserError when the scheme loses stability at the world's dt: which scheme, dt, the model time (counted
     *                   from the start of the spin-up) and what to do; nothing of the run is returned
     */
    public static TwoScaleTrajectory run(WorldSpec w, SimulationSpec s, TwoScaleState start,
                                         java.util.function.DoubleConsumer progress) {
        TwoScaleIntegrator integrator = new TwoScaleIntegrator(params(w), w.dt(), integrator(w));
        int spinUpSamples = (int) Math.round(s.spinUp() / s.sampleInterval());
        long total = (long) spinUpSamples + s.samples();
        TwoScaleState state = start;
        if (spinUpSamples > 0) {
            try {
                TwoScaleTrajectory spin = integrator.run(state, 0.0, s.sampleInterval(), spinUpSamples, false,
                        done -> progress.accept(done / (double) total));
                state = spin.finalState();
            } catch (WorldDivergedException e) {
                throw diverged(e, 0.0, " during the spin-up");
            }
        }
        LongConsumer sampled = done -> progress.accept((spinUpSamples + done) / (double) total);
        TwoScaleTrajectory tr;
        try {
            tr = integrator.run(state, 0.0, s.sampleInterval(), s.samples(), true, sampled);
        } catch (WorldDivergedException e) {
            // t.npy starts at 0 after the spin-up; the message counts from the initial state
            throw diverged(e, spinUpSamples * s.sampleInterval(), "");
        }
        if (s.couplingTargetKind() == Vocabulary.CouplingTarget.SAMPLE) {
            tr = withCouplingOfSamples(tr, w);
        } else if (s.couplingTargetKind() == Vocabulary.CouplingTarget.DISCRETE) {
            double[] c = new double[tr.coupling().length];
            double[] d = DiscreteSubgridTarget.compute(tr.x(), tr.samples() + 1, tr.k(), s.sampleInterval(),
                    w.forcing());
            System.arraycopy(d, 0, c, 0, d.length);
            java.util.Arrays.fill(c, d.length, c.length, Double.NaN);
            tr = new TwoScaleTrajectory(tr.k(), tr.j(), tr.samples(), tr.x(), tr.y(), c, tr.t(), tr.finalState());
        }
        return tr;
    }

    /**
     * Simulates from {@code start} like {@link #run} and streams the samples into {@code dir}
     * ({@link SimulationFiles}): X, the coupling target, t and, with {@code keepY}, the whole Y are appended as they
     * are produced, so memory does not grow with the number of samples; nothing is left in {@code dir} when the
     * run fails. The files equal those {@link SimulationFiles#write} writes of {@link #run}'s trajectory.
     *
     * @return the state at the last sample
     * @throws UserError when the scheme loses stability (as {@link #run})
     */
    public static TwoScaleState simulate(WorldSpec w, SimulationSpec s, TwoScaleState start, Path dir, boolean keepY,
                                         java.util.function.DoubleConsumer progress) throws IOException {
        TwoScaleIntegrator integrator = new TwoScaleIntegrator(params(w), w.dt(), integrator(w));
        int spinUpSamples = (int) Math.round(s.spinUp() / s.sampleInterval());
        long total = (long) spinUpSamples + s.samples();
        TwoScaleState state = start;
        if (spinUpSamples > 0) {
            try {
                state = integrator.run(state, 0.0, s.sampleInterval(), spinUpSamples,
                        (row, t, x, y, c) -> { }, done -> progress.accept(done / (double) total));
            } catch (WorldDivergedException e) {
                throw diverged(e, 0.0, " during the spin-up");
            }
        }
        final int k = w.k();
        final int j = w.j();
        final double hcb = w.h() * w.c() / w.b();
        final double si = s.sampleInterval();
        final Vocabulary.CouplingTarget target = s.couplingTargetKind();
        final double[] pair = new double[2 * k]; // X_n, X_{n+1}: the discrete target of row n needs the next sample
        final double[] row = new double[k];
        try (SimulationFiles.Writer out = SimulationFiles.writer(dir, s.samples() + 1L, k, k * j, keepY)) {
            TwoScaleState end;
            try {
                end = integrator.run(state, 0.0, si, s.samples(), (n, t, x, y, c) -> {
                    out.sample(t, x, y);
                    switch (target) {
                        case SEED -> out.coupling(c);
                        case SAMPLE -> {
                            for (int kk = 0; kk < k; kk++) {
                                double sum = 0;
                                for (int jj = 0; jj < j; jj++) {
                                    sum += y[kk * j + jj];
                                }
                                row[kk] = -hcb * sum;
                            }
                            out.coupling(row);
                        }
                        case DISCRETE -> {
                            System.arraycopy(x, 0, pair, k, k);
                            if (n > 0) {
                                out.coupling(DiscreteSubgridTarget.compute(pair, 2, k, si, w.forcing()));
                            }
                            System.arraycopy(x, 0, pair, 0, k);
                        }
                    }
                }, done -> progress.accept((spinUpSamples + done) / (double) total));
            } catch (WorldDivergedException e) {
                throw diverged(e, spinUpSamples * si, "");
            } catch (TwoScaleIntegrator.SinkException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e.getCause());
            }
            if (target == Vocabulary.CouplingTarget.DISCRETE) {
                java.util.Arrays.fill(row, Double.NaN); // the last sample has no next one
                out.coupling(row);
            }
            out.commit(end.y());
            return end;
        }
    }

    /**
     * The full state at row {@code row} of the simulation a spec describes, recomputed from the seeded initial
     * state (the same integration, so the same numbers as the stored X): for a simulation that did not keep Y.
     */
    public static TwoScaleState stateAt(WorldSpec w, SimulationSpec s, long seed, int row,
                                        java.util.function.DoubleConsumer progress) {
        TwoScaleIntegrator integrator = new TwoScaleIntegrator(params(w), w.dt(), integrator(w));
        int spinUpSamples = (int) Math.round(s.spinUp() / s.sampleInterval());
        long total = (long) spinUpSamples + row;
        try {
            return integrator.run(initialState(w, seed), 0.0, s.sampleInterval(), spinUpSamples + row,
                    (n, t, x, y, c) -> { }, done -> progress.accept(done / (double) Math.max(1, total)));
        } catch (WorldDivergedException e) {
            throw diverged(e, 0.0, "");
        }
    }

    private static UserError diverged(WorldDivergedException e, double offset, String where) {
        return new UserError(e.describe(offset, where, " from the initial state"), e);
    }

    /** Replaces the coupling history by −(hc/b)·Σ_j Y evaluated at each sampled state. */
    private static TwoScaleTrajectory withCouplingOfSamples(TwoScaleTrajectory tr, WorldSpec w) {
        int k = tr.k();
        int j = tr.j();
        double hcb = w.h() * w.c() / w.b();
        double[] coupling = new double[tr.coupling().length];
        for (int n = 0; n <= tr.samples(); n++) {
            for (int kk = 0; kk < k; kk++) {
                double sum = 0;
                int base = n * j * k + kk * j;
                for (int jj = 0; jj < j; jj++) {
                    sum += tr.y()[base + jj];
                }
                coupling[n * k + kk] = -hcb * sum;
            }
        }
        return new TwoScaleTrajectory(k, j, tr.samples(), tr.x(), tr.y(), coupling, tr.t(), tr.finalState());
    }
}

package org.l96.run;

import org.l96.spec.SimulationSpec;
import org.l96.spec.Vocabulary;
import org.l96.spec.WorldSpec;
import org.l96.world.Integrator;
import org.l96.world.L96Params;
import org.l96.world.TwoScaleIntegrator;
import org.l96.world.TwoScaleL96;
import org.l96.world.TwoScaleState;
import org.l96.world.TwoScaleTrajectory;
import org.l96.world.WorldDivergedException;

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
     * Simulates from {@code start}; {@code progress} receives the fraction done in [0, 1]. The coupling target is the
     * notebook's convention or, with {@link SimulationSpec#COUPLING_SAMPLE}, the coupling of each sampled state.
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
        }
        return tr;
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

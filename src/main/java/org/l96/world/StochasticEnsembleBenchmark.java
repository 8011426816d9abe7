package org.l96.world;

import java.util.Arrays;

/**
 * Times the ensemble forecasts of Arnold et al. (2013): {@code ics} initial conditions × {@code members} members of
 * the coarse model with the paper's c = 10 cubic and AR(1) additive noise (σ = 1.99, φ = 0.986 at Δ = 0.005), RK4,
 * all members in one batch, for {@code timeUnits} model time units. The initial states come from the deterministic
 * coarse model spun up from random states (the timing does not depend on where they come from). Single-threaded.
 * {@link #main} prints the result; nothing else prints.
 */
public final class StochasticEnsembleBenchmark {

    /** The paper's c = 10 cubic as P = −U, highest power first. */
    static final PolynomialParameterization CUBIC = new PolynomialParameterization(0.00235, 0.0136, -1.30, -0.341);

    /**
     * @param memberSteps members × steps integrated
     * @param seconds     wall time of the timed run (best of the repeats)
     * @param historyMb   size of the stored history, MB
     * @param stable      members still stable at the end
     */
    public record Result(int ics, int members, double timeUnits, double dt, long memberSteps, double seconds,
                         double historyMb, int stable) {
    }

    private StochasticEnsembleBenchmark() {
    }

    /** Spins up {@code ics} states, then times {@code repeats} runs of the whole batch (best kept). */
    public static Result measure(int ics, int members, double timeUnits, double dt, int repeats) {
        if (ics < 1 || members < 1 || repeats < 1 || !(timeUnits > 0) || !(dt > 0)) {
            throw new IllegalArgumentException("need positive ics, members, repeats, time units and dt");
        }
        final int k = 8;
        final double f = 20.0;
        double[] starts = new NumpyRandom(3).randn(ics * k);
        for (int i = 0; i < starts.length; i++) {
            starts[i] = 2.5 + 5 * starts[i];
        }
        int spin = (int) Math.round(5.0 / dt);
        EnsembleRun spun = new CoarseModel(f, CUBIC).runEnsemble(starts, ics, dt, spin);
        double[] x0s = new double[ics * members * k];
        for (int ic = 0; ic < ics; ic++) {
            double[] s = spun.state(ic, spin);
            for (int m = 0; m < members; m++) {
                System.arraycopy(s, 0, x0s, (ic * members + m) * k, k);
            }
        }
        int steps = (int) Math.round(timeUnits / dt);
        StochasticParameterization noise = StochasticParameterization.additive(CUBIC, 1.99, 0.986, 0.005, 13);
        CoarseModel gcm = new CoarseModel(f, noise);
        // warm-up on a small batch so the timed run is compiled code
        int warm = Math.min(200, ics * members);
        gcm.runEnsemble(Arrays.copyOf(x0s, warm * k), warm, dt, steps);
        double best = Double.POSITIVE_INFINITY;
        EnsembleRun run = null;
        for (int r = 0; r < repeats; r++) {
            run = null;
            long t0 = System.nanoTime();
            run = gcm.runEnsemble(x0s, ics * members, dt, steps);
            best = Math.min(best, (System.nanoTime() - t0) * 1e-9);
        }
        return new Result(ics, members, timeUnits, dt, (long) ics * members * steps, best,
                run.history().length * 8.0 / 1e6, run.stableCount());
    }

    /** Arguments (all optional): ics members timeUnits dt repeats; defaults 300 40 2.5 0.005 3. */
    public static void main(String[] args) {
        int ics = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int members = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        double t = args.length > 2 ? Double.parseDouble(args[2]) : 2.5;
        double dt = args.length > 3 ? Double.parseDouble(args[3]) : 0.005;
        int repeats = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        Result r = measure(ics, members, t, dt, repeats);
        System.out.printf("%d ICs x %d members, %.2f time units at dt %.4f (RK4, cubic + AR(1) additive noise): "
                        + "%.2f s best of %d, %.0f ns per member-step, history %.0f MB, %d/%d members stable%n",
                r.ics(), r.members(), r.timeUnits(), r.dt(), r.seconds(), repeats, r.seconds() * 1e9 / r.memberSteps(),
                r.historyMb(), r.stable(), r.ics() * r.members());
    }
}

package org.l96.world;

import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.function.LongConsumer;

/**
 * The coarse "GCM": one-scale Lorenz-96 plus a subgrid closure,
 * dX/dt = L96(X; F) + P(X), where P is a {@link Parameterization} (see there for the sign convention: P is added
 * and estimates the coupling term, so the seed's network and linear closures plug in unchanged).
 * Immutable; runs allocate their own scratch.
 */
public final class CoarseModel {

    /** |X| above this marks an ensemble member as blown up (L96 states stay within a few tens). */
    public static final double DEFAULT_BLOWUP_THRESHOLD = 1000.0;

    private final double forcing;
    private final Parameterization parameterization;

    public CoarseModel(double forcing, Parameterization parameterization) {
        if (!Double.isFinite(forcing)) {
            throw new IllegalArgumentException("forcing must be finite, got " + forcing);
        }
        if (parameterization == null) {
            throw new IllegalArgumentException("parameterization must not be null (use Parameterization.NONE)");
        }
        this.forcing = forcing;
        this.parameterization = parameterization;
    }

    public double forcing() {
        return forcing;
    }

    public Parameterization parameterization() {
        return parameterization;
    }

    /**
     * Batch tendency for {@code members} states of length k stored flat row-major: out = L96(x) + P(x).
     * One parameterization call covers the whole batch. {@code out} must not alias {@code x}. A closure with a
     * per-run state (a {@link StochasticParameterization}) has no tendency outside a run and throws
     * IllegalStateException here; {@link #run} and {@link #runEnsemble} drive it.
     */
    public void tendency(double[] x, int members, int k, double[] out) {
        OneScaleL96.checkEnsemble(x, members, k, "x");
        OneScaleL96.checkEnsemble(out, members, k, "out");
        if (x == out) {
            throw new IllegalArgumentException("out must not alias x");
        }
        tendency(parameterization, forcing, x, members, k, out);
    }

    /** The batch tendency with the closure of one run ({@link Parameterization#startRun}). */
    private static void tendency(Parameterization parameterization, double forcing, double[] x, int members, int k,
                                 double[] out) {
        if (parameterization == Parameterization.NONE) {
            // skip the zero closure (adding +0.0 would be harmless but costs a pass)
            for (int m = 0; m < members; m++) {
                OneScaleL96.row(x, m * k, k, forcing, out);
            }
            return;
        }
        parameterization.subgridTendency(x, members, k, out);
        for (int m = 0; m < members; m++) {
            OneScaleL96.rowPlus(x, m * k, k, forcing, out);
        }
    }

    /**
     * Integrates one state for {@code steps} steps (the seed's {@code GCM_*.__call__}); no blow-up handling, a
     * diverging run simply carries Inf/NaN.
     *
     * @return history, (steps+1)*K row-major; row 0 is x0
     */
    public double[] run(double[] x0, double dt, int steps, Integrator integrator) {
        final int k = x0.length;
        checkRun(k, dt, steps, 1);
        if (integrator == null) {
            throw new IllegalArgumentException("integrator must not be null");
        }
        double[] hist = new double[(steps + 1) * k];
        double[] state = x0.clone();
        final Parameterization closure = parameterization.startRun(1, k, dt);
        final int[] only = {0};
        Stepper stepper = integrator.stepper((s, out) -> tendency(closure, forcing, s, 1, k, out), k);
        System.arraycopy(state, 0, hist, 0, k);
        for (int n = 1; n <= steps; n++) {
            closure.beginStep(only, 1);
            stepper.step(state, dt);
            System.arraycopy(state, 0, hist, n * k, k);
        }
        return hist;
    }

    /** {@link #runEnsemble(double[], int, double, int, Integrator, double, LongConsumer)} with RK4, threshold 1000. */
    public EnsembleRun runEnsemble(double[] x0s, int members, double dt, int steps) {
        return runEnsemble(x0s, members, dt, steps, Integrator.RK4, DEFAULT_BLOWUP_THRESHOLD, null);
    }

    /**
     * Integrates all members together, with ONE parameterization call per stage for the whole (still stable)
     * ensemble. After each step a member with a non-finite value or |X| &gt; blowUpThreshold is marked unstable at
     * that step, frozen (its history keeps the offending row, later rows are NaN) and dropped from the batch; the
     * others continue unaffected (members never interact). The closure is started once for this call
     * ({@link Parameterization#startRun}) and told the members of the batch before each step
     * ({@link Parameterization#beginStep}), so a {@link StochasticParameterization} draws its noise once per step
     * and member, holds it over the step's stages, and gives member m the same noise whatever the others do.
     *
     * @param x0s      initial states, flat members*K row-major
     * @param progress optional; receives steps done, about every 1% and at the end
     * @throws CancellationException if the calling thread is interrupted (checked every step; flag left set)
     */
    public EnsembleRun runEnsemble(double[] x0s, int members, double dt, int steps, Integrator integrator,
                                   double blowUpThreshold, LongConsumer progress) {
        return runEnsemble(x0s, members, dt, steps, integrator, blowUpThreshold, progress, null);
    }

    /**
     * {@link #runEnsemble(double[], int, double, int, Integrator, double, LongConsumer)} with the truth before each
     * initial state, for a closure whose inputs reach into the past ({@link Parameterization#pastSamples}; it
     * starts its history from {@code past}). {@code past} may be null for a closure that needs none.
     */
    public EnsembleRun runEnsemble(double[] x0s, int members, double dt, int steps, Integrator integrator,
                                   double blowUpThreshold, LongConsumer progress, TruthPast past) {
        if (members < 1) {
            throw new IllegalArgumentException("members must be at least 1, got " + members);
        }
        if (x0s == null || x0s.length % members != 0) {
            throw new IllegalArgumentException("x0s length " + (x0s == null ? "null" : x0s.length)
                    + " is not a multiple of members " + members);
        }
        if (integrator == null) {
            throw new IllegalArgumentException("integrator must not be null");
        }
        if (!(blowUpThreshold > 0.0)) {
            throw new IllegalArgumentException("blow-up threshold must be positive, got " + blowUpThreshold);
        }
        final int k = x0s.length / members;
        checkRun(k, dt, steps, members);
        final int rows = steps + 1;
        final double[] hist = new double[members * rows * k];
        final int[] unstable = new int[members];
        Arrays.fill(unstable, -1);

        // packed state of the members still running; ids[a] is the member in packed row a
        int[] ids = new int[members];
        int active = 0;
        for (int m = 0; m < members; m++) {
            System.arraycopy(x0s, m * k, hist, m * rows * k, k);
            if (blownUp(x0s, m * k, k, blowUpThreshold)) {
                unstable[m] = 0;
                Arrays.fill(hist, m * rows * k + k, (m + 1) * rows * k, Double.NaN);
            } else {
                ids[active++] = m;
            }
        }
        double[] packed = new double[active * k];
        for (int a = 0; a < active; a++) {
            System.arraycopy(x0s, ids[a] * k, packed, a * k, k);
        }
        // a stochastic closure keeps its noise per member for this run and draws it once per step
        final Parameterization closure = past == null ? parameterization.startRun(members, k, dt)
                : parameterization.startRun(members, k, dt, past);
        Stepper stepper = batchStepper(closure, integrator, active, k);
        final int every = Math.max(1, steps / 100);
        for (int n = 1; n <= steps && active > 0; n++) {
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new CancellationException("ensemble run interrupted after " + (n - 1) + " of " + steps + " steps");
            }
            closure.beginStep(ids, active);
            stepper.step(packed, dt);
            int kept = 0;
            for (int a = 0; a < active; a++) {
                final int m = ids[a];
                System.arraycopy(packed, a * k, hist, (m * rows + n) * k, k);
                if (blownUp(packed, a * k, k, blowUpThreshold)) {
                    unstable[m] = n;
                    Arrays.fill(hist, (m * rows + n + 1) * k, (m + 1) * rows * k, Double.NaN);
                } else {
                    if (kept != a) {
                        ids[kept] = m;
                        System.arraycopy(packed, a * k, packed, kept * k, k);
                    }
                    kept++;
                }
            }
            if (kept != active) {
                // rare: shrink the batch so the closure only sees live members
                active = kept;
                packed = Arrays.copyOf(packed, active * k);
                stepper = batchStepper(closure, integrator, active, k);
            }
            if (progress != null && (n % every == 0 || n == steps)) {
                progress.accept(n);
            }
        }
        return new EnsembleRun(members, steps, k, dt, hist, unstable);
    }

    private Stepper batchStepper(Parameterization closure, Integrator integrator, int active, int k) {
        return integrator.stepper((s, out) -> tendency(closure, forcing, s, active, k, out), active * k);
    }

    private static boolean blownUp(double[] a, int o, int k, double threshold) {
        for (int i = o; i < o + k; i++) {
            // the negated comparison also catches NaN
            if (!(Math.abs(a[i]) <= threshold)) {
                return true;
            }
        }
        return false;
    }

    private static void checkRun(int k, double dt, int steps, int members) {
        if (k < 4) {
            throw new IllegalArgumentException("K must be at least 4, got " + k);
        }
        if (!(dt > 0.0) || !Double.isFinite(dt)) {
            throw new IllegalArgumentException("dt must be positive and finite, got " + dt);
        }
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be non-negative, got " + steps);
        }
        if ((long) members * (steps + 1L) * k > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("history of " + members + " x " + (steps + 1L) + " x " + k
                    + " values does not fit in an array");
        }
    }
}

package org.l96.world;

import java.util.concurrent.CancellationException;
import java.util.function.LongConsumer;

/**
 * Integrates the two-scale model ("the real world") with an explicit scheme (forward Euler, RK2 midpoint or RK4,
 * the default) at an internal step dt and samples it every si; with RK4 it reproduces the seed's
 * {@code integrate_L96_2t_with_coupling} bit for bit. After every sample the state is checked: a value that is not
 * finite or beyond {@link #DIVERGENCE_BOUND} stops the run with a {@link WorldDivergedException}. Immutable; each
 * run uses its own scratch, so one instance can serve several threads.
 */
public final class TwoScaleIntegrator {

    /** The seed module's internal time step. */
    public static final double DEFAULT_DT = 0.001;

    /**
     * |X| or |Y| above this means the scheme has lost stability: the model's variables stay within a few times F
     * (X) and a few units (Y), and at |X| = 1e6 the advection's time scale is 1e-6, shorter than any useful dt.
     */
    public static final double DIVERGENCE_BOUND = 1e6;

    private final L96Params params;
    private final TwoScaleL96 model;
    private final double dt;
    private final Integrator scheme;

    /** RK4 at {@link #DEFAULT_DT}. */
    public TwoScaleIntegrator(L96Params params) {
        this(params, DEFAULT_DT);
    }

    /** RK4 at dt. */
    public TwoScaleIntegrator(L96Params params, double dt) {
        this(params, dt, Integrator.RK4);
    }

    public TwoScaleIntegrator(L96Params params, double dt, Integrator scheme) {
        if (scheme == null) {
            throw new IllegalArgumentException("scheme must not be null");
        }
        if (params == null) {
            throw new IllegalArgumentException("params must not be null");
        }
        if (!(dt > 0.0) || !Double.isFinite(dt)) {
            throw new IllegalArgumentException("dt must be positive and finite, got " + dt);
        }
        this.params = params;
        this.model = new TwoScaleL96(params);
        this.dt = dt;
        this.scheme = scheme;
    }

    public Integrator scheme() {
        return scheme;
    }

    public L96Params params() {
        return params;
    }

    public double dt() {
        return dt;
    }

    /**
     * Internal steps per sample, si/dt, which must be a whole number >= 1 to within 1e-9 relative (so the
     * sampling instants fall exactly on internal steps).
     */
    public static int substepsPerSample(double si, double dt) {
        if (!(si > 0.0) || !Double.isFinite(si)) {
            throw new IllegalArgumentException("sample interval must be positive and finite, got " + si);
        }
        if (!(dt > 0.0) || !Double.isFinite(dt)) {
            throw new IllegalArgumentException("dt must be positive and finite, got " + dt);
        }
        double ratio = si / dt;
        double whole = Math.rint(ratio);
        if (whole < 1.0 || Math.abs(ratio - whole) > 1e-9 * whole) {
            throw new IllegalArgumentException("sample interval " + si + " is not a whole multiple of dt " + dt);
        }
        if (whole > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("sample interval " + si + " needs more than 2^31-1 steps of dt " + dt);
        }
        return (int) whole;
    }

    /** Runs {@code samples} intervals of length si from {@code start} at t0 = 0, storing Y, without progress. */
    public TwoScaleTrajectory run(TwoScaleState start, double si, int samples) {
        return run(start, 0.0, si, samples, true, null);
    }

    /** Continues from the final state and time of {@code previous}, like the seed's repeated {@code W.run}. */
    public TwoScaleTrajectory continueFrom(TwoScaleTrajectory previous, double si, int samples, boolean storeY,
                                           LongConsumer progress) {
        return run(previous.finalState(), previous.endTime(), si, samples, storeY, progress);
    }

    /**
     * Runs {@code samples} sampling intervals of length si from {@code start} (not modified) at time t0.
     *
     * @param storeY   keep the full Y history ((samples+1)*J*K doubles); otherwise only the final Y is kept
     * @param progress optional; receives the number of samples done, about every 1% and at the end
     * @throws CancellationException  if the calling thread is interrupted (checked once per sample); the interrupt
     *                                flag is left set
     * @throws WorldDivergedException if a sampled state is not finite or exceeds {@link #DIVERGENCE_BOUND}
     *                                (checked once per sample, so the run stops within one sample interval)
     */
    public TwoScaleTrajectory run(TwoScaleState start, double t0, double si, int samples, boolean storeY,
                                  LongConsumer progress) {
        final int k = params.k();
        final int n = params.fastSize();
        if (samples < 0) {
            throw new IllegalArgumentException("samples must be non-negative, got " + samples);
        }
        final long rows = samples + 1L;
        if (rows * n > Integer.MAX_VALUE - 8 && storeY) {
            throw new IllegalArgumentException("Y history of " + rows + " x " + n + " values does not fit in an array;"
                    + " run with storeY=false or fewer samples");
        }
        if (rows * k > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many samples: " + samples);
        }
        final double[] xh = new double[(int) (rows * k)];
        final double[] ch = new double[(int) (rows * k)];
        final double[] yh = storeY ? new double[(int) (rows * n)] : null;
        final double[] t = new double[(int) rows];
        TwoScaleState end = run(start, t0, si, samples, (row, time, x, y, coupling) -> {
            System.arraycopy(x, 0, xh, row * k, k);
            System.arraycopy(coupling, 0, ch, row * k, k);
            if (storeY) {
                System.arraycopy(y, 0, yh, row * n, n);
            }
            t[row] = time;
        }, progress);
        return new TwoScaleTrajectory(k, params.j(), samples, xh, yh, ch, t, end);
    }

    /** Receives each sampled state as it is produced; the arrays are the integrator's and valid only during the call. */
    @FunctionalInterface
    public interface SampleSink {
        /**
         * @param row      0..samples (row 0 is the start state)
         * @param t        its time
         * @param x        X (K values)
         * @param y        Y (J·K values, k-major)
         * @param coupling the seed's coupling term of the row: zeros for row 0, otherwise -(hc/b)·Σ_j Y at the first
         *                 stage of the last internal step before it (see {@link TwoScaleTrajectory#coupling()})
         */
        void sample(int row, double t, double[] x, double[] y, double[] coupling) throws Exception;
    }

    /**
     * Runs like {@link #run(TwoScaleState, double, double, int, boolean, LongConsumer)} but hands every sampled
     * state to {@code sink} instead of keeping it: memory is the model's state, whatever the number of samples.
     * An exception of the sink stops the run and is rethrown (checked ones wrapped in {@link SinkException}).
     *
     * @return the state at the last sample
     */
    public TwoScaleState run(TwoScaleState start, double t0, double si, int samples, SampleSink sink,
                             LongConsumer progress) {
        final int k = params.k();
        final int n = params.fastSize();
        TwoScaleL96.checkLength("start.x", start.x(), k);
        TwoScaleL96.checkLength("start.y", start.y(), n);
        if (samples < 0) {
            throw new IllegalArgumentException("samples must be non-negative, got " + samples);
        }
        final int substeps = substepsPerSample(si, dt);
        TwoScaleKernel kernel = TwoScaleKernel.of(scheme, model);
        kernel.setState(start.x(), start.y());
        accept(sink, 0, t0, kernel.x, kernel.y, new double[k]);
        double previous = t0;
        final int every = Math.max(1, samples / 100);
        for (int s = 0; s < samples; s++) {
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new CancellationException("two-scale integration interrupted after " + s + " of " + samples
                        + " samples");
            }
            kernel.advance(substeps, dt);
            final int row = s + 1;
            final double time = t0 + si * row;
            if (!kernel.bounded(DIVERGENCE_BOUND)) {
                throw new WorldDivergedException(scheme, dt, time, previous);
            }
            accept(sink, row, time, kernel.x, kernel.y, kernel.stage1Coupling);
            previous = time;
            if (progress != null && (row % every == 0 || row == samples)) {
                progress.accept(row);
            }
        }
        return new TwoScaleState(kernel.x.clone(), kernel.y.clone());
    }

    private static void accept(SampleSink sink, int row, double t, double[] x, double[] y, double[] coupling) {
        try {
            sink.sample(row, t, x, y, coupling);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new SinkException(e);
        }
    }

    /** A checked exception of a {@link SampleSink} (an I/O error of a writer), carried out of the run. */
    public static final class SinkException extends RuntimeException {
        public SinkException(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }
}

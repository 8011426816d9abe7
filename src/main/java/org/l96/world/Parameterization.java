package org.l96.world;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * Subgrid closure P(X) of the coarse (one-scale) model, evaluated for a whole batch of states at once.
 * <p>
 * Sign convention: P(X) is the tendency ADDED to the resolved one-scale tendency, dX/dt = L96(X; F) + P(X). It
 * estimates the two-scale coupling term -(h*c/b) sum_j Y_{j,k}, so a network trained on the coupling targets of
 * {@link TwoScaleTrajectory#coupling()} is plugged in as is (the seed's {@code GCM_network}). The seed's "linear
 * parameterization" {@code xdot - polyval(-w, X)} is {@code new PolynomialParameterization(w0, w1)}, i.e.
 * P(X) = w0*X + w1 with the linear network's weight and bias.
 */
@FunctionalInterface
public interface Parameterization {

    /**
     * Writes P(x) for {@code members} states of length {@code k}, stored flat row-major ({@code x[m*k + i]}), into
     * the first members*k entries of {@code out}. {@code out} never aliases {@code x} and may hold garbage on entry.
     */
    void subgridTendency(double[] x, int members, int k, double[] out);

    /**
     * The closure one run of the coarse model uses, for {@code members} states of length k stepped at dt.
     * Stateless closures (the default) return themselves; closures with a state that evolves in time (the noise
     * of a {@link StochasticParameterization}) return a fresh object that holds that state for this run only.
     * {@link CoarseModel} calls this once per run, then {@link #beginStep} once per time step.
     */
    default Parameterization startRun(int members, int k, double dt) {
        return this;
    }

    /**
     * How many samples of the truth before the initial state a run of this closure needs (its inputs reach that
     * far into the past, {@link HistoryParameterization}); 0 (the default) for a closure of the current state alone.
     */
    default int pastSamples() {
        return 0;
    }

    /**
     * {@link #startRun(int, int, double)} for a closure that needs the truth's past ({@link #pastSamples} &gt; 0):
     * {@code past} holds it per member. Closures without a past ignore it.
     */
    default Parameterization startRun(int members, int k, double dt, TruthPast past) {
        return startRun(members, k, dt);
    }

    /**
     * Called by the stepping loop once per time step, before the step's first stage, on the object
     * {@link #startRun} returned: the stages that follow evaluate the closure for {@code rows} packed states, where
     * packed row a holds ensemble member {@code memberOfRow[a]} (of the {@code members} the run started with; a
     * member that blew up leaves the batch and is never listed again). No-op by default.
     */
    default void beginStep(int[] memberOfRow, int rows) {
    }

    /** No closure: P = 0 (the seed's {@code GCM_without_parameterization}). */
    Parameterization NONE = (x, members, k, out) -> Arrays.fill(out, 0, members * k, 0.0);

    /** The same scalar function applied to every X_k independently (a "local" closure). */
    static Parameterization pointwise(DoubleUnaryOperator g) {
        if (g == null) {
            throw new IllegalArgumentException("function must not be null");
        }
        return (x, members, k, out) -> {
            final int len = members * k;
            for (int i = 0; i < len; i++) {
                out[i] = g.applyAsDouble(x[i]);
            }
        };
    }
}

package org.l96.world;

/** Right-hand side of an autonomous ODE, dState/dt = f(state). Implementations write f(state) into out. */
@FunctionalInterface
public interface Tendency {

    /** Writes f(state) into {@code out}; out never aliases state when called by a {@link Stepper}. */
    void eval(double[] state, double[] out);
}

package org.l96.world;

/**
 * A state of the two-scale model: X (length K) and Y (length J*K, k-major: {@code Y[k*J + j]}).
 * The arrays are not copied; callers that keep a state while integrating further should {@link #copy()} it.
 */
public record TwoScaleState(double[] x, double[] y) {

    public TwoScaleState {
        if (x == null || y == null) {
            throw new IllegalArgumentException("x and y must not be null");
        }
    }

    public TwoScaleState copy() {
        return new TwoScaleState(x.clone(), y.clone());
    }
}

package org.l96.world;

/**
 * Parameters of the two-scale Lorenz-96 model.
 *
 * @param k       number of slow variables X (at least 4, so the stencil k-2..k+1 has distinct neighbours)
 * @param j       number of fast variables Y per slow variable (at least 1)
 * @param forcing forcing F
 * @param h       coupling strength
 * @param b       spatial-scale ratio (non-zero: the coupling divides by it)
 * @param c       time-scale ratio
 */
public record L96Params(int k, int j, double forcing, double h, double b, double c) {

    /** The seed notebook's "real world": K=8, J=32, F=18, h=1, b=10, c=10. */
    public static final L96Params DEFAULT = new L96Params(8, 32, 18.0, 1.0, 10.0, 10.0);

    public L96Params {
        if (k < 4) {
            throw new IllegalArgumentException("k must be at least 4, got " + k);
        }
        if (j < 1) {
            throw new IllegalArgumentException("j must be at least 1, got " + j);
        }
        if ((long) k * j > Integer.MAX_VALUE / 8) {
            throw new IllegalArgumentException("k*j must be at most " + Integer.MAX_VALUE / 8 + ", got " + (long) k * j);
        }
        requireFinite("forcing", forcing);
        requireFinite("h", h);
        requireFinite("b", b);
        requireFinite("c", c);
        if (b == 0.0) {
            throw new IllegalArgumentException("b must be non-zero (the coupling divides by b), got 0");
        }
    }

    /** Same parameters with another forcing. */
    public L96Params withForcing(double f) {
        return new L96Params(k, j, f, h, b, c);
    }

    /** Number of fast variables, J*K. */
    public int fastSize() {
        return k * j;
    }

    /** The coupling factor h*c/b, computed in the same order as the reference ((h*c)/b). */
    public double hcOverB() {
        return (h * c) / b;
    }

    private static void requireFinite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite, got " + v);
        }
    }
}

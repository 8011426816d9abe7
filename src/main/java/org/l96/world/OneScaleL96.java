package org.l96.world;

/**
 * One-scale Lorenz-96 tendency Xdot_k = X_{k-1} (X_{k+1} - X_{k-2}) - X_k + F (cyclic), grouped as in the
 * reference ({@code roll(X,1)*(roll(X,-1)-roll(X,2)) - X + F}) so results are bit-identical.
 */
public final class OneScaleL96 {

    private OneScaleL96() {
    }

    /** Tendency of a single state; {@code out} must not alias {@code x}. K = x.length, at least 4. */
    public static void tendency(double[] x, double forcing, double[] out) {
        if (x.length < 4) {
            throw new IllegalArgumentException("K must be at least 4, got " + x.length);
        }
        TwoScaleL96.checkLength("out", out, x.length);
        row(x, 0, x.length, forcing, out);
    }

    /**
     * Tendency of an ensemble stored flat, row-major {@code x[m*K + k]}. Only the first members*K entries are used.
     * {@code out} must not alias {@code x}.
     */
    public static void tendencyEnsemble(double[] x, int members, int k, double forcing, double[] out) {
        checkEnsemble(x, members, k, "x");
        checkEnsemble(out, members, k, "out");
        for (int m = 0; m < members; m++) {
            row(x, m * k, k, forcing, out);
        }
    }

    static void checkEnsemble(double[] a, int members, int k, String name) {
        if (k < 4) {
            throw new IllegalArgumentException("k must be at least 4, got " + k);
        }
        if (members < 0) {
            throw new IllegalArgumentException("members must be non-negative, got " + members);
        }
        if (a == null || a.length < (long) members * k) {
            throw new IllegalArgumentException(name + " must hold at least members*k = " + (long) members * k
                    + " values, got " + (a == null ? "null" : a.length));
        }
    }

    /** One row at offset {@code o}; the cyclic edges are peeled so the interior loop is branch-free. */
    static void row(double[] x, int o, int k, double f, double[] out) {
        final int last = o + k - 1;
        out[o] = (x[last] * (x[o + 1] - x[last - 1]) - x[o]) + f;
        out[o + 1] = (x[o] * (x[o + 2] - x[last]) - x[o + 1]) + f;
        for (int i = o + 2; i < last; i++) {
            out[i] = (x[i - 1] * (x[i + 1] - x[i - 2]) - x[i]) + f;
        }
        out[last] = (x[last - 1] * (x[o] - x[last - 2]) - x[last]) + f;
    }

    /** Like {@link #row} but adds the one-scale tendency onto what {@code out} already holds (the closure). */
    static void rowPlus(double[] x, int o, int k, double f, double[] out) {
        final int last = o + k - 1;
        out[o] = ((x[last] * (x[o + 1] - x[last - 1]) - x[o]) + f) + out[o];
        out[o + 1] = ((x[o] * (x[o + 2] - x[last]) - x[o + 1]) + f) + out[o + 1];
        for (int i = o + 2; i < last; i++) {
            out[i] = ((x[i - 1] * (x[i + 1] - x[i - 2]) - x[i]) + f) + out[i];
        }
        out[last] = ((x[last - 1] * (x[o] - x[last - 2]) - x[last]) + f) + out[last];
    }
}

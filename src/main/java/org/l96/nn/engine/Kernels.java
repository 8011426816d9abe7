package org.l96.nn.engine;

/**
 * The loops of the engine over rows of a feature-major batch ({@code row[b]}, b over the samples). Every row is an
 * array of its own and every loop indexes it from 0 by the loop variable alone: C2 (Java 17) vectorizes such loops
 * but not the same loops over an array with an offset (measured: 2-4 against 16-25 GMAC/s for {@code y += a·x} over
 * 1024 floats), so no row is ever a slice of a larger array.
 */
final class Kernels {
    private Kernels() {
    }

    /** {@code y[0..n) += a · x[0..n)}. */
    static void axpy(int n, float a, float[] x, float[] y) {
        for (int i = 0; i < n; i++) {
            y[i] += a * x[i];
        }
    }

    /** {@code y[0..n) = v}. */
    static void fill(int n, float v, float[] y) {
        for (int i = 0; i < n; i++) {
            y[i] = v;
        }
    }

    /** {@code y[0..n) *= x[0..n)}. */
    static void mul(int n, float[] x, float[] y) {
        for (int i = 0; i < n; i++) {
            y[i] *= x[i];
        }
    }

    /** Σ x[0..n), with eight partial sums (latency, and a better rounding than one running sum). */
    static float sum(int n, float[] x) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            s0 += x[i];
            s1 += x[i + 1];
            s2 += x[i + 2];
            s3 += x[i + 3];
            s4 += x[i + 4];
            s5 += x[i + 5];
            s6 += x[i + 6];
            s7 += x[i + 7];
        }
        for (; i < n; i++) {
            s0 += x[i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** Σ x[i]·y[i] over [0, n), with eight partial sums. */
    static float dot(int n, float[] x, float[] y) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            s0 += x[i] * y[i];
            s1 += x[i + 1] * y[i + 1];
            s2 += x[i + 2] * y[i + 2];
            s3 += x[i + 3] * y[i + 3];
            s4 += x[i + 4] * y[i + 4];
            s5 += x[i + 5] * y[i + 5];
            s6 += x[i + 6] * y[i + 6];
            s7 += x[i + 7] * y[i + 7];
        }
        for (; i < n; i++) {
            s0 += x[i] * y[i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /**
     * The four dot products of rows {@code a0, a1} with rows {@code b0, b1} over [0, n): {@code out[0] = a0·b0,
     * out[1] = a0·b1, out[2] = a1·b0, out[3] = a1·b1}. Each loaded value serves two products (the weight gradient's
     * inner loop; a reduction, which C2 does not vectorize, so it is blocked for registers instead).
     */
    static void dot2x2(int n, float[] a0, float[] a1, float[] b0, float[] b1, float[] out) {
        float s00 = 0, s01 = 0, s10 = 0, s11 = 0, t00 = 0, t01 = 0, t10 = 0, t11 = 0;
        int i = 0;
        for (; i + 2 <= n; i += 2) {
            float x0 = a0[i], x1 = a1[i], y0 = b0[i], y1 = b1[i];
            s00 += x0 * y0;
            s01 += x0 * y1;
            s10 += x1 * y0;
            s11 += x1 * y1;
            x0 = a0[i + 1];
            x1 = a1[i + 1];
            y0 = b0[i + 1];
            y1 = b1[i + 1];
            t00 += x0 * y0;
            t01 += x0 * y1;
            t10 += x1 * y0;
            t11 += x1 * y1;
        }
        for (; i < n; i++) {
            float x0 = a0[i], x1 = a1[i], y0 = b0[i], y1 = b1[i];
            s00 += x0 * y0;
            s01 += x0 * y1;
            s10 += x1 * y0;
            s11 += x1 * y1;
        }
        out[0] = s00 + t00;
        out[1] = s01 + t01;
        out[2] = s10 + t10;
        out[3] = s11 + t11;
    }
}

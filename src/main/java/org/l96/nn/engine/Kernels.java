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

    /** Chunk length of {@link #split} and {@link #dot2x2Chunks} (the fastest of 64, 128, 256 measured). */
    static final int CHUNK = 128;

    /** Copies {@code row[0 .. chunks·CHUNK)} into {@code chunks} arrays of {@link #CHUNK} (intrinsic copies). */
    static void split(int chunks, float[] row, float[][] out) {
        for (int c = 0; c < chunks; c++) {
            System.arraycopy(row, c * CHUNK, out[c], 0, CHUNK);
        }
    }

    /**
     * The four dot products {@code a0·b0, a0·b1, a1·b0, a1·b1} over rows split into {@code chunks} chunks
     * ({@link #split}), vectorized: the products are accumulated lane by lane into {@code acc[0..3]} (each of
     * {@link #CHUNK} floats; loops from index 0 over whole arrays, which C2 vectorizes), then each is summed. Measured 2.1× the scalar 2×2 kernel over 16×16
     * rows of 1024, the copies included.
     */
    static void dot2x2Chunks(int chunks, float[][] a0, float[][] a1, float[][] b0, float[][] b1, float[][] acc,
                             float[] out) {
        float[] s00 = acc[0];
        float[] s01 = acc[1];
        float[] s10 = acc[2];
        float[] s11 = acc[3];
        for (int k = 0; k < CHUNK; k++) {
            s00[k] = 0;
            s01[k] = 0;
            s10[k] = 0;
            s11[k] = 0;
        }
        for (int c = 0; c < chunks; c++) {
            float[] x0 = a0[c];
            float[] x1 = a1[c];
            float[] y0 = b0[c];
            float[] y1 = b1[c];
            for (int k = 0; k < CHUNK; k++) {
                float p = x0[k];
                float q = x1[k];
                float u = y0[k];
                float v = y1[k];
                s00[k] += p * u;
                s01[k] += p * v;
                s10[k] += q * u;
                s11[k] += q * v;
            }
        }
        out[0] = sum(CHUNK, s00);
        out[1] = sum(CHUNK, s01);
        out[2] = sum(CHUNK, s10);
        out[3] = sum(CHUNK, s11);
    }

    /** Σ x[i]·y[i] over [from, to) (a tail after the chunks). */
    static float dot(int from, int to, float[] x, float[] y) {
        float s = 0;
        for (int i = from; i < to; i++) {
            s += x[i] * y[i];
        }
        return s;
    }
}

package org.l96.data;

import org.junit.jupiter.api.Test;
import org.l96.spec.DataSpec;
import org.l96.world.InputLayout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Samples of a stencil network (X_{k−N..k+N}, periodic) and of inputs from the past (earlier states, the previous
 * coupling term), against expectations written out by hand; rows whose history falls before a segment's start are
 * dropped.
 */
class StencilHistoryFeaturesTest {
    private static final int K = 5;

    /** x[t][k] = 10 t + k and coupling = −x: every value says where it came from. */
    private static double[] grid(int rows, double sign) {
        double[] a = new double[rows * K];
        for (int t = 0; t < rows; t++) {
            for (int k = 0; k < K; k++) {
                a[t * K + k] = sign * (10 * t + k);
            }
        }
        return a;
    }

    @Test
    void aStencilOfOneWrapsAroundTheRing() {
        double[] x = grid(3, 1);
        double[] u = grid(3, -1);
        Dataset d = Features.of(new InputLayout(true, 1, 0, false), x, u, K, 1, 3);
        assertEquals(3, d.nIn());
        assertEquals(1, d.nOut());
        assertEquals(2 * K, d.size()); // rows 1 and 2, one sample per k
        // row 1: k=0 sees X_4, X_0, X_1 (periodic); k=4 sees X_3, X_4, X_0
        float[] expected = {
                14, 10, 11, /**/ 10, 11, 12, /**/ 11, 12, 13, /**/ 12, 13, 14, /**/ 13, 14, 10,
                24, 20, 21, /**/ 20, 21, 22, /**/ 21, 22, 23, /**/ 22, 23, 24, /**/ 23, 24, 20};
        assertArrayEquals(expected, d.inputs());
        assertArrayEquals(new float[]{-10, -11, -12, -13, -14, -20, -21, -22, -23, -24}, d.targets());
    }

    @Test
    void stencilZeroIsLocal() {
        double[] x = grid(4, 1);
        double[] u = grid(4, -1);
        Dataset s0 = Features.of(new InputLayout(true, 0, 0, false), x, u, K, 0, 4);
        Dataset local = Features.local(x, u, K, 0, 4);
        assertArrayEquals(local.inputs(), s0.inputs());
        assertArrayEquals(local.targets(), s0.targets());
    }

    @Test
    void historyAndPreviousCouplingFollowTheStencilAndDropRowsBeforeTheSegment() {
        double[] x = grid(8, 1);
        double[] u = grid(8, -1);
        // stencil 1, history 2, previous coupling: [X(t) stencil, X(t−1) stencil, X(t−2) stencil, U_k(t−1)]
        Dataset d = Features.of(new InputLayout(true, 1, 2, true), x, u, K, 3, 8);
        assertEquals(10, d.nIn());
        assertEquals((8 - 5) * K, d.size()); // rows 3 and 4 have history before the segment start 3: dropped
        float[] first = new float[10];
        System.arraycopy(d.inputs(), 0, first, 0, 10); // row 5, k = 0
        assertArrayEquals(new float[]{54, 50, 51, 44, 40, 41, 34, 30, 31, -40}, first);
        float[] last = new float[10];
        System.arraycopy(d.inputs(), (d.size() - 1) * 10, last, 0, 10); // row 7, k = 4
        assertArrayEquals(new float[]{73, 74, 70, 63, 64, 60, 53, 54, 50, -64}, last);
        assertEquals(-50, d.targets()[0]);

        // non-local: the K-vectors in turn, then the previous K coupling terms
        Dataset n = Features.of(new InputLayout(false, 0, 1, true), x, u, K, 0, 8);
        assertEquals(3 * K, n.nIn());
        assertEquals(K, n.nOut());
        // row 0 has no past, row 1 would read row 0's coupling term (a placeholder): the first sample is row 2
        assertEquals(6, n.size());
        assertArrayEquals(new float[]{20, 21, 22, 23, 24, 10, 11, 12, 13, 14, -10, -11, -12, -13, -14},
                java.util.Arrays.copyOf(n.inputs(), 15));
    }

    @Test
    void eachSegmentDropsItsOwnFirstRows() {
        double[] x = grid(20, 1);
        double[] u = grid(20, -1);
        DataSpec spec = new DataSpec(5, null, 4, 8, false);
        TrainingData data = TrainingData.from(x, u, 20, K, spec, new InputLayout(true, 0, 2, false));
        // training [0, 11) from row 2; validation [11, 16) from row 13; test [16, 20) from row 18
        assertEquals(9 * K, data.train().size());
        assertEquals(3 * K, data.validation().size());
        assertEquals(2 * K, data.test().size());
        assertEquals(130, data.validation().inputs()[0]);
        assertEquals(110, data.validation().inputs()[2]); // X_0 two samples earlier: the segment's first row
        assertEquals(180, data.test().inputs()[0]);
        // a segment shorter than the history has no sample: a clear error, not an empty set
        DataSpec tiny = new DataSpec(2, null, null, 8, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingData.from(x, u, 20, K, tiny, new InputLayout(true, 0, 2, false)));
        assertEquals(true, e.getMessage().contains("history 2"), e.getMessage());
    }
}

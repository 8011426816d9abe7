package org.l96.data;

import org.junit.jupiter.api.Test;
import org.l96.spec.DataSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataTest {

    /** rows × k values where x[t][k] = t*100 + k and coupling = -x. */
    static double[][] series(int rows, int k) {
        double[] x = new double[rows * k];
        double[] c = new double[rows * k];
        for (int t = 0; t < rows; t++) {
            for (int kk = 0; kk < k; kk++) {
                x[t * k + kk] = t * 100 + kk;
                c[t * k + kk] = t == 0 ? 0 : -(t * 100 + kk);
            }
        }
        return new double[][]{x, c};
    }

    @Test
    void splitByLastRowsAndFraction() {
        Split s = Split.of(20001, DataSpec.DEFAULT);
        assertEquals(new Split(16001, 4000, 0), s);
        Split f = Split.of(1000, new DataSpec(null, 0.2, 100, 64, true));
        assertEquals(new Split(700, 200, 100), f);
        assertEquals(700, f.validationStart());
        assertEquals(900, f.testStart());
        assertThrows(IllegalArgumentException.class, () -> Split.of(10, new DataSpec(8, null, 2, 4, true)));
    }

    @Test
    void localFeaturesFollowNumpyReshape() {
        double[][] s = series(11, 8);
        TrainingData d = TrainingData.from(s[0], s[1], 8, new DataSpec(3, null, null, 16, true), true);
        assertEquals(1, d.nIn());
        assertEquals(8 * 8, d.train().size());
        assertEquals(3 * 8, d.validation().size());
        assertNull(d.test());
        // sample t*K + k is X[t][k]
        assertEquals(2 * 100 + 5, d.train().inputs()[2 * 8 + 5]);
        assertEquals(-(2 * 100 + 5), d.train().targets()[2 * 8 + 5]);
        assertEquals(0f, d.train().targets()[3]); // row 0 of the coupling stays zero
        assertEquals(8 * 100, d.validation().inputs()[0]);
    }

    @Test
    void nonLocalFeaturesWithTestSegment() {
        double[][] s = series(20, 4);
        TrainingData d = TrainingData.from(s[0], s[1], 4, new DataSpec(5, null, 3, 16, false), false);
        assertEquals(12, d.train().size());
        assertEquals(5, d.validation().size());
        assertEquals(3, d.test().size());
        assertEquals(4, d.nIn());
        assertEquals(4, d.nOut());
        assertArrayEquals(new float[]{1200, 1201, 1202, 1203}, Arrays.copyOfRange(d.validation().inputs(), 0, 4));
        assertArrayEquals(new float[]{-1700, -1701, -1702, -1703}, Arrays.copyOfRange(d.test().targets(), 0, 4));
        var f = d.validation().featuresArray();
        assertEquals(DataType.FLOAT, f.dataType());
        assertArrayEquals(new long[]{5, 4}, f.shape());
        assertEquals(1402f, f.getFloat(2, 2));
    }

    @Test
    void batchesCoverEveryShuffledSampleOnceAndKeepTheLastPartialBatch() {
        double[][] s = series(101, 3);
        Dataset ds = Features.nonLocal(s[0], s[1], 3, 0, 101);
        BatchIterator it = new BatchIterator(ds, 16, true, 42);
        assertEquals(7, it.batchesPerEpoch());
        int[] firstOrder = null;
        for (int epoch = 0; epoch < 2; epoch++) {
            it.startEpoch();
            boolean[] seen = new boolean[101];
            int batches = 0;
            int total = 0;
            while (it.hasNext()) {
                DataSet b = it.next();
                int n = it.currentSize();
                assertEquals(n, b.getFeatures().rows());
                for (int i = 0; i < n; i++) {
                    int t = (int) (b.getFeatures().getFloat(i, 0) / 100);
                    assertEquals(t * 100 + 2, b.getFeatures().getFloat(i, 2));
                    assertEquals(t == 0 ? 0 : -(t * 100 + 1), b.getLabels().getFloat(i, 1));
                    assertTrue(!seen[t], "sample seen twice");
                    seen[t] = true;
                }
                total += n;
                batches++;
                if (batches == 7) {
                    assertEquals(101 - 6 * 16, n);
                }
            }
            assertEquals(7, batches);
            assertEquals(101, total);
            if (epoch == 0) {
                firstOrder = it.order();
            } else {
                assertNotEquals(Arrays.toString(firstOrder), Arrays.toString(it.order()), "reshuffled each epoch");
            }
        }
        // same seed, same sequence of epochs
        BatchIterator again = new BatchIterator(ds, 16, true, 42);
        again.startEpoch();
        assertArrayEquals(firstOrder, again.order());
        BatchIterator other = new BatchIterator(ds, 16, true, 43);
        other.startEpoch();
        assertNotEquals(Arrays.toString(firstOrder), Arrays.toString(other.order()));
    }

    @Test
    void withoutShuffleBatchesAreInOrder() {
        double[][] s = series(10, 2);
        Dataset ds = Features.local(s[0], s[1], 2, 0, 10);
        BatchIterator it = new BatchIterator(ds, 8, false, 1);
        it.startEpoch();
        DataSet b = it.next();
        assertEquals(0f, b.getFeatures().getFloat(0, 0));
        assertEquals(1f, b.getFeatures().getFloat(1, 0));
        assertEquals(100f, b.getFeatures().getFloat(2, 0));
        it.next();
        DataSet last = it.next();
        assertEquals(4, it.currentSize());
        assertEquals(901f, last.getFeatures().getFloat(3, 0));
    }

    /**
     * At the notebook's size (16001 samples × 8, batches of 1024) every epoch covers every sample once, and batches
     * are assembled into the same preallocated arrays: the full-size batch is one and the same DataSet all along.
     * How fast that is belongs to {@code l96 bench} ("assemble one shuffled batch 1024×8").
     */
    @Test
    void notebookSizedBatchesCoverEverySampleAndReuseTheirArrays() {
        int rows = 16001;
        double[][] s = series(rows, 8);
        Dataset ds = Features.nonLocal(s[0], s[1], 8, 0, rows);
        BatchIterator it = new BatchIterator(ds, 1024, true, 7);
        assertEquals(16, it.batchesPerEpoch());
        DataSet full = null;
        for (int e = 0; e < 3; e++) {
            it.startEpoch();
            boolean[] seen = new boolean[rows];
            int total = 0;
            while (it.hasNext()) {
                DataSet b = it.next();
                int n = it.currentSize();
                if (n == 1024) {
                    full = full == null ? b : full;
                    assertTrue(b == full, "a full batch reuses the same arrays");
                }
                for (int i = 0; i < n; i++) {
                    int t = (int) (b.getFeatures().getFloat(i, 0) / 100);
                    assertTrue(!seen[t], "sample " + t + " twice in one epoch");
                    seen[t] = true;
                }
                total += n;
            }
            assertEquals(rows, total);
        }
    }
}

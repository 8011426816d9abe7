package org.l96.data;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.NoSuchElementException;

/**
 * Mini-batches of a {@link Dataset} as PyTorch's {@code DataLoader(batch_size, shuffle, drop_last=False)} gives
 * them: every epoch ({@link #startEpoch()}) a fresh permutation (drawn from one seeded generator, so the sequence of
 * epochs is the same for the same seed), batches of {@code batchSize} samples in that order, the last partial batch
 * kept.
 *
 * <p>Allocation-free in steady state: the batch arrays (one pair for full batches, one for the last partial batch)
 * and their float staging buffers are allocated once. The {@link DataSet} returned by {@link #next()} is therefore
 * overwritten by the following call; use it before asking for the next one. Not thread-safe.
 */
public final class BatchIterator {
    static {
        // as org.l96.nn.Nd4jSetup: JavaCPP's per-allocation physical-memory check costs more than these arrays
        if (System.getProperty("org.bytedeco.javacpp.maxPhysicalBytes") == null) {
            System.setProperty("org.bytedeco.javacpp.maxPhysicalBytes", "0");
        }
    }

    private final Dataset data;
    private final int batchSize;
    private final Shuffler shuffler;
    private final int[] order;
    private final int batches;

    private final float[] fullIn;
    private final float[] fullOut;
    private final DataSet fullBatch;
    private final float[] lastIn;
    private final float[] lastOut;
    private final DataSet lastBatch;
    // the native memory of the batch arrays, written with one bulk copy per batch
    private final FloatPointer fullInPtr;
    private final FloatPointer fullOutPtr;
    private final FloatPointer lastInPtr;
    private final FloatPointer lastOutPtr;

    private int next = -1;
    private int currentSize;

    public BatchIterator(Dataset data, int batchSize, boolean shuffle, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        if (data.size() == 0) {
            throw new IllegalArgumentException("no samples to batch");
        }
        this.data = data;
        this.batchSize = Math.min(batchSize, data.size());
        this.shuffler = new Shuffler(data.size(), shuffle, seed);
        this.order = shuffler.order();
        this.batches = (data.size() + this.batchSize - 1) / this.batchSize;
        int nIn = data.nIn();
        int nOut = data.nOut();
        fullIn = new float[this.batchSize * nIn];
        fullOut = new float[this.batchSize * nOut];
        fullBatch = new DataSet(Nd4j.create(DataType.FLOAT, this.batchSize, nIn),
                Nd4j.create(DataType.FLOAT, this.batchSize, nOut));
        fullInPtr = pointer(fullBatch.getFeatures());
        fullOutPtr = pointer(fullBatch.getLabels());
        int last = data.size() - (batches - 1) * this.batchSize;
        if (last != this.batchSize) {
            lastIn = new float[last * nIn];
            lastOut = new float[last * nOut];
            lastBatch = new DataSet(Nd4j.create(DataType.FLOAT, last, nIn), Nd4j.create(DataType.FLOAT, last, nOut));
            lastInPtr = pointer(lastBatch.getFeatures());
            lastOutPtr = pointer(lastBatch.getLabels());
        } else {
            lastIn = null;
            lastOut = null;
            lastBatch = null;
            lastInPtr = null;
            lastOutPtr = null;
        }
    }

    /** A pointer to the first element of a fresh, contiguous, c-ordered FLOAT array. */
    private static FloatPointer pointer(INDArray a) {
        if (a.dataType() != DataType.FLOAT || a.ordering() != 'c' || a.isView()) {
            throw new IllegalStateException("expected a contiguous FLOAT array");
        }
        return new FloatPointer(a.data().addressPointer());
    }

    /** Batches per epoch, the last possibly partial. */
    public int batchesPerEpoch() {
        return batches;
    }

    public int batchSize() {
        return batchSize;
    }

    public Dataset data() {
        return data;
    }

    /** Begins an epoch: reshuffles (when shuffling) and rewinds to the first batch. */
    public void startEpoch() {
        shuffler.next();
        next = 0;
    }

    public boolean hasNext() {
        return next >= 0 && next < batches;
    }

    /** Size of the batch last returned by {@link #next()}. */
    public int currentSize() {
        return currentSize;
    }

    /**
     * The next batch of the epoch, gathered into the preallocated arrays (valid until the next call).
     */
    public DataSet next() {
        if (!hasNext()) {
            throw new NoSuchElementException(next < 0 ? "call startEpoch() first" : "epoch finished");
        }
        int start = next * batchSize;
        int n = Math.min(batchSize, order.length - start);
        boolean full = n == batchSize;
        float[] in = full ? fullIn : lastIn;
        float[] out = full ? fullOut : lastOut;
        DataSet ds = full ? fullBatch : lastBatch;
        gather(start, n, in, out);
        (full ? fullInPtr : lastInPtr).put(in, 0, in.length);
        (full ? fullOutPtr : lastOutPtr).put(out, 0, out.length);
        next++;
        currentSize = n;
        return ds;
    }

    /** Copies the samples {@code order[start .. start+n)} into the staging buffers. */
    void gather(int start, int n, float[] in, float[] out) {
        float[] src = data.inputs();
        float[] tgt = data.targets();
        int nIn = data.nIn();
        int nOut = data.nOut();
        if (nIn == 1 && nOut == 1) {
            for (int i = 0; i < n; i++) {
                int s = order[start + i];
                in[i] = src[s];
                out[i] = tgt[s];
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            int s = order[start + i];
            System.arraycopy(src, s * nIn, in, i * nIn, nIn);
            System.arraycopy(tgt, s * nOut, out, i * nOut, nOut);
        }
    }

    /** The sample indices of the current epoch's order (a copy), for tests. */
    public int[] order() {
        return order.clone();
    }
}

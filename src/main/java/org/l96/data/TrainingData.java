package org.l96.data;

import org.l96.spec.DataSpec;
import org.l96.world.InputLayout;

import java.util.Objects;

/**
 * What a network trains on: training samples (batched and reshuffled every epoch), validation samples (whole, and
 * in contiguous batches of the same size for the notebook's per-batch mean), an optional test segment, and the
 * data block's batch size and shuffle flag.
 */
public final class TrainingData {
    private final Dataset train;
    private final Dataset validation;
    private final Dataset test;
    private final int batchSize;
    private final boolean shuffle;
    private final Split split;

    public TrainingData(Dataset train, Dataset validation, Dataset test, int batchSize, boolean shuffle,
                        Split split) {
        this.train = Objects.requireNonNull(train, "train");
        this.validation = Objects.requireNonNull(validation, "validation");
        this.test = test;
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        if (validation.nIn() != train.nIn() || validation.nOut() != train.nOut()) {
            throw new IllegalArgumentException("validation samples have another shape than training samples");
        }
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.split = split;
    }

    public TrainingData(Dataset train, Dataset validation, int batchSize, boolean shuffle) {
        this(train, validation, null, batchSize, shuffle, null);
    }

    /**
     * Splits a simulation by time and makes samples of each segment.
     *
     * @param x        X, {@code rows × k} row-major (rows = samples + 1)
     * @param coupling the coupling term, same shape (row 0 is zero in the notebook's convention; kept as is)
     * @param k        number of slow variables
     * @param spec     validation / test segments, batch size, shuffle
     * @param local    local features (1 → 1 per X_k) rather than non-local (K → K per row)
     */
    public static TrainingData from(double[] x, double[] coupling, int k, DataSpec spec, boolean local) {
        if (x.length % k != 0) {
            throw new IllegalArgumentException("x holds " + x.length + " values, not a multiple of k=" + k);
        }
        return from(x, coupling, x.length / k, k, spec, local);
    }

    /**
     * As {@link #from(double[], double[], int, DataSpec, boolean)} on the first {@code rows} rows only: the rows
     * that have a target (the discrete target has none in the last row).
     */
    public static TrainingData from(double[] x, double[] coupling, int rows, int k, DataSpec spec, boolean local) {
        return from(x, coupling, rows, k, spec, local ? InputLayout.LOCAL : InputLayout.NON_LOCAL);
    }

    /**
     * As {@link #from(double[], double[], int, int, DataSpec, boolean)} for a network that sees {@code layout}
     * (a stencil, earlier states, the previous coupling term): each segment's first rows, whose inputs would reach
     * before the segment's start, are dropped ({@link Features#of(InputLayout, double[], double[], int, int, int)}),
     * so that validation and test samples never read training rows.
     */
    public static TrainingData from(double[] x, double[] coupling, int rows, int k, DataSpec spec,
                                    InputLayout layout) {
        if (rows < 0 || (long) rows * k > Math.min(x.length, coupling.length)) {
            throw new IllegalArgumentException(rows + " rows of k=" + k + " do not fit in x (" + x.length
                    + " values) and coupling (" + coupling.length + ")");
        }
        Split split = Split.of(rows, spec);
        Dataset train = Features.of(layout, x, coupling, k, 0, split.trainRows());
        Dataset val = Features.of(layout, x, coupling, k, split.validationStart(), split.testStart());
        Dataset test = split.testRows() == 0 ? null
                : Features.of(layout, x, coupling, k, split.testStart(), split.rows());
        return new TrainingData(train, val, test, spec.batchSize(), spec.shuffle(), split);
    }

    public Dataset train() {
        return train;
    }

    public Dataset validation() {
        return validation;
    }

    /** The test segment, or null when the data spec sets none. */
    public Dataset test() {
        return test;
    }

    public int batchSize() {
        return batchSize;
    }

    public boolean shuffle() {
        return shuffle;
    }

    /** The row split, or null when the data were given as datasets. */
    public Split split() {
        return split;
    }

    public int nIn() {
        return train.nIn();
    }

    public int nOut() {
        return train.nOut();
    }
}

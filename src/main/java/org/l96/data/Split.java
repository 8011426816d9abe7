package org.l96.data;

import org.l96.spec.DataSpec;

/**
 * A split of a time series of {@code rows} rows into consecutive segments: training first, then validation, then an
 * optional test segment at the very end. Row ranges are half-open: training {@code [0, trainRows)}, validation
 * {@code [trainRows, trainRows + validationRows)}, test {@code [trainRows + validationRows, rows)}.
 */
public record Split(int trainRows, int validationRows, int testRows) {

    public Split {
        if (trainRows < 1 || validationRows < 0 || testRows < 0) {
            throw new IllegalArgumentException("invalid split: train " + trainRows + ", validation "
                    + validationRows + ", test " + testRows);
        }
    }

    /**
     * The split a {@link DataSpec} asks for. A validation fraction counts rows as {@code round(fraction * rows)}
     * (as the spec validator does).
     */
    public static Split of(int rows, DataSpec spec) {
        int test = spec.testLast() == null ? 0 : spec.testLast();
        int validation;
        if (spec.validationLast() != null) {
            validation = spec.validationLast();
        } else if (spec.validationFraction() != null) {
            validation = (int) Math.round(spec.validationFraction() * rows);
        } else {
            throw new IllegalArgumentException("the data spec gives neither validationLast nor validationFraction");
        }
        int train = rows - validation - test;
        if (train < 1) {
            throw new IllegalArgumentException("validation (" + validation + ") and test (" + test
                    + ") rows leave no training data out of " + rows);
        }
        return new Split(train, validation, test);
    }

    public int rows() {
        return trainRows + validationRows + testRows;
    }

    public int validationStart() {
        return trainRows;
    }

    public int testStart() {
        return trainRows + validationRows;
    }
}

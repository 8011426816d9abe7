package org.l96.spec;

/**
 * How samples become training data: split by time into training, validation and an optional test segment at the
 * end; batch size and per-epoch shuffling (seeded from the experiment's seed).
 *
 * <p>Exactly one of {@code validationLast} (a sample count) and {@code validationFraction} is set. When
 * {@code testLast} is set, the last {@code testLast} samples are held out as a test segment and validation comes
 * just before them.
 */
public record DataSpec(Integer validationLast, Double validationFraction, Integer testLast, int batchSize,
                       boolean shuffle) {

    public static final DataSpec DEFAULT = new DataSpec(4000, null, null, 1024, true);
}

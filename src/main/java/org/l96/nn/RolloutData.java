package org.l96.nn;

import org.l96.data.Split;
import org.l96.nn.engine.RolloutWindows;

/**
 * What online (rollout) training needs besides the offline samples: the truth windows of each segment and the
 * coarse model's forcing and step.
 *
 * @param train      windows of the training segment (at least one)
 * @param validation windows of the validation segment
 * @param test       windows of the test segment, or null without one
 * @param dt         the coarse step, model time units (the truth's sampling interval)
 * @param forcing    the coarse model's F (the world's)
 */
public record RolloutData(RolloutWindows train, RolloutWindows validation, RolloutWindows test, double dt,
                          double forcing) {

    /**
     * Cuts non-overlapping windows of {@code steps} coarse steps from each segment of a split X series
     * ({@link RolloutWindows#cut}: a segment of L rows holds ⌊(L − 1)/steps⌋ windows, consecutive windows sharing
     * their boundary state; no window crosses from one segment into the next).
     *
     * @param x     X, {@code rows × k} row-major, sampled every {@code dt}
     * @param split the segments (training, validation, test), as the offline samples are split
     * @throws IllegalArgumentException if the training or validation segment holds no window
     */
    public static RolloutData cut(double[] x, int rows, int k, Split split, int steps, double dt, double forcing) {
        RolloutWindows train = RolloutWindows.cut(x, rows, k, steps, 0, split.trainRows());
        RolloutWindows validation = RolloutWindows.cut(x, rows, k, steps, split.validationStart(),
                split.testStart());
        RolloutWindows test = split.testRows() == 0 ? null
                : RolloutWindows.cut(x, rows, k, steps, split.testStart(), split.rows());
        if (train.count() == 0 || validation.count() == 0) {
            String segment = train.count() == 0 ? "training" : "validation";
            throw new IllegalArgumentException("the " + segment + " segment ("
                    + (train.count() == 0 ? split.trainRows() : split.validationRows()) + " samples) holds no window "
                    + "of " + steps + " steps (" + (steps + 1) + " samples)");
        }
        return new RolloutData(train, validation, test == null || test.count() == 0 ? null : test, dt, forcing);
    }
}

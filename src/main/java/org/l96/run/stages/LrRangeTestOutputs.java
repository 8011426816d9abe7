package org.l96.run.stages;

/**
 * What an LR range test stage ({@code lr-range-test-<test>/}) writes: {@link #RESULT} (learning rates, smoothed
 * losses and the suggested rate, as {@code LrRangeTest.Result} reads them) and metrics under
 * {@code lrRangeTest.<test>}.
 */
public final class LrRangeTestOutputs {
    public static final String PREFIX = "lr-range-test-";
    public static final String RESULT = "result.json";
    public static final String METRIC_GROUP = "lrRangeTest";
    /** The suggested rate (steepest descent of the smoothed loss), null when the test gives none. */
    public static final String SUGGESTED_LR = "suggestedLr";
    /** The learning rate at which the test stopped. */
    public static final String STOPPED_AT_LR = "stoppedAtLr";

    private LrRangeTestOutputs() {
    }

    public static String stageName(String test) {
        return PREFIX + test;
    }

    /** The test a stage runs, or null when {@code stage} is no LR range test. */
    public static String testOf(String stage) {
        return stage.startsWith(PREFIX) ? stage.substring(PREFIX.length()) : null;
    }

    /** The test whose metrics are at {@code path} (as {@link #metricPath} builds it), or null. */
    public static String testOfMetric(String path) {
        return path.startsWith(METRIC_GROUP + ".") ? path.substring(METRIC_GROUP.length() + 1) : null;
    }

    public static String metricPath(String test) {
        return METRIC_GROUP + "." + test;
    }
}

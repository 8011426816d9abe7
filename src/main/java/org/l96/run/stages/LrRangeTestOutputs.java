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

    private LrRangeTestOutputs() {
    }

    public static String stageName(String test) {
        return PREFIX + test;
    }

    /** The test a stage runs, or null when {@code stage} is no LR range test. */
    public static String testOf(String stage) {
        return stage.startsWith(PREFIX) ? stage.substring(PREFIX.length()) : null;
    }

    public static String metricPath(String test) {
        return METRIC_GROUP + "." + test;
    }
}

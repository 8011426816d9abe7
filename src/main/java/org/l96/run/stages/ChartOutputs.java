package org.l96.run.stages;

/**
 * What a chart stage ({@code chart-<file>/}) writes: {@code <file>.png} (200 dpi) and {@code <file>.pdf} (vector),
 * as {@code ChartFiles} names them; no metrics.
 */
public final class ChartOutputs {
    /** Stage names are {@code chart-<file>}; stages whose names start so hold figures. */
    public static final String PREFIX = "chart-";

    private ChartOutputs() {
    }

    public static String stageName(String file) {
        return PREFIX + file;
    }

    public static boolean isChart(String stage) {
        return stage.startsWith(PREFIX);
    }

    /** The figure's file name (without extension) a chart stage draws, or null when {@code stage} is no chart. */
    public static String fileOf(String stage) {
        return isChart(stage) ? stage.substring(PREFIX.length()) : null;
    }
}

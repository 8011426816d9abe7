package org.l96.run;

import java.util.List;
import java.util.Map;

/**
 * What a finished stage leaves in its folder as {@code stage.json} and what the manifest lists: its cache key,
 * whether this run reused it, the seconds this run spent on it, the seconds it took when computed, its output files
 * and its metrics.
 */
public record StageRecord(String name, String key, boolean cached, double seconds, double computeSeconds,
                          List<String> outputs, Map<String, Object> metrics, String status, String error) {

    public static final String OK = "ok";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";

    StageRecord reused() {
        return new StageRecord(name, key, true, 0, computeSeconds, outputs, metrics, OK, null);
    }
}

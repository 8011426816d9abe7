package org.l96.run;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * What a finished stage leaves in its folder as {@code stage.json} and what the manifest lists: its cache key,
 * whether this run reused it, the seconds this run spent on it, the seconds it took when computed, its output files
 * and its metrics; {@code files} gives each output's size and checksum, checked before the stage is reused
 * ({@link OutputFiles}; null in a stage.json written before l96 recorded them).
 */
public record StageRecord(String name, String key, boolean cached, double seconds, double computeSeconds,
                          List<String> outputs, Map<String, Object> metrics, String status, String error,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, OutputFiles.Check> files) {

    public static final String OK = "ok";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";

    /** A record without output checks (a failed or skipped stage, which has no outputs). */
    public StageRecord(String name, String key, boolean cached, double seconds, double computeSeconds,
                       List<String> outputs, Map<String, Object> metrics, String status, String error) {
        this(name, key, cached, seconds, computeSeconds, outputs, metrics, status, error, null);
    }

    StageRecord reused() {
        return new StageRecord(name, key, true, 0, computeSeconds, outputs, metrics, OK, null, files);
    }
}

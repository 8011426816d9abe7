package org.l96.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * What a finished stage leaves in its folder as {@code stage.json} and what the manifest lists: its cache key,
 * whether this run reused it, the seconds this run spent on it, the seconds it took when computed, its output files
 * and its metrics; {@code files} gives each output's size and checksum, checked before the stage is reused
 * ({@link OutputFiles}; null in a stage.json written before l96 recorded them); {@code keyMaterial} is what the key
 * is the hash of (the stage's name, the tool version, the stage's slice of the spec and its inputs' keys), kept so that
 * {@code l96 plan} can say what changed since ({@link CachePlan}; null before l96 recorded it).
 */
public record StageRecord(String name, String key, boolean cached, double seconds, double computeSeconds,
                          List<String> outputs, Map<String, Object> metrics, String status, String error,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, OutputFiles.Check> files,
                          @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode keyMaterial) {

    /** The file in each stage's folder that holds its record. */
    public static final String FILE = "stage.json";

    public static final String OK = "ok";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";

    /** A record without output checks (a failed or skipped stage, which has no outputs). */
    public StageRecord(String name, String key, boolean cached, double seconds, double computeSeconds,
                       List<String> outputs, Map<String, Object> metrics, String status, String error) {
        this(name, key, cached, seconds, computeSeconds, outputs, metrics, status, error, null, null);
    }

    /** A record with output checks but without its key material. */
    public StageRecord(String name, String key, boolean cached, double seconds, double computeSeconds,
                       List<String> outputs, Map<String, Object> metrics, String status, String error,
                       Map<String, OutputFiles.Check> files) {
        this(name, key, cached, seconds, computeSeconds, outputs, metrics, status, error, files, null);
    }

    StageRecord reused() {
        return new StageRecord(name, key, true, 0, computeSeconds, outputs, metrics, OK, null, files, keyMaterial);
    }

    /**
     * The {@code metrics} object of the finished stage in {@code stageDir} (one entry per dotted metric path), or a
     * missing node when its record has none.
     *
     * @throws IOException when its {@code stage.json} cannot be read
     */
    public static JsonNode metricsIn(java.nio.file.Path stageDir) throws java.io.IOException {
        return MetricsJson.mapper().readTree(stageDir.resolve(FILE).toFile()).path("metrics");
    }
}

package org.l96.sweep;

import org.l96.run.AtomicFiles;
import org.l96.spec.SpecJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a finished point leaves in {@code status/<id>.json}: {@code ok} or {@code failed} with the error, the seconds
 * it took, and the hash of the spec it ran (a point whose spec changed is not done).
 */
public record PointStatus(String id, String status, String error, double seconds, String specHash) {
    public static final String OK = "ok";
    public static final String FAILED = "failed";

    public boolean ok() {
        return OK.equals(status);
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        AtomicFiles.writeString(file, SpecJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this)
                + "\n");
    }

    /** The status in {@code file}, or null when there is none (not run yet) or it cannot be read. */
    public static PointStatus read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return SpecJson.mapper().readValue(file.toFile(), PointStatus.class);
        } catch (IOException e) {
            return null;
        }
    }
}

package org.l96.cli;

import org.l96.run.UserError;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks an output folder option before any work starts, so a wrong path is a user error, not a stack trace. */
final class OutputFolder {
    private OutputFolder() {
    }

    /**
     * {@code out} must be a folder or not exist yet; the nearest existing folder above it must be writable (nothing
     * is created here: a run that stops on a script error leaves nothing behind).
     */
    static void check(String option, Path out) {
        Path abs = out.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new UserError(option + " " + out + " is a file, not a folder");
        }
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            throw new UserError(option + " " + out + ": " + existing + " is a file, not a folder");
        }
        if (existing != null && !Files.isWritable(existing)) {
            throw new UserError(option + " " + out + ": cannot write in " + existing);
        }
    }
}

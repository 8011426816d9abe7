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
        if (existing != null && !existing.equals(abs)) {
            probe(option, out, existing);
        }
    }

    /**
     * Creates and removes a folder of a name of its own in {@code existing}, the nearest folder above {@code out} that
     * exists: permissions do not tell everything (root may "write" in /proc, where nothing can be created), and the
     * run must not find out only when it writes its first file. The probe never touches {@code out} itself, which
     * another run may be creating at the same moment.
     */
    private static void probe(String option, Path out, Path existing) {
        Path probe = existing.resolve(".l96-probe-" + java.util.UUID.randomUUID());
        try {
            Files.createDirectory(probe);
        } catch (java.io.IOException e) {
            throw new UserError(option + " " + out + ": cannot create the folder (" + reason(e) + ")");
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (java.io.IOException ignored) {
                // an empty folder of the probe's own name: harmless
            }
        }
    }

    private static String reason(java.io.IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return "the file system refused it";
    }
}

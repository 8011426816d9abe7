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
            probe(option, out, abs, existing);
        }
    }

    /**
     * Creates the missing folders of {@code abs} below {@code existing} and removes them again: permissions do not
     * tell everything (root may "write" in /proc, where nothing can be created), and the run must not find out only
     * when it writes its first file.
     */
    private static void probe(String option, Path out, Path abs, Path existing) {
        try {
            Files.createDirectories(abs);
        } catch (java.io.IOException e) {
            throw new UserError(option + " " + out + ": cannot create the folder (" + reason(e) + ")");
        } finally {
            for (Path p = abs; p != null && !p.equals(existing); p = p.getParent()) {
                try {
                    Files.deleteIfExists(p);
                } catch (java.io.IOException ignored) {
                    break; // another process put something in it meanwhile: leave it
                }
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

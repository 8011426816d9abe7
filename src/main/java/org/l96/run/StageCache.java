package org.l96.run;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A content-addressed store of finished stage folders, {@code <root>/<stage-key>/}, shared by every experiment that
 * runs with it (the points of a sweep). Folders are hard-linked in and out (copied where links are impossible), so
 * sharing costs no disk; nothing ever writes into a file in place, so the links stay valid. A lock file per key
 * ({@code <root>/.locks/<key>}) lets one process compute a key while others (other JVMs too) wait for it.
 */
final class StageCache {
    private final Path root;

    StageCache(Path root) {
        this.root = root;
    }

    /**
     * Held while a key is looked up and, if missing, computed and published; {@code waiting} is told whom this
     * process waits for.
     */
    FolderLock lock(String key, String what, java.util.function.BooleanSupplier cancelled, Consumer<String> waiting)
            throws IOException {
        return FolderLock.acquire(root.resolve(".locks").resolve(key), what, waiting, cancelled);
    }

    /** Links the cached folder of {@code key} into {@code target}; null when the cache does not hold it. */
    StageRecord linkInto(String key, Path target, Path work, Consumer<String> damaged) throws IOException {
        Path cached = root.resolve(key);
        StageRecord record = Runner.readRecord(cached);
        if (record == null || !key.equals(record.key()) || !StageRecord.OK.equals(record.status())) {
            return null;
        }
        String damage = OutputFiles.damage(cached, record);
        if (damage != null) {
            if (record.files() != null) {
                damaged.accept(damage);
            }
            discard(cached);
            return null;
        }
        Path tmp = work.resolve(target.getFileName() + "-cache-" + UUID.randomUUID());
        linkTree(cached, tmp);
        Runner.swapIntoPlace(tmp, target, work);
        return record.reused();
    }

    /** Publishes a finished stage folder under its key (a no-op when the key is already there). */
    void publish(String key, Path stageDir) throws IOException {
        Path target = root.resolve(key);
        if (Files.exists(target)) {
            StageRecord there = Runner.readRecord(target);
            if (there != null && OutputFiles.damage(target, there) == null) {
                return;
            }
            discard(target); // damaged or unverifiable: replaced by the folder just computed
        }
        Path tmp = root.resolve(".tmp-" + key + "-" + UUID.randomUUID());
        try {
            linkTree(stageDir, tmp);
            Files.move(tmp, target);
        } catch (FileAlreadyExistsException raced) {
            // another process published it first: same key, same content
        } finally {
            AtomicFiles.deleteTree(tmp);
        }
    }

    /** Removes a cache entry (its files stay valid wherever else they are linked). */
    private void discard(Path entry) throws IOException {
        Path aside = root.resolve(".tmp-" + entry.getFileName() + "-discarded-" + UUID.randomUUID());
        AtomicFiles.move(entry, aside);
        AtomicFiles.deleteTree(aside);
    }

    private static void linkTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    try {
                        Files.createLink(dest, p);
                    } catch (IOException | UnsupportedOperationException e) {
                        Files.copy(p, dest);
                    }
                }
            }
        }
    }
}

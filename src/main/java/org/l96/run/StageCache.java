package org.l96.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * A content-addressed store of finished stage folders, {@code <root>/<stage-key>/}, shared by every experiment that
 * runs with it (the points of a sweep). Folders are hard-linked in and out (copied where links are impossible), so
 * sharing costs no disk; nothing ever writes into a file in place, so the links stay valid. A lock file per key
 * ({@code <root>/.locks/<key>}) lets one process compute a key while others (other JVMs too) wait for it.
 */
final class StageCache {
    private static final ConcurrentHashMap<String, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

    private final Path root;

    StageCache(Path root) {
        this.root = root;
    }

    /** Held while a key is looked up and, if missing, computed and published. */
    interface Lock extends AutoCloseable {
        @Override
        void close() throws IOException;
    }

    Lock lock(String key) throws IOException {
        Path locks = root.resolve(".locks");
        Files.createDirectories(locks);
        ReentrantLock local = IN_JVM.computeIfAbsent(root.toAbsolutePath() + "/" + key, k -> new ReentrantLock());
        local.lock();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(locks.resolve(key), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock fileLock = channel.lock();
            FileChannel ch = channel;
            return () -> {
                try {
                    fileLock.release();
                    ch.close();
                } finally {
                    local.unlock();
                }
            };
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            local.unlock();
            throw e;
        }
    }

    /** Links the cached folder of {@code key} into {@code target}; null when the cache does not hold it. */
    StageRecord linkInto(String key, Path target, Path work) throws IOException {
        Path cached = root.resolve(key);
        StageRecord record = Runner.readRecord(cached);
        if (record == null || !key.equals(record.key()) || !StageRecord.OK.equals(record.status())) {
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
            return;
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

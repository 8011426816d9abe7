package org.l96.run;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * An exclusive lock on a folder (or a stage-cache entry) held by one l96 process at a time, through an OS file lock
 * on a lock file ({@link FileChannel#lock}: released by the operating system when its holder dies, even by
 * {@code kill -9}, so a crashed run never leaves a stale lock). The holder writes who it is into the lock file
 * (pid, host, what it runs, since when), so a process that has to wait says for whom. Threads of one JVM take turns
 * through an in-process lock first (the OS lock belongs to the whole process).
 *
 * <p>The lock file is never deleted: a process waiting on a deleted file's channel would hold a lock nobody else
 * sees. Waiting polls every {@value #POLL_MILLIS} ms, so Ctrl-C (or {@code cancelled}) ends the wait at once.
 */
public final class FolderLock implements AutoCloseable {
    static final long POLL_MILLIS = 100;
    private static final ConcurrentHashMap<String, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock fileLock;

    private FolderLock(ReentrantLock local, FileChannel channel, FileLock fileLock) {
        this.local = local;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /** The wait was given up because the run was interrupted (Ctrl-C); nothing was written. */
    public static final class Interrupted extends InterruptedIOException {
        Interrupted(String message) {
            super(message);
        }
    }

    /**
     * Takes the lock of {@code lockFile} (created with its folder if missing), waiting as long as another process or
     * thread holds it.
     *
     * @param what      what the caller is about to do, as the holder's description ({@code run quickstart})
     * @param waiting   told once per holder, before waiting for it: {@code waiting for pid 4242 on host h running
     *                  run quickstart (started 2026-11-30 01:33:11 UTC)}
     * @param cancelled polled while waiting; when it turns true the wait ends with {@link Interrupted}
     */
    public static FolderLock acquire(Path lockFile, String what, Consumer<String> waiting, BooleanSupplier cancelled)
            throws IOException {
        Files.createDirectories(lockFile.getParent());
        Path real = lockFile.getParent().toRealPath().resolve(lockFile.getFileName());
        ReentrantLock local = IN_JVM.computeIfAbsent(real.toString(), k -> new ReentrantLock());
        try {
            if (!local.tryLock()) {
                waiting.accept("waiting for another run in this process that holds " + real.getParent());
                while (!local.tryLock(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    checkCancelled(cancelled, real);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Interrupted("interrupted while waiting for " + real.getParent());
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(real, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            String lastHolder = null;
            FileLock lock;
            while ((lock = tryLock(channel)) == null) {
                String holder = holder(channel);
                if (!holder.equals(lastHolder)) {
                    waiting.accept("waiting for " + holder + " to finish with " + real.getParent());
                    lastHolder = holder;
                }
                checkCancelled(cancelled, real);
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Interrupted("interrupted while waiting for " + holder);
                }
            }
            byte[] me = describe(what).getBytes(StandardCharsets.UTF_8);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(me), 0);
            return new FolderLock(local, channel, lock);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            local.unlock();
            throw e;
        }
    }

    /**
     * Who holds {@code lockFile} now ({@code pid 4242 on host h running experiment quickstart (started …)}), or null
     * when nobody does or the file does not exist. Creates and writes nothing (for {@code l96 plan}); the answer can
     * be stale the moment it is returned.
     */
    public static String holderNow(Path lockFile) {
        if (!Files.isRegularFile(lockFile)) {
            return null;
        }
        try {
            ReentrantLock local = IN_JVM.get(lockFile.getParent().toRealPath().resolve(lockFile.getFileName())
                    .toString());
            if (local != null && local.isLocked()) {
                // never open a second channel on a file this JVM locks: closing it would drop that lock (POSIX)
                return describe("a run in this process");
            }
        } catch (IOException e) {
            return null;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock probe = tryLock(channel);
            if (probe != null) {
                probe.release();
                return null;
            }
            return holder(channel);
        } catch (IOException e) {
            return null; // unreadable: say nothing rather than fail a plan
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException sameJvmOtherPath) {
            return null; // held in this JVM under another name for the same file (a symbolic link): wait for it
        }
    }

    private static void checkCancelled(BooleanSupplier cancelled, Path real) throws Interrupted {
        if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new Interrupted("interrupted while waiting for " + real.getParent());
        }
    }

    /** Who holds the lock, as it wrote itself into the file (read through our own channel: see the class note). */
    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1024);
        channel.read(buf, 0);
        String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "another l96 process" : text;
    }

    /** {@code pid 4242 on host h running run quickstart (started 2026-11-30 01:33:11 UTC)}. */
    static String describe(String what) {
        return "pid " + ProcessHandle.current().pid() + " on " + host() + " running " + what + " (started "
                + WHEN.format(Instant.now()) + ")";
    }

    private static String host() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            try {
                h = Files.readString(Path.of("/etc/hostname")).strip();
            } catch (IOException | RuntimeException e) {
                h = "";
            }
        }
        return h.isBlank() ? "this host" : "host " + h;
    }

    @Override
    public void close() throws IOException {
        try {
            channel.truncate(0); // an empty file: a waiter does not take the next holder for this one
        } finally {
            try {
                fileLock.release();
                channel.close();
            } finally {
                local.unlock();
            }
        }
    }
}

package io.jenkins.plugins.releasetrain.image.layout;

import io.jenkins.plugins.releasetrain.image.RegistryException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * An exclusive lock on one repository of a layout, held while its {@code index.json} is read, changed
 * and replaced. A file lock keeps other processes out; within one JVM the same file lock would throw
 * {@link OverlappingFileLockException} instead of waiting, so that case is waited out explicitly.
 */
final class RepositoryLock implements AutoCloseable {

    private static final Duration MAX_WAIT = Duration.ofSeconds(60);

    private final FileChannel channel;
    private final FileLock lock;

    private RepositoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static RepositoryLock acquire(Path lockFile) throws RegistryException {
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        long pause = Duration.ofMillis(1).toNanos();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    return new RepositoryLock(channel, lock);
                }
                if (System.nanoTime() > deadline) {
                    channel.close();
                    throw RegistryException.transientFailure(
                            "timed out after " + MAX_WAIT.toSeconds() + " s waiting for " + lockFile, null, null);
                }
                LockSupport.parkNanos(pause);
                pause = Math.min(pause * 2, Duration.ofMillis(50).toNanos());
            }
        } catch (IOException e) {
            closeQuietly(channel);
            throw RegistryException.permanent("cannot lock " + lockFile + ": " + e.getMessage());
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // another thread of this JVM holds it
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // already failing; the original error is the one to report
            }
        }
    }

    @Override
    public void close() throws RegistryException {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw RegistryException.permanent("cannot release " + e.getMessage());
        }
    }
}

package io.jenkins.plugins.releasetrain.ledger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The exclusive right to write one environment's ledger: one release at a time per environment. It holds
 * an operating-system lock on {@code <environment>.lock}, which the system releases when the process dies,
 * however it dies; the holder's name in that file only serves other processes' messages.
 *
 * <p>Each {@link #append} writes one line with a single write and forces it to disk before returning, and
 * never touches earlier bytes. Append from threads that are not interrupted: an interrupt during a write
 * closes the channel (the next append reopens it and starts on a fresh line).
 */
public final class EnvironmentLock implements AutoCloseable {

    private final String environment;
    private final Path lockFile;
    private final LogFile log;
    private final LockHolder holder;
    private final Optional<LockHolder> staleHolder;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private FileChannel logChannel;
    private long lastSequence;
    private boolean needsNewline;
    private boolean closed;

    private EnvironmentLock(
            String environment,
            Path lockFile,
            LogFile log,
            LockHolder holder,
            Optional<LockHolder> staleHolder,
            FileChannel lockChannel,
            FileLock lock) {
        this.environment = environment;
        this.lockFile = lockFile;
        this.log = log;
        this.holder = holder;
        this.staleHolder = staleHolder;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Takes the lock now or throws {@link EnvironmentLockedException} naming the holder.
     *
     * @param lockFile the lock file's real path: the key of {@link HeldLocks}
     */
    static EnvironmentLock tryAcquire(String environment, Path lockFile, LogFile log, LockHolder me) {
        Optional<LockHolder> inProcess = HeldLocks.claim(lockFile, me);
        if (inProcess.isPresent()) {
            throw locked(environment, inProcess, "in this process");
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(
                    lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                // Read the holder's name and close while still claiming the file in HeldLocks: no other thread
                // of this process can hold its lock meanwhile, so closing this channel drops nobody's lock.
                Optional<LockHolder> holder = LockHolder.parse(readAll(channel));
                channel.close();
                channel = null;
                HeldLocks.release(lockFile, me);
                throw locked(environment, holder, "in another process");
            }
            Optional<LockHolder> stale = LockHolder.parse(readAll(channel));
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(me.toJson()), 0);
            channel.force(true);
            return new EnvironmentLock(environment, lockFile, log, me, stale, channel, lock);
        } catch (IOException | OverlappingFileLockException e) {
            closeQuietly(channel);
            HeldLocks.release(lockFile, me);
            throw new LedgerException("cannot lock " + lockFile + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            HeldLocks.release(lockFile, me);
            throw e;
        }
    }

    public String environment() {
        return environment;
    }

    /** This lock's holder: this process, for the run that took it. */
    public LockHolder holder() {
        return holder;
    }

    /**
     * The holder named in the lock file when this lock was taken, if any: a process that died holding the
     * lock (the system released it; its name stayed). Its name is replaced; its run may be incomplete.
     */
    public Optional<LockHolder> staleHolder() {
        return staleHolder;
    }

    /** Writes one record as one line, forced to disk, and returns it with its sequence number. */
    public LedgerEntry append(LedgerRecord record) {
        return appendAll(List.of(record)).get(0);
    }

    /**
     * Writes several records with one write and one force: for imports and generated histories. Each is its
     * own line; a crash may cut off at most the last one written.
     */
    public synchronized List<LedgerEntry> appendAll(List<? extends LedgerRecord> records) {
        if (closed) {
            throw new IllegalStateException("the lock on " + environment + " was released; take it again to write");
        }
        records.forEach(this::checkEnvironment);
        if (logChannel == null || !logChannel.isOpen()) {
            openLog();
        }
        List<LedgerEntry> entries = new ArrayList<>(records.size());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (needsNewline) {
            bytes.write('\n');
        }
        long sequence = lastSequence;
        for (LedgerRecord record : records) {
            LedgerEntry entry = new LedgerEntry(++sequence, record);
            bytes.writeBytes(LedgerCodec.encode(entry));
            entries.add(entry);
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
            while (buffer.hasRemaining()) {
                logChannel.write(buffer);
            }
            logChannel.force(true);
        } catch (IOException e) {
            // Whether some, all or none of it reached the disk is unknown: look again before the next write.
            closeQuietly(logChannel);
            logChannel = null;
            throw new LedgerException("cannot write to the ledger file " + log.file() + ": " + e.getMessage(), e);
        }
        lastSequence = sequence;
        needsNewline = false;
        return List.copyOf(entries);
    }

    /** Releases the lock and clears the holder's name, so the next holder does not take it for a crash. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(logChannel);
        try {
            lockChannel.truncate(0);
            lockChannel.force(true);
            lock.release();
        } catch (IOException e) {
            // Closing the channel below releases the lock anyway; a name left behind reads as stale.
        } finally {
            closeQuietly(lockChannel);
            HeldLocks.release(lockFile, holder);
        }
    }

    private void checkEnvironment(LedgerRecord record) {
        String named = record instanceof ReleaseStarted started
                ? started.environment()
                : record instanceof ApprovalRecorded approval ? approval.environment() : environment;
        if (!named.equals(environment)) {
            throw new IllegalArgumentException(
                    "a record for environment " + named + " does not belong in the ledger of " + environment);
        }
    }

    /**
     * Opens the file for appending and learns, from the file itself, its last sequence number and whether it
     * ends mid-line (a record cut off by a crash, whose line the next record must not continue).
     */
    private void openLog() {
        Path file = log.file();
        try {
            boolean created = !Files.exists(file);
            logChannel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            Path directory = file.toAbsolutePath().getParent();
            if (created && directory != null) {
                forceDirectory(directory);
            }
        } catch (IOException e) {
            throw new LedgerException("cannot open the ledger file " + file + " for writing: " + e.getMessage(), e);
        }
        LogFile.Snapshot snapshot = log.read();
        lastSequence = snapshot.lastSequence();
        needsNewline = !snapshot.endsWithNewline();
    }

    /** Makes a new file's name durable too; best effort, as some systems cannot open a directory. */
    private static void forceDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // The record itself is forced; only the new file's directory entry might wait for the next sync.
        }
    }

    private static byte[] readAll(FileChannel channel) throws IOException {
        long size = Math.min(channel.size(), 64 * 1024);
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
            // keep reading until full or end of file
        }
        return java.util.Arrays.copyOf(buffer.array(), buffer.position());
    }

    private static EnvironmentLockedException locked(String environment, Optional<LockHolder> holder, String where) {
        String who = holder.map(LockHolder::describe).orElse("a run that has not written its name yet (" + where + ")");
        return new EnvironmentLockedException(
                environment,
                holder,
                "environment " + environment + " is being released by " + who
                        + "; one release at a time per environment: try again when it has finished");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing more to release
            }
        }
    }
}

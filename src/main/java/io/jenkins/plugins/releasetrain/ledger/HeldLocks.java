package io.jenkins.plugins.releasetrain.ledger;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The environment locks this process holds, by lock file.
 *
 * <p>Process-wide on purpose: the operating system's lock belongs to the process, not to a {@link Ledger}
 * object, and with POSIX locks closing <em>any</em> channel of this process on the lock file silently drops
 * it. So before opening a lock file at all, a {@code Ledger} must know whether some other part of this
 * process (another {@code Ledger} on the same directory, a concurrent Jenkins build) holds it.
 */
final class HeldLocks {

    private static final ConcurrentMap<Path, LockHolder> HELD = new ConcurrentHashMap<>();

    private HeldLocks() {}

    /** Claims {@code lockFile} for {@code holder}; returns the holder already there instead, if any. */
    static Optional<LockHolder> claim(Path lockFile, LockHolder holder) {
        return Optional.ofNullable(HELD.putIfAbsent(lockFile, holder));
    }

    static void release(Path lockFile, LockHolder holder) {
        HELD.remove(lockFile, holder);
    }
}

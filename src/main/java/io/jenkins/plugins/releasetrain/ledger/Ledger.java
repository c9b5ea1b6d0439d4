package io.jenkins.plugins.releasetrain.ledger;

import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.manifest.ReleaseId;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The ledger in one directory: {@code <environment>.jsonl}, the append-only record of every run, artifact
 * result and approval in that environment, and {@code <environment>.lock}, which lets one release at a time
 * run there (docs/ledger.md).
 *
 * <p>Reading needs no lock and never blocks a writer: {@link #read} returns what the file holds now, and
 * each query method below is a shortcut for {@code read(environment).query(...)}. When asking several
 * questions, read once and ask the {@link EnvironmentLedger}. Writing goes through {@link #lock}.
 *
 * <p>One {@code Ledger} per directory is best (it remembers what it parsed, so re-reads only parse what was
 * appended since); several are safe. Thread-safe.
 */
public final class Ledger {

    /** Environment names are DNS labels (the manifest's rule); anything else never becomes a file name. */
    private static final Pattern ENVIRONMENT = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    private static final String LOG_SUFFIX = ".jsonl";
    private static final String LOCK_SUFFIX = ".lock";
    private static final Duration RETRY = Duration.ofMillis(100);

    private final Path directory;
    private final Clock clock;
    private final ConcurrentMap<String, LogFile> logs = new ConcurrentHashMap<>();
    /** The last answer per environment, handed out again while the file has not changed. */
    private final ConcurrentMap<String, EnvironmentLedger> lastRead = new ConcurrentHashMap<>();

    private Ledger(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /** The ledger in {@code directory}; nothing is created until the first lock is taken. */
    public static Ledger open(Path directory) {
        return open(directory, Clock.systemUTC());
    }

    /** As {@link #open(Path)}, with the clock that stamps lock holders. */
    public static Ledger open(Path directory, Clock clock) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(clock, "clock");
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new LedgerException(directory + " is not a directory: give the ledger's directory");
        }
        return new Ledger(directory.toAbsolutePath().normalize(), clock);
    }

    public Path directory() {
        return directory;
    }

    /** The file of an environment's records, whether it exists yet or not. */
    public Path file(String environment) {
        return directory.resolve(checked(environment) + LOG_SUFFIX);
    }

    /** The environments that have a file in this ledger, sorted by name. */
    public List<String> environments() {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + LOG_SUFFIX)) {
            for (Path file : files) {
                String name = String.valueOf(file.getFileName());
                name = name.substring(0, name.length() - LOG_SUFFIX.length());
                if (ENVIRONMENT.matcher(name).matches()) {
                    names.add(name);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new LedgerException("cannot list the ledger directory " + directory + ": " + e.getMessage(), e);
        }
        names.sort(null);
        return List.copyOf(names);
    }

    /** Everything recorded for the environment so far (empty if nothing was), with warnings about damage. */
    public EnvironmentLedger read(String environment) {
        LogFile log = log(environment);
        LogFile.Snapshot snapshot = log.read();
        EnvironmentLedger last = lastRead.get(environment);
        // Snapshots share one list until a record is added, so identity tells "nothing new".
        if (last != null
                && last.entries() == snapshot.entries()
                && last.warnings().equals(snapshot.warnings())) {
            return last;
        }
        EnvironmentLedger read =
                new EnvironmentLedger(environment, log.file(), snapshot.entries(), snapshot.warnings());
        lastRead.put(environment, read);
        return read;
    }

    /**
     * Takes the environment's lock now, or throws {@link EnvironmentLockedException} naming the run that
     * holds it. Close the lock when the run is over; if the process dies first, the system releases it.
     */
    public EnvironmentLock lock(String environment, RunId runId, String actor) {
        return lock(environment, runId, actor, Duration.ZERO, holder -> {});
    }

    /**
     * Takes the environment's lock, waiting up to {@code wait} for its holder to finish.
     *
     * @param whileWaiting told once, when the lock is found taken and the wait begins
     * @throws EnvironmentLockedException when it is still held after {@code wait}
     */
    public EnvironmentLock lock(
            String environment,
            RunId runId,
            String actor,
            Duration wait,
            Consumer<EnvironmentLockedException> whileWaiting) {
        Path lockFile = lockFile(environment);
        LogFile log = log(environment);
        long deadline = System.nanoTime() + wait.toNanos();
        boolean told = false;
        while (true) {
            try {
                return EnvironmentLock.tryAcquire(
                        environment, lockFile, log, LockHolder.thisProcess(runId, actor, clock.instant()));
            } catch (EnvironmentLockedException e) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    if (!told) {
                        throw e;
                    }
                    throw new EnvironmentLockedException(
                            environment,
                            e.holder(),
                            e.getMessage()
                                    .replace(
                                            "is being released by",
                                            "is still being released after " + describe(wait) + " of waiting by"));
                }
                if (!told) {
                    told = true;
                    whileWaiting.accept(e);
                }
                pause(Math.min(left, RETRY.toNanos()));
            }
        }
    }

    // Shortcuts for one question; see EnvironmentLedger for what each answers.

    public EnvironmentState state(String environment) {
        return read(environment).state();
    }

    public EnvironmentState stateAt(String environment, Instant instant) {
        return read(environment).stateAt(instant);
    }

    public Optional<Release> lastSuccessfulRelease(String environment) {
        return read(environment).lastSuccessfulRelease();
    }

    public HistoryPage history(String environment, int offset, int limit) {
        return read(environment).history(offset, limit);
    }

    public List<PendingRelease> pending(String environment) {
        return read(environment).pending();
    }

    public Optional<ReleaseRun> lastRun(String environment, ReleaseId releaseId) {
        return read(environment).lastRun(releaseId);
    }

    /** Artifacts live at different versions in {@code from} and {@code to} (or in only one of them). */
    public List<ArtifactDrift> drift(String from, String to) {
        return ArtifactDrift.between(state(from), state(to));
    }

    private LogFile log(String environment) {
        String name = checked(environment);
        return logs.computeIfAbsent(name, n -> new LogFile(directory.resolve(n + LOG_SUFFIX)));
    }

    private Path lockFile(String environment) {
        String name = checked(environment);
        try {
            Files.createDirectories(directory);
            // The real path, so that two spellings of one directory find each other in HeldLocks.
            return directory.toRealPath().resolve(name + LOCK_SUFFIX);
        } catch (IOException e) {
            throw new LedgerException("cannot create the ledger directory " + directory + ": " + e.getMessage(), e);
        }
    }

    private static String checked(String environment) {
        if (environment == null || !ENVIRONMENT.matcher(environment).matches()) {
            throw new IllegalArgumentException(
                    "not an environment name (a DNS label such as production-us-east-2): " + environment);
        }
        return environment;
    }

    private static void pause(long nanos) {
        try {
            Thread.sleep(Math.max(1, nanos / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException("interrupted while waiting for the environment's lock", e);
        }
    }

    private static String describe(Duration wait) {
        if (wait.toSeconds() >= 60) {
            return wait.toMinutes() + "m";
        }
        return wait.toSeconds() >= 1 ? wait.toSeconds() + "s" : wait.toMillis() + "ms";
    }
}

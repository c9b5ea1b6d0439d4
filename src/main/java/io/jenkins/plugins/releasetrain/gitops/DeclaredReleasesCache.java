package io.jenkins.plugins.releasetrain.gitops;

import io.jenkins.plugins.releasetrain.board.DeclaredReleases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;

/**
 * What the manifests of one repository declare for each environment, as last fetched, for a board that is read
 * again and again (a served or Jenkins board): git is asked at most once per {@code maxAge}, by the first board
 * request after it, for the commit at the tip of the branch; every environment is then read from that commit in
 * the local copy, without the network. A request made while another fetches is answered with what was read
 * before. When the repository cannot be read, no environment has a declared release (the board shows no drift)
 * until a later fetch succeeds; the problem is told once, not on every request.
 *
 * <p>Thread-safe: one instance is shared by every board request.
 */
public final class DeclaredReleasesCache {

    /** Git is asked at most once a minute. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(1);

    /** Warnings about manifests kept to be told once; beyond that many, the oldest may be told again. */
    private static final int TOLD = 200;

    private final RepositoryLocation location;
    private final Supplier<GitAccess> access;
    private final ManifestPathPattern paths;
    private final Optional<String> branch;
    private final Duration maxAge;
    private final Clock clock;
    private final Consumer<String> warnings;
    private final Consumer<String> once;
    private final ReentrantLock fetching = new ReentrantLock();
    private volatile Snapshot snapshot;

    /**
     * @param access how to reach the repository, asked before each fetch (credentials may have changed since)
     * @param branch the branch to read; empty for the remote's HEAD (a local repository's checked-out branch)
     * @param warnings told why the repository or a manifest cannot be compared, each once
     */
    public DeclaredReleasesCache(
            RepositoryLocation location,
            Supplier<GitAccess> access,
            ManifestPathPattern paths,
            Optional<String> branch,
            Duration maxAge,
            Clock clock,
            Consumer<String> warnings) {
        this.location = Objects.requireNonNull(location, "location");
        this.access = Objects.requireNonNull(access, "access");
        this.paths = Objects.requireNonNull(paths, "paths");
        this.branch = Objects.requireNonNull(branch, "branch");
        branch.flatMap(DeclaredReleasesCache::branchProblem).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("the age of what was read cannot be negative: " + maxAge);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
        this.once = once(warnings);
    }

    /**
     * What git declares, for one board: every environment read from the same commit. Fetches first when what was
     * read is older than {@code maxAge} and no other request is fetching; never throws for the repository's sake.
     */
    public DeclaredReleases current() {
        Snapshot last = snapshot;
        if ((last == null || last.isStale(clock.instant())) && fetching.tryLock()) {
            try {
                last = snapshot;
                if (last == null || last.isStale(clock.instant())) {
                    last = refresh(last);
                    snapshot = last;
                }
            } finally {
                fetching.unlock();
            }
        }
        return last == null ? DeclaredReleases.NONE : last;
    }

    /**
     * Fetches now, whatever the age of what was read, and keeps it: for an administrator who checks the settings.
     *
     * @return the branch read and the commit at its tip
     * @throws GitOpsException when the repository or the branch cannot be read, saying why
     */
    public Fetched fetchNow() {
        fetching.lock();
        try {
            Snapshot read = read(clock.instant());
            snapshot = read;
            return new Fetched(read.branch, read.commit);
        } finally {
            fetching.unlock();
        }
    }

    /** Why {@code branch} cannot name a branch (spaces, control characters, {@code ..}), or empty when it can. */
    public static Optional<String> branchProblem(String branch) {
        return Repository.isValidRefName(Constants.R_HEADS + branch)
                ? Optional.empty()
                : Optional.of("'" + branch.replaceAll("\\p{Cntrl}", "?") + "' is not a branch name");
    }

    /** The branch read and the full SHA of the commit at its tip. */
    public record Fetched(String branch, String commit) {}

    private Snapshot refresh(Snapshot previous) {
        Instant now = clock.instant();
        try {
            return read(now);
        } catch (RuntimeException e) {
            String problem = "cannot read the release manifests in " + location.display() + ": " + e.getMessage();
            if (previous == null || !problem.equals(previous.problem)) {
                warnings.accept(problem + "; no environment shows git drift until it can be read again");
            }
            return new Snapshot(now, null, null, null, problem);
        }
    }

    private Snapshot read(Instant now) {
        GitAccess git = access.get();
        try (ManifestRepository repository = ManifestRepository.open(location, git)) {
            String name = branch.or(repository::defaultBranch).orElse("HEAD");
            return new Snapshot(now, name, repository.resolve(name), git, null);
        }
    }

    /** Where the fetched commits are: the local repository itself, or the cache a remote one is fetched into. */
    private RepositoryLocation localCopy(GitAccess git) {
        return location.isRemote()
                ? RepositoryLocation.local(git.cacheRoot().resolve(RemoteMirror.cacheName(location)))
                : location;
    }

    private static Consumer<String> once(Consumer<String> warnings) {
        Set<String> told = Collections.synchronizedSet(new LinkedHashSet<>());
        return warning -> {
            boolean tell;
            synchronized (told) {
                tell = told.add(warning);
                if (tell && told.size() > TOLD) {
                    told.remove(told.iterator().next());
                }
            }
            if (tell) {
                warnings.accept(warning);
            }
        };
    }

    /** One fetch's answer: the commit read, each environment's release read from it once; or why there is none. */
    private final class Snapshot implements DeclaredReleases {

        private final Instant readAt;
        private final String branch;
        private final String commit;
        private final GitAccess git;
        private final String problem;
        private final Map<String, Optional<Declared>> declared = new ConcurrentHashMap<>();

        Snapshot(Instant readAt, String branch, String commit, GitAccess git, String problem) {
            this.readAt = readAt;
            this.branch = branch;
            this.commit = commit;
            this.git = git;
            this.problem = problem;
        }

        boolean isStale(Instant now) {
            return now.isBefore(readAt) || !now.isBefore(readAt.plus(maxAge));
        }

        @Override
        public Optional<Declared> of(String environment) {
            if (commit == null) {
                return Optional.empty();
            }
            return declared.computeIfAbsent(environment, this::load);
        }

        private Optional<Declared> load(String environment) {
            try (ManifestRepository repository = ManifestRepository.open(localCopy(git), git)) {
                return GitDeclaredReleases.atCommit(repository, paths, branch, commit, once)
                        .of(environment);
            } catch (RuntimeException e) {
                once.accept(
                        "cannot read " + environment + "'s manifest in " + location.display() + ": " + e.getMessage());
                return Optional.empty();
            }
        }
    }
}

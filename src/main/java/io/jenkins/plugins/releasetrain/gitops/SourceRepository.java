package io.jenkins.plugins.releasetrain.gitops;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * The git repository an artifact is built from, opened to read its history between two commits: a local
 * repository in place, a remote one through its bare cache, fetched only when a commit asked for is not
 * there yet (then with full history, so any range within it can be walked).
 *
 * <p>Not thread-safe; open one per task and close it.
 */
public final class SourceRepository implements AutoCloseable {

    private final ManifestRepository repository;

    private SourceRepository(ManifestRepository repository) {
        this.repository = repository;
    }

    /** Opens a local repository in place, or the cache of a remote one (created on first use, no network yet). */
    public static SourceRepository open(RepositoryLocation location, GitAccess access) {
        return new SourceRepository(ManifestRepository.open(location, access));
    }

    public RepositoryLocation location() {
        return repository.location();
    }

    /**
     * The commit {@code sha} names, with the history before it; fetched from the remote first when the
     * cache lacks it.
     *
     * @throws UnknownRevisionException when the repository has no such commit
     * @throws RepositoryAccessException when the remote cannot be reached
     */
    public ObjectId commit(String sha) {
        return repository.commitOf(sha, RemoteMirror.History.FULL);
    }

    /** The object database to walk; valid until {@link #close()}. */
    public Repository git() {
        return repository.repository();
    }

    @Override
    public void close() {
        repository.close();
    }
}

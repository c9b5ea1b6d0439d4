package io.jenkins.plugins.releasetrain.gitops;

import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.Release;
import io.jenkins.plugins.releasetrain.manifest.Suggestions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The release manifests of one repository, read from git's object database at any revision: no checkout,
 * no working tree. A local repository (a clone or a bare one) is read in place; a remote one through a
 * bare cache that fetches only what each question needs ({@link RemoteMirror}).
 *
 * <p>Not thread-safe; open one per task and close it.
 */
public final class ManifestRepository implements AutoCloseable {

    private final RepositoryLocation location;
    private final GitAccess access;
    private final Repository repository;
    private final RemoteMirror mirror;
    private final ManifestLoader loader = new ManifestLoader();

    private ManifestRepository(
            RepositoryLocation location, GitAccess access, Repository repository, RemoteMirror mirror) {
        this.location = location;
        this.access = access;
        this.repository = repository;
        this.mirror = mirror;
    }

    /** Opens a local repository in place, or the cache of a remote one (created on first use). */
    public static ManifestRepository open(RepositoryLocation location, GitAccess access) {
        try {
            if (location.isRemote()) {
                Repository cache = RemoteMirror.openCache(location, access.cacheRoot());
                return new ManifestRepository(location, access, cache, new RemoteMirror(cache, location, access));
            }
            return new ManifestRepository(location, access, openLocal(location.localPath()), null);
        } catch (RepositoryNotFoundException e) {
            throw new RepositoryAccessException(
                    "no git repository at " + location.display(),
                    "give the directory of a clone or of a bare repository, or a URL",
                    e);
        } catch (IOException e) {
            throw new RepositoryAccessException(
                    "cannot open " + location.display() + ": "
                            + access.redactionFor(location).apply(e.getMessage()),
                    location.isRemote()
                            ? "check that the cache directory " + access.cacheRoot() + " is writable"
                            : "check that it is a git repository",
                    e);
        }
    }

    private static Repository openLocal(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new RepositoryNotFoundException(directory.toFile());
        }
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
        if (Files.exists(directory.resolve(Constants.DOT_GIT))) {
            builder.setWorkTree(directory.toFile());
        } else {
            builder.setGitDir(directory.toFile()).setBare();
        }
        return builder.build();
    }

    /** Whether this is a local bare repository: a branch committed into it is already where a push would take it. */
    public boolean isBare() {
        return mirror == null && repository.isBare();
    }

    public RepositoryLocation location() {
        return location;
    }

    /** The full SHA of the commit {@code revision} names (a branch, tag, full or abbreviated SHA, main~2). */
    public String resolve(String revision) {
        return commitOf(revision, RemoteMirror.History.TIP).name();
    }

    /**
     * The manifest at {@code path} as of {@code revision}, validated. Its diagnostics name the file
     * {@code repository@revision:path}, so an error reads {@code repo@main:releases/prod.yaml:12:5: ...}.
     *
     * @throws UnknownRevisionException when the repository has no such revision
     * @throws ManifestNotFoundException when the commit has no file at {@code path}
     * @throws io.jenkins.plugins.releasetrain.manifest.ManifestException when the file is not a valid manifest
     */
    public ManifestAtRevision read(String revision, String path) {
        String file = ManifestPaths.normalize(path);
        ObjectId commit = commitOf(revision, RemoteMirror.History.TIP);
        return load(revision.strip(), fileAt(commit, file, revision.strip()));
    }

    /** The release a manifest declares at {@code revision}; see {@link #read}. */
    public Release releaseAt(String revision, String path) {
        return read(revision, path).release();
    }

    /**
     * The manifest as it was at {@code releasedRevision} (the last released commit), found under the name
     * it had then: when {@code path} (its name at {@code currentRevision}) did not exist yet, the history
     * between the two is followed through renames. This is the deployed side of a plan when no ledger
     * exists yet: {@code ReleasePlan.of(current, Optional.of(manifestAsOf(...).release()))}.
     */
    public ManifestAtRevision manifestAsOf(String releasedRevision, String path, String currentRevision) {
        String file = ManifestPaths.normalize(path);
        String released = releasedRevision.strip();
        ObjectId releasedCommit = commitOf(released, RemoteMirror.History.TIP);
        Optional<ManifestFile> direct = findFile(releasedCommit, file);
        if (direct.isPresent()) {
            return load(released, direct.get());
        }
        ObjectId current = commitOf(currentRevision, RemoteMirror.History.FULL);
        ObjectId since = commitOf(released, RemoteMirror.History.FULL);
        Optional<ManifestFile> renamed = history(file, current, since)
                .pathAtSince()
                .filter(earlier -> !earlier.equals(file))
                .flatMap(earlier -> findFile(since, earlier));
        if (renamed.isPresent()) {
            return load(released, renamed.get());
        }
        throw notFound(
                since,
                file,
                released,
                " (nor under an earlier name: no rename of it was found between " + released + " and "
                        + currentRevision.strip() + ")");
    }

    /** {@link #manifestAsOf}'s release. */
    public Release releaseAt(String releasedRevision, String path, String currentRevision) {
        return manifestAsOf(releasedRevision, path, currentRevision).release();
    }

    /**
     * Who changed the manifest at {@code path} after {@code since} (the last released commit; empty for the
     * whole history) up to {@code until}. See {@link ManifestAuthorship} for what counts. A remote
     * repository's full history between the two is fetched first.
     */
    public ManifestAuthorship authorship(String path, Optional<String> since, String until) {
        String file = ManifestPaths.normalize(path);
        ObjectId head = commitOf(until, RemoteMirror.History.FULL);
        ObjectId base = since.map(s -> commitOf(s, RemoteMirror.History.FULL)).orElse(null);
        if (findFile(head, file).isEmpty()) {
            throw notFound(head, file, until.strip(), "");
        }
        ManifestHistory.Result result = history(file, head, base);
        return new ManifestAuthorship(
                file,
                Optional.ofNullable(base).map(ObjectId::name),
                head.name(),
                result.changes(),
                result.sinceIsAncestor());
    }

    /** The branch a promotion builds on by default: the remote's HEAD, or the local checkout's branch. */
    public Optional<String> defaultBranch() {
        if (mirror != null) {
            return mirror.defaultBranch();
        }
        try {
            String branch = repository.getBranch();
            return branch == null || ObjectId.isId(branch) ? Optional.empty() : Optional.of(branch);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        repository.close();
    }

    Repository repository() {
        return repository;
    }

    Optional<RemoteMirror> mirror() {
        return Optional.ofNullable(mirror);
    }

    GitAccess access() {
        return access;
    }

    ObjectId commitOf(String revision, RemoteMirror.History history) {
        if (mirror != null) {
            mirror.fetchFor(revision, history);
        }
        return Revisions.commit(repository, revision, location.display());
    }

    ManifestAtRevision load(String revision, ManifestFile file) {
        String source = ManifestAtRevision.sourceName(location.display(), revision, file.path());
        return new ManifestAtRevision(
                location.display(), revision, file.commit().name(), file.path(), loader.load(source, file.content()));
    }

    ManifestFile fileAt(ObjectId commit, String path, String revision) {
        return findFile(commit, path).orElseThrow(() -> notFound(commit, path, revision, ""));
    }

    Optional<ManifestFile> findFile(ObjectId commit, String path) {
        try (RevWalk walk = new RevWalk(repository);
                ObjectReader reader = repository.newObjectReader()) {
            RevCommit parsed = walk.parseCommit(commit);
            try (TreeWalk tree = TreeWalk.forPath(reader, path, parsed.getTree())) {
                if (tree == null || tree.getFileMode(0) == FileMode.TREE || tree.getFileMode(0) == FileMode.GITLINK) {
                    return Optional.empty();
                }
                try (InputStream in =
                        reader.open(tree.getObjectId(0), Constants.OBJ_BLOB).openStream()) {
                    // Bounded like a file on disk: the loader then refuses an oversized manifest with its message.
                    return Optional.of(new ManifestFile(commit, path, loader.readBounded(in), tree.getFileMode(0)));
                }
            }
        } catch (IOException e) {
            throw new RepositoryAccessException(
                    "cannot read " + path + " at " + commit.abbreviate(12).name() + " in " + location.display() + ": "
                            + e.getMessage(),
                    "check that the repository is complete (git fsck)",
                    e);
        }
    }

    private ManifestHistory.Result history(String path, ObjectId until, ObjectId since) {
        try {
            return new ManifestHistory(repository, location.display()).walk(path, until, since);
        } catch (IOException e) {
            throw new RepositoryAccessException(
                    "cannot walk the history of " + location.display() + ": " + e.getMessage(),
                    "check that the repository is complete (git fsck)",
                    e);
        }
    }

    private ManifestNotFoundException notFound(ObjectId commit, String path, String revision, String detail) {
        int slash = path.lastIndexOf('/');
        String directory = slash < 0 ? "" : path.substring(0, slash);
        String name = path.substring(slash + 1);
        List<String> files = filesIn(commit, directory);
        String where = directory.isEmpty() ? "the repository root" : directory + "/";
        String hint;
        if (files == null) {
            hint = "there is no directory " + where + " at that commit; check --path and the revision";
        } else {
            String suggestion = Suggestions.closest(name, files)
                    .map(s -> "did you mean " + (directory.isEmpty() ? "" : directory + "/") + s + "? ")
                    .orElse("");
            List<String> manifests = files.stream()
                    .filter(f -> f.endsWith(".yaml") || f.endsWith(".yml"))
                    .toList();
            hint = suggestion + "YAML files in " + where + ": "
                    + (manifests.isEmpty() ? "none" : String.join(", ", manifests));
        }
        return new ManifestNotFoundException(
                path,
                commit.name(),
                "no file " + path + " at " + revision + " (commit "
                        + commit.abbreviate(12).name() + ") in " + location.display() + detail,
                hint);
    }

    /** The file names in {@code directory} at {@code commit}, or {@code null} when there is no such directory. */
    private List<String> filesIn(ObjectId commit, String directory) {
        try (RevWalk walk = new RevWalk(repository);
                TreeWalk tree = new TreeWalk(repository)) {
            RevCommit parsed = walk.parseCommit(commit);
            if (directory.isEmpty()) {
                tree.addTree(parsed.getTree());
            } else {
                try (TreeWalk dir = TreeWalk.forPath(repository, directory, parsed.getTree())) {
                    if (dir == null || dir.getFileMode(0) != FileMode.TREE) {
                        return null;
                    }
                    tree.addTree(dir.getObjectId(0));
                }
            }
            List<String> names = new ArrayList<>();
            while (tree.next() && names.size() < 200) {
                if (tree.getFileMode(0) != FileMode.TREE) {
                    names.add(tree.getNameString());
                }
            }
            return names;
        } catch (IOException e) {
            return List.of();
        }
    }
}

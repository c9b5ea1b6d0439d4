package io.jenkins.plugins.releasetrain.gitops;

import io.jenkins.plugins.releasetrain.manifest.ManifestException;
import io.jenkins.plugins.releasetrain.manifest.ManifestLimits;
import io.jenkins.plugins.releasetrain.manifest.ManifestLoader;
import io.jenkins.plugins.releasetrain.manifest.ReleaseId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.api.errors.CanceledException;
import org.eclipse.jgit.diff.DiffConfig;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Walks the commits between two points of a repository's history once, following one file through
 * renames, and keeps the commits that changed its content. See {@link ManifestAuthorship} for what counts.
 *
 * <p>Commits come children first ({@link RevSort#TOPO}), so the path a file has in a commit is known
 * before its parents are visited: a parent gets the child's path, or, where the parent has no file there,
 * the path the rename detector says the file came from.
 */
final class ManifestHistory {

    private static final String CO_AUTHORED_BY = "Co-authored-by";

    /** What one walk found. {@code pathAtSince} is empty when {@code since} was not reached. */
    record Result(List<ManifestChange> changes, Optional<String> pathAtSince, boolean sinceIsAncestor) {}

    private final Repository repository;
    private final String repositoryName;

    ManifestHistory(Repository repository, String repositoryName) {
        this.repository = repository;
        this.repositoryName = repositoryName;
    }

    Result walk(String path, ObjectId until, ObjectId since) throws IOException {
        Set<ObjectId> shallow = repository.getObjectDatabase().getShallowCommits();
        try (ObjectReader reader = repository.newObjectReader();
                RevWalk walk = new RevWalk(reader)) {
            walk.sort(RevSort.TOPO);
            RevCommit head = walk.parseCommit(until);
            RevCommit base = since == null ? null : walk.parseCommit(since);
            walk.markStart(head);
            if (base != null) {
                walk.markUninteresting(base);
            }
            Map<String, TreeLookup> lookups = new HashMap<>();
            Map<ObjectId, String> pathOf = new HashMap<>();
            pathOf.put(head, path);
            List<ManifestChange> changes = new ArrayList<>();
            MergeContribution merges = new MergeContribution(reader);
            boolean sinceReached = base == null || base.equals(head);
            for (RevCommit commit : walk) {
                if (shallow.contains(commit)) {
                    throw shallowHistory(commit, base);
                }
                String commitPath = pathOf.getOrDefault(commit, path);
                ObjectId file = lookup(lookups, reader, commitPath).fileIn(commit.getTree());
                boolean changed = true;
                List<ObjectId> parentFiles = new ArrayList<>(commit.getParentCount());
                for (RevCommit parent : commit.getParents()) {
                    walk.parseHeaders(parent);
                    String parentPath = pathOf.computeIfAbsent(
                            parent, p -> pathInParent(lookups, reader, parent, commit, commitPath, file));
                    ObjectId parentFile = lookup(lookups, reader, parentPath).fileIn(parent.getTree());
                    parentFiles.add(parentFile);
                    if (Objects.equals(parentFile, file)) {
                        changed = false;
                    }
                    sinceReached |= parent.equals(base);
                }
                if (commit.getParentCount() == 0) {
                    changed = file != null;
                } else if (changed && commit.getParentCount() > 1) {
                    TreeLookup firstParentPath = lookup(lookups, reader, pathOf.get(commit.getParent(0)));
                    changed = merges.wroteItsOwn(commit, file, firstParentPath, parentFiles);
                }
                if (changed
                        && commit.getParentCount() == 1
                        && file != null
                        && parentFiles.get(0) != null
                        && sameRelease(reader, file, parentFiles.get(0), commitPath)) {
                    // Only comments or layout changed: whoever did that wrote nothing of the release.
                    changed = false;
                }
                if (changed) {
                    changes.add(change(commit, commitPath));
                }
            }
            Optional<String> pathAtSince = base == null ? Optional.empty() : Optional.ofNullable(pathOf.get(base));
            return new Result(changes, pathAtSince, sinceReached);
        }
    }

    /** Whether two versions of the manifest declare the same release (the same values, whatever the bytes). */
    private static boolean sameRelease(ObjectReader reader, ObjectId file, ObjectId parentFile, String path)
            throws IOException {
        int limit = ManifestLimits.DEFAULT.maxBytes();
        try {
            ManifestLoader loader = new ManifestLoader();
            ReleaseId now = ReleaseId.of(
                    loader.load(path, reader.open(file).getCachedBytes(limit)).release());
            ReleaseId before =
                    ReleaseId.of(loader.load(path, reader.open(parentFile).getCachedBytes(limit))
                            .release());
            return now.equals(before);
        } catch (ManifestException | org.eclipse.jgit.errors.LargeObjectException e) {
            // Not a valid manifest on one side: the change is a change.
            return false;
        }
    }

    private static TreeLookup lookup(Map<String, TreeLookup> lookups, ObjectReader reader, String path) {
        return lookups.computeIfAbsent(path, p -> new TreeLookup(reader, p));
    }

    /** The file's path in {@code parent}: the same when it is there, else where a rename took it from. */
    private String pathInParent(
            Map<String, TreeLookup> lookups,
            ObjectReader reader,
            RevCommit parent,
            RevCommit child,
            String childPath,
            ObjectId childFile) {
        try {
            if (childFile == null || lookup(lookups, reader, childPath).fileIn(parent.getTree()) != null) {
                return childPath;
            }
            return renameSource(reader, parent, child, childPath).orElse(childPath);
        } catch (IOException e) {
            throw new RepositoryAccessException(
                    "cannot read commit " + parent.abbreviate(12).name() + " of " + repositoryName + ": "
                            + e.getMessage(),
                    "check that the repository is complete (git fsck)",
                    e);
        }
    }

    private Optional<String> renameSource(ObjectReader reader, RevCommit parent, RevCommit child, String childPath)
            throws IOException {
        try (TreeWalk trees = new TreeWalk(repository, reader)) {
            trees.setRecursive(true);
            trees.addTree(parent.getTree());
            trees.addTree(child.getTree());
            RenameDetector renames =
                    new RenameDetector(reader, repository.getConfig().get(DiffConfig.KEY));
            renames.addAll(DiffEntry.scan(trees));
            for (DiffEntry entry : renames.compute(reader, NullProgressMonitor.INSTANCE)) {
                if (entry.getChangeType() == DiffEntry.ChangeType.RENAME
                        && entry.getNewPath().equals(childPath)) {
                    return Optional.of(entry.getOldPath());
                }
            }
            return Optional.empty();
        } catch (CanceledException e) {
            throw new IllegalStateException("rename detection without a monitor is never cancelled", e);
        }
    }

    private static ManifestChange change(RevCommit commit, String path) {
        PersonIdent author = commit.getAuthorIdent();
        PersonIdent committer = commit.getCommitterIdent();
        List<Identity> coAuthors = commit.getFooterLines(CO_AUTHORED_BY).stream()
                .map(Identity::parse)
                .flatMap(Optional::stream)
                .toList();
        return new ManifestChange(
                commit.name(),
                path,
                new Identity(author.getName(), author.getEmailAddress()),
                new Identity(committer.getName(), committer.getEmailAddress()),
                coAuthors,
                author.getWhenAsInstant(),
                commit.getShortMessage());
    }

    private RepositoryAccessException shallowHistory(RevCommit commit, RevCommit base) {
        return new RepositoryAccessException(
                "the history of " + repositoryName + " is cut short at commit "
                        + commit.abbreviate(12).name()
                        + (base == null
                                ? ""
                                : ", before reaching " + base.abbreviate(12).name())
                        + ": who changed the manifest cannot be told from a shallow clone",
                "fetch the full history (git fetch --unshallow), or give the repository's URL instead of a clone");
    }
}

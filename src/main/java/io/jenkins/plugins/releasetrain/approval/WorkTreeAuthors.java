package io.jenkins.plugins.releasetrain.approval;

import io.jenkins.plugins.releasetrain.gitops.GitAccess;
import io.jenkins.plugins.releasetrain.gitops.GitOpsException;
import io.jenkins.plugins.releasetrain.gitops.ManifestRepository;
import io.jenkins.plugins.releasetrain.gitops.RepositoryLocation;
import io.jenkins.plugins.releasetrain.manifest.ManifestException;
import io.jenkins.plugins.releasetrain.manifest.ReleaseId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Who wrote a release, read from the git history of the manifest in a work tree (a CI workspace): the people
 * who changed the file since the last released commit. Only a manifest that is exactly what git holds at HEAD
 * has authors git can name; a file edited or written in the work tree has none anyone can tell.
 */
public final class WorkTreeAuthors {

    /** What the history says: the authors and the commit they lead to, or why nobody can tell. */
    public sealed interface Result {}

    /** @param head the commit whose manifest is released (full SHA) */
    public record Known(List<ReleaseAuthor> authors, String head) implements Result {
        public Known {
            authors = List.copyOf(authors);
        }
    }

    public record Unknown(String reason) implements Result {}

    private WorkTreeAuthors() {}

    /**
     * @param root the work tree (the manifest is at {@code root/manifest}; the repository may be the work tree's
     *     or that of a checkout in a folder of it)
     * @param manifest the manifest's path below {@code root}, with {@code /}
     * @param released the release read from that file: git must hold exactly this content at HEAD
     * @param since the commit released last in the environment, when known; otherwise the whole history counts
     */
    public static Result find(Path root, String manifest, ReleaseId released, Optional<String> since) {
        Path file = root.resolve(manifest).normalize();
        Optional<Path> repository = repositoryOf(root, file.getParent());
        if (repository.isEmpty()) {
            return new Unknown(manifest + " is not in a git checkout (written by the Pipeline, or copied)");
        }
        String path = repository.get().relativize(file).toString().replace('\\', '/');
        try (ManifestRepository git = ManifestRepository.open(
                RepositoryLocation.local(repository.get()), GitAccess.anonymous(GitAccess.defaultCacheRoot()))) {
            String head = git.resolve("HEAD");
            if (!git.releaseAt(head, path).id().equals(released)) {
                return new Unknown(manifest + " in the workspace is not what git holds at HEAD: it was changed"
                        + " after the checkout");
            }
            Optional<String> base = since.filter(commit -> knows(git, commit));
            return new Known(ReleaseAuthors.of(git.authorship(path, base, head)), head);
        } catch (GitOpsException | ManifestException e) {
            return new Unknown("the git history of " + manifest + " cannot be read: " + e.getMessage());
        }
    }

    private static boolean knows(ManifestRepository git, String commit) {
        try {
            git.resolve(commit);
            return true;
        } catch (GitOpsException e) {
            // A shallow clone, or history rewritten since: the whole history available counts instead.
            return false;
        }
    }

    /** The nearest folder from {@code start} up to {@code root} that holds a {@code .git}. */
    private static Optional<Path> repositoryOf(Path root, Path start) {
        Path normalizedRoot = root.normalize();
        for (Path dir = start; dir != null && dir.startsWith(normalizedRoot); dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }
}

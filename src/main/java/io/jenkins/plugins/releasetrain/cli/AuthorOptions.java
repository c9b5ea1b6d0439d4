package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.approval.ReleaseAuthor;
import io.jenkins.plugins.releasetrain.approval.ReleaseAuthors;
import io.jenkins.plugins.releasetrain.gitops.GitAccess;
import io.jenkins.plugins.releasetrain.gitops.GitOpsException;
import io.jenkins.plugins.releasetrain.gitops.ManifestRepository;
import io.jenkins.plugins.releasetrain.gitops.RepositoryLocation;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Who wrote the release, for the rule that keeps authors from approving it: named, or found in git. */
public final class AuthorOptions {

    @Option(
            names = "--author",
            paramLabel = "NAME|EMAIL",
            description = "Someone who wrote the release (repeatable): the author, committer or Co-authored-by of"
                    + " a commit that changed the manifest. Authors may not approve unless the rule allows it.")
    private List<String> named = new ArrayList<>();

    @Option(
            names = "--authors-since",
            paramLabel = "REF",
            description = "Also take as authors everyone who changed the manifest in its git repository after REF"
                    + " (the last released commit or tag) up to HEAD: authors, committers and Co-authored-by.")
    private String since;

    /**
     * The authors of the release declared in {@code manifest}.
     *
     * @throws GitOpsException when {@code --authors-since} cannot be answered from the manifest's repository
     */
    List<ReleaseAuthor> of(Path manifest) {
        List<ReleaseAuthor> authors = new ArrayList<>();
        for (String author : named) {
            boolean email = author.contains("@");
            authors.add(new ReleaseAuthor(email ? null : author, email ? author : null, "", "authored"));
        }
        if (since != null) {
            authors.addAll(inGit(manifest));
        }
        return authors;
    }

    private List<ReleaseAuthor> inGit(Path manifest) {
        Path file = manifest.toAbsolutePath().normalize();
        Path root = file.getParent();
        while (root != null && !Files.exists(root.resolve(".git"))) {
            root = root.getParent();
        }
        if (root == null) {
            throw new NotInRepositoryException(manifest);
        }
        try (ManifestRepository repository = ManifestRepository.open(
                RepositoryLocation.local(root), GitAccess.anonymous(GitAccess.defaultCacheRoot()))) {
            String path = root.relativize(file).toString().replace(File.separatorChar, '/');
            return ReleaseAuthors.of(
                    repository.authorship(path, Optional.of(repository.resolve(since)), repository.resolve("HEAD")));
        }
    }

    /** {@code --authors-since} for a manifest outside any git work tree. */
    private static final class NotInRepositoryException extends GitOpsException {
        private static final long serialVersionUID = 1L;

        NotInRepositoryException(Path manifest) {
            super(
                    manifest + " is not in a git repository",
                    "give the authors with --author, or run from a clone of the manifests' repository");
        }
    }
}

package io.jenkins.plugins.releasetrain.gitops;

import io.jenkins.plugins.releasetrain.board.DeclaredReleases;
import io.jenkins.plugins.releasetrain.manifest.ManifestException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the manifests in a git repository declare for each environment, for the board's git drift: read at the tip
 * of one branch, where {@code promote} commits its reviews onto. An environment without a manifest there, or one
 * that does not load, has no declared release (the latter said as a warning).
 */
public final class GitDeclaredReleases implements DeclaredReleases {

    private final ManifestRepository repository;
    private final ManifestPathPattern paths;
    private final String branch;
    private final String revision;
    private final Consumer<String> warnings;

    /** Reads each manifest at the tip of {@code branch} as the repository has it when asked. */
    public GitDeclaredReleases(
            ManifestRepository repository, ManifestPathPattern paths, String branch, Consumer<String> warnings) {
        this(repository, paths, branch, branch, warnings);
    }

    private GitDeclaredReleases(
            ManifestRepository repository,
            ManifestPathPattern paths,
            String branch,
            String revision,
            Consumer<String> warnings) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.paths = Objects.requireNonNull(paths, "paths");
        this.branch = Objects.requireNonNull(branch, "branch");
        this.revision = Objects.requireNonNull(revision, "revision");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    /**
     * Reads each manifest at {@code commit}, the tip {@code branch} had when it was fetched, naming it as on
     * {@code branch}: every environment is read from the same commit, however often the branch moves meanwhile.
     */
    public static GitDeclaredReleases atCommit(
            ManifestRepository repository,
            ManifestPathPattern paths,
            String branch,
            String commit,
            Consumer<String> warnings) {
        return new GitDeclaredReleases(repository, paths, branch, commit, warnings);
    }

    @Override
    public Optional<Declared> of(String environment) {
        String path;
        try {
            path = paths.pathFor(environment);
        } catch (GitOpsException e) {
            warnings.accept(e.getMessage());
            return Optional.empty();
        }
        try {
            ManifestAtRevision read = repository.read(revision, path);
            if (!read.release().environment().name().equals(environment)) {
                warnings.accept(branch + ":" + path + " declares environment '"
                        + read.release().environment().name() + "', not '" + environment + "'; not compared");
                return Optional.empty();
            }
            return Optional.of(new Declared(branch + ":" + path, read.release()));
        } catch (ManifestNotFoundException e) {
            return Optional.empty();
        } catch (GitOpsException | ManifestException e) {
            warnings.accept(branch + ":" + path + " cannot be compared with what runs: " + e.getMessage());
            return Optional.empty();
        }
    }
}

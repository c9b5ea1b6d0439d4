package io.jenkins.plugins.releasetrain.cli;

import io.jenkins.plugins.releasetrain.board.DeclaredReleases;
import io.jenkins.plugins.releasetrain.gitops.GitOpsException;
import io.jenkins.plugins.releasetrain.gitops.ManifestAtRevision;
import io.jenkins.plugins.releasetrain.gitops.ManifestNotFoundException;
import io.jenkins.plugins.releasetrain.gitops.ManifestPathPattern;
import io.jenkins.plugins.releasetrain.gitops.ManifestRepository;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the manifests in a git repository declare for each environment, for the board's git drift: read at the tip
 * of one branch, where {@code promote} commits its reviews onto. An environment without a manifest there, or one
 * that does not load, has no declared release (the latter said once as a warning).
 */
final class GitDeclaredReleases implements DeclaredReleases {

    private final ManifestRepository repository;
    private final ManifestPathPattern paths;
    private final String branch;
    private final Consumer<String> warnings;

    GitDeclaredReleases(
            ManifestRepository repository, ManifestPathPattern paths, String branch, Consumer<String> warnings) {
        this.repository = repository;
        this.paths = paths;
        this.branch = branch;
        this.warnings = warnings;
    }

    @Override
    public Optional<Declared> of(String environment) {
        String path = paths.pathFor(environment);
        try {
            ManifestAtRevision read = repository.read(branch, path);
            if (!read.release().environment().name().equals(environment)) {
                warnings.accept(branch + ":" + path + " declares environment '"
                        + read.release().environment().name() + "', not '" + environment + "'; not compared");
                return Optional.empty();
            }
            return Optional.of(new Declared(branch + ":" + path, read.release()));
        } catch (ManifestNotFoundException e) {
            return Optional.empty();
        } catch (GitOpsException | io.jenkins.plugins.releasetrain.manifest.ManifestException e) {
            warnings.accept(branch + ":" + path + " cannot be compared with what runs: " + e.getMessage());
            return Optional.empty();
        }
    }
}

package io.jenkins.plugins.releasetrain.gitops;

import io.jenkins.plugins.releasetrain.manifest.LoadedManifest;
import io.jenkins.plugins.releasetrain.manifest.Release;
import java.util.Objects;

/**
 * A release manifest as it is at one commit of a repository.
 *
 * @param repository the repository as messages name it (credentials masked)
 * @param revision the revision as asked for ({@code main}, {@code v1.4.0}, {@code 3f2a9c1})
 * @param commit the full SHA it resolved to
 * @param path the file's path in the repository
 * @param manifest the validated manifest; its diagnostics name the file {@code repository@revision:path}
 */
public record ManifestAtRevision(
        String repository, String revision, String commit, String path, LoadedManifest manifest) {

    public ManifestAtRevision {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(manifest, "manifest");
    }

    public Release release() {
        return manifest.release();
    }

    public String shortCommit() {
        return commit.substring(0, 12);
    }

    /** How diagnostics name a manifest read from git: {@code repository@revision:path}. */
    static String sourceName(String repository, String revision, String path) {
        return repository + "@" + revision + ":" + path;
    }
}

package io.jenkins.plugins.releasetrain.board;

import io.jenkins.plugins.releasetrain.manifest.ArtifactKind;
import java.time.Instant;
import java.util.Objects;

/**
 * The latest thing that happened to one artifact in one environment: the version live there (or being
 * deployed, or waiting for approval), which release brought it, when and by whom.
 *
 * @param productVersion the product's display version in that release ({@code 1.9.0-rc2}), or null
 * @param by who released it, or null when the ledger does not say
 */
public record ArtifactState(
        String artifactId,
        String product,
        ArtifactKind kind,
        String version,
        String displayVersion,
        String productVersion,
        Status status,
        String releaseId,
        Instant at,
        String by) {

    public ArtifactState {
        Objects.requireNonNull(artifactId, "artifactId");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(releaseId, "releaseId");
        Objects.requireNonNull(at, "at");
        displayVersion = displayVersion == null ? DisplayVersions.of(kind, version) : displayVersion;
    }
}

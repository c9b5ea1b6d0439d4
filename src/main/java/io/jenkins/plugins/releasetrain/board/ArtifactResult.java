package io.jenkins.plugins.releasetrain.board;

import io.jenkins.plugins.releasetrain.manifest.ArtifactKind;
import java.time.Instant;
import java.util.Objects;

/** How one artifact of a run ended (or stands, while the run goes on). */
public record ArtifactResult(
        String artifactId,
        String product,
        ArtifactKind kind,
        String version,
        String displayVersion,
        String productVersion,
        Status status,
        Instant at) {

    public ArtifactResult {
        Objects.requireNonNull(artifactId, "artifactId");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(version, "version");
        Status.require(Objects.requireNonNull(status, "status"), Status.RESULT, "an artifact's result");
        Objects.requireNonNull(at, "at");
        displayVersion = displayVersion == null ? DisplayVersions.of(kind, version) : displayVersion;
    }

    /**
     * This result as the state it leaves the artifact in, attributed to its run; a live result (succeeded
     * or unchanged) leaves it succeeded, linked to the run's page.
     */
    public ArtifactState asStateOf(HistoryEntry run) {
        return new ArtifactState(
                artifactId,
                product,
                kind,
                version,
                displayVersion,
                productVersion,
                status.isLive() ? Status.SUCCEEDED : status,
                run.releaseId(),
                at,
                run.actor(),
                null,
                run.url());
    }
}

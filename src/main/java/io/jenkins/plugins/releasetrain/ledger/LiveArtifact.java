package io.jenkins.plugins.releasetrain.ledger;

import io.jenkins.plugins.releasetrain.manifest.ReleaseId;
import java.time.Instant;
import java.util.Objects;

/**
 * One artifact live in an environment.
 *
 * @param latest     its last result that left it live: the release it belongs to now (a later release that
 *                   found it unchanged counts)
 * @param deployment the result that actually deployed this content: when, by whom, in which run. The same
 *                   as {@code latest} unless later runs found it unchanged.
 * @param deploymentRecorded false when the ledger holds no readable record of this content's deployment (a
 *                   run found it unchanged, so it was deployed, but that record is damaged): then
 *                   {@code deployment} is only the earliest run that found it live, not the one that deployed it
 */
public record LiveArtifact(ArtifactResult latest, ArtifactResult deployment, boolean deploymentRecorded) {

    public LiveArtifact {
        Objects.requireNonNull(latest, "latest");
        Objects.requireNonNull(deployment, "deployment");
    }

    public LiveArtifact(ArtifactResult latest, ArtifactResult deployment) {
        this(latest, deployment, true);
    }

    public String artifactId() {
        return latest.artifactId();
    }

    /** What is live: the artifact's attributes, version and product version. */
    public RecordedArtifact artifact() {
        return latest.artifact();
    }

    /** The release this artifact is live as part of. */
    public ReleaseId releaseId() {
        return latest.releaseId();
    }

    public Instant deployedAt() {
        return deployment.ended();
    }

    public String deployedBy() {
        return deployment.actor();
    }

    public RunId deployedIn() {
        return deployment.runId();
    }
}

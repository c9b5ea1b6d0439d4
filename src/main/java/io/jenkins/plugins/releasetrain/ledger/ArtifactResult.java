package io.jenkins.plugins.releasetrain.ledger;

import io.jenkins.plugins.releasetrain.manifest.ReleaseId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What one run did to one artifact, written as soon as that artifact's task ended.
 *
 * @param message why it ended so, for people: {@code exit 0}, {@code timed out after 30m}
 * @param output  the tail of what the handler printed (bounded), empty when nothing ran
 */
public record ArtifactResult(
        RunId runId,
        ReleaseId releaseId,
        String actor,
        Instant time,
        RecordedArtifact artifact,
        ArtifactStatus status,
        String message,
        Instant started,
        Instant ended,
        String output)
        implements LedgerRecord {

    public ArtifactResult {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(releaseId, "releaseId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(ended, "ended");
        Objects.requireNonNull(output, "output");
    }

    public String artifactId() {
        return artifact.id();
    }

    public Duration duration() {
        return Duration.between(started, ended);
    }
}

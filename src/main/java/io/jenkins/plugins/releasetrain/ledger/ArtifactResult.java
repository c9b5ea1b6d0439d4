package io.jenkins.plugins.releasetrain.ledger;

import io.jenkins.plugins.releasetrain.manifest.ReleaseId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What one run did to one artifact, written as soon as that artifact's task ended.
 *
 * @param message why it ended so, for people: {@code exit 0}, {@code timed out after 30m}
 * @param output  the tail of what the handler printed (bounded), empty when nothing ran
 * @param details facts a release record shows: {@link #HANDLER}, {@link #DIGEST}, {@link #PREVIOUS_DIGEST};
 *     absent from records written before they existed
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
        String output,
        Map<String, String> details)
        implements LedgerRecord {

    /** The handler program that deployed the artifact. */
    public static final String HANDLER = "handler";
    /** The digest an image's destination tag points at after the run. */
    public static final String DIGEST = "image.digest";
    /** The digest the destination tag pointed at before the run moved it, when it pointed elsewhere. */
    public static final String PREVIOUS_DIGEST = "image.previousDigest";
    /** The downstream build that deployed the artifact (Jenkins). */
    public static final String BUILD = "build";

    public ArtifactResult(
            RunId runId,
            ReleaseId releaseId,
            String actor,
            Instant time,
            RecordedArtifact artifact,
            ArtifactStatus status,
            String message,
            Instant started,
            Instant ended,
            String output) {
        this(runId, releaseId, actor, time, artifact, status, message, started, ended, output, Map.of());
    }

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
        details = Map.copyOf(details);
    }

    public String artifactId() {
        return artifact.id();
    }

    public Duration duration() {
        return Duration.between(started, ended);
    }
}

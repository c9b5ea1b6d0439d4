package io.jenkins.plugins.releasetrain.ledger;

import io.jenkins.plugins.releasetrain.manifest.ReleaseId;
import java.time.Instant;
import java.util.Objects;

/**
 * A run is about to start one artifact's work (a handler, a retag), written before it starts. A started
 * artifact without a result is one whose work was under way when its runner died: a resumed run says so and
 * does it again.
 */
public record ArtifactStarted(RunId runId, ReleaseId releaseId, String actor, Instant time, String artifactId)
        implements LedgerRecord {

    public ArtifactStarted {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(releaseId, "releaseId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(artifactId, "artifactId");
    }
}
